import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { readJson, readProblem } from "../support/api.js";
import { SearchResponseSchema } from "../../src/search/search.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("POST /v1/search bad input", () => {
  it.each([
    ["empty query", { query: "  " }, "query"],
    ["query over 10,000 characters", { query: "a".repeat(10_001) }, "query"],
    ["limit 0", { query: "reset", limit: 0 }, "limit"],
    ["limit 51", { query: "reset", limit: 51 }, "limit"],
    ["unknown filter", { query: "reset", filters: { colour: "red" } }, "filters"],
    ["bad visibility", { query: "reset", filters: { visibility: "secret" } }, "filters.visibility"],
    ["bad language", { query: "reset", filters: { language: "english" } }, "filters.language"],
  ])("%s → 400 VALIDATION_FAILED", async (_name, payload, field) => {
    const res = await ctx.req("POST", "/v1/search", payload, "agent");
    expect(res.status).toBe(400);
    const body = await readProblem(res);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.errors?.map((e: { field: string }) => e.field).join(" ")).toContain(field);
  });

  it("a query of only punctuation is valid and finds nothing", async () => {
    const res = await ctx.req("POST", "/v1/search", { query: "?!… --" }, "agent");
    expect(res.status).toBe(200);
    expect((await readJson(res, SearchResponseSchema)).hits).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookSubscriptions } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { readProblem } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("webhook subscription errors", () => {
  it("rejects bad URLs and unknown events, writing nothing", async () => {
    const res = await ctx.req("POST", "/v1/webhooks", { url: "ftp://example.com/x", events: ["escalation.exploded"] }, "admin");
    expect(res.status).toBe(400);
    const body = await readProblem(res);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.errors?.map((e: { field: string }) => e.field).sort()).toEqual(["events.0", "url"]);
    expect((await ctx.req("POST", "/v1/webhooks", { url: "https://example.com/x", events: [] }, "admin")).status).toBe(400);
    expect(await ctx.database.db.select().from(webhookSubscriptions)).toEqual([]);
  });

  it("answers 404 for unknown subscriptions", async () => {
    expect((await ctx.req("DELETE", "/v1/webhooks/wh_nope", undefined, "admin")).status).toBe(404);
    const res = await ctx.req("GET", "/v1/webhooks/wh_nope/deliveries", undefined, "admin");
    expect(res.status).toBe(404);
    expect((await readProblem(res)).code).toBe("NOT_FOUND");
  });
});

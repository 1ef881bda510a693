import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { present, readProblem } from "../support/api.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

async function expectProblem(res: Response, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = await readProblem(res);
  expect(body.code).toBe(code);
  if (field) expect(present(body.errors, "the field errors").map((e) => e.field)).toContain(field);
}

const ticketCount = async () => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from tickets`))[0]?.n);

describe("portal input limits", () => {
  it("rejects empty, too short, too long and unknown search fields", async () => {
    await expectProblem(await ctx.req("POST", "/portal/api/search", { query: "" }), 400, "VALIDATION_FAILED", "query");
    await expectProblem(await ctx.req("POST", "/portal/api/search", { query: "a" }), 400, "VALIDATION_FAILED", "query");
    await expectProblem(await ctx.req("POST", "/portal/api/search", { query: "x".repeat(501) }), 400, "VALIDATION_FAILED", "query");
    await expectProblem(await ctx.req("POST", "/portal/api/search", { query: "printer", filters: { visibility: "internal" } }), 400, "VALIDATION_FAILED");
    await expectProblem(await ctx.req("POST", "/portal/api/search", { query: "printer", language: "xx" }), 400, "VALIDATION_FAILED", "language");
  });

  it("bounds ticket fields and writes no ticket for a rejected request", async () => {
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", { body: "x".repeat(5001) }), 400, "VALIDATION_FAILED", "body");
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", { body: "   " }), 400, "VALIDATION_FAILED", "body");
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", { body: "help", email: "not-an-email" }), 400, "VALIDATION_FAILED", "email");
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", { body: "help", subject: "s".repeat(201) }), 400, "VALIDATION_FAILED", "subject");
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", { body: "help", helped: true }), 400, "VALIDATION_FAILED", "helped");
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", { body: "help", channel: "api" }), 400, "VALIDATION_FAILED");
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", { body: "help", articleId: "art_01m82y6mj7f22rqb6w4a2k7wwd", helped: false }), 404, "NOT_FOUND");
    expect(await ticketCount()).toBe(0);
  });

  it("answers oversized bodies, non-JSON and malformed JSON with their problem codes", async () => {
    await expectProblem(await ctx.req("POST", "/portal/api/tickets", JSON.stringify({ body: "x".repeat(300 * 1024) })), 413, "PAYLOAD_TOO_LARGE");
    await expectProblem(
      await ctx.req("POST", "/portal/api/search", "query=printer", undefined, { "content-type": "application/x-www-form-urlencoded" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    await expectProblem(await ctx.req("POST", "/portal/api/search", "{not json"), 400, "MALFORMED_JSON");
    expect(await ticketCount()).toBe(0);
  });

  it("404s unknown articles and tickets without saying more", async () => {
    await expectProblem(await ctx.req("GET", "/portal/api/articles/art_01m82y6mj7f22rqb6w4a2k7wwd"), 404, "NOT_FOUND");
    await expectProblem(
      await ctx.req("POST", "/portal/api/tickets/tkt_01m82y6mj7f22rqb6w4a2k7wwd/feedback", { articleId: "art_01m82y6mj7f22rqb6w4a2k7wwd", helped: false }),
      404,
      "NOT_FOUND",
    );
    await expectProblem(await ctx.req("POST", "/portal/api/tickets/tkt_x/feedback", { articleId: "a", helped: "yes" }), 400, "VALIDATION_FAILED", "helped");
  });
});

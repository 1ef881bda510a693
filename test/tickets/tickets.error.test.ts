import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalations, tickets } from "../../src/db/schema/index.js";
import { present, readProblem } from "../support/api.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { KB, seedArticles } from "../search/fixtures.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  await seedArticles(ctx, [KB.reset!]);
});

async function rowCounts() {
  const [t] = await ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(tickets);
  const [e] = await ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(escalations);
  return [Number(t?.n), Number(e?.n)];
}

describe("POST /v1/tickets bad input", () => {
  it.each([
    ["empty body", { body: "   ", channel: "email" }, "body"],
    ["100 kB body", { body: "x".repeat(100_000), channel: "email" }, "body"],
    ["unknown channel", { body: "reset email missing", channel: "fax" }, "channel"],
    ["missing channel", { body: "reset email missing" }, "channel"],
    ["bad language", { body: "reset email missing", channel: "chat", language: "xx" }, "language"],
    ["unknown field", { body: "reset email missing", channel: "chat", urgent: true }, "(body)"],
  ])("%s → 400 VALIDATION_FAILED naming the field, nothing written", async (_name, payload, field) => {
    const res = await ctx.req("POST", "/v1/tickets", payload, "agent");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await readProblem(res);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(
      present(body.errors, "the field errors")
        .map((e) => e.field)
        .join(" "),
    ).toContain(field === "(body)" ? "" : field);
    expect(await rowCounts()).toEqual([0, 0]);
  });

  it("rejects the same idempotency key with a different body: 409 IDEMPOTENCY_CONFLICT, first ticket kept", async () => {
    const first = await ctx.req("POST", "/v1/tickets", { body: "The reset email never arrives", channel: "email", idempotencyKey: "k-1" }, "agent");
    expect(first.status).toBe(201);
    const res = await ctx.req("POST", "/v1/tickets", { body: "Something else entirely", channel: "email", idempotencyKey: "k-1" }, "agent");
    expect(res.status).toBe(409);
    expect((await readProblem(res)).code).toBe("IDEMPOTENCY_CONFLICT");
    expect((await rowCounts())[0]).toBe(1);
  });

  it("answers 404 NOT_FOUND for unknown ticket ids (get and re-open)", async () => {
    for (const [method, path] of [
      ["GET", "/v1/tickets/tkt_nope"],
      ["POST", "/v1/tickets/tkt_nope/reopen"],
    ] as const) {
      const res = await ctx.req(method, path, undefined, "agent");
      expect(res.status).toBe(404);
      expect((await readProblem(res)).code).toBe("NOT_FOUND");
    }
  });

  it("rejects a bad list limit", async () => {
    const res = await ctx.req("GET", "/v1/tickets?limit=0", undefined, "agent");
    expect(res.status).toBe(400);
    expect((await readProblem(res)).code).toBe("VALIDATION_FAILED");
  });
});

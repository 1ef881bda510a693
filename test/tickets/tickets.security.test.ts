import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { submitTicket } from "../../src/tickets/tickets.service.js";
import { createTestContext, json, type TestContext } from "../support/context.js";
import { KB, seedArticles } from "../search/fixtures.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("ticket access", () => {
  it("needs an API key: 401 for anonymous callers", async () => {
    const res = await ctx.req("POST", "/v1/tickets", { body: "reset email missing", channel: "email" });
    expect(res.status).toBe(401);
    expect((await json(res)).code).toBe("UNAUTHENTICATED");
    expect((await ctx.req("GET", "/v1/tickets")).status).toBe(401);
  });

  it("never shows an internal fix to a portal ticket, and never answers a customer with it", async () => {
    const [internalId] = await seedArticles(ctx, [KB.invoicePayment!]);
    const result = await submitTicket({
      deps: ctx.deps,
      input: { body: "Finance no longer allows credit cards: can we switch to invoice payment by bank transfer with 30-day terms?", channel: "portal" },
      caller: { role: "portal", name: "portal", ip: "127.0.0.1" },
    });
    expect(result.verdict?.decision).not.toBe("answer");
    expect(JSON.stringify(result.verdict?.matches)).not.toContain(internalId);
    expect(JSON.stringify(result.verdict?.matches)).not.toContain("Admin Console");
    expect(result.ticket.source).toBe("portal");
  });

  it("does not let an agent change thresholds or phrases (403)", async () => {
    expect((await ctx.req("GET", "/v1/settings/thresholds", undefined, "agent")).status).toBe(403);
    const res = await ctx.req("POST", "/v1/settings/signal-phrases", { language: "en", kind: "legal", phrase: "small claims court" }, "expert");
    expect(res.status).toBe(403);
  });
});

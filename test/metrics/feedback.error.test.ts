import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { addArticle, addTicket, at, feedbackRows } from "./fixtures.js";
import { readProblem } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("POST /v1/tickets/{id}/feedback rejects and writes nothing", () => {
  it("404 for an unknown ticket", async () => {
    const art = await addArticle(ctx);
    const res = await ctx.req("POST", "/v1/tickets/tkt_nope/feedback", { articleId: art, outcome: "resolved" }, "agent");
    expect(res.status).toBe(404);
    expect((await readProblem(res)).code).toBe("NOT_FOUND");
    expect(await feedbackRows(ctx)).toHaveLength(0);
  });

  it("400 for an article the ticket was not answered or suggested with", async () => {
    const offered = await addArticle(ctx);
    const other = await addArticle(ctx);
    const t = await addTicket(ctx, { createdAt: at("2026-03-01T10:00:00Z"), decision: "answer", topArticleId: offered, verdict: { matches: [{ articleId: offered }] } });
    const res = await ctx.req("POST", `/v1/tickets/${t}/feedback`, { articleId: other, outcome: "resolved" }, "agent");
    expect(res.status).toBe(400);
    const body = await readProblem(res);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.errors?.[0]?.field).toBe("articleId");
    expect(await feedbackRows(ctx)).toHaveLength(0);
  });

  it("400 for a bad outcome, unknown fields or a missing article", async () => {
    const art = await addArticle(ctx);
    const t = await addTicket(ctx, { createdAt: at("2026-03-01T10:00:00Z"), decision: "answer", topArticleId: art });
    for (const body of [{ articleId: art, outcome: "maybe" }, { articleId: art, outcome: "resolved", rating: 5 }, { outcome: "resolved" }]) {
      const res = await ctx.req("POST", `/v1/tickets/${t}/feedback`, body, "agent");
      expect(res.status).toBe(400);
      expect((await readProblem(res)).code).toBe("VALIDATION_FAILED");
    }
    expect(await feedbackRows(ctx)).toHaveLength(0);
  });
});

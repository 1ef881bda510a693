import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { addArticle, addEscalation, addFeedback, addTicket, at, HOUR, plus } from "./fixtures.js";
import { present, readJson } from "../support/api.js";
import { ArticleImpactPageSchema, ContentGapsSchema } from "../../src/metrics/insights.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("GET /v1/insights/articles", () => {
  it("counts reuse, confirmed help, failures and escalations avoided, ranked by impact and paged", async () => {
    const good = await addArticle(ctx, { title: "Good" });
    const bad = await addArticle(ctx, { title: "Bad" });
    await addArticle(ctx, { title: "Unused" });
    const c = at("2026-03-01T10:00:00Z");
    const g1 = await addTicket(ctx, { createdAt: c, decision: "answer", topArticleId: good });
    await addFeedback(ctx, g1, good, "resolved", plus(c, HOUR));
    await addTicket(ctx, { createdAt: plus(c, HOUR), decision: "answer", topArticleId: good });
    const g3 = await addTicket(ctx, { createdAt: plus(c, 2 * HOUR), decision: "answer", topArticleId: good });
    await addEscalation(ctx, g3, { createdAt: plus(c, 200 * HOUR) }); // outside the 72 h window: still avoided
    await addTicket(ctx, { createdAt: c, decision: "answer", topArticleId: bad, reopenedAt: plus(c, HOUR) });
    const b2 = await addTicket(ctx, { createdAt: c, decision: "suggest", topArticleId: bad });
    await addFeedback(ctx, b2, bad, "not_resolved", plus(c, HOUR));
    const b3 = await addTicket(ctx, { createdAt: c, decision: "escalate", topArticleId: bad }); // escalated, not a reuse
    await addEscalation(ctx, b3, { createdAt: c });

    const res = await ctx.req("GET", "/v1/insights/articles?limit=1", undefined, "agent");
    expect(res.status).toBe(200);
    const page1 = await readJson(res, ArticleImpactPageSchema);
    expect(page1.items).toEqual([
      expect.objectContaining({ id: good, reused: 3, confirmedHelpful: 1, failed: 0, escalationsAvoided: 3, failureRatio: 0, impact: 4, review: null }),
    ]);
    const page2 = await readJson(await ctx.req("GET", `/v1/insights/articles?limit=1&cursor=${page1.nextCursor}`, undefined, "agent"), ArticleImpactPageSchema);
    expect(page2.items).toEqual([expect.objectContaining({ id: bad, reused: 2, confirmedHelpful: 0, failed: 2, escalationsAvoided: 0, impact: -2 })]);
    expect(page2.nextCursor).toBeNull();
    const failing = await readJson(await ctx.req("GET", "/v1/insights/articles?sort=failed", undefined, "agent"), ArticleImpactPageSchema);
    expect(failing.items.map((a: { title: string }) => a.title)).toEqual(["Bad", "Good"]);
    const wide = await readJson(await ctx.req("GET", "/v1/insights/articles?window=300", undefined, "agent"), ArticleImpactPageSchema);
    expect(wide.items[0]).toMatchObject({ id: good, failed: 1, escalationsAvoided: 2 });
  });
});

describe("GET /v1/insights/gaps", () => {
  const emb = new HashingEmbedder(384);
  async function gap(text: string, createdAt: Date, over: Record<string, unknown> = {}) {
    const id = await addTicket(ctx, { createdAt, decision: "escalate", subject: text, cleanText: text, embedderId: ctx.deps.embedder.id, embedding: emb.embedOne(text), ...over });
    await addEscalation(ctx, id, { createdAt, type: "functional" });
    return id;
  }

  it("groups obviously related tickets together and apart from others, with trend, languages and terms", async () => {
    const now = at("2026-03-31T00:00:00Z");
    ctx.clock.set(now);
    const day = (d: number) => new Date(now.getTime() - d * 24 * HOUR);
    const reset = [
      await gap("I did not receive the password reset email", day(1)),
      await gap("Password reset email never arrives in my inbox", day(2)),
      await gap("The reset password link email is not arriving", day(3), { language: "de" }),
      await gap("Cannot reset my password, no email received", day(4)),
    ];
    await gap("Password reset email missing again", day(40)); // previous period
    const vat = [
      await gap("Invoice shows the wrong VAT number", day(5)),
      await gap("VAT number on my invoice is incorrect", day(6)),
      await gap("Please fix the VAT number printed on the invoice", day(7)),
    ];
    for (const d of [35, 36, 37, 38, 39, 41]) await gap("Wrong VAT number on the invoice", day(d));
    await gap("Export to CSV crashes the mobile app", day(8));
    // Not gaps: a hierarchical escalation of a ticket that matched an article; another embedder's vector.
    const art = await addArticle(ctx);
    const angry = await addTicket(ctx, {
      createdAt: day(2),
      decision: "escalate",
      topArticleId: art,
      cleanText: "password reset email angry",
      embedderId: ctx.deps.embedder.id,
      embedding: emb.embedOne("password reset email angry"),
    });
    await addEscalation(ctx, angry, { createdAt: day(2), type: "hierarchical" });
    await addTicket(ctx, {
      createdAt: day(2),
      decision: "escalate",
      cleanText: "password reset email",
      embedderId: "other-model",
      embedding: emb.embedOne("password reset email"),
    });
    // Not a gap any more: its escalation was resolved with an article (the gap was filled).
    const filled = await addTicket(ctx, {
      createdAt: day(3),
      decision: "escalate",
      cleanText: "password reset email lost",
      embedderId: ctx.deps.embedder.id,
      embedding: emb.embedOne("password reset email lost"),
    });
    await addEscalation(ctx, filled, { createdAt: day(3), type: "functional", resolvedAt: day(2), resolutionArticleId: art });

    const res = await ctx.req("GET", "/v1/insights/gaps", undefined, "expert");
    expect(res.status).toBe(200);
    const body = await readJson(res, ContentGapsSchema);
    expect(body).toMatchObject({ considered: 8, unembedded: 1, minSimilarity: 0.3, minSize: 2 });
    expect(body.topics).toHaveLength(2);
    const first = present(body.topics[0], "the largest topic");
    const second = present(body.topics[1], "a second topic");
    expect([...first.ticketIds].sort()).toEqual([...reset].sort());
    expect(first).toMatchObject({ size: 4, previousSize: 1, trend: "rising", changePercent: 300, languages: { en: 3, de: 1 } });
    expect(first.terms.slice(0, 3)).toEqual(expect.arrayContaining(["reset", "password", "email"]));
    expect(first.examples).toHaveLength(3);
    expect([...second.ticketIds].sort()).toEqual([...vat].sort());
    expect(second).toMatchObject({ size: 3, previousSize: 6, trend: "falling", changePercent: -50 });
    expect(second.terms).toEqual(expect.arrayContaining(["vat", "invoice"]));

    const singles = await readJson(await ctx.req("GET", "/v1/insights/gaps?minSize=1", undefined, "expert"), ContentGapsSchema);
    expect(singles.topics.map((t: { size: number }) => t.size)).toEqual([4, 3, 1]);
    const again = await readJson(await ctx.req("GET", "/v1/insights/gaps", undefined, "expert"), ContentGapsSchema);
    expect(again.topics.map((t: { id: string }) => t.id)).toEqual(body.topics.map((t: { id: string }) => t.id));
  });
});

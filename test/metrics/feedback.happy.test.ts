import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { articleEvents, articles } from "../../src/db/schema/index.js";
import { recordFeedback } from "../../src/metrics/feedback.service.js";
import { articleHealthTask } from "../../src/metrics/health.task.js";
import { KCS_SETTINGS_KEY, reviewArticleHealth } from "../../src/metrics/health.service.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { addArticle, addEscalation, addTicket, at, feedbackRows, HOUR, plus } from "./fixtures.js";
import { readJson } from "../support/api.js";
import { FeedbackSchema } from "../../src/metrics/feedback.routes.js";
import { MetricsSchema } from "../../src/metrics/metrics.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const events = (id: string) => ctx.database.db.select().from(articleEvents).where(eq(articleEvents.articleId, id));
const article = async (id: string) => (await ctx.database.db.select().from(articles).where(eq(articles.id, id)))[0]!;

describe("POST /v1/tickets/{id}/feedback", () => {
  it("records an agent's verdict on the top article and on any verdict match", async () => {
    const top = await addArticle(ctx);
    const runnerUp = await addArticle(ctx);
    const t = await addTicket(ctx, {
      createdAt: at("2026-03-01T10:00:00Z"),
      decision: "suggest",
      topArticleId: top,
      verdict: { decision: "suggest", matches: [{ articleId: top }, { articleId: runnerUp }] },
    });
    const res = await ctx.req("POST", `/v1/tickets/${t}/feedback`, { articleId: top, outcome: "resolved", comment: " worked " }, "agent");
    expect(res.status).toBe(201);
    expect(await readJson(res, FeedbackSchema)).toMatchObject({
      ticketId: t,
      articleId: top,
      outcome: "resolved",
      source: "agent",
      comment: "worked",
      createdAt: "2026-03-02T09:00:00.000Z",
      articleHealth: [],
    });
    expect((await ctx.req("POST", `/v1/tickets/${t}/feedback`, { articleId: runnerUp, outcome: "not_resolved" }, "expert")).status).toBe(201);
    expect((await feedbackRows(ctx)).map((r) => [r.articleId, r.outcome, r.source])).toEqual([
      [top, "resolved", "agent"],
      [runnerUp, "not_resolved", "agent"],
    ]);
  });

  it("is callable by the portal's code through the service, recorded as portal feedback", async () => {
    const top = await addArticle(ctx);
    const t = await addTicket(ctx, { createdAt: at("2026-03-01T10:00:00Z"), decision: "answer", topArticleId: top });
    const fb = await recordFeedback({ deps: ctx.deps, input: { ticketId: t, articleId: top, outcome: "resolved" }, caller: { role: "portal", name: "portal" } });
    expect(fb.source).toBe("portal");
    const metrics = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-01&to=2026-03-02", undefined, "agent"), MetricsSchema);
    expect(metrics.totals).toMatchObject({ tickets: 1, confirmedResolutions: 1 });
  });

  it("counts a ticket answered and then escalated as not resolved, even with positive feedback", async () => {
    const top = await addArticle(ctx);
    const c = at("2026-03-01T10:00:00Z");
    const t = await addTicket(ctx, { createdAt: c, decision: "answer", topArticleId: top });
    await ctx.req("POST", `/v1/tickets/${t}/feedback`, { articleId: top, outcome: "resolved" }, "agent");
    await addEscalation(ctx, t, { createdAt: plus(c, 200 * HOUR) });
    const metrics = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-01&to=2026-03-02", undefined, "agent"), MetricsSchema);
    expect(metrics.totals).toMatchObject({ tickets: 1, escalated: 1, deflected: 1, confirmedResolutions: 0, fcr: 0 });
  });
});

describe("reuse is review (KCS), driven by feedback", () => {
  it("flags an article whose reuses fail above the threshold, once, with the evidence", async () => {
    await putSetting(ctx.database.db, KCS_SETTINGS_KEY, { minReuses: 3, maxFailureRatio: 0.5 });
    const art = await addArticle(ctx);
    const c = at("2026-03-01T10:00:00Z");
    await addTicket(ctx, { createdAt: c, decision: "answer", topArticleId: art, reopenedAt: plus(c, 2 * HOUR) });
    const t2 = await addTicket(ctx, { createdAt: plus(c, HOUR), decision: "answer", topArticleId: art });
    await addEscalation(ctx, t2, { createdAt: plus(c, 5 * HOUR) });
    const t3 = await addTicket(ctx, { createdAt: plus(c, 2 * HOUR), decision: "answer", topArticleId: art });
    const t4 = await addTicket(ctx, { createdAt: plus(c, 3 * HOUR), decision: "answer", topArticleId: art });

    // 2 of 3 reuses failed so far, but nothing triggers a review until feedback arrives.
    const first = await readJson(await ctx.req("POST", `/v1/tickets/${t3}/feedback`, { articleId: art, outcome: "resolved" }, "agent"), FeedbackSchema);
    expect(first.articleHealth).toEqual([]); // 2 of 4 = 0.5, not above 0.5
    const second = await readJson(await ctx.req("POST", `/v1/tickets/${t4}/feedback`, { articleId: art, outcome: "not_resolved" }, "agent"), FeedbackSchema);
    expect(second.articleHealth).toHaveLength(1);
    expect(second.articleHealth[0]).toMatchObject({ articleId: art, change: "flagged_for_review", evidence: { reused: 4, failed: 3, confirmed: 1, failureRatio: 0.75 } });
    const flagged = await article(art);
    expect(flagged.reviewFlaggedAt?.toISOString()).toBe("2026-03-02T09:00:00.000Z");
    expect(flagged.reviewReason).toContain("3 of 4");
    const again = await readJson(await ctx.req("POST", `/v1/tickets/${t4}/feedback`, { articleId: art, outcome: "not_resolved" }, "agent"), FeedbackSchema);
    expect(again.articleHealth).toEqual([]);
    expect((await events(art)).map((e) => [e.kind, (e.evidence as { failed: number }).failed])).toEqual([["flagged_for_review", 3]]);
  });

  it("validates a draft confirmed helpful enough times, not before", async () => {
    const draft = await addArticle(ctx, { state: "draft" });
    const c = at("2026-03-01T10:00:00Z");
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(await addTicket(ctx, { createdAt: plus(c, i * HOUR), decision: "suggest", topArticleId: draft, firstResponseAt: plus(c, i * HOUR + 60_000) }));
    for (const t of ids.slice(0, 2)) await ctx.req("POST", `/v1/tickets/${t}/feedback`, { articleId: draft, outcome: "resolved" }, "agent");
    expect((await article(draft)).state).toBe("draft");
    const third = await readJson(await ctx.req("POST", `/v1/tickets/${ids[2]}/feedback`, { articleId: draft, outcome: "resolved" }, "agent"), FeedbackSchema);
    expect(third.articleHealth).toMatchObject([{ change: "validated_by_reuse", evidence: { reused: 3, confirmed: 3, failed: 0 } }]);
    expect((await article(draft)).state).toBe("validated");
    expect((await events(draft)).map((e) => e.kind)).toEqual(["validated_by_reuse"]);
  });

  it("the periodic sweep flags on re-opens alone, and a cleared flag needs fresh evidence", async () => {
    const art = await addArticle(ctx);
    const c = at("2026-03-01T10:00:00Z");
    for (let i = 0; i < 5; i++) await addTicket(ctx, { createdAt: plus(c, i * HOUR), decision: "answer", topArticleId: art, reopenedAt: plus(c, (i + 1) * HOUR) });
    await articleHealthTask.run(ctx.deps);
    expect((await article(art)).reviewReason).toContain("5 of 5"); // defaults: ≥ 5 reuses, > 0.4 failed
    await ctx.database.db.update(articles).set({ reviewFlaggedAt: null, reviewReason: null }).where(eq(articles.id, art));
    ctx.clock.advance(HOUR);
    expect(await reviewArticleHealth(ctx.deps)).toEqual([]); // old reuses predate the last flag
    expect((await events(art)).map((e) => e.kind)).toEqual(["flagged_for_review"]);
  });
});

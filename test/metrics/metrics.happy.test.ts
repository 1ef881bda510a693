import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { addArticle, addEscalation, addEscalationEvent, addFeedback, addTicket, at, HOUR, MIN, plus } from "./fixtures.js";
import { readJson } from "../support/api.js";
import { MetricsSchema } from "../../src/metrics/metrics.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

/**
 * The timeline (Europe/Prague is UTC+1 in early March):
 *   T2 2026-03-01 22:30Z = Mar 1 23:30 local  — before `from`, excluded
 *   T1 2026-03-01 23:30Z = Mar 2 00:30 local  — answer, FRT 5 s, confirmed by feedback → deflected, FCR
 *   T3 2026-03-02 10:00Z                       — answer, FRT 10 s, re-opened 10 h later → not deflected
 *   T4 2026-03-02 12:00Z                       — answer, FRT 30 s, escalated 100 h later → deflected (72 h), not FCR
 *   T5 2026-03-03 09:00Z                       — escalate: ack 30 min, resolved 4 h, SLA breached
 *   T6 2026-03-03 09:30Z                       — suggest, FRT 20 min, rated not_resolved → not FCR
 *   T7 2026-03-04 22:59Z = Mar 4 23:59 local  — suggest, FRT 10 min → FCR
 *   T8 2026-03-05 23:00Z = Mar 6 00:00 local  — at `to`, excluded
 */
async function buildTimeline() {
  const art = await addArticle(ctx);
  const t1c = at("2026-03-01T23:30:00Z");
  const t1 = await addTicket(ctx, { createdAt: t1c, decision: "answer", status: "answered", topArticleId: art, firstResponseAt: plus(t1c, 5000), channel: "chat" });
  await addFeedback(ctx, t1, art, "resolved", plus(t1c, 2 * HOUR));
  await addTicket(ctx, { createdAt: at("2026-03-01T22:30:00Z"), decision: "answer", topArticleId: art });
  const t3c = at("2026-03-02T10:00:00Z");
  await addTicket(ctx, { createdAt: t3c, decision: "answer", topArticleId: art, firstResponseAt: plus(t3c, 10_000), reopenedAt: plus(t3c, 10 * HOUR) });
  const t4c = at("2026-03-02T12:00:00Z");
  const t4 = await addTicket(ctx, { createdAt: t4c, decision: "answer", topArticleId: art, firstResponseAt: plus(t4c, 30_000) });
  await addEscalation(ctx, t4, { createdAt: plus(t4c, 100 * HOUR), teamId: "team_b" });
  const t5c = at("2026-03-03T09:00:00Z");
  const t5 = await addTicket(ctx, { createdAt: t5c, decision: "escalate", status: "escalated" });
  const e5 = await addEscalation(ctx, t5, { createdAt: t5c, acknowledgedAt: plus(t5c, 30 * MIN), resolvedAt: plus(t5c, 4 * HOUR), teamId: "team_a" });
  await addEscalationEvent(ctx, e5, "sla_breached", plus(t5c, 3 * HOUR));
  const t6c = at("2026-03-03T09:30:00Z");
  const t6 = await addTicket(ctx, { createdAt: t6c, decision: "suggest", topArticleId: art, firstResponseAt: plus(t6c, 20 * MIN), channel: "chat" });
  await addFeedback(ctx, t6, art, "not_resolved", plus(t6c, HOUR));
  const t7c = at("2026-03-04T22:59:00Z");
  await addTicket(ctx, { createdAt: t7c, decision: "suggest", topArticleId: art, firstResponseAt: plus(t7c, 10 * MIN) });
  await addTicket(ctx, { createdAt: at("2026-03-05T23:00:00Z"), decision: "answer", topArticleId: art });
}

const zeroBucket = {
  tickets: 0,
  escalated: 0,
  escalationRate: 0,
  answered: 0,
  deflected: 0,
  deflectionPending: 0,
  deflectionRate: 0,
  confirmedResolutions: 0,
  fcr: 0,
  fcrRate: 0,
  firstResponseSeconds: { median: null, p90: null },
  escalations: 0,
  escalationFirstResponseSeconds: { median: null, p90: null },
  escalationResolutionSeconds: { median: null, p90: null },
  slaBreached: 0,
  slaBreachRate: 0,
};

describe("GET /v1/metrics on a hand-built timeline", () => {
  it("pins every metric per local day, with empty buckets and totals", async () => {
    await buildTimeline();
    ctx.clock.set("2026-03-20T00:00:00Z");
    const res = await ctx.req("GET", "/v1/metrics?from=2026-03-02&to=2026-03-06&bucket=day&tz=Europe/Prague", undefined, "agent");
    expect(res.status).toBe(200);
    const body = await readJson(res, MetricsSchema);
    expect(body.from).toBe("2026-03-01T23:00:00.000Z");
    expect(body.to).toBe("2026-03-05T23:00:00.000Z");
    expect(body.windowHours).toBe(72);
    expect(body.buckets.map((b) => [b.label, b.start, b.end])).toEqual([
      ["2026-03-02", "2026-03-01T23:00:00Z", "2026-03-02T23:00:00Z"],
      ["2026-03-03", "2026-03-02T23:00:00Z", "2026-03-03T23:00:00Z"],
      ["2026-03-04", "2026-03-03T23:00:00Z", "2026-03-04T23:00:00Z"],
      ["2026-03-05", "2026-03-04T23:00:00Z", "2026-03-05T23:00:00Z"],
    ]);
    const [d2, d3, d4, d5] = body.buckets;
    expect(d2).toMatchObject({
      tickets: 3,
      escalated: 1,
      escalationRate: 0.3333,
      answered: 3,
      deflected: 2,
      deflectionRate: 0.6667,
      confirmedResolutions: 1,
      fcr: 1,
      fcrRate: 0.3333,
      firstResponseSeconds: { median: 10, p90: 26 },
      escalations: 0,
      slaBreached: 0,
    });
    expect(d3).toMatchObject({
      tickets: 2,
      escalated: 1,
      escalationRate: 0.5,
      answered: 0,
      deflected: 0,
      confirmedResolutions: 0,
      fcr: 0,
      firstResponseSeconds: { median: 1200, p90: 1200 },
      escalations: 1,
      escalationFirstResponseSeconds: { median: 1800, p90: 1800 },
      escalationResolutionSeconds: { median: 14400, p90: 14400 },
      slaBreached: 1,
      slaBreachRate: 1,
    });
    expect(d4).toMatchObject({ tickets: 1, escalated: 0, fcr: 1, fcrRate: 1, firstResponseSeconds: { median: 600, p90: 600 } });
    expect(d5).toMatchObject(zeroBucket);
    expect(body.totals).toMatchObject({
      tickets: 6,
      escalated: 2,
      escalationRate: 0.3333,
      answered: 3,
      deflected: 2,
      deflectionPending: 0,
      deflectionRate: 0.3333,
      confirmedResolutions: 1,
      fcr: 2,
      firstResponseSeconds: { median: 30, p90: 960 },
      escalations: 1,
      slaBreached: 1,
    });
  });

  it("puts 23:30 UTC on the next day in Prague but on the same day in UTC", async () => {
    await buildTimeline();
    const prague = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-01&to=2026-03-03&tz=Europe/Prague", undefined, "agent"), MetricsSchema);
    const utc = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-01&to=2026-03-03&tz=UTC", undefined, "agent"), MetricsSchema);
    expect(prague.buckets.map((b) => [b.label, b.tickets])).toEqual([
      ["2026-03-01", 1],
      ["2026-03-02", 3],
    ]);
    expect(utc.buckets.map((b) => [b.label, b.tickets])).toEqual([
      ["2026-03-01", 2],
      ["2026-03-02", 2],
    ]);
  });

  it("starts weeks on Monday in the requested zone", async () => {
    await buildTimeline();
    const prague = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-01&to=2026-03-16&bucket=week&tz=Europe/Prague", undefined, "agent"), MetricsSchema);
    expect(prague.buckets.map((b) => [b.label, b.start, b.tickets])).toEqual([
      ["2026-02-23", "2026-02-22T23:00:00Z", 1],
      ["2026-03-02", "2026-03-01T23:00:00Z", 7],
      ["2026-03-09", "2026-03-08T23:00:00Z", 0],
    ]);
    const utc = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-01T00:00:00Z&to=2026-03-16T00:00:00Z&bucket=week", undefined, "agent"), MetricsSchema);
    expect(utc.buckets.map((b) => [b.label, b.tickets])).toEqual([
      ["2026-02-23", 2],
      ["2026-03-02", 6],
      ["2026-03-09", 0],
    ]);
  });

  it("cuts days and months in wall-clock time across the DST change", async () => {
    await addTicket(ctx, { createdAt: at("2026-03-29T21:30:00Z"), decision: "answer" }); // 23:30 CEST Mar 29
    await addTicket(ctx, { createdAt: at("2026-03-29T22:30:00Z"), decision: "answer" }); // 00:30 CEST Mar 30
    await addTicket(ctx, { createdAt: at("2026-03-31T22:30:00Z"), decision: "escalate" }); // 00:30 CEST Apr 1
    const days = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-29&to=2026-03-31&tz=Europe/Prague", undefined, "agent"), MetricsSchema);
    expect(days.buckets.map((b) => [b.label, b.start, b.end, b.tickets])).toEqual([
      ["2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 1],
      ["2026-03-30", "2026-03-29T22:00:00Z", "2026-03-30T22:00:00Z", 1],
    ]);
    const months = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-02-15&to=2026-04-10&bucket=month&tz=Europe/Prague", undefined, "agent"), MetricsSchema);
    expect(months.buckets.map((b) => [b.label, b.start, b.tickets, b.escalationRate])).toEqual([
      ["2026-02-01", "2026-01-31T23:00:00Z", 0, 0],
      ["2026-03-01", "2026-02-28T23:00:00Z", 2, 0],
      ["2026-04-01", "2026-03-31T22:00:00Z", 1, 1],
    ]);
  });

  it("takes the deflection window from the query and marks open windows as pending", async () => {
    await buildTimeline();
    const wide = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-02&to=2026-03-03&tz=Europe/Prague&window=200", undefined, "agent"), MetricsSchema);
    expect(wide.windowHours).toBe(200);
    expect(wide.totals).toMatchObject({ answered: 3, deflected: 1 });
    ctx.clock.set("2026-03-04T00:00:00Z");
    const early = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-02&to=2026-03-03&tz=Europe/Prague", undefined, "agent"), MetricsSchema);
    expect(early.totals).toMatchObject({ deflected: 2, deflectionPending: 2 });
  });

  it("splits by channel and by team, keeping every bucket in each group", async () => {
    await buildTimeline();
    const byChannel = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-02&to=2026-03-06&tz=Europe/Prague&groupBy=channel", undefined, "agent"), MetricsSchema);
    expect(byChannel.groups?.map((g) => [g.key, g.totals.tickets, g.buckets.length])).toEqual([
      ["chat", 2, 4],
      ["email", 4, 4],
    ]);
    expect(byChannel.groups?.[0]?.buckets.map((b) => b.tickets)).toEqual([1, 1, 0, 0]);
    expect(byChannel.totals.tickets).toBe(6);
    const byTeam = await readJson(await ctx.req("GET", "/v1/metrics?from=2026-03-02&to=2026-03-06&tz=Europe/Prague&groupBy=team", undefined, "agent"), MetricsSchema);
    expect(byTeam.groups?.map((g) => [g.key, g.totals.tickets, g.totals.escalations, g.totals.slaBreached])).toEqual([
      ["team_a", 1, 1, 1],
      ["team_b", 1, 0, 0],
      [null, 4, 0, 0],
    ]);
  });
});

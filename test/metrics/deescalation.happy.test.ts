import { describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { escalationEvents, teams } from "../../src/db/schema/index.js";
import type { TestContext } from "../support/context.js";
import { DeescalationInsightsSchema } from "../../src/metrics/deescalation.routes.js";
import { MetricsSchema } from "../../src/metrics/metrics.schemas.js";
import { present } from "../support/api.js";
import { expectProblem, rawRequest, readRawJson, type StartedServer, useSocketServer } from "../support/socket.js";
import { addArticle, addEscalation, addFeedback, addTicket, at, HOUR, plus } from "./fixtures.js";

let ctx: TestContext;
let server: StartedServer;
useSocketServer((c, s) => {
  ctx = c;
  server = s;
});

const labels = ["calm", "annoyed", "angry", "needs-human"] as const;
/** A stored verdict with a frustration level (as tickets created since the de-escalation assist carry). */
const verdict = (level: 0 | 1 | 2 | 3) => ({ decision: "suggest", signals: [], frustration: { level, label: labels[level], evidence: [], priorContacts: 0 } });

async function levelUp(escalationId: string, trigger: "manual" | "sla_breach", createdAt: Date) {
  await ctx.database.db
    .insert(escalationEvents)
    .values({ id: newId("escalationEvent"), escalationId, kind: "escalated", fromLevel: 1, toLevel: 2, actor: "agent", detail: { reason: "x", trigger }, createdAt });
}

/**
 * Frustrated tickets (level 1–2) with every outcome, window 72 h (the default):
 *   Mar 2  A1 L1 en  nothing happened                            → de-escalated
 *          A2 L1 en  feedback resolved                           → de-escalated, confirmed
 *          A3 L2 de  hierarchical escalation 2 h later            → not
 *   Mar 3  A4 L2 de  re-opened 5 h later                          → not
 *          A5 L2 en  functional escalation, status resolved       → de-escalated, confirmed
 *          A6 L1 en  hierarchical escalation 100 h later (outside) → de-escalated
 *   Mar 4  A7 L1 de  functional escalation + manual level-up       → not
 *          A8 L2 en  re-opened 80 h later (outside)               → de-escalated
 *          A9 L1 en  functional escalation + SLA-breach level-up  → de-escalated
 *          L3 (needs a human, escalated at intake), L0 (calm), OLD (verdict without frustration,
 *          escalated hierarchically) and NV (no verdict) are not frustrated.
 */
async function seed() {
  await ctx.database.db.insert(teams).values([
    { id: "team_billing", name: "Billing", level: 1, levelName: "tier 1" },
    { id: "team_sup", name: "Supervisors", level: 2, levelName: "supervisor" },
  ]);
  const art = await addArticle(ctx);
  const d2 = at("2026-03-02T10:00:00Z");
  const d3 = at("2026-03-03T10:00:00Z");
  const d4 = at("2026-03-04T10:00:00Z");
  await addTicket(ctx, { createdAt: d2, verdict: verdict(1) });
  const a2 = await addTicket(ctx, { createdAt: plus(d2, HOUR), verdict: verdict(1), decision: "suggest", topArticleId: art });
  await addFeedback(ctx, a2, art, "resolved", plus(d2, 3 * HOUR));
  const a3 = await addTicket(ctx, { createdAt: plus(d2, 2 * HOUR), verdict: verdict(2), language: "de" });
  await addEscalation(ctx, a3, { createdAt: plus(d2, 4 * HOUR), type: "hierarchical", teamId: "team_sup" });

  await addTicket(ctx, { createdAt: d3, verdict: verdict(2), language: "de", reopenedAt: plus(d3, 5 * HOUR) });
  const a5 = await addTicket(ctx, { createdAt: plus(d3, HOUR), verdict: verdict(2), status: "resolved" });
  await addEscalation(ctx, a5, { createdAt: plus(d3, 2 * HOUR), type: "functional", teamId: "team_billing" });
  const a6 = await addTicket(ctx, { createdAt: plus(d3, 2 * HOUR), verdict: verdict(1) });
  await addEscalation(ctx, a6, { createdAt: plus(d3, 102 * HOUR), type: "hierarchical", teamId: "team_sup" });

  const a7 = await addTicket(ctx, { createdAt: d4, verdict: verdict(1), language: "de" });
  const e7 = await addEscalation(ctx, a7, { createdAt: plus(d4, HOUR), type: "functional", teamId: "team_billing" });
  await levelUp(e7, "manual", plus(d4, 3 * HOUR));
  await addTicket(ctx, { createdAt: plus(d4, HOUR), verdict: verdict(2), reopenedAt: plus(d4, 81 * HOUR) });
  const a9 = await addTicket(ctx, { createdAt: plus(d4, 2 * HOUR), verdict: verdict(1) });
  const e9 = await addEscalation(ctx, a9, { createdAt: plus(d4, 3 * HOUR), type: "functional", teamId: "team_billing" });
  await levelUp(e9, "sla_breach", plus(d4, 5 * HOUR));
  const l3 = await addTicket(ctx, { createdAt: plus(d4, 3 * HOUR), verdict: verdict(3), decision: "escalate" });
  await addEscalation(ctx, l3, { createdAt: plus(d4, 3 * HOUR), type: "hierarchical", teamId: "team_sup" });
  await addTicket(ctx, { createdAt: plus(d4, 4 * HOUR), verdict: verdict(0) });
  const old = await addTicket(ctx, { createdAt: plus(d4, 5 * HOUR), verdict: { decision: "escalate", signals: [{ kind: "anger", escalates: true }] }, decision: "escalate" });
  await addEscalation(ctx, old, { createdAt: plus(d4, 5 * HOUR), type: "hierarchical", teamId: "team_sup" });
  await addTicket(ctx, { createdAt: plus(d4, 6 * HOUR) });
}

async function get(path: string, role: "agent" | "portal" = "agent") {
  const headers = role === "portal" ? {} : await ctx.auth(role);
  return rawRequest(server.port, { method: "GET", path, headers });
}

describe("de-escalation outcomes over a socket", () => {
  it("GET /v1/metrics counts frustrated, de-escalated and confirmed tickets per day and in total", async () => {
    await seed();
    ctx.clock.set("2026-03-20T00:00:00Z");
    const res = await get("/v1/metrics?from=2026-03-02&to=2026-03-05&bucket=day&tz=UTC");
    expect(res.status).toBe(200);
    const metrics = readRawJson(ctx, res, MetricsSchema);
    const pick = (v: Record<string, unknown>) => ({
      frustrated: v.frustrated,
      deescalated: v.deescalated,
      deescalationRate: v.deescalationRate,
      confirmedResolvedFrustrated: v.confirmedResolvedFrustrated,
      byLevel: v.byLevel,
    });
    expect(metrics.buckets.map((b) => [b.label, pick(b)])).toEqual([
      ["2026-03-02", { frustrated: 3, deescalated: 2, deescalationRate: 0.6667, confirmedResolvedFrustrated: 1, byLevel: { 1: 2, 2: 1, 3: 0 } }],
      ["2026-03-03", { frustrated: 3, deescalated: 2, deescalationRate: 0.6667, confirmedResolvedFrustrated: 1, byLevel: { 1: 1, 2: 2, 3: 0 } }],
      ["2026-03-04", { frustrated: 3, deescalated: 2, deescalationRate: 0.6667, confirmedResolvedFrustrated: 0, byLevel: { 1: 2, 2: 1, 3: 1 } }],
    ]);
    expect(pick(metrics.totals)).toEqual({ frustrated: 9, deescalated: 6, deescalationRate: 0.6667, confirmedResolvedFrustrated: 2, byLevel: { 1: 5, 2: 4, 3: 1 } });
    expect(metrics.totals.tickets).toBe(13);
    // A shorter window: A6's late hierarchical escalation is still outside, A4's re-open (5 h) too now.
    const narrow = await get("/v1/metrics?from=2026-03-02&to=2026-03-05&bucket=week&tz=UTC&window=4");
    expect(pick(readRawJson(ctx, narrow, MetricsSchema).totals)).toMatchObject({ frustrated: 9, deescalated: 7 });
  });

  it("empty ranges answer zeros, not NaN", async () => {
    const res = await get("/v1/metrics?from=2026-03-02&to=2026-03-03&tz=UTC");
    expect(res.status).toBe(200);
    expect(readRawJson(ctx, res, MetricsSchema).totals).toMatchObject({
      frustrated: 0,
      deescalated: 0,
      deescalationRate: 0,
      confirmedResolvedFrustrated: 0,
      byLevel: { 1: 0, 2: 0, 3: 0 },
    });
  });

  it("GET /v1/insights/deescalation breaks the same tickets down by team and language, beside the escalation rate", async () => {
    await seed();
    ctx.clock.set("2026-03-20T00:00:00Z");
    const res = await get("/v1/insights/deescalation?from=2026-03-02&to=2026-03-05&tz=UTC");
    expect(res.status).toBe(200);
    const insights = readRawJson(ctx, res, DeescalationInsightsSchema);
    const row = (r: Record<string, unknown>) => [r.tickets, r.frustrated, r.deescalated, r.deescalationRate, r.escalated, r.escalationRate];
    expect(insights.byTeam.map((r) => [r.team, r.teamId, ...row(r)])).toEqual([
      ["tier 1", null, 6, 4, 3, 0.75, 0, 0],
      ["Billing", "team_billing", 3, 3, 2, 0.6667, 3, 1],
      ["Supervisors", "team_sup", 4, 2, 1, 0.5, 4, 1],
    ]);
    expect(insights.byLanguage.map((r) => [r.language, ...row(r)])).toEqual([
      ["en", 10, 6, 6, 1, 5, 0.5],
      ["de", 3, 3, 0, 0, 2, 0.6667],
    ]);
    expect(insights.byLanguage[0]).toMatchObject({ confirmedResolvedFrustrated: 2, byLevel: { 1: 4, 2: 2, 3: 1 } });
    expect(insights).toMatchObject({ tz: "UTC", windowHours: 72, from: "2026-03-02T00:00:00.000Z", to: "2026-03-05T00:00:00.000Z" });
  });
});

describe("GET /v1/insights/deescalation rejects bad input", () => {
  it("answers problem+json with codes and fields", async () => {
    for (const [query, field] of [
      ["tz=Europe/Atlantis", "tz"],
      ["from=2026-03-05&to=2026-03-01", "from"],
      ["from=yesterday", "from"],
      ["window=-1", "window"],
      ["from=2010-01-01&to=2026-03-01", "to"],
    ] as const) {
      const res = await get(`/v1/insights/deescalation?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      const problem = expectProblem(res, 400, "VALIDATION_FAILED");
      expect(present(problem.errors, "the field errors").map((e) => e.field)).toContain(field);
    }
    const anonymous = await get("/v1/insights/deescalation", "portal");
    expect(anonymous.status).toBe(401);
    expectProblem(anonymous, 401, "UNAUTHENTICATED");
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { escalationEvents, escalations, teams } from "../../src/db/schema/index.js";
import type { TestContext } from "../support/context.js";
import { CauseInsightsSchema } from "../../src/metrics/causes.routes.js";
import { MetricsSchema } from "../../src/metrics/metrics.schemas.js";
import { present } from "../support/api.js";
import { expectProblem, rawRequest, type RawResponse, readRawJson, type StartedServer, useSocketServer } from "../support/socket.js";
import { addEscalation, addTicket, at } from "./fixtures.js";

let ctx: TestContext;
let server: StartedServer;
useSocketServer((c, s) => {
  ctx = c;
  server = s;
});

/** An escalation as the create path writes it: the `created` event says whether an agent did it by hand. */
async function esc(ticketId: string, iso: string, cause: (typeof escalations.$inferInsert)["cause"], teamId: string | null, by: { manual: string } | { automatic: string }) {
  const createdAt = at(iso);
  const createdBy = "manual" in by ? by.manual : by.automatic;
  const id = await addEscalation(ctx, ticketId, { createdAt, cause, teamId, createdBy });
  await ctx.database.db
    .insert(escalationEvents)
    .values({ id: newId("escalationEvent"), escalationId: id, kind: "created", actor: createdBy, detail: { manual: "manual" in by }, createdAt });
  return id;
}

/**
 * Seven tickets, six escalations in [Mar 2, Mar 6) UTC, Mar 4 empty, one of each outside:
 *   Mar 2  T1–T4   E1 knowledge_gap Billing automatic · E2 authorisation Billing by ann · E3 customer_demand Supervisors automatic
 *   Mar 3  T5, T6 (01:00)  E4 knowledge_gap Billing by bob · E5 conflict no team automatic (02:00) · E6 defect Supervisors by ann (T1 again, once E1 was resolved)
 *   Mar 5  T7
 *   Mar 7  T8 + E7 (outside)
 */
async function seed() {
  await ctx.database.db.insert(teams).values([
    { id: "team_billing", name: "Billing", level: 1, levelName: "tier 1" },
    { id: "team_sup", name: "Supervisors", level: 2, levelName: "supervisor" },
  ]);
  const t = async (iso: string) => addTicket(ctx, { createdAt: at(iso) });
  const t1 = await t("2026-03-02T10:00:00Z");
  const t2 = await t("2026-03-02T11:00:00Z");
  const t3 = await t("2026-03-02T12:00:00Z");
  await t("2026-03-02T13:00:00Z");
  const t5 = await t("2026-03-03T10:00:00Z");
  const t6 = await t("2026-03-03T01:00:00Z");
  await t("2026-03-05T12:00:00Z");
  const t8 = await t("2026-03-07T12:00:00Z");
  const e1 = await esc(t1, "2026-03-02T10:05:00Z", "knowledge_gap", "team_billing", { automatic: "intake-key" });
  await ctx.database.db
    .update(escalations)
    .set({ status: "resolved", resolvedAt: at("2026-03-03T09:00:00Z") })
    .where(eq(escalations.id, e1));
  await esc(t2, "2026-03-02T11:05:00Z", "authorisation", "team_billing", { manual: "ann" });
  await esc(t3, "2026-03-02T12:00:00Z", "customer_demand", "team_sup", { automatic: "intake-key" });
  await esc(t5, "2026-03-03T11:00:00Z", "knowledge_gap", "team_billing", { manual: "bob" });
  await esc(t6, "2026-03-03T02:00:00Z", "conflict", null, { automatic: "portal" });
  await esc(t1, "2026-03-03T12:00:00Z", "defect", "team_sup", { manual: "ann" });
  await esc(t8, "2026-03-07T12:30:00Z", "miscommunication", "team_billing", { manual: "bob" });
}

async function get(path: string, anonymous = false) {
  return rawRequest(server.port, { method: "GET", path, headers: anonymous ? {} : await ctx.auth("agent") });
}
/** GET /v1/insights/escalation-causes, read with its schema. */
const insights = (res: RawResponse) => readRawJson(ctx, res, CauseInsightsSchema);
type Cell = { key: string | null; label: string; escalations: number; share: number; escalationRate: number };
const cells = (groups: Cell[]) => groups.filter((g) => g.escalations > 0).map((g) => [g.label, g.escalations, g.share, g.escalationRate]);

describe("GET /v1/insights/escalation-causes over a socket", () => {
  it("by cause: every bucket (the empty one too) lists every cause with count, share and rate; totals over the range", async () => {
    await seed();
    const res = await get("/v1/insights/escalation-causes?from=2026-03-02&to=2026-03-06&tz=UTC&bucket=day&by=cause");
    expect(res.status).toBe(200);
    expect(insights(res)).toMatchObject({ from: "2026-03-02T00:00:00.000Z", to: "2026-03-06T00:00:00.000Z", tz: "UTC", bucket: "day", by: "cause" });
    expect(insights(res).buckets.map((b: { label: string; tickets: number; escalations: number }) => [b.label, b.tickets, b.escalations])).toEqual([
      ["2026-03-02", 4, 3],
      ["2026-03-03", 2, 3],
      ["2026-03-04", 0, 0],
      ["2026-03-05", 1, 0],
    ]);
    for (const b of insights(res).buckets)
      expect(b.groups.map((g: Cell) => g.key)).toEqual(["knowledge_gap", "authorisation", "sla_breach", "customer_demand", "conflict", "miscommunication", "defect"]);
    expect(cells(present(insights(res).buckets[0], "bucket 0").groups)).toEqual([
      ["knowledge_gap", 1, 0.3333, 0.25],
      ["authorisation", 1, 0.3333, 0.25],
      ["customer_demand", 1, 0.3333, 0.25],
    ]);
    expect(cells(present(insights(res).buckets[1], "bucket 1").groups)).toEqual([
      ["knowledge_gap", 1, 0.3333, 0.5],
      ["conflict", 1, 0.3333, 0.5],
      ["defect", 1, 0.3333, 0.5],
    ]);
    expect(present(insights(res).buckets[2], "bucket 2").groups.every((g: Cell) => g.escalations === 0 && g.share === 0 && g.escalationRate === 0)).toBe(true);
    expect(insights(res).totals).toMatchObject({ tickets: 7, escalations: 6 });
    expect(cells(insights(res).totals.groups)).toEqual([
      ["knowledge_gap", 2, 0.3333, 0.2857],
      ["authorisation", 1, 0.1667, 0.1429],
      ["customer_demand", 1, 0.1667, 0.1429],
      ["conflict", 1, 0.1667, 0.1429],
      ["defect", 1, 0.1667, 0.1429],
    ]);
  });

  it("by team (current team, named; no team) and by agent (who escalated by hand; Deflect's own grouped)", async () => {
    await seed();
    const team = await get("/v1/insights/escalation-causes?from=2026-03-02&to=2026-03-06&tz=UTC&by=team");
    expect(team.status).toBe(200);
    expect(insights(team).totals.groups.map((g: Cell) => [g.key, g.label, g.escalations, g.share, g.escalationRate])).toEqual([
      ["team_billing", "Billing", 3, 0.5, 0.4286],
      ["team_sup", "Supervisors", 2, 0.3333, 0.2857],
      [null, "(no team)", 1, 0.1667, 0.1429],
    ]);
    expect(insights(team).buckets.map((b: { groups: Cell[] }) => b.groups.map((g) => g.escalations))).toEqual([
      [2, 1, 0],
      [1, 1, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(present(insights(team).buckets[0], "bucket 0").groups.map((g: Cell) => [g.share, g.escalationRate])).toEqual([
      [0.6667, 0.5],
      [0.3333, 0.25],
      [0, 0],
    ]);

    const agent = await get("/v1/insights/escalation-causes?from=2026-03-02&to=2026-03-06&tz=UTC&by=agent");
    expect(insights(agent).totals.groups.map((g: Cell) => [g.label, g.escalations, g.share, g.escalationRate])).toEqual([
      ["Deflect (automatic)", 3, 0.5, 0.4286],
      ["ann", 2, 0.3333, 0.2857],
      ["bob", 1, 0.1667, 0.1429],
    ]);
    expect(insights(agent).buckets.map((b: { groups: Cell[] }) => b.groups.map((g) => g.escalations))).toEqual([
      [2, 1, 0],
      [1, 1, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("buckets are cut in the caller's time zone (and weeks start on Monday)", async () => {
    await seed();
    const ny = await get("/v1/insights/escalation-causes?from=2026-03-02&to=2026-03-06&tz=America/New_York");
    expect(insights(ny).buckets.map((b: { label: string; start: string; tickets: number; escalations: number }) => [b.label, b.start, b.tickets, b.escalations])).toEqual([
      ["2026-03-02", "2026-03-02T05:00:00Z", 5, 4],
      ["2026-03-03", "2026-03-03T05:00:00Z", 1, 2],
      ["2026-03-04", "2026-03-04T05:00:00Z", 0, 0],
      ["2026-03-05", "2026-03-05T05:00:00Z", 1, 0],
    ]);
    const week = await get("/v1/insights/escalation-causes?from=2026-03-02&to=2026-03-09&tz=UTC&bucket=week");
    expect(insights(week).buckets.map((b: { label: string; tickets: number; escalations: number }) => [b.label, b.tickets, b.escalations])).toEqual([["2026-03-02", 8, 7]]);
    expect(cells(present(insights(week).buckets[0], "bucket 0").groups).find((c) => c[0] === "miscommunication")).toEqual(["miscommunication", 1, 0.1429, 0.125]);
  });

  it("GET /v1/metrics totals and buckets count escalations per cause", async () => {
    await seed();
    const res = await get("/v1/metrics?from=2026-03-02&to=2026-03-06&tz=UTC&bucket=day");
    expect(res.status).toBe(200);
    const metrics = readRawJson(ctx, res, MetricsSchema);
    expect(metrics.totals.escalationsByCause).toEqual({ knowledge_gap: 2, authorisation: 1, sla_breach: 0, customer_demand: 1, conflict: 1, miscommunication: 0, defect: 1 });
    expect(present(metrics.buckets[0], "bucket 0").escalationsByCause).toMatchObject({ knowledge_gap: 1, authorisation: 1, customer_demand: 1, defect: 0 });
    expect(present(metrics.buckets[2], "bucket 2").escalationsByCause.knowledge_gap).toBe(0);
  });

  it("an empty range answers zeros, not NaN", async () => {
    const res = await get("/v1/insights/escalation-causes?from=2026-03-02&to=2026-03-03&tz=UTC");
    expect(res.status).toBe(200);
    expect(insights(res).totals).toMatchObject({ tickets: 0, escalations: 0 });
    expect(insights(res).buckets).toHaveLength(1);
    expect(insights(res).totals.groups.every((g: Cell) => g.share === 0 && g.escalationRate === 0)).toBe(true);
  });

  it("rejects bad input with problem+json naming the field, and anonymous callers with 401", async () => {
    for (const [query, field] of [
      ["tz=Europe/Atlantis", "tz"],
      ["from=2026-03-05&to=2026-03-01", "from"],
      ["from=yesterday", "from"],
      ["by=customer", "by"],
      ["bucket=year", "bucket"],
      ["from=2020-01-01&to=2026-03-01&bucket=day", "to"],
    ] as const) {
      const res = await get(`/v1/insights/escalation-causes?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(
        present(expectProblem(res, 400, "VALIDATION_FAILED").errors, "the field errors").map((e) => e.field),
        query,
      ).toContain(field);
    }
    const anonymous = await get("/v1/insights/escalation-causes", true);
    expect(anonymous.status).toBe(401);
    expectProblem(anonymous, 401, "UNAUTHENTICATED");
  });
});

import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalationEvents, escalations, webhookDeliveries } from "../../src/db/schema/index.js";
import { fireCheckpoints, runSlaSweep } from "../../src/escalations/sla.service.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createTeams, escalate, insertTicket, handoffOf } from "./support.js";
import { readJson } from "../support/api.js";
import { TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";
import { EscalationDetailSchema } from "../../src/escalations/escalations.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } }); // webhooks to 127.0.0.1:9 are refused by default
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const MIN = 60_000;

async function setup() {
  const teams = await createTeams(ctx, [
    { name: "Manager", level: 3, levelName: "manager" },
    { name: "Head of team", level: 2, levelName: "head of team", escalatesTo: "Manager" },
    { name: "Tier 1", skills: ["billing"], level: 1, escalatesTo: "Head of team" },
  ]);
  await ctx.req(
    "PUT",
    "/v1/escalation-matrix",
    { rules: [{ id: "default", sla: { firstResponseMinutes: 30, resolutionMinutes: 120 } }], levels: [{ level: 2, firstResponseMinutes: 30, resolutionMinutes: 240 }] },
    "admin",
  );
  await ctx.req("POST", "/v1/webhooks", { url: "http://127.0.0.1:9/hook", events: ["escalation.sla_warning", "escalation.sla_breached"] }, "admin");
  return teams;
}

const kinds = async (id: string) =>
  (await ctx.database.db.select().from(escalationEvents).where(eq(escalationEvents.escalationId, id)).orderBy(asc(escalationEvents.createdAt), asc(escalationEvents.id))).map(
    (e) => `${e.kind}${e.dedupKey ? `:${e.dedupKey.split(":").slice(1, 3).join(":")}` : ""}`,
  );

describe("SLA timers", () => {
  it("warns at 50 % and 75 %, breaches at 100 %, moves up level by level with that level's SLA", async () => {
    const teams = await setup();
    const esc = await readJson(await escalate(ctx, (await insertTicket(ctx, { category: "billing" })).id), TicketEscalatedSchema);
    expect(esc.teamId).toBe(teams["Tier 1"]);
    ctx.clock.advance(10 * MIN);
    await ctx.req("POST", `/v1/escalations/${esc.id}/acknowledge`, {}, "agent");

    ctx.clock.set("2026-03-02T09:59:00Z");
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 0, breaches: 0 });
    ctx.clock.set("2026-03-02T10:00:00Z"); // 50 % of 120 min
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 1, breaches: 0 });
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 0 });
    ctx.clock.set("2026-03-02T10:30:00Z"); // 75 %
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 1 });
    ctx.clock.set("2026-03-02T11:00:00Z"); // 100 %: 2 h → head of team
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 0, breaches: 1, levelUps: 1 });

    const up = await readJson(await ctx.req("GET", `/v1/escalations/${esc.id}`, undefined, "agent"), EscalationDetailSchema);
    expect(up).toMatchObject({
      teamId: teams["Head of team"],
      level: 2,
      status: "open",
      acknowledgedAt: null,
      breachedAt: "2026-03-02T11:00:00.000Z",
      slaStartedAt: "2026-03-02T11:00:00.000Z",
      resolutionMinutes: 240,
      resolutionDueAt: "2026-03-02T15:00:00.000Z",
    });
    const moved = up.events.find((e: { kind: string }) => e.kind === "escalated");
    expect(moved).toMatchObject({
      fromLevel: 1,
      toLevel: 2,
      actor: "sla-sweep",
      detail: expect.objectContaining({ trigger: "sla_breach", reason: "resolution SLA of 120 min breached at level 1" }),
    });
    expect(handoffOf(up).routing.teamName).toBe("Head of team");

    // the new level's clock: nobody acknowledges for 30 min → first-response breach → manager
    ctx.clock.set("2026-03-02T11:30:00Z");
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 2, breaches: 1, levelUps: 1 });
    const top = await readJson(await ctx.req("GET", `/v1/escalations/${esc.id}`, undefined, "agent"), EscalationDetailSchema);
    expect(top).toMatchObject({ teamId: teams.Manager, level: 3, resolutionMinutes: 240 });

    // at the top a breach is recorded once, nothing moves
    ctx.clock.set("2026-03-02T16:00:00Z");
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ breaches: 2, levelUps: 0 });
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 0, breaches: 0 });
    expect(await kinds(esc.id)).toEqual([
      "created",
      "acknowledged",
      "sla_warning:resolution:50",
      "sla_warning:resolution:75",
      "sla_breached:resolution:100",
      "escalated",
      "sla_warning:first_response:50",
      "sla_warning:first_response:75",
      "sla_breached:first_response:100",
      "escalated",
      "sla_warning:first_response:50",
      "sla_warning:first_response:75",
      "sla_breached:first_response:100",
      "sla_warning:resolution:50",
      "sla_warning:resolution:75",
      "sla_breached:resolution:100",
    ]);
    const outbox = await ctx.database.db.select().from(webhookDeliveries);
    expect(outbox.filter((d) => d.event === "escalation.sla_warning")).toHaveLength(8);
    expect(outbox.filter((d) => d.event === "escalation.sla_breached")).toHaveLength(4);
  });

  it("stops the timers of resolved escalations", async () => {
    await setup();
    const esc = await readJson(await escalate(ctx, (await insertTicket(ctx)).id), TicketEscalatedSchema);
    await ctx.database.db.update(escalations).set({ status: "resolved" }).where(eq(escalations.id, esc.id));
    ctx.clock.advance(600 * MIN);
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ warnings: 0, breaches: 0, escalations: 0 });
  });

  it("two sweepers racing fire each timer exactly once", async () => {
    await setup();
    for (let i = 0; i < 6; i++) await escalate(ctx, (await insertTicket(ctx, { category: "billing" })).id);
    ctx.clock.advance(25 * MIN); // first response 50 % and 75 % due for all six
    const [a, b] = await Promise.all([runSlaSweep(ctx.deps), runSlaSweep(ctx.deps)]);
    expect(a.warnings + b.warnings).toBe(12);
    const events = await ctx.database.db.select().from(escalationEvents).where(eq(escalationEvents.kind, "sla_warning"));
    expect(events).toHaveLength(12);
    expect(new Set(events.map((e) => `${e.escalationId}/${e.dedupKey}`)).size).toBe(12);
    expect(await ctx.database.db.select().from(webhookDeliveries)).toHaveLength(12);
  });

  it("an interrupted sweep leaves nothing half-done and the next one fires each timer once", async () => {
    await setup();
    for (let i = 0; i < 3; i++) await escalate(ctx, (await insertTicket(ctx, { category: "billing" })).id);
    ctx.clock.advance(31 * MIN); // first-response breach for all three
    let calls = 0;
    const crashing = {
      ...ctx.deps,
      clock: {
        now: () => {
          if (++calls > 4) throw new Error("replica killed");
          return ctx.clock.now();
        },
      },
    };
    await expect(runSlaSweep(crashing)).rejects.toThrow("replica killed");
    expect(await ctx.database.db.select().from(escalationEvents).where(eq(escalationEvents.kind, "sla_breached"))).toEqual([]);
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ breaches: 3, levelUps: 3, warnings: 6 });
    expect(await runSlaSweep(ctx.deps)).toMatchObject({ breaches: 0, warnings: 0 });
    const levels = (await ctx.database.db.select().from(escalations)).map((e) => e.level);
    expect(levels).toEqual([2, 2, 2]);
  });

  it("a sweeper acting on a stale row (the race SKIP LOCKED cannot close) fires nothing twice", async () => {
    await setup();
    const esc = await readJson(await escalate(ctx, (await insertTicket(ctx, { category: "billing" })).id), TicketEscalatedSchema);
    const [stale] = await ctx.database.db.select().from(escalations).where(eq(escalations.id, esc.id));
    if (!stale) throw new Error("no row");
    ctx.clock.advance(31 * MIN);
    const first = { warnings: 0, breaches: 0, levelUps: 0, escalations: 0 };
    await ctx.database.db.transaction((tx) => fireCheckpoints(tx, ctx.deps, stale, first));
    expect(first).toMatchObject({ warnings: 2, breaches: 1, levelUps: 1 });
    const second = { warnings: 0, breaches: 0, levelUps: 0, escalations: 0 };
    await ctx.database.db.transaction((tx) => fireCheckpoints(tx, ctx.deps, stale, second));
    expect(second).toMatchObject({ warnings: 0, breaches: 0, levelUps: 0 });
    const [row] = await ctx.database.db.select().from(escalations).where(eq(escalations.id, esc.id));
    expect(row?.level).toBe(2);
    expect(await ctx.database.db.select().from(webhookDeliveries)).toHaveLength(3);
    expect((await kinds(esc.id)).filter((k) => k === "escalated")).toHaveLength(1);
  });
});

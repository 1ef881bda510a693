import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toEvaluation } from "../../src/escalations/replay.evaluator.js";
import { type Evaluate, formatReplay, replayTickets, type ReplayTicket } from "../../src/escalations/replay.service.js";
import { applyScenario, ScenarioSchema } from "../../src/escalations/replay.setup.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const office = [{ start: "09:00", end: "17:00" }];
const prague = {
  timeZone: "Europe/Prague",
  week: { "1": office, "2": office, "3": office, "4": office, "5": office },
  holidays: [{ date: "2026-04-06", name: "Velikonoční pondělí" }],
};

/** Billing escalates to Billing CZ (business hours, Prague), VPN to Network (calendar clock). */
const scenario = ScenarioSchema.parse({
  teams: [
    { name: "Head CZ", level: 2, levelName: "head of team" },
    { name: "Billing CZ", skills: ["billing"], level: 1, levelName: "tier 1", escalatesTo: "Head CZ", calendar: prague },
    { name: "Network", skills: ["network"], level: 1, levelName: "tier 1", calendar: prague },
  ],
  matrix: {
    rules: [
      { id: "default", sla: { firstResponseMinutes: 60, resolutionMinutes: 480, clock: "business" } },
      { id: "network-24x7", match: { category: "network" }, sla: { firstResponseMinutes: 60, resolutionMinutes: 480, clock: "calendar" } },
    ],
  },
});

const evaluate: Evaluate = async (ticket) =>
  toEvaluation({ decision: "escalate", escalation: { type: "functional" }, articles: [{ category: ticket.body.includes("vpn") ? "network" : "billing" }] });

const friday = "2026-04-03T16:30:00Z"; // Friday 18:30 CEST, Monday 6 April is Easter Monday
const t = (id: string, body: string, createdAt?: string): ReplayTicket => ({ id, channel: "email", body, lang: "cs", ...(createdAt ? { createdAt } : {}) });

describe("replay projects SLA due times with the team calendars, like the live service", () => {
  it("a Friday-evening business-hours ticket is due on Tuesday (holiday Monday skipped); a calendar-clock rule counts around the clock", async () => {
    await applyScenario(ctx.deps, scenario);
    ctx.clock.set("2026-04-08T12:00:00Z"); // "now" is only the default for tickets without createdAt
    const report = await replayTickets({
      deps: ctx.deps,
      input: { evaluate, tickets: [t("F1", "faktura je špatně", friday), t("F2", "vpn nejde", friday), t("W1", "faktura znovu")] },
    });
    expect(report.slaClocks).toEqual({ business: 2, calendar: 1, businessWithoutCalendar: 0 });
    expect(report.projectedSlas).toEqual([
      {
        ticketId: "F1",
        ruleId: "default",
        teamId: expect.any(String),
        teamName: "Billing CZ",
        level: 1,
        slaClock: "business",
        calendar: { version: 1, timeZone: "Europe/Prague" },
        startedAt: "2026-04-03T16:30:00.000Z",
        firstResponseDueAt: "2026-04-07T08:00:00.000Z", // Tuesday 10:00 CEST
        resolutionDueAt: "2026-04-07T15:00:00.000Z", // Tuesday 17:00 CEST
      },
      {
        ticketId: "F2",
        ruleId: "network-24x7",
        teamId: expect.any(String),
        teamName: "Network",
        level: 1,
        slaClock: "calendar",
        calendar: null, // the team has a calendar, but the rule counts around the clock
        startedAt: "2026-04-03T16:30:00.000Z",
        firstResponseDueAt: "2026-04-03T17:30:00.000Z",
        resolutionDueAt: "2026-04-04T00:30:00.000Z",
      },
      expect.objectContaining({
        ticketId: "W1",
        startedAt: "2026-04-08T12:00:00.000Z", // Wednesday 14:00 CEST: 3 h left today
        firstResponseDueAt: "2026-04-08T13:00:00.000Z",
        resolutionDueAt: "2026-04-09T12:00:00.000Z", // 180 min Wednesday + 300 min Thursday → 14:00 CEST
      }),
    ]);
    const text = formatReplay(report);
    expect(text).toContain("SLA clocks: business hours 2, around the clock 1");
    expect(text).toContain("F1 → Billing CZ L1 [default; business hours, Europe/Prague calendar v1]: 2026-04-07T08:00:00.000Z / 2026-04-07T15:00:00.000Z");
    expect(text).toContain("F2 → Network L1 [network-24x7; around the clock]: 2026-04-03T17:30:00.000Z");
  });

  it("a business-hours rule whose team has no calendar counts around the clock and says so; POST /v1/replay reports the clocks", async () => {
    await applyScenario(ctx.deps, ScenarioSchema.parse({ ...scenario, teams: scenario.teams.map(({ calendar: _omit, ...team }) => team) }));
    const report = await replayTickets({ deps: ctx.deps, input: { evaluate, tickets: [t("F1", "faktura", friday)] } });
    expect(report.slaClocks).toEqual({ business: 0, calendar: 0, businessWithoutCalendar: 1 });
    expect(report.projectedSlas[0]).toMatchObject({ slaClock: "business", calendar: null, firstResponseDueAt: "2026-04-03T17:30:00.000Z" });
    expect(formatReplay(report)).toContain("business rule, no calendar: around the clock");

    const res = await ctx.req("POST", "/v1/replay", { tickets: [{ id: "H1", channel: "email", body: "faktura", createdAt: friday }] }, "admin");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.projectedSlas).toHaveLength(body.escalations.functional + body.escalations.hierarchical);
    expect(body.slaClocks.business + body.slaClocks.calendar + body.slaClocks.businessWithoutCalendar).toBe(body.projectedSlas.length);
    for (const p of body.projectedSlas) expect(p.startedAt).toBe("2026-04-03T16:30:00.000Z");
  });
});

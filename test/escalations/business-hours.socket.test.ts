import { describe, expect, it } from "vitest";
import { runSlaSweep } from "../../src/escalations/sla.service.js";
import type { TestContext } from "../support/context.js";
import type { z } from "@hono/zod-openapi";
import { EscalationPageSchema, TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";
import { EscalationDetailSchema } from "../../src/escalations/escalations.schemas.js";
import { CustomerReplyResultSchema } from "../../src/escalations/pause.routes.js";
import { TeamCalendarSchema } from "../../src/teams/calendar.schemas.js";
import { present } from "../support/api.js";
import { type RawResponse, useSocketServer, type StartedServer, expectProblem, readRawJson, socketCaller } from "../support/socket.js";
import { createTeams, insertTicket } from "./support.js";

let ctx: TestContext;
let server: StartedServer;
useSocketServer((c, s) => {
  ctx = c;
  server = s;
});

const call = socketCaller(
  () => ctx,
  () => server,
);
/** That status; the body is not needed. */
const ok = (res: RawResponse, status = 200) => expect(res.status, res.body).toBe(status);
/** That status, the body read with the route's schema for it. */
const read = <S extends z.ZodType>(res: RawResponse, schema: S, status = 200): z.output<S> => {
  expect(res.status, res.body).toBe(status);
  return readRawJson(ctx, res, schema);
};

const office = [{ start: "09:00", end: "17:00" }];
const pragueCalendar = {
  timeZone: "Europe/Prague",
  week: { "1": office, "2": office, "3": office, "4": office, "5": office },
  holidays: [{ date: "2026-04-06", name: "Velikonoční pondělí" }],
};

async function setup() {
  const teams = await createTeams(ctx, [
    { name: "Head CZ", level: 2, levelName: "head of team" },
    { name: "Billing CZ", skills: ["billing"], level: 1, escalatesTo: "Head CZ" },
    { name: "Network", skills: ["network"], level: 1 },
  ]);
  ok(await call("PUT", "/v1/escalation-matrix", "admin", { rules: [{ id: "default", sla: { firstResponseMinutes: 60, resolutionMinutes: 480, clock: "business" } }] }), 201);
  ok(await call("PUT", `/v1/teams/${teams["Billing CZ"]}/calendar`, "admin", pragueCalendar));
  return teams;
}
const escalateNow = async (category: string) =>
  read(
    await call("POST", `/v1/tickets/${(await insertTicket(ctx, { category, createdAt: ctx.clock.now() })).id}/escalate`, "agent", { reason: "customer still blocked" }),
    TicketEscalatedSchema,
    201,
  );
const sweep = () => runSlaSweep(ctx.deps);

describe("business-hours SLAs over a real socket", () => {
  it("a Friday-evening escalation in Prague waits for Tuesday (Monday is a holiday); pause and resume shift the due times; nothing fires while paused", async () => {
    const teams = await setup();
    ctx.clock.set("2026-04-03T16:30:00Z"); // Friday 18:30 CEST
    const esc = await escalateNow("billing");
    expect(esc).toMatchObject({
      teamId: teams["Billing CZ"],
      slaClock: "business",
      calendarVersion: 1,
      firstResponseDueAt: "2026-04-07T08:00:00.000Z", // Tuesday 10:00
      resolutionDueAt: "2026-04-07T15:00:00.000Z", // Tuesday 17:00
      pausedAt: null,
      pausedMinutes: 0,
    });
    expect(esc.allowedActions).toEqual(["acknowledge", "reassign", "escalate", "resolve", "pause"]);

    ctx.clock.set("2026-04-07T07:29:00Z"); // Tuesday 09:29: 29 working minutes
    expect(await sweep()).toMatchObject({ warnings: 0, breaches: 0 });
    ctx.clock.set("2026-04-07T07:30:00Z"); // 50 % of the first response
    expect(await sweep()).toMatchObject({ warnings: 1, breaches: 0 });
    ctx.clock.set("2026-04-07T07:35:00Z");
    ok(await call("POST", `/v1/escalations/${esc.id}/acknowledge`, "agent", {}));

    ctx.clock.set("2026-04-07T09:00:00Z"); // Tuesday 11:00: 120 of 480 minutes used
    const paused = read(await call("POST", `/v1/escalations/${esc.id}/pause`, "agent", { waitingOn: "customer", note: "asked for the invoice number" }), EscalationDetailSchema);
    expect(paused).toMatchObject({ status: "waiting_customer", pausedAt: "2026-04-07T09:00:00.000Z", pausedMinutes: 0 });
    expect(paused.allowedActions).toEqual(["resume", "reassign", "escalate", "resolve"]);
    expectProblem(await call("POST", `/v1/escalations/${esc.id}/pause`, "agent", { waitingOn: "third_party" }), 409, "INVALID_STATE_TRANSITION");

    ctx.clock.set("2026-04-07T16:00:00Z"); // past the original 17:00 breach: paused, nothing fires
    expect(await sweep()).toMatchObject({ warnings: 0, breaches: 0, escalations: 0 });
    ctx.clock.set("2026-04-08T07:59:00Z");
    expect(await sweep()).toMatchObject({ warnings: 0, breaches: 0, escalations: 0 });

    ctx.clock.set("2026-04-08T08:00:00Z"); // Wednesday 10:00: the customer answers
    const replied = read(await call("POST", `/v1/tickets/${esc.ticketId}/reply`, "agent", { message: "The invoice is 2026-0412." }), CustomerReplyResultSchema);
    // 23 h paused; 420 working minutes passed (Tue 11–17, Wed 9–10): resolution due Tue 17:00 → Wed 16:00
    expect(replied).toMatchObject({ resumed: true, status: "acknowledged", pausedAt: null, pausedMinutes: 1380, resolutionDueAt: "2026-04-08T14:00:00.000Z" });
    const kinds = replied.events.map((e) => e.kind);
    expect(kinds.slice(-3)).toEqual(["paused", "customer_reply", "resumed"]);

    ctx.clock.set("2026-04-08T09:59:00Z");
    expect(await sweep()).toMatchObject({ warnings: 0, breaches: 0 });
    ctx.clock.set("2026-04-08T10:00:00Z"); // 240 of 480: Wed 12:00
    expect(await sweep()).toMatchObject({ warnings: 1, breaches: 0 });
    ctx.clock.set("2026-04-08T12:00:00Z"); // 360: Wed 14:00
    expect(await sweep()).toMatchObject({ warnings: 1, breaches: 0 });
    ctx.clock.set("2026-04-08T13:59:59Z");
    expect(await sweep()).toMatchObject({ warnings: 0, breaches: 0 });
    ctx.clock.set("2026-04-08T14:00:00Z"); // 480: Wed 16:00 → head of team
    expect(await sweep()).toMatchObject({ warnings: 0, breaches: 1, levelUps: 1 });
    expect(await sweep()).toMatchObject({ warnings: 0, breaches: 0 });

    const up = read(await call("GET", `/v1/escalations/${esc.id}`, "agent"), EscalationDetailSchema);
    expect(up).toMatchObject({ teamId: teams["Head CZ"], level: 2, status: "open", pausedMinutes: 1380, slaClock: "business", calendarVersion: null });
    // the head of team has no calendar: its clock runs around the clock
    expect(up.resolutionDueAt).toBe("2026-04-08T22:00:00.000Z");
    const breach = up.events.find((e) => e.kind === "sla_breached");
    expect(breach?.detail).toMatchObject({ timer: "resolution", percent: 100, dueAt: "2026-04-08T14:00:00.000Z" });
    const list = read(await call("GET", "/v1/escalations", "agent"), EscalationPageSchema);
    expect(list.escalations[0]).toMatchObject({ id: esc.id, pausedAt: null, pausedMinutes: 1380, slaClock: "business" });
  });

  it("resume by hand goes back to open when it was never acknowledged; a third-party wait is not resumed by the customer's reply", async () => {
    await setup();
    ctx.clock.set("2026-04-07T07:00:00Z"); // Tuesday 09:00
    const esc = await escalateNow("billing");
    ctx.clock.set("2026-04-07T07:20:00Z");
    ok(await call("POST", `/v1/escalations/${esc.id}/pause`, "agent", { waitingOn: "third_party" }));
    const reply = read(await call("POST", `/v1/tickets/${esc.ticketId}/reply`, "agent", { message: "any news?" }), CustomerReplyResultSchema);
    expect(reply).toMatchObject({ resumed: false, status: "waiting_third_party" });
    ctx.clock.set("2026-04-07T08:20:00Z");
    const resumed = read(await call("POST", `/v1/escalations/${esc.id}/resume`, "agent", {}), EscalationDetailSchema);
    // 20 of 60 first-response minutes used; 40 left from 10:20 → 11:00 local
    expect(resumed).toMatchObject({ status: "open", pausedMinutes: 60, firstResponseDueAt: "2026-04-07T09:00:00.000Z" });
    expectProblem(await call("POST", `/v1/escalations/${esc.id}/resume`, "agent", {}), 409, "INVALID_STATE_TRANSITION");
    const noEscalation = await insertTicket(ctx);
    expectProblem(await call("POST", `/v1/tickets/${noEscalation.id}/reply`, "agent", { message: "hello" }), 409, "CONFLICT");
  });

  it("a due time across the spring-forward change gives the exact instant, and the breach fires then", async () => {
    await setup();
    ctx.clock.set("2026-03-27T15:00:00Z"); // Friday 16:00 CET
    const esc = await escalateNow("billing");
    // first response: Fri 16:00–17:00 CET; resolution: 60 on Friday + 420 on Monday → Mon 16:00 CEST
    expect(esc).toMatchObject({ firstResponseDueAt: "2026-03-27T16:00:00.000Z", resolutionDueAt: "2026-03-30T14:00:00.000Z" });
    ok(await call("POST", `/v1/escalations/${esc.id}/acknowledge`, "agent", {}));
    ctx.clock.set("2026-03-30T13:59:00Z");
    expect(await sweep()).toMatchObject({ warnings: 2, breaches: 0 });
    ctx.clock.set("2026-03-30T14:00:00Z");
    expect(await sweep()).toMatchObject({ breaches: 1 });
  });

  it("a team without a calendar counts around the clock, exactly as before", async () => {
    await setup();
    ctx.clock.set("2026-04-03T16:30:00Z");
    const esc = await escalateNow("network");
    expect(esc).toMatchObject({ slaClock: "business", calendarVersion: null, firstResponseDueAt: "2026-04-03T17:30:00.000Z", resolutionDueAt: "2026-04-04T00:30:00.000Z" });
    ctx.clock.set("2026-04-03T17:30:00Z");
    expect(await sweep()).toMatchObject({ warnings: 2, breaches: 1 });
  });
});

describe("team calendar API over a real socket", () => {
  it("stores versions, reads the current one and old ones, 404 when none; admin only", async () => {
    const teams = await createTeams(ctx, [{ name: "Billing CZ", level: 1 }]);
    const id = teams["Billing CZ"];
    expectProblem(await call("GET", `/v1/teams/${id}/calendar`, "agent"), 404, "NOT_FOUND");
    expectProblem(await call("PUT", `/v1/teams/${id}/calendar`, "agent", pragueCalendar), 403, "FORBIDDEN");
    expectProblem(await call("PUT", `/v1/teams/${id}/calendar`, undefined, pragueCalendar), 401, "UNAUTHENTICATED");
    expectProblem(await call("PUT", "/v1/teams/team_nope/calendar", "admin", pragueCalendar), 404, "NOT_FOUND");
    expect(read(await call("PUT", `/v1/teams/${id}/calendar`, "admin", pragueCalendar), TeamCalendarSchema)).toMatchObject({ version: 1, timeZone: "Europe/Prague" });
    const split = {
      timeZone: "America/New_York",
      week: {
        "5": [
          { start: "13:00", end: "17:00" },
          { start: "08:00", end: "12:00" },
        ],
      },
    };
    expect(read(await call("PUT", `/v1/teams/${id}/calendar`, "admin", split), TeamCalendarSchema)).toMatchObject({
      version: 2,
      week: { "5": [{ start: "08:00" }, { start: "13:00" }] },
      holidays: [],
    });
    expect(read(await call("GET", `/v1/teams/${id}/calendar`, "agent"), TeamCalendarSchema)).toMatchObject({ version: 2, timeZone: "America/New_York" });
    expect(read(await call("GET", `/v1/teams/${id}/calendar/versions/1`, "agent"), TeamCalendarSchema)).toMatchObject({ version: 1, holidays: [{ date: "2026-04-06" }] });
    expectProblem(await call("GET", `/v1/teams/${id}/calendar/versions/3`, "agent"), 404, "NOT_FOUND");
  });

  it("validation errors name the field; nothing is stored", async () => {
    const teams = await createTeams(ctx, [{ name: "Billing CZ", level: 1 }]);
    const put = (body: unknown) => call("PUT", `/v1/teams/${teams["Billing CZ"]}/calendar`, "admin", body);
    const fields = async (body: unknown) => {
      const res = await put(body);
      return present(expectProblem(res, 400, "VALIDATION_FAILED").errors, "the field errors").map((e) => e.field);
    };
    expect(await fields({ ...pragueCalendar, timeZone: "Europe/Atlantis" })).toEqual(["timeZone"]);
    expect(
      await fields({
        ...pragueCalendar,
        week: {
          "1": [
            { start: "09:00", end: "12:00" },
            { start: "11:00", end: "17:00" },
          ],
        },
      }),
    ).toEqual(["week.1.1"]);
    expect(await fields({ ...pragueCalendar, week: { "1": office, "2": [{ start: "17:00", end: "09:00" }] } })).toEqual(["week.2.0"]);
    expect(await fields({ ...pragueCalendar, week: { "1": office, "3": [{ start: "9:00", end: "25:00" }] } })).toEqual(["week.3.0.start", "week.3.0.end"]);
    expect(await fields({ ...pragueCalendar, week: {} })).toEqual(["week"]);
    expect(await fields({ ...pragueCalendar, week: { "8": office } })).toContain("week");
    expect(await fields({ ...pragueCalendar, holidays: [{ date: "2026-04-06" }, { date: "2026-04-06" }] })).toEqual(["holidays.1.date"]);
    expect(await fields({ ...pragueCalendar, holidays: [{ date: "2026-02-30" }] })).toEqual(["holidays.0.date"]);
    const many = Array.from({ length: 367 }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10) }));
    expect(await fields({ ...pragueCalendar, holidays: many })).toEqual(["holidays"]);
    expectProblem(await call("GET", `/v1/teams/${teams["Billing CZ"]}/calendar`, "agent"), 404, "NOT_FOUND");
  });
});

import { describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { sql } from "drizzle-orm";
import type { TestContext } from "../support/context.js";
import type { z } from "@hono/zod-openapi";
import { TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";
import { EscalationDetailSchema } from "../../src/escalations/escalations.schemas.js";
import { PortalReplyResultSchema } from "../../src/portal/portal.schemas.js";
import { type OpenApiDoc, present } from "../support/api.js";
import { type RawResponse, type StartedServer, useSocketServer, expectProblem, readRawJson, socketCaller } from "../support/socket.js";
import { createTeams, insertTicket } from "../escalations/support.js";

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
const prague = { timeZone: "Europe/Prague", week: { "1": office, "2": office, "3": office, "4": office, "5": office }, holidays: [{ date: "2026-04-06" }] };

async function setup() {
  const teams = await createTeams(ctx, [{ name: "Billing CZ", skills: ["billing"], level: 1 }]);
  ok(await call("PUT", "/v1/escalation-matrix", "admin", { rules: [{ id: "default", sla: { firstResponseMinutes: 60, resolutionMinutes: 480, clock: "business" } }] }), 201);
  ok(await call("PUT", `/v1/teams/${teams["Billing CZ"]}/calendar`, "admin", prague));
  return teams;
}
async function escalated(source: "portal" | "agent") {
  const ticket = await insertTicket(ctx, {
    category: "billing",
    source,
    channel: source === "portal" ? "portal" : "email",
    reference: `DF-${source === "portal" ? "PRTL" : "AGNT"}-01`,
  });
  const esc = read(await call("POST", `/v1/tickets/${ticket.id}/escalate`, "agent", { reason: "customer still blocked" }), TicketEscalatedSchema, 201);
  return { ticket, esc };
}
const replies = async () => queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from escalation_events where kind = 'customer_reply'`);

describe("POST /portal/api/tickets/{id}/reply over a real socket", () => {
  it("the customer's answer from the portal resumes a clock paused on the customer: status back, due times moved, paused minutes recorded", async () => {
    await setup();
    ctx.clock.set("2026-04-07T07:00:00Z"); // Tuesday 09:00 CEST
    const { ticket, esc } = await escalated("portal");
    expect(esc).toMatchObject({ slaClock: "business", resolutionDueAt: "2026-04-07T15:00:00.000Z" });
    ctx.clock.set("2026-04-07T07:05:00Z");
    ok(await call("POST", `/v1/escalations/${esc.id}/acknowledge`, "agent", {}));
    ctx.clock.set("2026-04-07T09:00:00Z"); // 11:00: 120 of 480 working minutes used
    ok(await call("POST", `/v1/escalations/${esc.id}/pause`, "agent", { waitingOn: "customer", note: "asked for the invoice number" }));

    ctx.clock.set("2026-04-08T08:00:00Z"); // Wednesday 10:00: the customer answers in the portal, no key
    const res = await call("POST", `/portal/api/tickets/${ticket.id}/reply`, undefined, { body: "  The invoice number is 2026-0412.  " });
    expect(read(res, PortalReplyResultSchema)).toEqual({ ticketId: ticket.id, reference: ticket.reference, status: "received" });
    expect(res.body).not.toMatch(/esc_|slaClock|dueAt|teamId/); // the customer sees no internals

    const after = read(await call("GET", `/v1/escalations/${esc.id}`, "agent"), EscalationDetailSchema);
    // 23 h paused; 420 working minutes passed (Tue 11–17, Wed 9–10): resolution due Tue 17:00 → Wed 16:00
    expect(after).toMatchObject({ status: "acknowledged", pausedAt: null, pausedMinutes: 1380, resolutionDueAt: "2026-04-08T14:00:00.000Z" });
    const events = after.events;
    expect(events.slice(-3).map((e) => e.kind)).toEqual(["paused", "customer_reply", "resumed"]);
    expect(events.at(-2)).toMatchObject({ actor: "portal", detail: { message: "The invoice number is 2026-0412." } });
    expect(events.at(-1)?.detail).toMatchObject({ trigger: "customer_reply", pausedMinutes: 1380 });

    // Nothing waits on the customer any more: 409 saying so, and nothing more is recorded.
    const again = expectProblem(await call("POST", `/portal/api/tickets/${ticket.id}/reply`, undefined, { body: "hello again" }), 409, "CONFLICT");
    expect(again.detail).toMatch(/waiting on the customer/);
    expect(again.escalationId).toBeUndefined();
    expect(await replies()).toEqual([{ n: 1 }]);
  });

  it("409 when the wait is on a third party or there is no escalation; nothing is written", async () => {
    await setup();
    ctx.clock.set("2026-04-07T07:00:00Z");
    const { ticket, esc } = await escalated("portal");
    ok(await call("POST", `/v1/escalations/${esc.id}/pause`, "agent", { waitingOn: "third_party" }));
    expectProblem(await call("POST", `/portal/api/tickets/${ticket.id}/reply`, undefined, { body: "any news?" }), 409, "CONFLICT");
    expect(read(await call("GET", `/v1/escalations/${esc.id}`, "agent"), EscalationDetailSchema)).toMatchObject({ status: "waiting_third_party" });
    const plain = await insertTicket(ctx, { source: "portal", channel: "portal", reference: "DF-PRTL-02" });
    expectProblem(await call("POST", `/portal/api/tickets/${plain.id}/reply`, undefined, { body: "hello" }), 409, "CONFLICT");
    expect(await replies()).toEqual([{ n: 0 }]);
  });

  it("404 for an agent-channel ticket's id, for the reference instead of the id, and for an unknown id; 400 naming the field", async () => {
    await setup();
    ctx.clock.set("2026-04-07T07:00:00Z");
    const portal = await escalated("portal");
    const agent = await escalated("agent");
    for (const e of [portal.esc, agent.esc]) ok(await call("POST", `/v1/escalations/${e.id}/pause`, "agent", { waitingOn: "customer" }));
    const unknown = expectProblem(await call("POST", "/portal/api/tickets/tkt_01m82y6mj7f22rqb6w4a2k7wwd/reply", undefined, { body: "hi" }), 404, "NOT_FOUND");
    for (const id of [agent.ticket.id, portal.ticket.reference]) {
      const res = await call("POST", `/portal/api/tickets/${encodeURIComponent(id)}/reply`, undefined, { body: "hi" });
      const body = expectProblem(res, 404, "NOT_FOUND");
      expect(Object.keys(body).sort()).toEqual(Object.keys(unknown).sort()); // same shape as a missing ticket
      expect(res.body).not.toContain(agent.esc.id);
      expect(res.body).not.toContain("DF-AGNT-01");
    }
    // Even an agent's key on the portal route gets no other channel's ticket.
    expectProblem(await call("POST", `/portal/api/tickets/${agent.ticket.id}/reply`, "admin", { body: "hi" }), 404, "NOT_FOUND");

    for (const body of [{ body: "" }, { body: "   " }, {}]) {
      const bad = expectProblem(await call("POST", `/portal/api/tickets/${portal.ticket.id}/reply`, undefined, body), 400, "VALIDATION_FAILED");
      expect(present(bad.errors, "the field errors").map((e) => e.field)).toEqual(["body"]);
    }
    const nul = expectProblem(await call("POST", `/portal/api/tickets/${portal.ticket.id}/reply`, undefined, { body: "a\u0000b" }), 400, "VALIDATION_FAILED");
    expect(nul.errors).toEqual([{ field: "body", message: expect.stringContaining("NUL") }]);
    expectProblem(await call("POST", `/portal/api/tickets/${portal.ticket.id}/reply`, undefined, { body: "x".repeat(5001) }), 400, "VALIDATION_FAILED");
    expectProblem(await call("POST", `/portal/api/tickets/${portal.ticket.id}/reply`, undefined, { body: "hi", extra: 1 }), 400, "VALIDATION_FAILED");
    expect(await replies()).toEqual([{ n: 0 }]);
    for (const e of [portal.esc, agent.esc])
      expect(read(await call("GET", `/v1/escalations/${e.id}`, "agent"), EscalationDetailSchema)).toMatchObject({ status: "waiting_customer" });
  });

  it("is in the OpenAPI document as an anonymous portal route with its errors", async () => {
    const res = await call("GET", "/openapi.json");
    ok(res);
    // A document, not an operation's answer: typed as far as the test reads it.
    const doc = JSON.parse(res.body) as OpenApiDoc;
    const op = present(doc.paths["/portal/api/tickets/{id}/reply"]?.post, "POST /portal/api/tickets/{id}/reply");
    expect(op).toMatchObject({ operationId: "portalTicketReply", "x-roles": expect.arrayContaining(["portal"]) });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "404", "409", "429"]));
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { feedbackEvents, tickets, webhookDeliveries } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createTeams, escalate, insertTicket, standardTeams, handoffOf } from "./support.js";
import { readJson } from "../support/api.js";
import { EscalationPageSchema, TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";
import { EscalationDetailSchema } from "../../src/escalations/escalations.schemas.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } }); // webhooks to 127.0.0.1:9 are refused by default
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("escalations out of the box and by hand", () => {
  it("works with no matrix and no teams: built-in default, level 1, 60/480 min SLA", async () => {
    const ticket = await insertTicket(ctx);
    const res = await escalate(ctx, ticket.id, { notes: "checked the billing page" });
    expect(res.status).toBe(201);
    const esc = await readJson(res, TicketEscalatedSchema);
    expect(esc).toMatchObject({ status: "open", level: 1, teamId: null, ruleId: "default", matrixVersion: null, type: "functional" });
    expect(esc.firstResponseDueAt).toBe("2026-03-02T10:00:00.000Z");
    expect(esc.resolutionDueAt).toBe("2026-03-02T17:00:00.000Z");
    expect(esc.events.map((e: { kind: string }) => e.kind)).toEqual(["created"]);
    expect(handoffOf(esc).text).toContain("charged twice");
    expect(handoffOf(esc).tried).toBe("checked the billing page");
    expect(handoffOf(esc).articles.noneMatched).toBe(true);
    expect(esc.allowedActions).toEqual(["acknowledge", "reassign", "escalate", "resolve", "pause"]);
  });

  it("routes functional escalations to the team whose skills fit and hierarchical ones up a level", async () => {
    const teams = await createTeams(ctx, standardTeams);
    const billing = await insertTicket(ctx, { category: "billing" });
    const f = await readJson(await escalate(ctx, billing.id, { type: "functional" }), TicketEscalatedSchema);
    expect(f.teamId).toBe(teams["Billing T1"]);
    expect(f.level).toBe(1);

    const other = await insertTicket(ctx, { category: "billing" });
    const h = await readJson(await escalate(ctx, other.id, { type: "hierarchical" }), TicketEscalatedSchema);
    expect(h.teamId).toBe(teams["Billing T2"]);
    expect(h.level).toBe(2);

    const net = await insertTicket(ctx, { category: "network" });
    const n = await readJson(await escalate(ctx, net.id, { type: "functional" }), TicketEscalatedSchema);
    expect(n.teamId).toBe(teams["Network T1"]);
  });

  it("sends hierarchical threats (legal) straight to the top of the path", async () => {
    const teams = await createTeams(ctx, standardTeams);
    const ticket = await insertTicket(ctx, {
      category: "billing",
      verdict: { decision: "escalate", signals: [{ kind: "legal", phrase: "lawyer" }] },
    });
    const esc = await readJson(await escalate(ctx, ticket.id, { type: "hierarchical" }), TicketEscalatedSchema);
    expect(esc.teamId).toBe(teams.Manager);
    expect(esc.level).toBe(4);
    expect(handoffOf(esc).signals).toEqual([{ kind: "legal", phrase: "lawyer" }]);
    expect(handoffOf(esc).text).toContain('legal ("lawyer")');
  });

  it("puts earlier tickets of the same customer and the suggested articles in the handoff", async () => {
    ctx.clock.set("2026-02-01T09:00:00Z");
    const old = await insertTicket(ctx, { customerRef: "cust-7", subject: "VPN drops" });
    ctx.clock.set("2026-03-02T09:00:00Z");
    const ticket = await insertTicket(ctx, {
      customerRef: "cust-7",
      verdict: {
        matches: [
          { articleId: "art_1", title: "Refund a double charge", score: 0.61 },
          { articleId: "art_2", title: "Read your invoice", score: 0.4 },
        ],
      },
    });
    await ctx.database.db.insert(feedbackEvents).values({ id: "fb_1", ticketId: ticket.id, articleId: "art_2", outcome: "not_resolved", source: "portal" });
    const esc = await readJson(await escalate(ctx, ticket.id), TicketEscalatedSchema);
    expect(handoffOf(esc).earlierTickets).toEqual([expect.objectContaining({ ticketId: old.id, reference: old.reference, subject: "VPN drops" })]);
    expect(handoffOf(esc).articles.suggested).toEqual([{ articleId: "art_1", title: "Refund a double charge", score: 0.61 }]);
    expect(handoffOf(esc).articles.rejected).toEqual([{ articleId: "art_2", title: "Read your invoice", score: 0.4, rejected: true }]);
    expect(handoffOf(esc).text).toContain('Articles rejected by the customer: "Read your invoice"');
    // Tickets are named by the reference the customer quotes, in the handoff and on the escalation.
    expect(handoffOf(esc).text).toContain(`Earlier tickets of this customer: ${old.reference} (open`);
    expect(handoffOf(esc).text).toContain(`Ticket ${ticket.reference}: language en`);
    expect(esc).toMatchObject({ ticketId: ticket.id, ticketReference: ticket.reference });
    expect(handoffOf(esc).ticketReference).toBe(ticket.reference);
  });

  it("acknowledges, reassigns and escalates one level up with events recorded", async () => {
    const teams = await createTeams(ctx, standardTeams);
    const ticket = await insertTicket(ctx, { category: "billing" });
    const esc = await readJson(await escalate(ctx, ticket.id), TicketEscalatedSchema);

    ctx.clock.advance(10 * 60_000);
    const ack = await readJson(await ctx.req("POST", `/v1/escalations/${esc.id}/acknowledge`, {}, "agent"), EscalationDetailSchema);
    expect(ack).toMatchObject({ status: "acknowledged", assignee: "test-agent", acknowledgedAt: "2026-03-02T09:10:00.000Z" });
    const [t] = await ctx.database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(t?.firstResponseAt?.toISOString()).toBe("2026-03-02T09:10:00.000Z");
    expect(t?.status).toBe("escalated");

    const re = await readJson(await ctx.req("POST", `/v1/escalations/${esc.id}/reassign`, { assignee: "bob" }, "agent"), EscalationDetailSchema);
    expect(re).toMatchObject({ assignee: "bob", teamId: teams["Billing T1"] });

    const up = await readJson(await ctx.req("POST", `/v1/escalations/${esc.id}/escalate`, { reason: "needs a refund approval" }, "agent"), EscalationDetailSchema);
    expect(up).toMatchObject({ status: "open", teamId: teams["Billing T2"], level: 2, assignee: null, slaStartedAt: "2026-03-02T09:10:00.000Z" });
    expect(up.events.map((e: { kind: string }) => e.kind)).toEqual(["created", "acknowledged", "reassigned", "escalated"]);
    expect(up.events[3]).toMatchObject({ fromLevel: 1, toLevel: 2, detail: expect.objectContaining({ reason: "needs a refund approval", trigger: "manual" }) });
    expect(handoffOf(up).routing.teamName).toBe("Billing T2");

    const list = await readJson(await ctx.req("GET", `/v1/escalations?team=${teams["Billing T2"]}&status=open`, undefined, "agent"), EscalationPageSchema);
    expect(list.escalations.map((e: { id: string }) => e.id)).toEqual([esc.id]);
    const none = await readJson(await ctx.req("GET", `/v1/escalations?type=hierarchical`, undefined, "agent"), EscalationPageSchema);
    expect(none.escalations).toEqual([]);
  });

  it("pages the list with a cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await readJson(await escalate(ctx, (await insertTicket(ctx)).id), TicketEscalatedSchema)).id);
    const first = await readJson(await ctx.req("GET", "/v1/escalations?limit=2", undefined, "agent"), EscalationPageSchema);
    expect(first.escalations.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[1]]);
    const second = await readJson(await ctx.req("GET", `/v1/escalations?limit=2&cursor=${first.nextCursor}`, undefined, "agent"), EscalationPageSchema);
    expect(second.escalations.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("escalations opened by the deflection verdict", () => {
  it("routes a legal threat from POST /v1/tickets to the top of the path with a full handoff and a webhook", async () => {
    const teams = await createTeams(ctx, standardTeams);
    await ctx.req("POST", "/v1/webhooks", { url: "http://127.0.0.1:9/x", events: ["escalation.created"] }, "admin");
    ctx.clock.set("2026-02-20T09:00:00Z");
    const earlier = await readJson(
      await ctx.req("POST", "/v1/tickets", { body: "How do I download my invoice?", channel: "email", customerRef: "acme" }, "agent"),
      TicketSubmittedSchema,
    );
    ctx.clock.set("2026-03-02T09:00:00Z");
    const res = await ctx.req(
      "POST",
      "/v1/tickets",
      {
        subject: "Double charge",
        body: "You charged us twice this month. If it is not refunded by Friday our lawyer will take legal action.\n\nRegards,\nJana",
        channel: "email",
        customerRef: "acme",
        category: "billing",
      },
      "agent",
    );
    expect(res.status).toBe(201);
    const created = await readJson(res, TicketSubmittedSchema);
    const id = created.verdict?.escalation?.id;
    expect(id).toMatch(/^esc_/);
    const esc = await readJson(await ctx.req("GET", `/v1/escalations/${id}`, undefined, "agent"), EscalationDetailSchema);
    expect(esc).toMatchObject({ type: "hierarchical", teamId: teams.Manager, level: 4, status: "open" });
    expect(handoffOf(esc).signals.map((s: { kind: string }) => s.kind)).toContain("legal");
    expect(handoffOf(esc).earlierTickets.map((t: { ticketId: string }) => t.ticketId)).toEqual([earlier.ticket.id]);
    expect(handoffOf(esc).gist).toContain("charged us twice");
    expect(handoffOf(esc).gist).not.toContain("Regards");
    const outbox = await ctx.database.db.select().from(webhookDeliveries);
    // the earlier ticket found no article and escalated too: one row per escalation
    const forThis = outbox.filter((d) => (d.payload as { escalation: { id: string } }).escalation.id === id);
    expect(forThis.map((d) => d.event)).toEqual(["escalation.created"]);
  });
});

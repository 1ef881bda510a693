import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, escalationEvents, escalations, webhookDeliveries, webhookSubscriptions } from "../../src/db/schema/index.js";
import { newId } from "../../src/db/ids.js";
import { runSlaSweep } from "../../src/escalations/sla.service.js";
import type { TestContext } from "../support/context.js";
import { EscalationPageSchema, TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";
import { EscalationDetailSchema, EscalationSchema } from "../../src/escalations/escalations.schemas.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { present } from "../support/api.js";
import { expectProblem, rawRequest, type RawResponse, readRawJson, type StartedServer, useSocketServer } from "../support/socket.js";
import { createTeams, insertTicket, standardTeams } from "./support.js";

/**
 * Escalation causes over a real socket (issue 22): set automatically on the ticket path and on an
 * agent's escalation, corrected with PUT /v1/escalations/{id}/cause, kept through an SLA level-up.
 * The knowledge base is empty, so every calm ticket escalates functionally (nothing matches).
 */
let ctx: TestContext;
let server: StartedServer;
useSocketServer((c, s) => {
  ctx = c;
  server = s;
});

type Role = "agent" | "expert" | "admin" | "anonymous";
async function call(method: string, path: string, body?: object, role: Role = "agent") {
  const headers = role === "anonymous" ? {} : await ctx.auth(role);
  return rawRequest(server.port, { method, path, headers, ...(body ? { body } : {}) });
}
const submit = async (body: Record<string, unknown>) => {
  const res = await call("POST", "/v1/tickets", { channel: "email", ...body });
  expect(res.status).toBe(201);
  const out = readRawJson(ctx, res, TicketSubmittedSchema);
  return { ...out, verdict: present(out.verdict, "the verdict") };
};
const escalationOf = async (id: string) => {
  const res = await call("GET", `/v1/escalations/${id}`);
  expect(res.status, res.body).toBe(200);
  return readRawJson(ctx, res, EscalationDetailSchema);
};
/** POST /v1/tickets/{id}/escalate's 201 answer, read with its schema. */
const escalated = (res: RawResponse) => {
  expect(res.status, res.body).toBe(201);
  return readRawJson(ctx, res, TicketEscalatedSchema);
};
const fieldsOf = (res: RawResponse) => present(expectProblem(res, 400, "VALIDATION_FAILED").errors, "the field errors").map((e) => e.field);

describe("causes set automatically", () => {
  it("no article matched → knowledge_gap; a manager demand → customer_demand; insults only → conflict; repeated contact → customer_demand", async () => {
    const gap = await submit({ body: "The export to CSV stops at 100 rows. How do I get all of them?" });
    expect(gap.verdict.escalation?.type).toBe("functional");
    expect(await escalationOf(gap.verdict.escalation?.id ?? "")).toMatchObject({ cause: "knowledge_gap", causeSetBy: null });

    const demand = await submit({ body: "I want to speak to your manager right now. The export to CSV stops at 100 rows." });
    expect(demand.verdict.escalation?.type).toBe("hierarchical");
    const demandEsc = await escalationOf(demand.verdict.escalation?.id ?? "");
    expect(demandEsc).toMatchObject({ cause: "customer_demand", causeSetBy: null });
    expect(demandEsc.events[0]).toMatchObject({ kind: "created", detail: { cause: "customer_demand", manual: false } });

    const conflict = await submit({ body: "You are useless incompetent idiots. The export to CSV stops at 100 rows." });
    expect(conflict.verdict.escalation?.type).toBe("hierarchical");
    expect(await escalationOf(conflict.verdict.escalation?.id ?? "")).toMatchObject({ cause: "conflict" });

    const causes: string[] = [];
    for (let i = 0; i < 4; i++) {
      ctx.clock.advance(3_600_000);
      const t = await submit({ customerRef: "cust-42", body: "The Clock in button in the mobile app is grey and I cannot start my shift." });
      causes.push(`${t.verdict.escalation?.type}:${(await escalationOf(t.verdict.escalation?.id ?? "")).cause}`);
    }
    expect(causes[3]).toBe("hierarchical:customer_demand");
    expect(causes.slice(0, 3).every((c) => c === "functional:knowledge_gap")).toBe(true);
  });

  it("an agent's escalation: knowledge_gap by default, authorisation for an approval/refund reason or an internal fix, the agent's cause when given", async () => {
    const plain = await insertTicket(ctx);
    const r1 = await call("POST", `/v1/tickets/${plain.id}/escalate`, { reason: "Tier 1 does not know this integration" });
    expect(r1.status).toBe(201);
    expect(escalated(r1)).toMatchObject({ cause: "knowledge_gap", causeSetBy: null });

    const refund = await insertTicket(ctx);
    const r2 = await call("POST", `/v1/tickets/${refund.id}/escalate`, { reason: "Zákazník žádá vrácení peněz, potřebuji schválení" });
    expect(escalated(r2)).toMatchObject({ cause: "authorisation", causeSetBy: null });

    const internal = await insertTicket(ctx, {
      decision: "suggest",
      verdict: { decision: "suggest", signals: [], matches: [{ articleId: "art_x", title: "Reset SSO", visibility: "internal", scores: { fused: 0.9 } }] },
    });
    const r3 = await call("POST", `/v1/tickets/${internal.id}/escalate`, { reason: "Customer still cannot sign in" });
    expect(escalated(r3)).toMatchObject({ cause: "authorisation" });

    const chosen = await insertTicket(ctx);
    const r4 = await call("POST", `/v1/tickets/${chosen.id}/escalate`, { reason: "Needs a refund", cause: "defect" }, "expert");
    const byExpert = escalated(r4);
    expect(byExpert).toMatchObject({ cause: "defect", causeSetBy: "test-expert" });
    expect(byExpert.events[0]).toMatchObject({ kind: "created", detail: { cause: "defect", manual: true } });

    const bad = await insertTicket(ctx);
    const r5 = await call("POST", `/v1/tickets/${bad.id}/escalate`, { reason: "Needs a refund", cause: "bad_luck" });
    expect(r5.status).toBe(400);
    expect(r5.headers["content-type"]).toContain("application/problem+json");
    expect(fieldsOf(r5)).toContain("cause");
    expect(await ctx.database.db.select().from(escalations).where(eq(escalations.ticketId, bad.id))).toEqual([]);
  });

  it("an SLA-breach level-up keeps the escalation's cause and records sla_breach on the level-up event", async () => {
    await createTeams(ctx, standardTeams);
    const ticket = await insertTicket(ctx, { category: "billing" });
    const created = escalated(await call("POST", `/v1/tickets/${ticket.id}/escalate`, { reason: "Please approve a credit note" }));
    expect(created.cause).toBe("authorisation");
    ctx.clock.advance(3 * 24 * 3_600_000);
    await runSlaSweep(ctx.deps);
    const after = await escalationOf(created.id);
    const levelUp = present(
      after.events.find((e) => e.kind === "escalated" && e.detail.trigger === "sla_breach"),
      "the SLA level-up event",
    );
    expect(levelUp.detail).toMatchObject({ cause: "sla_breach", escalationCause: "authorisation" });
    expect(after.cause).toBe("authorisation");
  });
});

describe("PUT /v1/escalations/{id}/cause", () => {
  it("records the agent as causeSetBy, a cause_changed event and an audit entry; lists and webhooks carry the cause; resolved ones can be corrected", async () => {
    await ctx.database.db.insert(webhookSubscriptions).values({ id: newId("webhook"), url: "https://example.test/hook", events: ["escalation.created"], secret: "s".repeat(32) });
    const ticket = await insertTicket(ctx);
    const { id } = escalated(await call("POST", `/v1/tickets/${ticket.id}/escalate`, { reason: "Tier 1 is stuck" }));
    const res = await call("PUT", `/v1/escalations/${id}/cause`, { cause: "defect", note: "Reproduced: the export is broken" });
    expect(res.status).toBe(200);
    expect(readRawJson(ctx, res, EscalationSchema)).toMatchObject({ id, cause: "defect", causeSetBy: "test-agent" });

    const detail = await escalationOf(id);
    expect(detail).toMatchObject({ cause: "defect", causeSetBy: "test-agent" });
    expect(detail.events.at(-1)).toMatchObject({
      kind: "cause_changed",
      actor: "test-agent",
      detail: { from: "knowledge_gap", to: "defect", note: "Reproduced: the export is broken" },
    });
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, "escalation.cause"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: "test-agent", role: "agent", entityType: "escalation", entityId: id, detail: { from: "knowledge_gap", to: "defect" } });
    const list = await call("GET", "/v1/escalations");
    expect(readRawJson(ctx, list, EscalationPageSchema).escalations[0]).toMatchObject({ id, cause: "defect", causeSetBy: "test-agent" });
    const deliveries = await ctx.database.db.select().from(webhookDeliveries);
    expect(deliveries.map((d) => [d.event, (d.payload as { escalation?: { cause?: string } }).escalation?.cause])).toEqual([["escalation.created", "knowledge_gap"]]);

    await ctx.database.db.update(escalations).set({ status: "resolved", resolvedAt: ctx.clock.now() }).where(eq(escalations.id, id));
    const afterResolve = await call("PUT", `/v1/escalations/${id}/cause`, { cause: "miscommunication" }, "admin");
    expect(afterResolve.status).toBe(200);
    expect(readRawJson(ctx, afterResolve, EscalationSchema)).toMatchObject({ status: "resolved", cause: "miscommunication", causeSetBy: "test-admin" });
  });

  it("401 without a key, 400 naming the field, 404 for an unknown escalation; nothing written after a rejection", async () => {
    const ticket = await insertTicket(ctx);
    const { id } = escalated(await call("POST", `/v1/tickets/${ticket.id}/escalate`, { reason: "Tier 1 is stuck" }));
    const anonymous = await call("PUT", `/v1/escalations/${id}/cause`, { cause: "defect" }, "anonymous");
    expect(anonymous.status).toBe(401);
    expectProblem(anonymous, 401, "UNAUTHENTICATED");
    const badKey = await rawRequest(server.port, { method: "PUT", path: `/v1/escalations/${id}/cause`, headers: { authorization: "Bearer dfl_nope" }, body: { cause: "defect" } });
    expect(badKey.status).toBe(401);
    for (const role of ["agent", "expert", "admin"] as const) expect((await call("PUT", `/v1/escalations/${id}/cause`, { cause: "conflict" }, role)).status, role).toBe(200);

    const unknown = await call("PUT", `/v1/escalations/${id}/cause`, { cause: "bad_luck" });
    expect(unknown.status).toBe(400);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    expect(fieldsOf(unknown)).toEqual(["cause"]);
    const extra = await call("PUT", `/v1/escalations/${id}/cause`, { cause: "defect", why: "x" });
    expect(extra.status).toBe(400);
    const missing = await call("PUT", `/v1/escalations/${id}/cause`, {});
    expect(fieldsOf(missing)).toContain("cause");
    const notFound = await call("PUT", "/v1/escalations/esc_missing/cause", { cause: "defect" });
    expect(notFound.status).toBe(404);
    expectProblem(notFound, 404, "NOT_FOUND");
    const noBody = await rawRequest(server.port, { method: "PUT", path: `/v1/escalations/${id}/cause`, headers: await ctx.auth("agent") });
    expect(noBody.status).toBeGreaterThanOrEqual(400);
    expect(noBody.status).toBeLessThan(500);

    const changes = await ctx.database.db.select().from(escalationEvents).where(eq(escalationEvents.kind, "cause_changed"));
    expect(changes).toHaveLength(3);
    expect((await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, "escalation.cause"))).length).toBe(3);
    expect((await escalationOf(id)).cause).toBe("conflict");
  });
});

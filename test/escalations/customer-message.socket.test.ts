import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { teamCalendars } from "../../src/db/schema/index.js";
import type { z } from "@hono/zod-openapi";
import { EscalationPageSchema, TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";
import { EscalationDetailSchema } from "../../src/escalations/escalations.schemas.js";
import { PortalTicketResultSchema } from "../../src/portal/portal.schemas.js";
import { TeamSchema } from "../../src/teams/teams.schemas.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { present, readJson, rememberRequest } from "../support/api.js";
import type { TestContext } from "../support/context.js";
import { type StartedServer, useSocketServer } from "../support/socket.js";
import { HIDDEN_MARKERS, seedPortalArticles } from "../portal/fixtures.js";
import { insertTicket } from "./support.js";

/**
 * What the customer is told at the moment of escalation, over a real socket: the ticket response,
 * the agent's manual escalation and the portal all carry the message stored with the escalation's
 * handoff, written from its firstResponseDueAt on the team's clock (Europe/Prague here), in the
 * customer's language, and never naming the team.
 */
describe("the customer's message at escalation", () => {
  let ctx: TestContext;
  let server: StartedServer;
  let agent: Record<string, string>;
  let admin: Record<string, string>;
  let teamId: string;
  const TEAM = "Billing Prague Tier Two";
  useSocketServer(
    (c, s) => {
      ctx = c;
      server = s;
    },
    { resetEachTest: false },
  );
  beforeEach(async () => {
    await ctx.reset();
    agent = { ...(await ctx.auth("agent")), "content-type": "application/json" };
    admin = { ...(await ctx.auth("admin")), "content-type": "application/json" };
    const team = await read(TeamSchema, "POST", "/v1/teams", { name: TEAM, skills: ["billing"], level: 1, levelName: "tier 1", escalatesToTeamId: null }, admin, 201);
    teamId = team.id;
    await ctx.database.db.insert(teamCalendars).values({ id: "cal_test_prague", teamId: team.id, version: 1, timeZone: "Europe/Prague", week: {}, holidays: [] });
    // 25 hours to first response: from Monday 09:00 UTC that is Tuesday 10:00 UTC, 11:00 in Prague.
    await call(
      "PUT",
      "/v1/escalation-matrix",
      { rules: [{ id: "default", match: {}, target: { team: TEAM }, sla: { firstResponseMinutes: 1500, resolutionMinutes: 3000 } }] },
      admin,
      201,
    );
  });

  async function call(method: string, path: string, body: unknown, headers: Record<string, string> = agent, status?: number) {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (status !== undefined) expect({ status: res.status, out: await res.clone().text() }).toMatchObject({ status });
    return rememberRequest(res, ctx.app, method, path);
  }
  /** `call`, the answer read with the route's schema for its status. */
  async function read<S extends z.ZodType>(schema: S, method: string, path: string, body: unknown, headers: Record<string, string>, status: number): Promise<z.output<S>> {
    return readJson(await call(method, path, body, headers, status), schema);
  }
  /** POST /v1/tickets as an agent: the ticket, its verdict and what the customer is told. */
  async function submit(body: Record<string, unknown>, status = 201) {
    const out = await read(TicketSubmittedSchema, "POST", "/v1/tickets", body, agent, status);
    return { ...out, verdict: present(out.verdict, "the verdict") };
  }
  const portalTicket = (body: Record<string, unknown>) => read(PortalTicketResultSchema, "POST", "/portal/api/tickets", body, {}, 201);
  const told = <T>(message: T | null | undefined) => present(message, "the message to the customer");
  const escalationIdOf = (out: Awaited<ReturnType<typeof submit>>) => present(present(out.verdict.escalation, "the escalation").id, "the escalation id");
  /** The escalation as an agent reads it, with its handoff. */
  const handoffOf = async (escalationId: string) => {
    const esc = await read(EscalationDetailSchema, "GET", `/v1/escalations/${escalationId}`, undefined, agent, 200);
    return { ...esc, handoff: present(esc.handoff, "the handoff") };
  };
  const noInternals = (text: string) => {
    expect(text).not.toContain(TEAM);
    expect(text).not.toMatch(/Billing|Prague Tier|tier 1|esc_|tkt_|matrix|default/i);
  };

  it("POST /v1/tickets in Czech: the exact message, and the handoff shows the same due time from the same firstResponseDueAt", async () => {
    const out = await submit({ channel: "email", language: "cs", body: "Faktura za březen mi přišla dvakrát, prosím o kontrolu." });
    expect(out.verdict.decision).toBe("escalate");
    const ref = out.ticket.reference;
    expect(out.customerMessage).toEqual({
      language: "cs",
      text: `Váš případ nyní převzal specialista a ozve se vám nejpozději zítra v 11:00 SEČ. Číslo vašeho požadavku je ${ref}.`,
      dueAt: "2026-03-03T10:00:00.000Z",
      timeZone: "Europe/Prague",
    });
    const message = told(out.customerMessage);
    noInternals(message.text);
    const esc = await handoffOf(escalationIdOf(out));
    expect(esc.firstResponseDueAt).toBe(message.dueAt);
    expect(esc.handoff.sla).toMatchObject({ firstResponseDueAt: message.dueAt });
    expect(esc.handoff.customerMessage).toEqual(out.customerMessage);
    expect(esc.handoff.text).toContain(`Customer was told (cs, times in Europe/Prague): "${message.text}"`);
    expect(esc.handoff.text).toContain("SLA: first response by 2026-03-03T10:00:00.000Z");

    // The same idempotent request answers with the stored message, not a recomputed one.
    const key = { idempotencyKey: "cm-replay-1", channel: "email", language: "cs", body: "Nejde mi přihlášení do aplikace, pořád to píše chybu." };
    const first = await submit(key);
    ctx.clock.advance(3 * 86_400_000);
    const again = await submit(key, 200);
    expect(again.customerMessage).toEqual(first.customerMessage);
  });

  it("POST /v1/tickets/{id}/escalate in Portuguese: a supervisor, the exact weekday text, agreeing with the handoff", async () => {
    // 50 hours: escalated Friday 20:00 UTC, due Sunday 22:00 UTC, 23:00 in Prague.
    await call(
      "PUT",
      "/v1/escalation-matrix",
      { rules: [{ id: "default", match: {}, target: { team: TEAM }, sla: { firstResponseMinutes: 3000, resolutionMinutes: 6000 } }] },
      admin,
      201,
    );
    ctx.clock.set("2026-03-06T16:30:00Z");
    const ticket = await insertTicket(ctx, { language: "pt", body: "Fui cobrado duas vezes pela fatura de março.", createdAt: ctx.clock.now() });
    ctx.clock.set("2026-03-06T20:00:00Z");
    const out = await read(
      TicketEscalatedSchema,
      "POST",
      `/v1/tickets/${ticket.id}/escalate`,
      { reason: "Billing Prague Tier Two must approve the refund", type: "hierarchical" },
      agent,
      201,
    );
    expect(out.customerMessage).toEqual({
      language: "pt",
      text: `Um supervisor já está cuidando pessoalmente do seu caso e vai responder até domingo às 23:00 (GMT+1). O número de referência do seu pedido é ${ticket.reference}.`,
      dueAt: "2026-03-08T22:00:00.000Z",
      timeZone: "Europe/Prague",
    });
    const message = told(out.customerMessage);
    noInternals(message.text);
    expect(message.text).not.toContain("refund");
    expect(out.firstResponseDueAt).toBe(message.dueAt);
    const handoff = present(out.handoff, "the handoff");
    expect(handoff.customerMessage).toEqual(out.customerMessage);
    expect(handoff.sla).toMatchObject({ firstResponseDueAt: message.dueAt });
  });

  it("a due time past midnight in the team's zone is 'tomorrow' although it is still today in UTC", async () => {
    ctx.clock.set("2026-03-02T22:00:00Z"); // 23:00 in Prague; due Tuesday 23:00 UTC = Wednesday 00:00 in Prague
    const out = await submit({ channel: "chat", language: "en", body: "My invoice shows a charge I do not recognise, please check it." });
    expect(told(out.customerMessage).text).toBe(`A specialist now has your case and will get back to you by Wednesday 00:00 CET. Your reference is ${out.ticket.reference}.`);
  });

  it("a ticket that does not escalate has customerMessage null", async () => {
    await seedPortalArticles(ctx);
    const out = await submit({ channel: "email", language: "en", body: "I asked for a password reset but the reset email never arrives in my inbox" });
    if (out.verdict.decision === "escalate") throw new Error("fixture ticket escalated");
    expect(out.customerMessage).toBeNull();
  });

  it("the portal: received shows the functional first-response time; 'did not help' confirms with the escalation's stored message", async () => {
    const received = await portalTicket({ body: "Fatura de março cobrada duas vezes, preciso de ajuda urgente", language: "pt" });
    expect(received.status).toBe("received");
    expect(received.handoverMessage).toEqual({
      language: "pt",
      text: `Um especialista já está cuidando do seu caso e vai responder até amanhã às 11:00 (GMT+1). O número de referência do seu pedido é ${received.reference}.`,
      dueAt: "2026-03-03T10:00:00.000Z",
      timeZone: "Europe/Prague",
    });
    noInternals(told(received.handoverMessage).text);

    const f = await seedPortalArticles(ctx);
    ctx.clock.set("2026-03-02T12:00:00Z");
    const tried = await portalTicket({
      body: "I asked for a password reset but the reset email never arrives in my inbox",
      language: "en",
      articleId: f.publicId,
      helped: false,
    });
    expect(tried.status).toBe("escalated");
    expect(tried.handoverMessage).toEqual({
      language: "en",
      text: `A specialist now has your case and will get back to you by 14:00 CET tomorrow. Your reference is ${tried.reference}.`,
      dueAt: "2026-03-03T13:00:00.000Z",
      timeZone: "Europe/Prague",
    });
    noInternals(told(tried.handoverMessage).text);
    const escalations = await read(EscalationPageSchema, "GET", `/v1/escalations?status=open`, undefined, agent, 200);
    const esc = escalations.escalations.find((e) => e.ticketId === tried.ticketId);
    expect(esc).toBeDefined();
    const detail = await handoffOf(esc?.id ?? "");
    expect(detail.handoff.customerMessage).toEqual(tried.handoverMessage);
    expect(detail.firstResponseDueAt).toBe(told(tried.handoverMessage).dueAt);
  });

  it("business hours: the message names the business-hours due time, and the portal's received time is that same schedule", async () => {
    const hours = [{ start: "09:00", end: "17:00" }];
    await call("PUT", `/v1/teams/${teamId}/calendar`, { timeZone: "Europe/Prague", week: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours }, holidays: [] }, admin);
    await call(
      "PUT",
      "/v1/escalation-matrix",
      { rules: [{ id: "default", match: {}, target: { team: TEAM }, sla: { firstResponseMinutes: 480, resolutionMinutes: 960, clock: "business" } }] },
      admin,
      201,
    );
    // Monday 10:00 in Prague + 8 working hours = 7 hours on Monday, the last one Tuesday 09:00-10:00.
    const out = await submit({ channel: "email", language: "cs", body: "Faktura za březen mi přišla dvakrát, prosím o kontrolu." });
    expect(out.customerMessage).toMatchObject({ dueAt: "2026-03-03T09:00:00.000Z", text: expect.stringContaining("nejpozději zítra v 10:00 SEČ.") });
    expect((await handoffOf(escalationIdOf(out))).handoff.customerMessage).toEqual(out.customerMessage);
    const received = await portalTicket({ body: "Fatura de março cobrada duas vezes, preciso de ajuda", language: "pt" });
    expect(received.handoverMessage).toMatchObject({ dueAt: "2026-03-03T09:00:00.000Z", text: expect.stringContaining("até amanhã às 10:00 (GMT+1).") });
  });

  it("the portal's received message is the same whether a hidden article matched (suggested to an agent) or nothing did (escalated)", async () => {
    const seen: Record<string, unknown[]> = {};
    for (const hidden of [true, false]) {
      await ctx.database.db.execute(sql`delete from articles`);
      await seedPortalArticles(ctx, { hidden });
      seen[String(hidden)] = [];
      for (const body of ["kraken-admin flush relay", `zephyr-tool resend ${HIDDEN_MARKERS[2]}`, "zxqv wplk"]) {
        const out = await portalTicket({ body, language: "en" });
        expect(out.status).toBe("received");
        const message = told(out.handoverMessage);
        noInternals(message.text);
        seen[String(hidden)]?.push({ ...message, text: message.text.replace(out.reference, "REF") });
      }
    }
    expect(seen.true).toEqual(seen.false);
  });
});

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalations, tickets } from "../../src/db/schema/index.js";
import { THRESHOLDS_KEY, thresholdsFrom } from "../../src/deflection/policy.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { TicketListSchema, TicketSchema, TicketSubmittedSchema, TicketWithVerdictSchema } from "../../src/tickets/tickets.schemas.js";
import { present, readJson } from "../support/api.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { KB, seedArticles } from "../search/fixtures.js";

let ctx: TestContext;
let ids: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  const [reset, sms, webhook, invoicePayment] = await seedArticles(ctx, [KB.reset!, KB.sms!, KB.webhook!, KB.invoicePayment!]);
  ids = { reset: reset!, sms: sms!, webhook: webhook!, invoicePayment: invoicePayment! };
});

const resetTicket = {
  subject: "Password reset email does not arrive",
  body: "Hi,\n\nI clicked Forgot password and got the confirmation, but the reset email does not arrive in my inbox.\n\nThanks,\nAnna",
  channel: "email",
};

/** A POST /v1/tickets answer, read with its schema; every ticket the API stores gets a verdict. */
async function submitted(res: Response) {
  const body = await readJson(res, TicketSubmittedSchema);
  return { ...body, verdict: present(body.verdict, `the verdict of ${body.ticket.id}`) };
}

async function countRows() {
  const [t] = await ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(tickets);
  const [e] = await ctx.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(escalations);
  return { tickets: Number(t?.n), escalations: Number(e?.n) };
}

describe("POST /v1/tickets decisions", () => {
  it("answers with a public article that matches well, and stores ticket + verdict", async () => {
    const res = await ctx.req("POST", "/v1/tickets", resetTicket, "agent");
    expect(res.status).toBe(201);
    const body = await submitted(res);
    expect(body.verdict.decision).toBe("answer");
    expect(present(body.verdict.matches[0], "a match").articleId).toBe(ids.reset);
    expect(present(body.verdict.matches[0], "a match").resolution).toContain("quarantine");
    expect(present(body.verdict.matches[0], "a match").scores.fts).not.toBeNull();
    expect(body.verdict.confidence).toBeGreaterThanOrEqual(body.verdict.thresholds.answer);
    expect(body.verdict.escalation).toBeNull();
    expect(body.ticket.status).toBe("answered");
    expect(body.ticket.cleanText).not.toContain("Anna");
    const [row] = await ctx.deps.database.db.select().from(tickets).where(eq(tickets.id, body.ticket.id));
    expect(row?.body).toBe(resetTicket.body);
    expect(row?.embedderId).toBe(ctx.deps.embedder.id);
    expect((row?.verdict as { decision: string } | undefined)?.decision).toBe("answer");
    expect(await countRows()).toEqual({ tickets: 1, escalations: 0 });
  });

  it("suggests to the agent when the confident match is an internal fix", async () => {
    const res = await ctx.req(
      "POST",
      "/v1/tickets",
      {
        body: "Our finance no longer allows credit cards. Can we switch to invoice payment by bank transfer with 30-day terms?",
        channel: "email",
      },
      "agent",
    );
    const body = await submitted(res);
    expect(present(body.verdict.matches[0], "a match").articleId).toBe(ids.invoicePayment);
    expect(body.verdict.decision).toBe("suggest");
    expect(body.verdict.explanation).toMatch(/internal/);
    expect(body.ticket.status).toBe("suggested");
  });

  it("suggests between the suggest and answer thresholds of the channel", async () => {
    await putSetting(ctx.deps.database.db, THRESHOLDS_KEY, thresholdsFrom({ answerCustomer: 1, answerAgent: 1, suggest: 0.01 }, "test"));
    const body = await submitted(await ctx.req("POST", "/v1/tickets", resetTicket, "agent"));
    expect(body.verdict.decision).toBe("suggest");
    expect(present(body.verdict.matches[0], "a match").articleId).toBe(ids.reset);
  });

  it("escalates functionally when nothing fits, and creates the escalation record", async () => {
    const res = await ctx.req(
      "POST",
      "/v1/tickets",
      {
        body: "Do you offer a Telegram integration so that customers can contact us from there?",
        channel: "chat",
      },
      "agent",
    );
    expect(res.status).toBe(201);
    const body = await submitted(res);
    expect(body.verdict.decision).toBe("escalate");
    expect(present(body.verdict.escalation, "the escalation").type).toBe("functional");
    expect(present(body.verdict.escalation, "the escalation").id).toMatch(/^esc_/);
    expect(body.ticket.status).toBe("escalated");
    const [esc] = await ctx.deps.database.db.select().from(escalations).where(eq(escalations.ticketId, body.ticket.id));
    expect(esc?.type).toBe("functional");
  });

  it("escalates hierarchically on a threat even when an article matches, and still returns the match", async () => {
    const res = await ctx.req(
      "POST",
      "/v1/tickets",
      {
        ...resetTicket,
        body: "The password reset email does not arrive in my inbox, third time now. I want to speak to your manager today, otherwise we will cancel our contract.",
      },
      "agent",
    );
    const body = await submitted(res);
    expect(body.verdict.decision).toBe("escalate");
    expect(present(body.verdict.escalation, "the escalation").type).toBe("hierarchical");
    expect(present(body.verdict.matches[0], "a match").articleId).toBe(ids.reset);
    const kinds = body.verdict.signals.filter((s) => s.escalates).map((s) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(["manager", "churn"]));
    expect(body.verdict.signals.map((s) => s.matched).join(" ")).toContain("your manager");
    const [esc] = await ctx.deps.database.db.select().from(escalations).where(eq(escalations.ticketId, body.ticket.id));
    expect(esc?.type).toBe("hierarchical");
  });

  it("does not escalate hierarchically for an angry customer quoted by a calm admin", async () => {
    const body = await submitted(
      await ctx.req(
        "POST",
        "/v1/tickets",
        {
          body: "Hello,\n\nThe password reset email does not arrive for one of our agents. Could you help?\n\nThanks,\nIsaac\n\n> On 3 Mar 2025, Brenda wrote:\n> This is useless, I want your manager and I will post a one-star review on Trustpilot.",
          channel: "email",
        },
        "agent",
      ),
    );
    expect(body.verdict.escalation?.type).not.toBe("hierarchical");
    expect(body.verdict.signals).toEqual([]);
  });
});

describe("idempotency, reads and re-open", () => {
  it("returns the same ticket and verdict for the same key, without a duplicate", async () => {
    const first = await ctx.req("POST", "/v1/tickets", { ...resetTicket, idempotencyKey: "mail-123" }, "agent");
    const second = await ctx.req("POST", "/v1/tickets", { ...resetTicket, idempotencyKey: "mail-123" }, "agent");
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const a = await submitted(first);
    const b = await submitted(second);
    expect(b.ticket.id).toBe(a.ticket.id);
    expect(b.verdict).toEqual(a.verdict);
    expect((await countRows()).tickets).toBe(1);
  });

  it("stores one ticket and one escalation under two concurrent identical requests", async () => {
    const req = { body: "Do you offer a Telegram integration for our customers?", channel: "chat", idempotencyKey: "race-1" };
    const [r1, r2] = await Promise.all([ctx.req("POST", "/v1/tickets", req, "agent"), ctx.req("POST", "/v1/tickets", req, "agent")]);
    expect([r1.status, r2.status].sort()).toEqual([200, 201]);
    const [a, b] = [await submitted(r1), await submitted(r2)];
    expect(a.ticket.id).toBe(b.ticket.id);
    expect(present(a.verdict.escalation, "the escalation").id).toBe(present(b.verdict.escalation, "the escalation").id);
    expect(await countRows()).toEqual({ tickets: 1, escalations: 1 });
  });

  it("gets, lists with a cursor and re-opens tickets", async () => {
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      created.push((await submitted(await ctx.req("POST", "/v1/tickets", { ...resetTicket, idempotencyKey: `k${i}` }, "agent"))).ticket.id);
    }
    const got = await readJson(await ctx.req("GET", `/v1/tickets/${created[0]}`, undefined, "agent"), TicketWithVerdictSchema);
    expect(got.verdict?.decision).toBe("answer");
    const page1 = await readJson(await ctx.req("GET", "/v1/tickets?limit=2", undefined, "agent"), TicketListSchema);
    expect(page1.items.map((t) => t.id)).toEqual([created[2], created[1]]);
    const page2 = await readJson(await ctx.req("GET", `/v1/tickets?limit=2&cursor=${present(page1.nextCursor, "a next cursor")}`, undefined, "agent"), TicketListSchema);
    expect(page2.items.map((t) => t.id)).toEqual([created[0]]);
    expect(page2.nextCursor).toBeNull();
    ctx.clock.advance(3_600_000);
    const reopened = await readJson(await ctx.req("POST", `/v1/tickets/${created[0]}/reopen`, undefined, "agent"), TicketSchema);
    expect(reopened.status).toBe("reopened");
    expect(reopened.reopenedAt).toBe("2026-03-02T10:00:00.000Z");
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { THRESHOLDS_KEY, thresholdsFrom } from "../../src/deflection/policy.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { PortalTicketResultSchema } from "../../src/portal/portal.schemas.js";
import { TicketWithVerdictSchema } from "../../src/tickets/tickets.schemas.js";
import { present, readJson, readJsonText } from "../support/api.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { leaks, seedPortalArticles, type PortalFixture } from "./fixtures.js";

let ctx: TestContext;
let f: PortalFixture;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  f = await seedPortalArticles(ctx);
});

const escalationsOf = (ticketId: string) => queryRows<{ type: string; status: string }>(ctx.database.db, sql`select type, status from escalations where ticket_id = ${ticketId}`);
const feedbackOf = (ticketId: string) =>
  queryRows<{ outcome: string; source: string; article_id: string }>(ctx.database.db, sql`select outcome, source, article_id from feedback_events where ticket_id = ${ticketId}`);

/** A portal ticket or feedback answer, read with its schema. */
const portal = async (path: string, body: Record<string, unknown>) => readJson(await ctx.req("POST", path, body), PortalTicketResultSchema);
/** The ticket as an agent reads it. */
const agentView = async (ticketId: string) => readJson(await ctx.req("GET", `/v1/tickets/${ticketId}`, undefined, "agent"), TicketWithVerdictSchema);

describe("portal tickets", () => {
  it("a fix that did not help: the ticket is escalated to an agent and the customer gets its reference", async () => {
    const res = await ctx.req("POST", "/portal/api/tickets", {
      body: "I asked for a password reset but the reset email never arrives in my inbox",
      email: "jane@example.com",
      language: "en",
      articleId: f.publicId,
      helped: false,
    });
    expect(res.status).toBe(201);
    const out = await readJson(res, PortalTicketResultSchema);
    expect(out).toMatchObject({ status: "escalated", fixes: [] });
    // The customer reads out a short reference; the unguessable id stays the key for feedback.
    expect(out.reference).toMatch(/^DF-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(out.reference).not.toBe(out.ticketId);
    expect(await escalationsOf(out.ticketId)).toEqual([{ type: "functional", status: "open" }]);
    const ticket = await agentView(out.ticketId);
    expect(ticket.ticket).toMatchObject({ channel: "portal", source: "portal", status: "escalated", customerRef: "jane@example.com", reference: out.reference });
    // Answering twice (a double click) neither duplicates the escalation nor the feedback.
    const again = await portal(`/portal/api/tickets/${out.ticketId}/feedback`, { articleId: f.publicId, helped: false });
    expect(again).toMatchObject({ status: "escalated", reference: out.reference });
    expect(await escalationsOf(out.ticketId)).toHaveLength(1);
    expect((await feedbackOf(out.ticketId)).length).toBeLessThanOrEqual(1);
  });

  it("a fix that helped is recorded as resolved portal feedback", async () => {
    const out = await portal("/portal/api/tickets", { body: "Downloading an invoice as PDF shows an error", articleId: f.otherPublicId, helped: true });
    expect(out.status).toBe("resolved");
    expect(await feedbackOf(out.ticketId)).toEqual([{ outcome: "resolved", source: "portal", article_id: f.otherPublicId }]);
  });

  it('"Yes" for a fix found by search never opens an escalation, even when deflection alone would have escalated', async () => {
    // Vague words deflection cannot match with confidence: on their own they escalate.
    const alone = await portal("/portal/api/tickets", { body: "it does not work again, please help" });
    expect(await escalationsOf(alone.ticketId)).toHaveLength(1);
    const out = await portal("/portal/api/tickets", { body: "it does not work again, please help", articleId: f.otherPublicId, helped: true });
    expect(out.status).toBe("resolved");
    expect(await escalationsOf(out.ticketId)).toEqual([]);
    const ticket = await agentView(out.ticketId);
    expect(ticket.ticket).toMatchObject({ decision: "answer", topArticleId: f.otherPublicId });
    const verdict = present(ticket.verdict, "the verdict");
    expect(verdict.escalation).toBeNull();
    expect(verdict.explanation).toMatch(/confirmed .* solved the problem \(self-service\)/);
    expect(await feedbackOf(out.ticketId)).toEqual([{ outcome: "resolved", source: "portal", article_id: f.otherPublicId }]);
  });

  it('text alone, answered by deflection with a public fix: the customer sees it, and "No" escalates', async () => {
    await putSetting(ctx.database.db, THRESHOLDS_KEY, thresholdsFrom({ answerCustomer: 0.05, answerAgent: 0.05, suggest: 0.05 }, "test"));
    const res = await ctx.req("POST", "/portal/api/tickets", { subject: "Invoice", body: "Downloading an invoice as PDF shows an error." });
    expect(res.status).toBe(201);
    const out = await readJson(res, PortalTicketResultSchema);
    expect(out.status).toBe("answered");
    expect(out.fixes).toEqual([expect.objectContaining({ id: f.otherPublicId, resolution: expect.stringContaining("Billing > Invoices") })]);
    expect(await escalationsOf(out.ticketId)).toEqual([]);
    const no = await portal(`/portal/api/tickets/${out.ticketId}/feedback`, { articleId: f.otherPublicId, helped: false });
    expect(no).toMatchObject({ status: "escalated", reference: out.reference });
    expect(await escalationsOf(out.ticketId)).toEqual([{ type: "functional", status: "open" }]);
    expect(await feedbackOf(out.ticketId)).toEqual([{ outcome: "not_resolved", source: "portal", article_id: f.otherPublicId }]);
  });

  it("hidden articles that outrank the public fix do not withhold it; text no public fix answers goes to an agent", async () => {
    // The hidden articles match these words better; the customer is answered as if they did not exist.
    const strong = await readJsonText(await ctx.req("POST", "/portal/api/tickets", { body: "The password reset email never arrives in the inbox." }), PortalTicketResultSchema);
    expect(strong.body.status).toBe("answered");
    expect(strong.body.fixes.map((x) => x.id)).toEqual([f.publicId]);
    expect(leaks(strong.text, f)).toEqual([]);
    const none = await readJsonText(await ctx.req("POST", "/portal/api/tickets", { body: "zxqv wplk" }), PortalTicketResultSchema);
    expect(none.body).toMatchObject({ status: "received", fixes: [] });
    expect(leaks(none.text, f)).toEqual([]);
  });
});

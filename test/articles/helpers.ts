import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { newId } from "../../src/db/ids.js";
import { escalations, tickets, webhookSubscriptions } from "../../src/db/schema/index.js";
import type { KeyRole } from "../../src/access/keys.service.js";
import type { TestContext } from "../support/context.js";
import { readJson } from "../support/api.js";
import { ArticleSchema } from "../../src/articles/articles.schemas.js";

/** A complete, valid article body; tests override what they exercise. */
export function articleBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Invoice PDF download shows a blank page",
    problem: "When I open an invoice from the billing page the PDF opens but every page is blank.",
    rootCause: "The browser's built-in PDF viewer cannot render the embedded font of invoices created before March.",
    resolution:
      "1. Click Download instead of Open.\n2. Open the file with a desktop PDF reader.\n3. If it is still blank, regenerate the invoice from Billing > Invoices > Regenerate.",
    language: "en",
    category: "Billing & Invoices",
    product: "Web app",
    tags: ["invoice", "pdf"],
    visibility: "public",
    ...overrides,
  };
}

/** Creates an article through the API as an expert and returns its JSON. */
export async function createArticleViaApi(ctx: TestContext, overrides: Record<string, unknown> = {}, role: KeyRole = "expert") {
  const res = await ctx.req("POST", "/v1/articles", articleBody(overrides), role);
  expect(res.status, await res.clone().text()).toBe(201);
  return readJson(res, ArticleSchema);
}

/** Row counts of the tables an article write touches: "nothing was written" is all of them unchanged. */
export async function writeCounts(ctx: TestContext): Promise<Record<string, number>> {
  const tables = ["articles", "article_versions", "article_embeddings", "article_events", "audit_log", "webhook_deliveries", "escalation_events"];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ n: number }>(ctx.database.db, sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number(row?.n ?? 0);
  }
  return out;
}

/** A ticket and its open escalation, written directly (the ticket/escalation routes belong to others). */
export async function insertEscalation(ctx: TestContext, ticket: Partial<typeof tickets.$inferInsert> = {}): Promise<{ ticketId: string; escalationId: string }> {
  const ticketId = newId("ticket");
  const escalationId = newId("escalation");
  await ctx.database.db.insert(tickets).values({
    id: ticketId,
    subject: "Re: Invoice PDF is blank",
    body: "Hi team,\n\nThe invoice PDF opens as blank pages in Chrome since this morning.\n\nBest regards,\nMaria",
    cleanText: "The invoice PDF opens as blank pages in Chrome since this morning.",
    channel: "email",
    language: "en",
    category: "Billing & Invoices",
    product: "Web app",
    status: "escalated",
    ...ticket,
  });
  await ctx.database.db.insert(escalations).values({
    id: escalationId,
    ticketId,
    type: "functional",
    reason: "no matching article",
    status: "open",
  });
  return { ticketId, escalationId };
}

/** A webhook subscription to every event, so outbox rows become countable. */
export async function subscribeAll(ctx: TestContext): Promise<void> {
  await ctx.database.db.insert(webhookSubscriptions).values({
    id: newId("webhook"),
    url: "https://hooks.example.test/deflect",
    events: ["article.published", "escalation.resolved"],
    secret: "test-secret-0123456789",
  });
}

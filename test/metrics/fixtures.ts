import { newId } from "../../src/db/ids.js";
import { articles, escalationEvents, escalations, feedbackEvents, tickets } from "../../src/db/schema/index.js";
import type { TestContext } from "../support/context.js";

/** Hand-built timelines: rows inserted directly, every timestamp explicit. */
export const at = (iso: string) => new Date(iso);
export const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
export const MIN = 60_000;
export const HOUR = 3_600_000;

export async function addArticle(ctx: TestContext, over: Partial<typeof articles.$inferInsert> = {}) {
  const id = over.id ?? newId("article");
  await ctx.database.db.insert(articles).values({
    id,
    title: `Article ${id.slice(-4)}`,
    problem: "problem",
    resolution: "resolution",
    language: "en",
    state: "published",
    visibility: "public",
    ...over,
  });
  return id;
}

export async function addTicket(ctx: TestContext, over: Partial<typeof tickets.$inferInsert> & { createdAt: Date }) {
  const id = over.id ?? newId("ticket");
  await ctx.database.db.insert(tickets).values({
    id,
    body: over.cleanText ?? "body",
    cleanText: "body",
    channel: "email",
    language: "en",
    ...over,
  });
  return id;
}

export async function addEscalation(ctx: TestContext, ticketId: string, over: Partial<typeof escalations.$inferInsert> & { createdAt: Date }) {
  const id = newId("escalation");
  await ctx.database.db.insert(escalations).values({
    id,
    ticketId,
    type: "functional",
    reason: "no match",
    status: over.resolvedAt ? "resolved" : "open",
    slaStartedAt: over.createdAt,
    ...over,
  });
  return id;
}

export async function addEscalationEvent(ctx: TestContext, escalationId: string, kind: string, createdAt: Date) {
  await ctx.database.db.insert(escalationEvents).values({ id: newId("escalationEvent"), escalationId, kind, createdAt });
}

export async function addFeedback(ctx: TestContext, ticketId: string, articleId: string, outcome: "resolved" | "not_resolved", createdAt: Date) {
  await ctx.database.db.insert(feedbackEvents).values({ id: newId("feedback"), ticketId, articleId, outcome, source: "agent", createdAt });
}

export async function feedbackRows(ctx: TestContext) {
  return ctx.database.db.select().from(feedbackEvents);
}

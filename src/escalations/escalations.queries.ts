import { and, desc, eq, inArray, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { articles, escalationEvents, escalations, feedbackEvents, tickets } from "../db/schema/index.js";
import type { EscalationRow } from "./escalation.types.js";

export type EscalationEventRow = typeof escalationEvents.$inferSelect;

export async function insertEscalation(db: Executor, row: typeof escalations.$inferInsert): Promise<EscalationRow> {
  const [created] = await db.insert(escalations).values(row).returning();
  if (!created) throw new Error("insert escalation returned nothing");
  return created;
}

export async function getEscalation(db: Executor, id: string): Promise<EscalationRow | undefined> {
  const [row] = await db.select().from(escalations).where(eq(escalations.id, id)).limit(1);
  return row;
}

/** Locks the row for a state change, so two agents acting at once serialise. */
export async function lockEscalation(db: Executor, id: string): Promise<EscalationRow | undefined> {
  const [row] = await db.select().from(escalations).where(eq(escalations.id, id)).for("update").limit(1);
  return row;
}

export async function getOpenEscalationForTicket(db: Executor, ticketId: string): Promise<EscalationRow | undefined> {
  const [row] = await db
    .select()
    .from(escalations)
    .where(and(eq(escalations.ticketId, ticketId), ne(escalations.status, "resolved")))
    .limit(1);
  return row;
}

export async function updateEscalation(db: Executor, id: string, patch: Partial<typeof escalations.$inferInsert>): Promise<EscalationRow> {
  const [row] = await db.update(escalations).set(patch).where(eq(escalations.id, id)).returning();
  if (!row) throw new Error(`escalation ${id} vanished during update`);
  return row;
}

/**
 * Inserts an event; with a dedup key a second insert of the same timer is a no-op and answers
 * undefined, which is how a timer fires exactly once even when two sweepers race.
 */
export async function insertEvent(db: Executor, row: typeof escalationEvents.$inferInsert): Promise<EscalationEventRow | undefined> {
  const [created] = await db.insert(escalationEvents).values(row).onConflictDoNothing().returning();
  return created;
}

export async function listEvents(db: Executor, escalationId: string): Promise<EscalationEventRow[]> {
  return db.select().from(escalationEvents).where(eq(escalationEvents.escalationId, escalationId)).orderBy(escalationEvents.createdAt, escalationEvents.id);
}

export interface EscalationFilter {
  status?: string;
  teamId?: string;
  type?: string;
  before?: string;
  limit: number;
}

/** Newest first; `before` is the id of the last row of the previous page (ids sort by time). */
export async function listEscalations(db: Executor, f: EscalationFilter): Promise<EscalationRow[]> {
  const conditions: SQL[] = [];
  if (f.status) conditions.push(sql`${escalations.status} = ${f.status}`);
  if (f.teamId) conditions.push(eq(escalations.teamId, f.teamId));
  if (f.type) conditions.push(sql`${escalations.type} = ${f.type}`);
  if (f.before) conditions.push(lt(escalations.id, f.before));
  return db
    .select()
    .from(escalations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(escalations.id))
    .limit(f.limit);
}

export interface EarlierTicket {
  id: string;
  reference: string;
  subject: string | null;
  status: string;
  decision: string | null;
  createdAt: Date;
}

/** The same customer's previous tickets, newest first, so tier 2 sees the history at once. */
export async function listEarlierTickets(db: Executor, customerRef: string, excludeId: string, limit = 5): Promise<EarlierTicket[]> {
  return db
    .select({ id: tickets.id, reference: tickets.reference, subject: tickets.subject, status: tickets.status, decision: tickets.decision, createdAt: tickets.createdAt })
    .from(tickets)
    .where(and(eq(tickets.customerRef, customerRef), ne(tickets.id, excludeId)))
    .orderBy(desc(tickets.createdAt))
    .limit(limit);
}

export async function setTicketEscalated(db: Executor, ticketId: string, at: Date): Promise<void> {
  await db.update(tickets).set({ status: "escalated", updatedAt: at }).where(eq(tickets.id, ticketId));
}

export async function lockTicket(db: Executor, id: string): Promise<typeof tickets.$inferSelect | undefined> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).for("update").limit(1);
  return row;
}

/** Articles the customer said did not help on this ticket. */
export async function listRejectedArticleIds(db: Executor, ticketId: string): Promise<string[]> {
  const rows = await db
    .select({ articleId: feedbackEvents.articleId })
    .from(feedbackEvents)
    .where(and(eq(feedbackEvents.ticketId, ticketId), eq(feedbackEvents.outcome, "not_resolved")));
  return rows.map((r) => r.articleId).filter((id): id is string => !!id);
}

/** Category and product of articles: the topic a replayed ticket is routed by. */
export async function getArticleTopics(db: Executor, ids: string[]): Promise<{ id: string; category: string | null; product: string | null }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: articles.id, category: articles.category, product: articles.product }).from(articles).where(inArray(articles.id, ids));
}

/** The first human response to an escalated ticket is its acknowledgement (kept if already set). */
export async function markTicketFirstResponse(db: Executor, ticketId: string, at: Date): Promise<void> {
  await db
    .update(tickets)
    .set({ firstResponseAt: at })
    .where(and(eq(tickets.id, ticketId), isNull(tickets.firstResponseAt)));
}

import { eq, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { feedbackEvents, tickets } from "../db/schema/index.js";

export interface FeedbackTicket {
  id: string;
  topArticleId: string | null;
  offeredArticleIds: string[];
}

/**
 * The ticket and every article it was answered or suggested with: its top article and each
 * article of the verdict's `matches` (by `articleId` or `id`). Undefined when the ticket is unknown.
 */
export async function getFeedbackTicket(db: Executor, ticketId: string): Promise<FeedbackTicket | undefined> {
  const rows = await queryRows<{ id: string; top_article_id: string | null; offered: string[] | null }>(
    db,
    sql`select tk.id, tk.top_article_id,
               array(select distinct coalesce(m->>'articleId', m->>'id')
                       from jsonb_array_elements(case when jsonb_typeof(tk.verdict->'matches') = 'array'
                                                      then tk.verdict->'matches' else '[]'::jsonb end) m
                      where jsonb_typeof(m) = 'object' and coalesce(m->>'articleId', m->>'id') is not null) as offered
          from ${tickets} tk where tk.id = ${ticketId}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  const offered = new Set(row.offered ?? []);
  if (row.top_article_id) offered.add(row.top_article_id);
  return { id: row.id, topArticleId: row.top_article_id, offeredArticleIds: [...offered] };
}

export interface NewFeedback {
  id: string;
  ticketId: string;
  articleId: string;
  outcome: "resolved" | "not_resolved";
  source: "agent" | "portal";
  comment: string | null;
  createdAt: Date;
}

export async function insertFeedback(db: Executor, row: NewFeedback) {
  const [inserted] = await db.insert(feedbackEvents).values(row).returning();
  return inserted;
}

export async function listFeedbackForTicket(db: Executor, ticketId: string) {
  return db.select().from(feedbackEvents).where(eq(feedbackEvents.ticketId, ticketId)).orderBy(feedbackEvents.createdAt);
}

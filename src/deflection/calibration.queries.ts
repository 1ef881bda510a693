import { inArray, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { articles } from "../db/schema/index.js";

/** The knowledge base as matching sees it (published and validated, internal included), for self-calibration. */
export async function publishedArticles(db: Executor) {
  return db
    .select({
      id: articles.id,
      title: articles.title,
      problem: articles.problem,
      rootCause: articles.rootCause,
      resolution: articles.resolution,
      language: articles.language,
      category: articles.category,
      product: articles.product,
      tags: articles.tags,
      visibility: articles.visibility,
    })
    .from(articles)
    .where(inArray(articles.state, ["published", "validated"]))
    .orderBy(articles.id);
}

/**
 * How big the knowledge base is, when it last changed (the database's clock) and how many of its
 * articles changed since `since` (for the refit rule).
 */
export async function knowledgeBaseChanges(db: Executor, since: Date | null): Promise<{ articles: number; changedSince: number; lastChange: string | null }> {
  const [row] = await db
    .select({
      articles: sql<number>`count(*) filter (where ${articles.state} in ('published', 'validated'))::int`,
      changedSince: since ? sql<number>`count(*) filter (where ${articles.updatedAt} > ${since.toISOString()}::timestamptz)::int` : sql<number>`0`,
      lastChange: sql<string | null>`max(${articles.updatedAt})::text`,
    })
    .from(articles);
  return { articles: Number(row?.articles ?? 0), changedSince: Number(row?.changedSince ?? 0), lastChange: row?.lastChange ?? null };
}

/**
 * Takes the calibration lease (a settings row) when it is free or expired: one self-calibration
 * at a time across replicas, without holding a transaction open for the minute a run takes.
 */
export async function takeCalibrationLease(db: Executor, holder: string, until: Date): Promise<boolean> {
  const value = JSON.stringify({ holder, until: until.toISOString() });
  const rows = await queryRows(
    db,
    sql`
    insert into settings (key, value, updated_by) values (${LEASE_KEY}, ${value}::jsonb, ${holder})
    on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()
      where (settings.value->>'until')::timestamptz < now() or settings.value->>'holder' = ${holder}
    returning key`,
  );
  return rows.length > 0;
}

export async function releaseCalibrationLease(db: Executor, holder: string): Promise<void> {
  await db.execute(sql`delete from settings where key = ${LEASE_KEY} and value->>'holder' = ${holder}`);
}

const LEASE_KEY = "deflection.calibration.lease";

/**
 * Labelled history for self-calibration: tickets whose fix got an outcome (the portal's "did this
 * help", an agent's confirmation, or a later re-open or escalation the system recorded), the latest
 * outcome per ticket, newest first.
 */
export async function labelledHistory(db: Executor, limit: number): Promise<HistoryTicket[]> {
  return queryRows<HistoryTicket & Record<string, unknown>>(
    db,
    sql`
    select distinct on (f.ticket_id) t.subject, t.body, t.channel, t.language, f.article_id as "articleId", f.outcome
    from feedback_events f join tickets t on t.id = f.ticket_id
    where f.article_id is not null
    order by f.ticket_id, f.created_at desc
    limit ${limit}`,
  );
}

/** A ticket whose fix got an outcome: what self-calibration re-runs as labelled history. */
export interface HistoryTicket {
  subject: string | null;
  body: string;
  channel: string;
  language: string | null;
  articleId: string;
  outcome: "resolved" | "not_resolved";
}

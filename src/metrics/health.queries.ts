import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { articleEvents, articles } from "../db/schema/index.js";
import { reuseRows } from "./outcomes.queries.js";

export interface ArticleHealthRow extends Record<string, unknown> {
  id: string;
  state: string;
  flagged: boolean;
  since: string | null;
  reused: number;
  confirmed: number;
  failed: number;
}

/**
 * Reuse evidence per article since its content last changed (latest version) or it was last
 * flagged, whichever is later: an edited or reviewed article starts with a clean slate.
 * Archived articles are left alone.
 */
export async function listArticleHealth(db: Executor, opts: { windowHours: number; articleIds?: string[] }): Promise<ArticleHealthRow[]> {
  const only: SQL = opts.articleIds
    ? sql`ar.id in (${sql.join(
        opts.articleIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`true`;
  if (opts.articleIds && opts.articleIds.length === 0) return [];
  return queryRows<ArticleHealthRow>(
    db,
    sql`with a as (
          select ar.id, ar.state, ar.review_flagged_at is not null as flagged,
                 greatest((select max(v.created_at) from article_versions v where v.article_id = ar.id),
                          (select max(ev.created_at) from article_events ev
                            where ev.article_id = ar.id and ev.kind = 'flagged_for_review')) as since
            from articles ar
           where ar.state <> 'archived' and ${only}
        )
        select a.id, a.state, a.flagged,
               to_char(a.since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as since,
               count(r.ticket_id)::int as reused,
               count(r.ticket_id) filter (where r.confirmed)::int as confirmed,
               count(r.ticket_id) filter (where r.failed)::int as failed
          from a
          left join ${reuseRows({ windowHours: opts.windowHours, articleFilter: sql`p.article_id in (select id from a)` })} r
            on r.article_id = a.id and (a.since is null or r.created_at > a.since)
         group by a.id, a.state, a.flagged, a.since
         order by a.id`,
  );
}

/** Sets the review flag unless one is already set; answers whether this call set it. */
export async function flagArticleForReview(db: Executor, id: string, reason: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(articles)
    .set({ reviewFlaggedAt: at, reviewReason: reason })
    .where(and(eq(articles.id, id), isNull(articles.reviewFlaggedAt)))
    .returning({ id: articles.id });
  return rows.length > 0;
}

/** draft → validated; answers whether the article was still a draft. */
export async function validateDraftArticle(db: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(articles)
    .set({ state: "validated", updatedAt: at })
    .where(and(eq(articles.id, id), eq(articles.state, "draft")))
    .returning({ id: articles.id });
  return rows.length > 0;
}

export async function insertArticleEvent(
  db: Executor,
  row: { id: string; articleId: string; kind: string; evidence: Record<string, unknown>; actor: string; createdAt: Date },
): Promise<void> {
  await db.insert(articleEvents).values(row);
}

import { type SQL, sql } from "drizzle-orm";
import { articleVisibility } from "../articles/visibility.js";
import { type Executor, queryRows } from "../db/database.js";
import type { Role } from "../caller.js";
import { reuseRows } from "./outcomes.queries.js";

export type ImpactSort = "impact" | "reused" | "failed" | "failureRatio";

export interface ImpactRow extends Record<string, unknown> {
  id: string;
  title: string;
  state: string;
  visibility: string;
  language: string;
  review_flagged_at: string | null;
  review_reason: string | null;
  reused: number;
  confirmed: number;
  failed: number;
  avoided: number;
  impact: number;
  failure_ratio: number;
}

const sortColumn: Record<ImpactSort, string> = { impact: "impact", reused: "reused", failed: "failed", failureRatio: "failure_ratio" };

/**
 * Per-article reuse outcomes for the articles this role may see, reused at least once, sorted
 * descending by `sort` then by id, keyset-paginated on (value, id).
 * impact = escalationsAvoided + confirmedHelpful − failed.
 */
export async function listArticleImpact(
  db: Executor,
  p: { role: Role; windowHours: number; from?: Date; to?: Date; sort: ImpactSort; limit: number; after?: { v: number; id: string } },
): Promise<ImpactRow[]> {
  const range: SQL[] = [sql`true`];
  if (p.from) range.push(sql`tk.created_at >= ${p.from.toISOString()}::timestamptz`);
  if (p.to) range.push(sql`tk.created_at < ${p.to.toISOString()}::timestamptz`);
  const col = sql.raw(sortColumn[p.sort]);
  const after = p.after ? sql`(${col} < ${p.after.v}::float8 or (${col} = ${p.after.v}::float8 and id > ${p.after.id}))` : sql`true`;
  return queryRows<ImpactRow>(
    db,
    sql`with r as ${reuseRows({ windowHours: p.windowHours, ticketFilter: sql.join(range, sql` and `) })},
        s as (
          select article_id, count(*)::int as reused,
                 count(*) filter (where confirmed)::int as confirmed,
                 count(*) filter (where failed)::int as failed,
                 count(*) filter (where avoided)::int as avoided
            from r group by article_id
        ),
        j as (
          select articles.id, articles.title, articles.state, articles.visibility, articles.language,
                 to_char(articles.review_flagged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as review_flagged_at,
                 articles.review_reason, s.reused, s.confirmed, s.failed, s.avoided,
                 (s.avoided + s.confirmed - s.failed)::int as impact,
                 (s.failed::float8 / s.reused) as failure_ratio
            from s join articles on articles.id = s.article_id
           where ${articleVisibility(p.role, "articles")}
        )
        select * from j where ${after} order by ${col} desc, id asc limit ${p.limit + 1}`,
  );
}

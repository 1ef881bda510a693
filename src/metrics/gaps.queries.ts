import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";

/**
 * A content gap: an escalated ticket that matched no article — escalated as functional (nothing
 * good enough matched) or with no top article at all. Hierarchical escalations of tickets that
 * did match an article are not gaps (the article existed; a human was needed). Nor are tickets
 * whose escalation was resolved with an article (written or linked at capture): that gap is closed,
 * and a topic that keeps escalating after its article exists shows up through the new tickets.
 */
const isGap: SQL = sql`(
  (tk.decision = 'escalate' or exists (select 1 from escalations e where e.ticket_id = tk.id))
  and not exists (select 1 from escalations e where e.ticket_id = tk.id and e.resolution_article_id is not null)
  and (tk.top_article_id is null
       or exists (select 1 from escalations e where e.ticket_id = tk.id and e.type = 'functional')
       or (tk.decision = 'escalate' and tk.verdict->'escalation'->>'type' = 'functional')))`;

export interface GapTicketRow extends Record<string, unknown> {
  id: string;
  created_at: string;
  subject: string | null;
  clean_text: string;
  language: string | null;
  embedding: string;
}

/**
 * Gap tickets in [from, to) that carry a vector of the active embedder, newest `max` of them,
 * returned oldest first (a stable input order keeps the clustering deterministic).
 */
export async function listGapTickets(db: Executor, p: { from: Date; to: Date; embedderId: string; max: number }): Promise<GapTicketRow[]> {
  return queryRows<GapTicketRow>(
    db,
    sql`select * from (
          select tk.id, to_char(tk.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
                 tk.subject, tk.clean_text, tk.language, tk.embedding::text as embedding
            from tickets tk
           where tk.created_at >= ${p.from.toISOString()}::timestamptz and tk.created_at < ${p.to.toISOString()}::timestamptz
             and tk.embedder_id = ${p.embedderId} and tk.embedding is not null and ${isGap}
           order by tk.created_at desc, tk.id desc
           limit ${p.max}) x
        order by created_at, id`,
  );
}

/** Gap tickets in [from, to) that cannot be clustered: no vector, or one of another embedder. */
export async function countUnembeddedGapTickets(db: Executor, p: { from: Date; to: Date; embedderId: string }): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from tickets tk
         where tk.created_at >= ${p.from.toISOString()}::timestamptz and tk.created_at < ${p.to.toISOString()}::timestamptz
           and (tk.embedding is null or tk.embedder_id is distinct from ${p.embedderId}) and ${isGap}`,
  );
  return Number(rows[0]?.n ?? 0);
}

import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { bucketKey, type BucketUnit } from "./metrics.queries.js";

export type CauseGroupBy = "cause" | "team" | "agent";
/** The agent group of escalations Deflect opened itself (verdict or portal). */
export const AUTOMATIC_AGENT = "Deflect (automatic)";

export interface CauseParams {
  from: Date;
  to: Date;
  bucket: BucketUnit;
  tz: string;
  by: CauseGroupBy;
}

/**
 * An escalation is manual when its `created` event says so (POST /v1/tickets/{id}/escalate sets
 * detail.manual); escalations opened before issue 22 have no flag and count as automatic.
 */
const manual = sql`exists (select 1 from escalation_events ev where ev.escalation_id = e.id and ev.kind = 'created' and ev.detail->>'manual' = 'true')`;

function groupKey(by: CauseGroupBy): SQL {
  switch (by) {
    case "cause":
      return sql`e.cause`;
    case "team":
      return sql`e.team_id`;
    case "agent":
      // The agent who escalated by hand (else the one it is assigned to); Deflect's own in one group.
      return sql`case when ${manual} then coalesce(e.created_by, e.assignee, ${AUTOMATIC_AGENT}) else ${AUTOMATIC_AGENT} end`;
  }
}

export interface CauseCountRow extends Record<string, unknown> {
  bkt: string;
  grp: string | null;
  label: string | null;
  escalations: number;
}

/** Escalations opened in [from, to), per local bucket (by their own creation time) and group; the team's name as label. */
export async function countEscalationsByGroup(db: Executor, p: CauseParams): Promise<CauseCountRow[]> {
  return queryRows<CauseCountRow>(
    db,
    sql`with x as (
          select ${bucketKey(sql`e.created_at`, p)} as bkt, ${groupKey(p.by)} as grp
            from escalations e
           where e.created_at >= ${p.from.toISOString()}::timestamptz and e.created_at < ${p.to.toISOString()}::timestamptz
        )
        select bkt, grp, ${p.by === "team" ? sql`(select t.name from teams t where t.id = x.grp)` : sql`grp`} as label, count(*)::int as escalations
          from x
         group by bkt, grp
         order by bkt, grp nulls last`,
  );
}

/** All tickets created in [from, to) per local bucket: the denominator of the escalation rate. */
export async function countTicketsByBucket(db: Executor, p: CauseParams): Promise<{ bkt: string; tickets: number }[]> {
  return queryRows<{ bkt: string; tickets: number }>(
    db,
    sql`select ${bucketKey(sql`tk.created_at`, p)} as bkt, count(*)::int as tickets
          from tickets tk
         where tk.created_at >= ${p.from.toISOString()}::timestamptz and tk.created_at < ${p.to.toISOString()}::timestamptz
         group by 1`,
  );
}

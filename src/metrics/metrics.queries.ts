import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { escalationCauses } from "../db/schema/escalations.js";
import { type DeescalationAggRow, deescalationAggregates, deescalationColumns } from "./deescalation.queries.js";
import { answeredAt, everEscalated, everNegative, failedEver, failedWithin, lastFeedback, windowInterval } from "./outcomes.queries.js";

export type BucketUnit = "day" | "week" | "month";
export type GroupBy = "channel" | "language" | "category" | "team";

export interface MetricsParams {
  from: Date;
  to: Date;
  bucket: BucketUnit;
  tz: string;
  groupBy?: GroupBy;
  windowHours: number;
  now: Date;
}

/** Local-time bucket key of a timestamptz column: the bucket's wall-clock start in `tz`. */
export function bucketKey(column: SQL, p: Pick<MetricsParams, "bucket" | "tz">): SQL {
  return sql`to_char(date_trunc(${p.bucket}, ${column} at time zone ${p.tz}), 'YYYY-MM-DD"T"HH24:MI:SS')`;
}

const iso = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Whether Postgres knows this IANA zone (pg_timezone_names, the same list AT TIME ZONE uses). */
export async function isKnownTimeZone(db: Executor, tz: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pg_timezone_names where name = ${tz}`);
  return Number(rows[0]?.n ?? 0) > 0;
}

export interface BucketRow extends Record<string, unknown> {
  key: string;
  label: string;
  start: string;
  end: string;
}

/**
 * Every bucket overlapping [from, to), generated in wall-clock time of `tz` and converted back,
 * so a day is 23 or 25 hours across DST and weeks start on Monday (ISO, as date_trunc does).
 */
export async function listBuckets(db: Executor, p: Pick<MetricsParams, "from" | "to" | "bucket" | "tz">): Promise<BucketRow[]> {
  const step = sql`(${`1 ${p.bucket}`})::interval`;
  return queryRows<BucketRow>(
    db,
    sql`select to_char(s, 'YYYY-MM-DD"T"HH24:MI:SS') as key,
               to_char(s, 'YYYY-MM-DD') as label,
               ${iso(sql`(s at time zone ${p.tz})`)} as start,
               ${iso(sql`((s + ${step}) at time zone ${p.tz})`)} as "end"
          from generate_series(
                 date_trunc(${p.bucket}, ${p.from.toISOString()}::timestamptz at time zone ${p.tz}),
                 (${p.to.toISOString()}::timestamptz at time zone ${p.tz}) - interval '1 microsecond',
                 ${step}) as s
         order by s`,
  );
}

function groupExpr(groupBy: GroupBy | undefined, ticketTeam: SQL): SQL {
  switch (groupBy) {
    case "channel":
      return sql`tk.channel::text`;
    case "language":
      return sql`tk.language`;
    case "category":
      return sql`tk.category`;
    case "team":
      return ticketTeam;
    default:
      return sql`null::text`;
  }
}

const sets = (p: MetricsParams) => (p.groupBy ? sql`grouping sets ((bkt, grp), (bkt), (grp), ())` : sql`grouping sets ((bkt), ())`);
/** grouping(grp) when grouping by a column; without groupBy every row spans all groups. */
const groupingFlag = (p: MetricsParams) => (p.groupBy ? sql`grouping(grp)::int` : sql`1`);
const pct = (q: number, x: SQL) => sql`percentile_cont(${sql.raw(String(q))}) within group (order by ${x})`;

export interface TicketAggRow extends DeescalationAggRow {
  bkt: string | null;
  grp: string | null;
  gb: number;
  gg: number;
  tickets: number;
  escalated: number;
  answered: number;
  deflected: number;
  deflection_pending: number;
  confirmed: number;
  fcr: number;
  answered_only: number;
  other: number;
  frt_median: number | null;
  frt_p90: number | null;
  human_responded: number;
  human_waiting: number;
  hfrt_median: number | null;
  hfrt_p90: number | null;
}

/**
 * Ticket-cohort metrics (tickets bucketed by created_at in `tz`), per bucket, per group, per
 * bucket and group, and in total, in one grouping-sets query.
 */
export async function aggregateTickets(db: Executor, p: MetricsParams): Promise<TicketAggRow[]> {
  const firstTeam = sql`(select e.team_id from escalations e where e.ticket_id = tk.id order by e.created_at, e.id limit 1)`;
  const w = windowInterval(p.windowHours);
  return queryRows<TicketAggRow>(
    db,
    sql`with t as (
          select ${bucketKey(sql`tk.created_at`, p)} as bkt,
                 ${groupExpr(p.groupBy, firstTeam)} as grp,
                 -- Never null (a ticket without a verdict is neither), so "not answered" counts it.
                 coalesce(${everEscalated}, false) as escalated,
                 coalesce(tk.decision = 'answer', false) as answered,
                 (tk.decision = 'answer' and not ${failedWithin(p.windowHours)}) as deflected,
                 (${answeredAt} + ${w} > ${p.now.toISOString()}::timestamptz) as window_open,
                 (tk.decision in ('answer', 'suggest') and ${lastFeedback} = 'resolved' and not ${failedEver}) as confirmed,
                 (tk.decision in ('answer', 'suggest') and (tk.decision = 'answer' or tk.first_response_at is not null)
                    and not ${everEscalated} and tk.reopened_at is null and not ${everNegative}) as fcr,
                 extract(epoch from tk.first_response_at - tk.created_at)::float8 as frt,
                 -- A person had to respond: Deflect did not answer at intake. Their first response
                 -- is the ticket's first_response_at (set when an agent acknowledges the
                 -- escalation) or the first acknowledgement of one of its escalations.
                 (tk.decision is distinct from 'answer') as needs_human,
                 extract(epoch from least(tk.first_response_at,
                   (select min(e.acknowledged_at) from escalations e where e.ticket_id = tk.id)) - tk.created_at)::float8 as hfrt,
                 ${deescalationColumns(p.windowHours)}
            from tickets tk
           where tk.created_at >= ${p.from.toISOString()}::timestamptz and tk.created_at < ${p.to.toISOString()}::timestamptz
        )
        select bkt, ${p.groupBy ? sql`grp` : sql`null::text as grp`}, grouping(bkt)::int as gb, ${groupingFlag(p)} as gg,
               count(*)::int as tickets,
               count(*) filter (where escalated)::int as escalated,
               count(*) filter (where answered)::int as answered,
               count(*) filter (where deflected)::int as deflected,
               count(*) filter (where deflected and window_open)::int as deflection_pending,
               count(*) filter (where confirmed)::int as confirmed,
               count(*) filter (where fcr)::int as fcr,
               count(*) filter (where answered and not escalated)::int as answered_only,
               count(*) filter (where not answered and not escalated)::int as other,
               ${pct(0.5, sql`frt`)} as frt_median,
               ${pct(0.9, sql`frt`)} as frt_p90,
               count(*) filter (where needs_human and hfrt is not null)::int as human_responded,
               count(*) filter (where needs_human and hfrt is null)::int as human_waiting,
               ${pct(0.5, sql`case when needs_human then hfrt end`)} as hfrt_median,
               ${pct(0.9, sql`case when needs_human then hfrt end`)} as hfrt_p90,
               ${deescalationAggregates}
          from t
         group by ${sets(p)}`,
  );
}

export interface EscalationAggRow extends Record<string, unknown> {
  bkt: string | null;
  grp: string | null;
  gb: number;
  gg: number;
  escalations: number;
  breached: number;
  ack_median: number | null;
  ack_p90: number | null;
  resolve_median: number | null;
  resolve_p90: number | null;
  /** Escalations per cause: `cause_<name>` columns (causeCounts). */
  [cause: `cause_${string}`]: unknown;
}

/** One count per escalation cause, as `cause_<name>` columns. */
const causeCounts = sql.join(
  escalationCauses.map((c) => sql`count(*) filter (where cause = ${c})::int as ${sql.identifier(`cause_${c}`)}`),
  sql`, `,
);

/**
 * Escalation-cohort metrics (escalations bucketed by their own created_at): time to acknowledge
 * (first response), time to resolve, and SLA breaches (breached_at set or an sla_breached event).
 * With groupBy=team the group is the escalation's current team.
 */
export async function aggregateEscalations(db: Executor, p: MetricsParams): Promise<EscalationAggRow[]> {
  return queryRows<EscalationAggRow>(
    db,
    sql`with x as (
          select ${bucketKey(sql`e.created_at`, p)} as bkt,
                 ${groupExpr(p.groupBy, sql`e.team_id`)} as grp,
                 (e.breached_at is not null or exists (select 1 from escalation_events ev
                    where ev.escalation_id = e.id and ev.kind = 'sla_breached')) as breached,
                 extract(epoch from e.acknowledged_at - e.created_at)::float8 as ack,
                 extract(epoch from e.resolved_at - e.created_at)::float8 as resolve,
                 e.cause as cause
            from escalations e join tickets tk on tk.id = e.ticket_id
           where e.created_at >= ${p.from.toISOString()}::timestamptz and e.created_at < ${p.to.toISOString()}::timestamptz
        )
        select bkt, ${p.groupBy ? sql`grp` : sql`null::text as grp`}, grouping(bkt)::int as gb, ${groupingFlag(p)} as gg,
               count(*)::int as escalations,
               count(*) filter (where breached)::int as breached,
               ${pct(0.5, sql`ack`)} as ack_median, ${pct(0.9, sql`ack`)} as ack_p90,
               ${pct(0.5, sql`resolve`)} as resolve_median, ${pct(0.9, sql`resolve`)} as resolve_p90,
               ${causeCounts}
          from x
         group by ${sets(p)}`,
  );
}

/**
 * When the data starts: the first ticket ever (not only in a range) and its local date in `tz`,
 * or nulls on a fresh install. Reads the created_at index's first entry.
 */
export async function getFirstTicket(db: Executor, tz: string): Promise<{ at: string | null; day: string | null }> {
  const rows = await queryRows<{ at: string | null; day: string | null }>(
    db,
    sql`select ${iso(sql`min(created_at)`)} as at, to_char(min(created_at) at time zone ${tz}, 'YYYY-MM-DD') as day from tickets`,
  );
  return { at: rows[0]?.at ?? null, day: rows[0]?.day ?? null };
}

/** Local midnight of a calendar date in `tz`, as an instant (DST-aware, done by Postgres). */
export async function localMidnight(db: Executor, date: string, tz: string): Promise<Date> {
  const rows = await queryRows<{ at: string }>(db, sql`select ${iso(sql`(${date}::date::timestamp at time zone ${tz})`)} as at`);
  return new Date(String(rows[0]?.at));
}

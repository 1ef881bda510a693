import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";

/** Warning and breach checkpoints, in percent of each timer's minutes. */
export const slaCheckpoints = [50, 75, 100] as const;
export type SlaTimer = "first_response" | "resolution";

/** The dedup key of one checkpoint of one SLA clock run (a level-up starts a new run). */
export function slaDedupKey(timer: SlaTimer, percent: number, slaStartedAt: Date): string {
  return `sla:${timer}:${percent}:${slaStartedAt.getTime()}`;
}

/**
 * Locks up to `limit` running (not resolved, not paused) escalations with at least one checkpoint
 * due at `now` that has no event yet: the instants stored in sla_checkpoints (business hours and
 * pauses are computed in JS when the clock starts or resumes), or for rows written before them
 * the percentages of wall-clock minutes. Rows another sweeper holds are skipped, so replicas split
 * the work; the caller fires the checkpoints in the same short transaction.
 */
export async function claimDueSlaEscalations(db: Executor, now: Date, limit: number): Promise<string[]> {
  const at = now.toISOString();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select e.id from escalations e
        where e.status not in ('resolved', 'waiting_customer', 'waiting_third_party')
          and (e.sla_checkpoints is not null or exists (
            select 1 from (values ('first_response', 50), ('first_response', 75), ('first_response', 100),
                                  ('resolution', 50), ('resolution', 75), ('resolution', 100)) as c(timer, pct)
            where (c.timer = 'resolution' or e.acknowledged_at is null)
              and (case when c.timer = 'resolution' then e.resolution_minutes else e.first_response_minutes end) is not null
              and e.sla_started_at + make_interval(secs => (case when c.timer = 'resolution' then e.resolution_minutes
                    else e.first_response_minutes end) * 60.0 * c.pct / 100) <= ${at}::timestamptz
              and not exists (
                select 1 from escalation_events ev
                where ev.escalation_id = e.id
                  and ev.dedup_key = 'sla:' || c.timer || ':' || c.pct || ':' || floor(extract(epoch from e.sla_started_at) * 1000)::bigint
              )
          ))
          and (e.sla_checkpoints is null or exists (
            select 1 from jsonb_array_elements(e.sla_checkpoints -> 'points') as cp(point)
            where (cp.point ->> 'timer' = 'resolution' or e.acknowledged_at is null)
              and (case when cp.point ->> 'timer' = 'resolution' then e.resolution_minutes else e.first_response_minutes end) is not null
              and (cp.point ->> 'dueAt')::timestamptz <= ${at}::timestamptz
              and not exists (
                select 1 from escalation_events ev
                where ev.escalation_id = e.id
                  and ev.dedup_key = 'sla:' || (cp.point ->> 'timer') || ':' || (cp.point ->> 'percent') || ':' || floor(extract(epoch from e.sla_started_at) * 1000)::bigint
              )
          ))
        order by e.sla_started_at, e.id
        limit ${limit}
        for update of e skip locked`,
  );
  return rows.map((r) => r.id);
}

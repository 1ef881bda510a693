import { type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { everEscalated, windowInterval } from "./outcomes.queries.js";

/**
 * De-escalation outcomes, as SQL fragments over `tickets tk` (PGlite and Postgres alike). They
 * read the verdict stored with the ticket (`tickets.verdict`, jsonb); verdicts stored before the
 * de-escalation assist have no `frustration` and count nowhere here.
 *
 *   frustrated    = frustration level 1 (annoyed) or 2 (angry); level 3 goes to a supervisor at
 *                   intake by design, so it is no de-escalation attempt.
 *   hierarchical  = within the window after creation (both ends inclusive) the ticket went to
 *                   someone higher: an escalation of type hierarchical (at intake by a matrix
 *                   rule, or later by an agent via POST /v1/tickets/{id}/escalate), or a manual
 *                   level-up of any of its escalations. SLA-breach level-ups are the clock's
 *                   doing, not the customer's, and do not count.
 *   deescalated   = frustrated, not hierarchical, and not re-opened within the window.
 *   confirmed     = deescalated, and resolved by the customer's or agent's word: a feedback
 *                   event `resolved` (any time), or the ticket's status is `resolved`.
 */
export const frustrationLevel = sql`(tk.verdict->'frustration'->>'level')::int`;

export function wentHierarchical(hours: number): SQL {
  const until = sql`tk.created_at + ${windowInterval(hours)}`;
  return sql`(exists (select 1 from escalations e where e.ticket_id = tk.id and e.type = 'hierarchical'
                        and e.created_at >= tk.created_at and e.created_at <= ${until})
          or exists (select 1 from escalation_events ev join escalations e on e.id = ev.escalation_id
                      where e.ticket_id = tk.id and ev.kind = 'escalated' and ev.detail->>'trigger' = 'manual'
                        and ev.created_at >= tk.created_at and ev.created_at <= ${until}))`;
}

export function reopenedWithin(hours: number): SQL {
  return sql`(tk.reopened_at is not null and tk.reopened_at <= tk.created_at + ${windowInterval(hours)})`;
}

export const confirmedResolved = sql`(tk.status = 'resolved'
  or exists (select 1 from feedback_events f where f.ticket_id = tk.id and f.outcome = 'resolved'))`;

/**
 * Per-ticket de-escalation columns for a `select` over `tickets tk`: lvl, frustrated, deescalated,
 * confirmed_frustrated. Used by the metrics query and the insights breakdown alike.
 */
export function deescalationColumns(hours: number): SQL {
  return sql`${frustrationLevel} as lvl,
             coalesce(${frustrationLevel} in (1, 2), false) as frustrated,
             coalesce(${frustrationLevel} in (1, 2) and not ${wentHierarchical(hours)} and not ${reopenedWithin(hours)}, false) as deescalated,
             coalesce(${frustrationLevel} in (1, 2) and not ${wentHierarchical(hours)} and not ${reopenedWithin(hours)} and ${confirmedResolved}, false) as confirmed_frustrated`;
}

/** Aggregates over a relation with the columns above; `count(*)` there is all its tickets. */
export const deescalationAggregates = sql`count(*) filter (where frustrated)::int as frustrated,
             count(*) filter (where deescalated)::int as deescalated,
             count(*) filter (where confirmed_frustrated)::int as confirmed_frustrated,
             count(*) filter (where lvl = 1)::int as level1,
             count(*) filter (where lvl = 2)::int as level2,
             count(*) filter (where lvl = 3)::int as level3`;

export interface DeescalationAggRow extends Record<string, unknown> {
  frustrated: number;
  deescalated: number;
  confirmed_frustrated: number;
  level1: number;
  level2: number;
  level3: number;
}

export interface DeescalationBreakdownRow extends DeescalationAggRow {
  dim: "team" | "language";
  key: string | null;
  team_name: string | null;
  tickets: number;
  escalated: number;
}

/**
 * Tickets created in [from, to) by team (the team of the first escalation; `tier1` when never
 * escalated) and by language, with the de-escalation counts and the escalation count beside them.
 */
export async function aggregateDeescalationBreakdown(db: Executor, p: { from: Date; to: Date; windowHours: number }): Promise<DeescalationBreakdownRow[]> {
  const firstEscalation = sql`(select e.id from escalations e where e.ticket_id = tk.id order by e.created_at, e.id limit 1)`;
  return queryRows<DeescalationBreakdownRow>(
    db,
    sql`with t as (
          select ${deescalationColumns(p.windowHours)},
                 coalesce(${everEscalated}, false) as escalated,
                 tk.language as language,
                 ${firstEscalation} as first_escalation,
                 (select e.team_id from escalations e where e.ticket_id = tk.id order by e.created_at, e.id limit 1) as team_id
            from tickets tk
           where tk.created_at >= ${p.from.toISOString()}::timestamptz and tk.created_at < ${p.to.toISOString()}::timestamptz
        ),
        keyed as (
          select 'team' as dim, case when first_escalation is null then 'tier1' else team_id end as key, t.* from t
          union all
          select 'language' as dim, language as key, t.* from t
        )
        select dim, key, (select name from teams where teams.id = keyed.key) as team_name,
               count(*)::int as tickets, count(*) filter (where escalated)::int as escalated,
               ${deescalationAggregates}
          from keyed
         group by dim, key
         order by dim, count(*) filter (where frustrated) desc, key nulls last`,
  );
}

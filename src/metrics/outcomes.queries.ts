import { type SQL, sql } from "drizzle-orm";

/**
 * The shared vocabulary of outcomes, as SQL fragments over `tickets tk`. Metrics, article impact
 * and the KCS health check all read these, so "deflected" or "failed" means the same everywhere.
 *
 *   answered_at    = coalesce(first_response_at, created_at): when the customer (or the agent)
 *                    got the article. An `answer` verdict is sent at intake.
 *   failed window  = a re-open or an escalation at or after answered_at and at most `window`
 *                    hours later (both ends inclusive).
 *
 * A ticket answered and then escalated or re-opened counts as not resolved. That is derived here,
 * in SQL, at read time; no "system" feedback rows are written, so feedback_events only ever holds
 * what a person said.
 */
export const answeredAt = sql`coalesce(tk.first_response_at, tk.created_at)`;

/** Interval of the deflection window, from a number of hours (a bound parameter). */
export function windowInterval(hours: number): SQL {
  return sql`make_interval(secs => ${hours}::float8 * 3600)`;
}

/** Any escalation of the ticket at all (the ticket left first contact). */
export const everEscalated = sql`(tk.decision = 'escalate' or exists (select 1 from escalations e where e.ticket_id = tk.id))`;

/** Re-opened or escalated within the window after the answer. */
export function failedWithin(hours: number): SQL {
  const w = windowInterval(hours);
  return sql`(
    (tk.reopened_at is not null and tk.reopened_at >= ${answeredAt} and tk.reopened_at <= ${answeredAt} + ${w})
    or exists (select 1 from escalations e where e.ticket_id = tk.id
               and e.created_at >= ${answeredAt} and e.created_at <= ${answeredAt} + ${w}))`;
}

/** Re-opened or escalated at any time after the answer: the customer's problem came back. */
export const failedEver = sql`(
  (tk.reopened_at is not null and tk.reopened_at >= ${answeredAt})
  or exists (select 1 from escalations e where e.ticket_id = tk.id and e.created_at >= ${answeredAt}))`;

/** Latest feedback outcome on the ticket (any article), or null. */
export const lastFeedback = sql`(select f.outcome from feedback_events f where f.ticket_id = tk.id
  order by f.created_at desc, f.id desc limit 1)`;

/** Whether anyone ever said the ticket was not resolved. */
export const everNegative = sql`exists (select 1 from feedback_events f where f.ticket_id = tk.id and f.outcome = 'not_resolved')`;

/**
 * One row per (article, ticket) reuse: the ticket was answered or suggested with the article as
 * its top match, or someone gave feedback naming the article on that ticket. Columns:
 * article_id, ticket_id, created_at, failed, confirmed, avoided.
 *   failed    = latest feedback for this article on this ticket is not_resolved, or the ticket
 *               was re-opened/escalated within the window after the answer
 *   confirmed = latest feedback is resolved and not failed
 *   avoided   = not failed (an escalation that did not happen: escalations avoided)
 * `ticketFilter` narrows tickets (e.g. a created_at range), `articleFilter` narrows articles.
 */
export function reuseRows(opts: { windowHours: number; ticketFilter?: SQL; articleFilter?: SQL }): SQL {
  const ticketFilter = opts.ticketFilter ?? sql`true`;
  const articleFilter = opts.articleFilter ?? sql`true`;
  return sql`(
    with pairs as (
      select tk.top_article_id as article_id, tk.id as ticket_id
        from tickets tk
       where tk.top_article_id is not null and tk.decision in ('answer', 'suggest') and ${ticketFilter}
      union
      select f.article_id, f.ticket_id
        from feedback_events f join tickets tk on tk.id = f.ticket_id
       where f.article_id is not null and f.source <> 'system' and ${ticketFilter}
    ),
    judged as (
      select p.article_id, p.ticket_id, tk.created_at,
             (select f.outcome from feedback_events f where f.ticket_id = p.ticket_id and f.article_id = p.article_id
               order by f.created_at desc, f.id desc limit 1) as last_outcome,
             ${failedWithin(opts.windowHours)} as bounced
        from pairs p join tickets tk on tk.id = p.ticket_id
       where ${articleFilter}
    )
    select article_id, ticket_id, created_at,
           (bounced or last_outcome = 'not_resolved') as failed,
           (not bounced and last_outcome = 'resolved') as confirmed,
           (not bounced and last_outcome is distinct from 'not_resolved') as avoided
      from judged
  )`;
}

import { escalationCauses } from "../db/schema/escalations.js";
import type { Deps } from "../deps.js";
import { AUTOMATIC_AGENT, type CauseGroupBy, type CauseParams, countEscalationsByGroup, countTicketsByBucket } from "./causes.queries.js";
import { listBuckets } from "./metrics.queries.js";
import { MAX_RANGE_DAYS } from "./metrics.service.js";
import { resolveInsightsRange } from "./range.js";

export interface CauseInsightsInput {
  from?: string;
  to?: string;
  tz: string;
  bucket: "day" | "week" | "month";
  by: CauseGroupBy;
}

const DEFAULT_RANGE_DAYS = 30;
const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : 0);

interface Group {
  key: string | null;
  label: string;
}

function cell(g: Group, escalations: number, allEscalations: number, tickets: number) {
  return { key: g.key, label: g.label, escalations, share: ratio(escalations, allEscalations), escalationRate: ratio(escalations, tickets) };
}

/**
 * Why tickets escalate, per bucket and per group (cause, team or agent): escalations opened,
 * their share of all escalations, and escalations per ticket created in the same bucket. Every
 * bucket of the range is present and lists every group (zeros included), so charts stack.
 * Counted in SQL per bucket and group; only the small grid is assembled here.
 */
export async function getCauseInsights({ deps, input }: { deps: Deps; input: CauseInsightsInput }) {
  const db = deps.database.db;
  const { from, to } = await resolveInsightsRange(db, input, {
    now: deps.clock.now(),
    defaultDays: DEFAULT_RANGE_DAYS,
    maxDays: MAX_RANGE_DAYS[input.bucket],
    maxNote: ` with bucket=${input.bucket}`,
  });

  const p: CauseParams = { from, to, bucket: input.bucket, tz: input.tz, by: input.by };
  const [buckets, counts, tickets] = await Promise.all([listBuckets(db, p), countEscalationsByGroup(db, p), countTicketsByBucket(db, p)]);
  const ticketsIn = new Map(tickets.map((t) => [t.bkt, Number(t.tickets)]));
  const cellKey = (bkt: string | null, grp: string | null) => JSON.stringify([bkt, grp]);
  const counted = new Map<string, number>();
  const add = (k: string, n: number) => counted.set(k, (counted.get(k) ?? 0) + n);
  const labels = new Map<string | null, string>();
  for (const r of counts) {
    const n = Number(r.escalations);
    add(cellKey(r.bkt, r.grp), n);
    add(cellKey(r.bkt, "\u0000all"), n);
    add(cellKey(null, r.grp), n);
    labels.set(r.grp, r.label ?? r.grp ?? (input.by === "team" ? "(no team)" : AUTOMATIC_AGENT));
  }
  const n = (bkt: string | null, grp: string | null) => counted.get(cellKey(bkt, grp)) ?? 0;
  const groups: Group[] =
    input.by === "cause"
      ? escalationCauses.map((c) => ({ key: c, label: c }))
      : [...labels.entries()].map(([key, label]) => ({ key, label })).sort((a, b) => n(null, b.key) - n(null, a.key) || a.label.localeCompare(b.label));
  const allEscalations = counts.reduce((s, r) => s + Number(r.escalations), 0);
  const allTickets = tickets.reduce((s, t) => s + Number(t.tickets), 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    tz: input.tz,
    bucket: input.bucket,
    by: input.by,
    totals: { tickets: allTickets, escalations: allEscalations, groups: groups.map((g) => cell(g, n(null, g.key), allEscalations, allTickets)) },
    buckets: buckets.map((b) => {
      const bucketTickets = ticketsIn.get(b.key) ?? 0;
      const bucketEscalations = n(b.key, "\u0000all");
      return {
        label: b.label,
        start: b.start,
        end: b.end,
        tickets: bucketTickets,
        escalations: bucketEscalations,
        groups: groups.map((g) => cell(g, n(b.key, g.key), bucketEscalations, bucketTickets)),
      };
    }),
  };
}

import { escalationCauses } from "../db/schema/escalations.js";
import type { Deps } from "../deps.js";
import { ValidationError } from "../errors.js";
import { AUTOMATIC_AGENT, type CauseGroupBy, type CauseParams, countEscalationsByGroup, countTicketsByBucket } from "./causes.queries.js";
import { isKnownTimeZone, listBuckets, localMidnight } from "./metrics.queries.js";
import { MAX_RANGE_DAYS } from "./metrics.service.js";

export interface CauseInsightsInput {
  from?: string;
  to?: string;
  tz: string;
  bucket: "day" | "week" | "month";
  by: CauseGroupBy;
}

const DAY_MS = 86_400_000;
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
  if (!(await isKnownTimeZone(db, input.tz))) {
    throw new ValidationError(`Unknown time zone '${input.tz}'`, [{ field: "tz", message: "must be an IANA time zone name, e.g. Europe/Prague" }]);
  }
  const resolve = async (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? localMidnight(db, v, input.tz) : new Date(v));
  const to = input.to ? await resolve(input.to) : deps.clock.now();
  const from = input.from ? await resolve(input.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  const issues = [];
  if (from.getTime() >= to.getTime()) issues.push({ field: "from", message: "must be before to" });
  const maxDays = MAX_RANGE_DAYS[input.bucket];
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) issues.push({ field: "to", message: `range may span at most ${maxDays} days with bucket=${input.bucket}` });
  if (issues.length > 0) throw new ValidationError(`Invalid range: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`, issues);

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

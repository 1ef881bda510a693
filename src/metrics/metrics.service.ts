import { escalationCauses } from "../db/schema/escalations.js";
import type { Deps } from "../deps.js";
import { ValidationError } from "../errors.js";
import {
  aggregateEscalations,
  aggregateTickets,
  type BucketRow,
  type EscalationAggRow,
  getFirstTicket,
  type GroupBy,
  isKnownTimeZone,
  listBuckets,
  localMidnight,
  type MetricsParams,
  type TicketAggRow,
} from "./metrics.queries.js";
import type { MetricBucket, Metrics, MetricValues } from "./metrics.schemas.js";

export interface MetricsInput {
  from?: string;
  to?: string;
  bucket: "day" | "week" | "month";
  groupBy?: GroupBy;
  tz: string;
  window?: number;
  fromData?: boolean;
}

const DAY_MS = 86_400_000;
/** Largest range per bucket size: two years of days; ten years of weeks or months. */
export const MAX_RANGE_DAYS = { day: 732, week: 3660, month: 3660 } as const;
const DEFAULT_RANGE_DAYS = 30;
/** Shortest range `fromData` leaves: a chart of one day's dot says nothing. */
const MIN_DATA_RANGE_DAYS = 7;
/** Zones Postgres confirmed (pg_timezone_names is a slow view); unknown ones are asked every time. */
const knownZones = new Set<string>(["UTC"]);

/**
 * Escalation, deflection, FCR, response-time, SLA and de-escalation metrics per bucket (and group) plus totals,
 * all aggregated in SQL. Bad parameters fail together with one VALIDATION_FAILED listing each.
 */
export async function getMetrics({ deps, input }: { deps: Deps; input: MetricsInput }): Promise<Metrics> {
  const db = deps.database.db;
  if (!knownZones.has(input.tz)) {
    if (!(await isKnownTimeZone(db, input.tz))) {
      throw new ValidationError(`Unknown time zone '${input.tz}'`, [{ field: "tz", message: "must be an IANA time zone name, e.g. Europe/Prague" }]);
    }
    knownZones.add(input.tz);
  }
  const resolve = async (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? localMidnight(db, v, input.tz) : new Date(v));
  const to = input.to ? await resolve(input.to) : deps.clock.now();
  const firstTicket = await getFirstTicket(db, input.tz);
  let from = input.from ? await resolve(input.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (input.fromData) {
    const latestStart = new Date(to.getTime() - MIN_DATA_RANGE_DAYS * DAY_MS);
    const dataStart = firstTicket.day ? await localMidnight(db, firstTicket.day, input.tz) : latestStart;
    const start = dataStart.getTime() < latestStart.getTime() ? dataStart : latestStart;
    if (start.getTime() > from.getTime()) from = start;
  }
  const issues = [];
  if (from.getTime() >= to.getTime()) issues.push({ field: "from", message: "must be before to" });
  const maxDays = MAX_RANGE_DAYS[input.bucket];
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    issues.push({ field: "to", message: `range may span at most ${maxDays} days with bucket=${input.bucket}` });
  }
  if (issues.length > 0) throw new ValidationError(`Invalid range: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`, issues);

  const params: MetricsParams = {
    from,
    to,
    bucket: input.bucket,
    tz: input.tz,
    groupBy: input.groupBy,
    windowHours: input.window ?? deps.config.DEFLECTION_WINDOW_HOURS,
    now: deps.clock.now(),
  };
  const buckets = await listBuckets(db, params);
  const ticketRows = await aggregateTickets(db, params);
  const escalationRows = await aggregateEscalations(db, params);

  const ticketIndex = indexRows(ticketRows);
  const escalationIndex = indexRows(escalationRows);
  const valuesFor = (bkt: string | null, grp: string | null | undefined) => toValues(ticketIndex.get(rowKey(bkt, grp)), escalationIndex.get(rowKey(bkt, grp)));
  const series = (grp: string | null | undefined): MetricBucket[] => buckets.map((b) => ({ ...bucketFields(b), ...valuesFor(b.key, grp) }));

  const result: Metrics = {
    from: from.toISOString(),
    to: to.toISOString(),
    bucket: input.bucket,
    tz: input.tz,
    windowHours: params.windowHours,
    groupBy: input.groupBy ?? null,
    firstTicketAt: firstTicket.at,
    buckets: series(undefined),
    totals: valuesFor(null, undefined),
  };
  if (input.groupBy) {
    const keys = new Set<string | null>();
    for (const r of [...ticketRows, ...escalationRows]) if (Number(r.gg) === 0) keys.add(r.grp);
    result.groups = [...keys].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))).map((key) => ({ key, totals: valuesFor(null, key), buckets: series(key) }));
  }
  return result;
}

/** Key of one grouping-set row: `undefined` group = all groups, `null` bucket = whole range. */
function rowKey(bkt: string | null, grp: string | null | undefined): string {
  return JSON.stringify([bkt, grp === undefined ? 0 : grp]);
}

function indexRows<R extends { bkt: string | null; grp: string | null; gb: number; gg: number }>(rows: R[]): Map<string, R> {
  return new Map(rows.map((r) => [rowKey(Number(r.gb) === 1 ? null : r.bkt, Number(r.gg) === 1 ? undefined : r.grp), r]));
}

function bucketFields(b: BucketRow) {
  return { label: b.label, start: b.start, end: b.end };
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : 0);
const num = (v: unknown) => Number(v ?? 0);
const secs = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/** One bucket's values; a missing row is an empty bucket (zeros, null percentiles). */
function toValues(t: TicketAggRow | undefined, e: EscalationAggRow | undefined): MetricValues {
  const tickets = num(t?.tickets);
  const escalations = num(e?.escalations);
  return {
    tickets,
    escalated: num(t?.escalated),
    escalationRate: ratio(num(t?.escalated), tickets),
    answered: num(t?.answered),
    breakdown: { answered: num(t?.answered_only), escalated: num(t?.escalated), other: num(t?.other) },
    deflected: num(t?.deflected),
    deflectionPending: num(t?.deflection_pending),
    deflectionRate: ratio(num(t?.deflected), tickets),
    confirmedResolutions: num(t?.confirmed),
    fcr: num(t?.fcr),
    fcrRate: ratio(num(t?.fcr), tickets),
    firstResponseSeconds: { median: secs(t?.frt_median), p90: secs(t?.frt_p90) },
    humanFirstResponseSeconds: { median: secs(t?.hfrt_median), p90: secs(t?.hfrt_p90) },
    humanFirstResponses: num(t?.human_responded),
    awaitingHumanResponse: num(t?.human_waiting),
    escalations,
    escalationFirstResponseSeconds: { median: secs(e?.ack_median), p90: secs(e?.ack_p90) },
    escalationResolutionSeconds: { median: secs(e?.resolve_median), p90: secs(e?.resolve_p90) },
    slaBreached: num(e?.breached),
    slaBreachRate: ratio(num(e?.breached), escalations),
    escalationsByCause: Object.fromEntries(escalationCauses.map((c) => [c, num(e?.[`cause_${c}`])])) as MetricValues["escalationsByCause"],
    frustrated: num(t?.frustrated),
    deescalated: num(t?.deescalated),
    deescalationRate: ratio(num(t?.deescalated), num(t?.frustrated)),
    confirmedResolvedFrustrated: num(t?.confirmed_frustrated),
    byLevel: { 1: num(t?.level1), 2: num(t?.level2), 3: num(t?.level3) },
  };
}

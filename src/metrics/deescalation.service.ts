import type { Deps } from "../deps.js";
import { aggregateDeescalationBreakdown, type DeescalationBreakdownRow } from "./deescalation.queries.js";
import { MAX_RANGE_DAYS } from "./metrics.service.js";
import { resolveInsightsRange } from "./range.js";

export interface DeescalationInput {
  from?: string;
  to?: string;
  tz: string;
  window?: number;
}

const DEFAULT_RANGE_DAYS = 30;
/** The team key of tickets never escalated. */
export const TIER_ONE = "tier 1";

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : 0);

function toRow(r: DeescalationBreakdownRow) {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    tickets: n(r.tickets),
    frustrated: n(r.frustrated),
    deescalated: n(r.deescalated),
    deescalationRate: ratio(n(r.deescalated), n(r.frustrated)),
    confirmedResolvedFrustrated: n(r.confirmed_frustrated),
    escalated: n(r.escalated),
    escalationRate: ratio(n(r.escalated), n(r.tickets)),
    byLevel: { 1: n(r.level1), 2: n(r.level2), 3: n(r.level3) },
  };
}

/**
 * De-escalation outcomes of the tickets created in the range, by team (of the first escalation,
 * "tier 1" when never escalated) and by language, with the escalation rate beside them.
 * Definitions: deescalation.queries.ts. A date without time is local midnight in `tz`.
 */
export async function getDeescalationInsights({ deps, input }: { deps: Deps; input: DeescalationInput }) {
  const db = deps.database.db;
  const { from, to } = await resolveInsightsRange(db, input, { now: deps.clock.now(), defaultDays: DEFAULT_RANGE_DAYS, maxDays: MAX_RANGE_DAYS.month });

  const windowHours = input.window ?? deps.config.DEFLECTION_WINDOW_HOURS;
  const rows = await aggregateDeescalationBreakdown(db, { from, to, windowHours });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    tz: input.tz,
    windowHours,
    byTeam: rows
      .filter((r) => r.dim === "team")
      .map((r) => ({ team: r.key === "tier1" ? TIER_ONE : (r.team_name ?? r.key ?? "(no team)"), teamId: r.key === "tier1" ? null : r.key, ...toRow(r) })),
    byLanguage: rows.filter((r) => r.dim === "language").map((r) => ({ language: r.key, ...toRow(r) })),
  };
}

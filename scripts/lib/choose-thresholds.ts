import type { RiskCoverageRow } from "./eval-metrics.js";

/**
 * The lowest threshold from which every higher threshold (with at least `minAnswered` answers
 * behind its estimate — a precision of 1/1 proves nothing) keeps precision ≥ `precision` on the
 * labelled set. Requiring it of all higher thresholds, not just one, avoids picking a lucky dip
 * of a small set. Falls back to 1 (never answer) when no threshold qualifies.
 */
export function lowestThresholdFor(rows: RiskCoverageRow[], precision: number, minAnswered = 10): number {
  const sorted = [...rows].sort((a, b) => b.threshold - a.threshold);
  let best = 1;
  for (const r of sorted) {
    if (r.answered < minAnswered) continue;
    if (r.risk === null || 1 - r.risk < precision) break;
    best = r.threshold;
  }
  return best;
}

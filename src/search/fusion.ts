import type { SignalRow } from "./search.queries.js";

export const SIGNALS = ["vector", "fts", "trigram"] as const;
export type SignalName = (typeof SIGNALS)[number];

export interface SignalScore {
  /** 1-based rank of the article in this signal's own list. */
  rank: number;
  /** The signal's raw score: cosine similarity, ts_rank, trigram similarity. */
  score: number;
}

export interface FusedCandidate {
  id: string;
  fused: number;
  signals: Partial<Record<SignalName, SignalScore>>;
}

/** RRF constant: 60 is the value of Cormack et al. (2009) and works without tuning. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each signal adds weight / (k + rank) for the articles it found. Ranks,
 * not raw scores, are combined, so a cosine similarity and a ts_rank never need a common scale,
 * and an article that several signals place high beats one that a single signal likes.
 * Ties break on the id so the order is deterministic.
 */
export function fuseRankings(lists: Partial<Record<SignalName, SignalRow[]>>, weights: Partial<Record<SignalName, number>> = {}, k = RRF_K): FusedCandidate[] {
  const byId = new Map<string, FusedCandidate>();
  for (const name of SIGNALS) {
    const rows = lists[name];
    if (!rows) continue;
    const w = weights[name] ?? 1;
    for (const row of rows) {
      let c = byId.get(row.id);
      if (!c) {
        c = { id: row.id, fused: 0, signals: {} };
        byId.set(row.id, c);
      }
      c.signals[name] = { rank: row.rank, score: row.score };
      c.fused += w / (k + row.rank);
    }
  }
  return [...byId.values()].sort((a, b) => b.fused - a.fused || (a.id < b.id ? -1 : 1));
}

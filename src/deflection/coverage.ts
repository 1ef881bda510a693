import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import type { Role } from "../caller.js";
import { plannedArticleCount, type Retrieval } from "../search/search.service.js";
import { searchScope } from "../search/search.queries.js";
import { scopeArticleCount, termCoverage, termDocumentFrequencies, termMatches } from "./coverage.queries.js";

/**
 * Up to this many articles (as the planner last counted them) the coverage's IDF is counted in the
 * same statement, exact to the last write. Beyond it, counting every common word's articles on
 * every ticket costs more than the rest of the ticket (33 ms of 77 at 10,000 articles, linear in
 * the knowledge base), while a word's IDF barely moves between two tickets: the counts are kept
 * per service instance for COVERAGE_STATS_TTL_MS.
 */
export const EXACT_COVERAGE_UP_TO = 2000;
/** How long a kept article count or document frequency is used (large knowledge bases only). */
export const COVERAGE_STATS_TTL_MS = 5 * 60_000;
/** Document frequencies kept per instance before the oldest half is dropped. */
const MAX_KEPT_TERMS = 50_000;

interface Kept<T> {
  until: number;
  value: T;
}

interface CoverageStats {
  articles: Map<Role, Kept<Promise<number>>>;
  /** `${viewer}\u0000${config}\u0000${term}` → articles containing it, or null (no query). */
  df: Map<string, Kept<number | null>>;
}

/** Per service instance (deps), as the search's lexeme statistics. */
const kept = new WeakMap<object, CoverageStats>();

function statsOf(deps: Deps): CoverageStats {
  let stats = kept.get(deps);
  if (!stats) {
    stats = { articles: new Map(), df: new Map() };
    kept.set(deps, stats);
  }
  return stats;
}

function keptArticleCount(db: Executor, stats: CoverageStats, viewer: Role, now: number): Promise<number> {
  const hit = stats.articles.get(viewer);
  if (hit && hit.until > now) return hit.value;
  const value = scopeArticleCount(db, searchScope(viewer));
  stats.articles.set(viewer, { until: now + COVERAGE_STATS_TTL_MS, value });
  value.catch(() => {
    if (stats.articles.get(viewer)?.value === value) stats.articles.delete(viewer);
  });
  return value;
}

async function keptFrequencies(db: Executor, stats: CoverageStats, viewer: Role, config: string, terms: string[], now: number): Promise<Map<string, number | null>> {
  const key = (t: string) => `${viewer}\u0000${config}\u0000${t}`;
  const known = new Map<string, number | null>();
  const missing: string[] = [];
  for (const t of new Set(terms)) {
    const hit = stats.df.get(key(t));
    if (hit && hit.until > now) known.set(t, hit.value);
    else missing.push(t);
  }
  if (missing.length === 0) return known;
  const counted = await termDocumentFrequencies(db, { scope: searchScope(viewer), config, terms: missing });
  if (stats.df.size + counted.size > MAX_KEPT_TERMS) {
    // Maps iterate in insertion order: the first half is the oldest.
    let drop = stats.df.size / 2;
    for (const k of stats.df.keys()) {
      if (drop-- <= 0) break;
      stats.df.delete(k);
    }
  }
  for (const [t, df] of counted) {
    known.set(t, df);
    stats.df.set(key(t), { until: now + COVERAGE_STATS_TTL_MS, value: df });
  }
  return known;
}

/**
 * The IDF-weighted term coverage of the retrieval's top two candidates (a confidence feature; see
 * termCoverage). Inside another transaction (`db` not the instance's database) or on a knowledge
 * base up to EXACT_COVERAGE_UP_TO articles it is one exact statement; on a larger one the article
 * count and document frequencies come from what this instance counted in the last
 * COVERAGE_STATS_TTL_MS, and only which terms the two candidates contain is read per ticket.
 */
export async function topMatchCoverage(deps: Deps, db: Executor, retrieval: Retrieval, viewer: Role, exactUpTo = EXACT_COVERAGE_UP_TO): Promise<Map<string, number>> {
  const config = retrieval.info.ftsConfig;
  const terms = retrieval.terms;
  const ids = retrieval.candidates.slice(0, 2).map((c) => c.id);
  if (terms.length === 0 || ids.length === 0) return new Map();
  const exact = () => termCoverage(db, { scope: searchScope(viewer), config, terms, ids });
  if (db !== deps.database.db || (await plannedArticleCount(deps, db)) <= exactUpTo) return exact();

  const stats = statsOf(deps);
  const now = deps.clock.now().getTime();
  const [n, df, matches] = await Promise.all([
    keptArticleCount(db, stats, viewer, now),
    keptFrequencies(db, stats, viewer, config, terms, now),
    termMatches(db, { config, terms, ids }),
  ]);
  const coverage = new Map<string, number>();
  for (const [id, hits] of matches) {
    let total = 0;
    let found = 0;
    terms.forEach((t, i) => {
      const d = df.get(t);
      if (d === null || d === undefined) return;
      // Counts kept at different moments of a growing knowledge base may put a word in more
      // articles than the kept total: never fewer articles than the word's own (idf stays > 0).
      const idf = Math.log(1 + (Math.max(n, d) - d + 0.5) / (d + 0.5));
      total += idf;
      if (hits[i]) found += idf;
    });
    // No term makes a query: no coverage row, as in the exact statement.
    if (total > 0) coverage.set(id, found / total);
  }
  return coverage;
}

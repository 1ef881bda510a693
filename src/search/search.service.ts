import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import { EmbedderBusyError } from "../errors.js";
import type { Embedder } from "../embeddings/embedder.js";
import { fromRawArticle } from "../articles/articles.queries.js";
import { vectorSearchReady } from "../articles/reindex.queries.js";
import type { Role } from "../caller.js";
import { detectLanguage, ftsConfigFor } from "../text/language.js";
import { type FusedCandidate, fuseRankings, type SignalName } from "./fusion.js";
import { queryTerms } from "./query-terms.js";
import type { RetrievalInfo, SearchHit, SearchRequest } from "./search.schemas.js";
import { chooseRankedTerms } from "./fts-terms.js";
import {
  type ArticleHitRow,
  ftsCandidates,
  lexemeDocumentCounts,
  type LexemeStats,
  termLexemes,
  loadHits,
  type SearchFilters,
  searchScope,
  type SignalRow,
  trigramCandidates,
  vectorCandidates,
  hnswSearchOf,
} from "./search.queries.js";

/** How many candidates each signal contributes to the fusion. */
const CANDIDATES_PER_SIGNAL = 50;
/**
 * How many articles the full-text signal may rank per query (see ftsCandidates): ranking reads
 * every matching article's tsvector, so common words of a large knowledge base would cost a scan.
 */
const FTS_RANK_BUDGET = 200;
/** How many of each other signal's best candidates trigram similarity re-scores. */
const TRIGRAM_POOL = 20;
/** Trigram similarity below this is noise (long texts share common trigrams). */
const MIN_TRIGRAM = 0.05;
/** Text beyond this is not embedded or trigram-compared: the problem is stated early. */
export const MAX_QUERY_CHARS = 4000;

export interface Retrieval {
  info: RetrievalInfo;
  /** Fused candidates, best first, with every signal's rank and raw score. */
  candidates: FusedCandidate[];
  /** The query's vector (null when lexical-only), kept with tickets for gap clustering. */
  queryVector: number[] | null;
  /** The query's search terms, reused for snippets. */
  terms: string[];
}

export interface RetrieveInput {
  text: string;
  /** Language of the query text; detected when absent. Chooses the FTS configuration. */
  language?: string | null;
  filters?: SearchFilters;
  /** This very text's vector from an earlier retrieval (a second scope for one ticket): not embedded again. */
  queryVector?: number[];
}

/**
 * The text a query is embedded from. A lexical embedder hashes words: function words then only say
 * which language the query is in, so it gets the content terms; a semantic model reads the
 * sentence as written. `text` is already cut to MAX_QUERY_CHARS and `terms` are its queryTerms.
 */
export function queryEmbeddingText(embedder: Pick<Embedder, "lexical">, text: string, terms: string[]): string {
  return embedder.lexical && terms.length > 0 ? terms.join(" ") : text;
}

/**
 * Hybrid retrieval: vector kNN of the active embedder and full-text OR-query (query language's
 * stemmer and `simple`, accent-folded, common words dropped on a large knowledge base), then
 * trigram similarity over the candidates they found, fused by reciprocal rank.
 * Vectors are used only when every article has one from the active embedder (never another
 * embedder's space); otherwise, or when the embedder fails, it says so and ranks lexically.
 * Every signal ANDs the viewer's visibility rule. No writes.
 */
export async function retrieveArticles(args: { deps: Deps; db?: Executor; input: RetrieveInput; viewer: Role }): Promise<Retrieval> {
  const { deps, input, viewer } = args;
  const db = args.db ?? deps.database.db;
  const text = input.text.slice(0, MAX_QUERY_CHARS);
  const language = input.language ?? detectLanguage(text) ?? null;
  const config = ftsConfigFor(language);
  const terms = queryTerms(text);
  const scope = searchScope(viewer, input.filters);
  const embedder = deps.embedder;

  const k = CANDIDATES_PER_SIGNAL;
  // The query is embedded while full-text searches (the common case: a vector signal, so full
  // text ranks the chosen terms); should no vector come, full text runs again with every word.
  const embedding = queryVectorFor(deps, db, input, text, terms);
  const rankedFts = rankableTerms(deps, db, config, terms).then((ranked) => ({ ranked, rows: ftsCandidates(db, { scope, config, terms: ranked, k }) }));
  // Observed here so a failure while the embedding is awaited is never "unhandled"; awaited below.
  rankedFts.then((r) => r.rows).catch(() => {});
  const { queryVector, modeReason } = await embedding;
  const vec = queryVector;
  const [vector, fts] = await Promise.all([
    vec ? vectorCandidates(db, { scope, embedderId: embedder.id, dims: embedder.dims, vector: vec, k, hnsw: hnswSearchOf(deps.config) }) : Promise.resolve(undefined),
    // Without a vector signal full-text is the only finder, so it keeps every word.
    rankedFts.then(({ ranked, rows }) => (vec || ranked === terms ? rows : ftsCandidates(db, { scope, config, terms, k }))),
  ]);
  // Trigram similarity re-scores the pooled candidates (typos, word forms the stemmer misses)
  // rather than scanning the knowledge base: over long texts it has no index that helps.
  const pool = [...new Set([...(vector ?? []).slice(0, TRIGRAM_POOL), ...fts.slice(0, TRIGRAM_POOL)].map((r) => r.id))];
  const trigram = await trigramCandidates(db, { scope, ids: pool, text: terms.join(" ") || text, k, minScore: MIN_TRIGRAM });
  const lists: Partial<Record<SignalName, SignalRow[]>> = { fts, trigram };
  if (vector) lists.vector = vector;
  const candidates = fuseRankings(lists, fusionWeights(embedder));
  return {
    info: {
      mode: vector ? "hybrid" : "lexical-only",
      ...(modeReason ? { modeReason } : {}),
      embedder: { id: embedder.id, lexical: embedder.lexical, crossLanguage: !embedder.lexical },
      queryLanguage: language,
      ftsConfig: config,
    },
    candidates,
    queryVector: vector ? vec : null,
    terms,
  };
}

/**
 * The query's vector, or why there is none: another embedder's re-index not finished, or the
 * embedder unavailable (search then ranks lexically). A full queue is not a reason to answer
 * worse: EMBEDDER_BUSY goes to the caller (503 with Retry-After).
 */
async function queryVectorFor(
  deps: Deps,
  db: Executor,
  input: RetrieveInput,
  text: string,
  terms: string[],
): Promise<{ queryVector: number[] | null; modeReason: string | undefined }> {
  const embedder = deps.embedder;
  // Started before the readiness check (cached once true): the two overlap.
  const embedded = input.queryVector ? Promise.resolve([input.queryVector]) : embedder.embedQueries([queryEmbeddingText(embedder, text, terms)]);
  embedded.catch(() => {});
  if (!(await vectorsReady(deps, db, embedder.id))) {
    return { queryVector: null, modeReason: `re-index to ${embedder.id} not finished: vectors of another embedder are never compared` };
  }
  try {
    const v = (await embedded)[0];
    // A zero vector (no letters or digits) has no direction: cosine would be NaN, so no vector signal.
    return { queryVector: v?.some((x) => x !== 0) ? v : null, modeReason: undefined };
  } catch (err) {
    if (err instanceof EmbedderBusyError) throw err;
    const modeReason = `embedder unavailable: ${err instanceof Error ? err.message : String(err)}`;
    deps.logger.warn("search falls back to lexical signals", { reason: modeReason });
    return { queryVector: null, modeReason };
  }
}

/**
 * Signal weights in the fusion. A semantic embedder's vector list is the one signal that reads
 * meaning (paraphrase, other languages); full text and trigram both count shared words and agree
 * with each other far more than with it. Weighted 2, the vector list counts as much as the two
 * lexical ones together instead of being outvoted by two views of the same evidence. A lexical
 * embedder (hashing) is a third view of shared words: equal weights.
 */
export function fusionWeights(embedder: Pick<Embedder, "lexical">): Partial<Record<SignalName, number>> {
  return embedder.lexical ? {} : { vector: 2 };
}

/**
 * Lexeme statistics change only with ANALYZE; re-read them this often. Kept per service instance
 * (deps), not per connection: on Workers every request has its own connection.
 */
const LEXEME_STATS_TTL_MS = 5 * 60_000;
const lexemeStats = new WeakMap<object, { until: number; stats: Promise<LexemeStats> }>();

/** The planner's lexeme statistics (pg_stats after ANALYZE), per service instance, re-read every LEXEME_STATS_TTL_MS. */
function knowledgeBaseStats(deps: Deps, db: Executor): Promise<LexemeStats> {
  const now = deps.clock.now().getTime();
  let cached = lexemeStats.get(deps);
  if (!cached || cached.until <= now) {
    cached = { until: now + LEXEME_STATS_TTL_MS, stats: lexemeDocumentCounts(db) };
    lexemeStats.set(deps, cached);
    cached.stats.catch(() => lexemeStats.delete(deps));
  }
  return cached.stats;
}

/**
 * How many articles the knowledge base holds as the planner last counted them (0 before the
 * first ANALYZE): a size class for choosing a query plan, never a figure to show.
 */
export async function plannedArticleCount(deps: Deps, db: Executor): Promise<number> {
  return (await knowledgeBaseStats(deps, db)).articles;
}

/** The query terms the full-text signal ranks with (see chooseRankedTerms). */
async function rankableTerms(deps: Deps, db: Executor, config: string, terms: string[]): Promise<string[]> {
  if (terms.length === 0) return terms;
  const stats = await knowledgeBaseStats(deps, db);
  // A knowledge base within the budget is cheap to rank whatever the words: use them all.
  if (stats.docs.size === 0 || stats.articles <= FTS_RANK_BUDGET) return terms;
  return chooseRankedTerms(terms, await termLexemes(db, config, terms), stats.docs, FTS_RANK_BUDGET);
}

/** Per service instance: embedder id → until when "every article has its vector" is trusted. */
const readyUntil = new WeakMap<object, Map<string, number>>();

/**
 * vectorSearchReady, remembered for VECTOR_READY_CACHE_MS once true (per service instance): every article write indexes
 * with the active embedder and only other embedders' vectors are deleted, so readiness, once
 * reached, lasts; a negative answer (re-index running) is asked again on every search. The
 * query filters on the embedder id in any case, so a stale answer can never mix vector spaces.
 */
async function vectorsReady(deps: Deps, db: Executor, embedderId: string): Promise<boolean> {
  const ttl = deps.config.VECTOR_READY_CACHE_MS;
  const now = deps.clock.now().getTime();
  let byEmbedder = readyUntil.get(deps);
  if (ttl > 0 && (byEmbedder?.get(embedderId) ?? 0) > now) return true;
  const ready = await vectorSearchReady(db, embedderId);
  if (ready && ttl > 0) {
    if (!byEmbedder) {
      byEmbedder = new Map();
      readyUntil.set(deps, byEmbedder);
    }
    byEmbedder.set(embedderId, now + ttl);
  }
  return ready;
}

/** Loads the top `limit` candidates as hits the viewer may see, with snippet and score breakdown. */
export async function presentHits(args: { deps: Deps; db?: Executor; retrieval: Retrieval; viewer: Role; filters?: SearchFilters; limit: number }): Promise<SearchHit[]> {
  const { retrieval, limit } = args;
  const db = args.db ?? args.deps.database.db;
  const top = retrieval.candidates.slice(0, limit);
  const rows = await loadHits(db, {
    ids: top.map((c) => c.id),
    scope: searchScope(args.viewer, args.filters),
    config: retrieval.info.ftsConfig,
    terms: retrieval.terms,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits: SearchHit[] = [];
  for (const c of top) {
    const row = byId.get(c.id);
    if (row) hits.push(toHit(row, c));
  }
  return hits;
}

function toHit(row: ArticleHitRow, c: FusedCandidate): SearchHit {
  const { snippet, ...article } = fromRawArticle(row);
  return {
    article,
    snippet: snippet ?? row.problem.slice(0, 200),
    scores: {
      fused: c.fused,
      vector: c.signals.vector ?? null,
      fts: c.signals.fts ?? null,
      trigram: c.signals.trigram ?? null,
    },
  };
}

/** POST /v1/search and the portal's search: hybrid retrieval, top `limit` hits the viewer may see. */
export async function searchArticles(args: { deps: Deps; input: SearchRequest; viewer: Role }): Promise<{ hits: SearchHit[]; retrieval: RetrievalInfo; raw: Retrieval }> {
  const { deps, viewer, input } = args;
  const retrieval = await retrieveArticles({ deps, input: { text: input.query, filters: input.filters }, viewer });
  const hits = await presentHits({ deps, retrieval, viewer, filters: input.filters, limit: input.limit });
  return { hits, retrieval: retrieval.info, raw: retrieval };
}

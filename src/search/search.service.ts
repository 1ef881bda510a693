import { textArray, type Executor } from "../db/database.js";
import type { Deps } from "../deps.js";
import { vectorSearchReady } from "../embeddings/reindex.queries.js";
import type { Role } from "../http/env.js";
import { detectLanguage, ftsConfigFor } from "../text/language.js";
import { type FusedCandidate, fuseRankings, type SignalName } from "./fusion.js";
import { queryTerms } from "./query-terms.js";
import { ValidationError } from "../errors.js";
import { type RetrievalInfo, type SearchHit, SearchRequestSchema } from "./search.schemas.js";
import {
  type ArticleHitRow,
  ftsCandidates,
  loadHits,
  type SearchFilters,
  searchScope,
  type SignalRow,
  trigramCandidates,
  vectorCandidates,
} from "./search.queries.js";

/** How many candidates each signal contributes to the fusion. */
const CANDIDATES_PER_SIGNAL = 50;
/** Trigram similarity below this is noise (long texts share common trigrams). */
const MIN_TRIGRAM = 0.05;
/** Text beyond this is not embedded or trigram-compared: the problem is stated early. */
const MAX_QUERY_CHARS = 4000;

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
}

/**
 * Hybrid retrieval: vector kNN of the active embedder, full-text OR-query (query language's
 * stemmer and `simple`, accent-folded) and trigram similarity, fused by reciprocal rank.
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

  let queryVector: number[] | null = null;
  let modeReason: string | undefined;
  if (!(await vectorSearchReady(db, embedder.id))) {
    modeReason = `re-index to ${embedder.id} not finished: vectors of another embedder are never compared`;
  } else {
    try {
      // A lexical embedder hashes words: function words then only say which language the query is
      // in, so it gets the content terms; a semantic model reads the sentence as written.
      const embedText = embedder.lexical && terms.length > 0 ? terms.join(" ") : text;
      const v = (await embedder.embedQueries([embedText]))[0];
      // A zero vector (no letters or digits) has no direction: cosine would be NaN, so no vector signal.
      queryVector = v && v.some((x) => x !== 0) ? v : null;
    } catch (err) {
      modeReason = `embedder unavailable: ${err instanceof Error ? err.message : String(err)}`;
      deps.logger.warn("search falls back to lexical signals", { reason: modeReason });
    }
  }

  const k = CANDIDATES_PER_SIGNAL;
  const vec = queryVector;
  const [vector, fts, trigram] = await Promise.all([
    vec ? vectorCandidates(db, { scope, embedderId: embedder.id, dims: embedder.dims, vector: vec, k }) : Promise.resolve(undefined),
    ftsCandidates(db, { scope, config, terms, k }),
    trigramCandidates(db, { scope, text: terms.join(" ") || text, k, minScore: MIN_TRIGRAM }),
  ]);
  const lists: Partial<Record<SignalName, SignalRow[]>> = { fts, trigram };
  if (vector) lists.vector = vector;
  const candidates = fuseRankings(lists);
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

/** Loads the top `limit` candidates as hits the viewer may see, with snippet and score breakdown. */
export async function presentHits(args: {
  deps: Deps;
  db?: Executor;
  retrieval: Retrieval;
  viewer: Role;
  filters?: SearchFilters;
  limit: number;
}): Promise<SearchHit[]> {
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
  const tags = textArray(row.tags);
  return {
    article: {
      id: row.id,
      title: row.title,
      problem: row.problem,
      rootCause: row.root_cause,
      resolution: row.resolution,
      language: row.language,
      category: row.category,
      product: row.product,
      tags,
      visibility: row.visibility,
      state: row.state,
    },
    snippet: row.snippet ?? row.problem.slice(0, 200),
    scores: {
      fused: c.fused,
      vector: c.signals.vector ?? null,
      fts: c.signals.fts ?? null,
      trigram: c.signals.trigram ?? null,
    },
  };
}

/** POST /v1/search and the portal's search: hybrid retrieval, top `limit` hits the viewer may see. */
export async function searchArticles(args: {
  deps: Deps;
  input: { query: string; filters?: SearchFilters; limit?: number };
  viewer: Role;
}): Promise<{ hits: SearchHit[]; retrieval: RetrievalInfo }> {
  const { deps, viewer } = args;
  const parsed = SearchRequestSchema.safeParse(args.input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(body)", message: i.message }));
    throw new ValidationError(`Invalid search: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, errors);
  }
  const input = parsed.data;
  const retrieval = await retrieveArticles({ deps, input: { text: input.query, filters: input.filters }, viewer });
  const hits = await presentHits({ deps, retrieval, viewer, filters: input.filters, limit: input.limit });
  return { hits, retrieval: retrieval.info };
}

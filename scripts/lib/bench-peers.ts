import { create, insertMultiple, search as oramaSearch } from "@orama/orama";
import MiniSearch from "minisearch";
import type { EvalArticle } from "./eval-format.js";

/** One ranked answer of a peer: set ids best first and the top hit's own score. */
export interface PeerHits {
  ids: string[];
  topScore: number;
}

export interface Peer {
  name: string;
  /** Seconds to build the index (in process, from the same texts and vectors). */
  buildSeconds: number;
  search(query: { text: string; vector: number[] | null }, k: number): Promise<PeerHits>;
}

/** Accent folding like Postgres' unaccent + lower, so no peer loses a match Deflect's folding makes. */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Orama (@orama/orama): full-text (its BM25) and vector search over the same passage vectors
 * Deflect stores, combined by its hybrid mode. `similarity: 0` lets every vector compete, as in
 * Deflect's kNN; the default 0.8 would drop most of a lexical embedder's matches.
 */
export async function buildOrama(articles: EvalArticle[], vectors: number[][], dims: number): Promise<Peer> {
  const started = performance.now();
  const db = create({
    schema: { sid: "string", title: "string", problem: "string", fix: "string", embedding: `vector[${dims}]` } as const,
    components: { tokenizer: { stemming: false, normalizationCache: new Map() } },
  });
  const docs = articles.map((a, i) => ({
    sid: a.id,
    title: fold(a.title),
    problem: fold(a.problem),
    fix: fold(`${a.rootCause}\n${a.resolution}`),
    embedding: vectors[i] ?? [],
  }));
  await insertMultiple(db, docs, 1000);
  const buildSeconds = (performance.now() - started) / 1000;
  return {
    name: "Orama hybrid",
    buildSeconds,
    async search(q, k) {
      const res = q.vector
        ? await oramaSearch(db, {
            mode: "hybrid",
            term: fold(q.text),
            vector: { value: q.vector, property: "embedding" },
            similarity: 0,
            limit: k,
            properties: ["title", "problem", "fix"],
          })
        : await oramaSearch(db, { term: fold(q.text), limit: k, properties: ["title", "problem", "fix"] });
      return { ids: res.hits.map((h) => String(h.document.sid)), topScore: res.hits[0]?.score ?? 0 };
    },
  };
}

/** MiniSearch: BM25 full-text over title, problem and fix (title boosted), any term (OR). */
export async function buildMiniSearch(articles: EvalArticle[]): Promise<Peer> {
  const started = performance.now();
  const ms = new MiniSearch<{ id: string; title: string; problem: string; fix: string }>({
    fields: ["title", "problem", "fix"],
    processTerm: (term) => fold(term),
    searchOptions: { boost: { title: 2 }, combineWith: "OR" },
  });
  ms.addAll(articles.map((a) => ({ id: a.id, title: a.title, problem: a.problem, fix: `${a.rootCause}\n${a.resolution}` })));
  const buildSeconds = (performance.now() - started) / 1000;
  return {
    name: "MiniSearch BM25",
    buildSeconds,
    async search(q, k) {
      const res = ms.search(q.text).slice(0, k);
      return { ids: res.map((r) => String(r.id)), topScore: res[0]?.score ?? 0 };
    },
  };
}

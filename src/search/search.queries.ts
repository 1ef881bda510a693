import { is, type SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { queryRows, textArray, type Executor } from "../db/database.js";
import { rawArticleColumns, type RawArticleRow } from "../articles/articles.queries.js";
import type { ArticleFields } from "../articles/articles.schemas.js";
import { articleVisibility } from "../articles/visibility.js";
import { vectorDistance } from "../embeddings/vector-index.js";
import type { Role } from "../caller.js";
import type { Config } from "../config.js";
import type { z } from "zod";
import type { SearchFiltersSchema } from "./search.schemas.js";

export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

/** ts_rank normalisation flags (Postgres docs, 12.3.3). */
export const FTS_NORMALIZATION = 32;

export interface SignalRow {
  id: string;
  score: number;
  rank: number;
}

export type ArticleHitRow = RawArticleRow & Pick<ArticleFields, "visibility" | "state"> & { snippet: string | null };

/**
 * The caller's visibility rule and the request filters as one WHERE fragment over alias `a`.
 * Archived articles are never search results, whatever the role: they are retired fixes.
 */
export function searchScope(viewer: Role, filters: SearchFilters = {}): SQL {
  const parts: SQL[] = [articleVisibility(viewer, "a"), sql`a.state <> 'archived'`];
  if (filters.category) parts.push(sql`a.category = ${filters.category}`);
  if (filters.product) parts.push(sql`a.product = ${filters.product}`);
  if (filters.language) parts.push(sql`a.language = ${filters.language}`);
  if (filters.visibility) parts.push(sql`a.visibility = ${filters.visibility}`);
  if (filters.tags && filters.tags.length > 0) {
    parts.push(
      sql`a.tags && array[${sql.join(
        filters.tags.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  }
  return sql.join(parts, sql` and `);
}

/** pgvector HNSW search settings for one vector query (HNSW_EF_SEARCH, HNSW_ITERATIVE_SCAN). */
export interface HnswSearch {
  efSearch: number;
  iterativeScan: "off" | "relaxed_order" | "strict_order";
}

export function hnswSearchOf(config: Pick<Config, "HNSW_EF_SEARCH" | "HNSW_ITERATIVE_SCAN">): HnswSearch {
  return { efSearch: config.HNSW_EF_SEARCH, iterativeScan: config.HNSW_ITERATIVE_SCAN };
}

/**
 * Nearest articles by cosine similarity, only vectors of `embedderId` (the partial HNSW index).
 * An article whose text has nothing the embedder can use stores a zero vector; pgvector gives it
 * the distance NaN, which sorts last but is no match, so those rows are dropped, not ranked.
 *
 * The HNSW settings are SET LOCAL for this query only: in the caller's transaction when `db` is
 * one, else in a short one of its own (a session setting would leak to pooled connections, and
 * transaction poolers refuse startup parameters). ef_search is at least `k`: the graph search
 * returns at most ef_search rows. With an iterative scan, rows the scope drops (visibility,
 * filters) are replaced by further neighbours instead of leaving the list short; its relaxed
 * order is put back in order here.
 */
export async function vectorCandidates(db: Executor, p: { scope: SQL; embedderId: string; dims: number; vector: number[]; k: number; hnsw: HnswSearch }): Promise<SignalRow[]> {
  const dist = vectorDistance(p.dims, p.vector);
  const efSearch = Math.max(p.hnsw.efSearch, p.k);
  const run = async (tx: Executor) => {
    await tx.execute(
      p.hnsw.iterativeScan === "off"
        ? sql`select set_config('hnsw.ef_search', ${String(efSearch)}, true)`
        : sql`select set_config('hnsw.ef_search', ${String(efSearch)}, true), set_config('hnsw.iterative_scan', ${p.hnsw.iterativeScan}, true)`,
    );
    return queryRows<{ id: string; score: number }>(
      tx,
      sql`select a.id, 1 - ${dist} as score
            from article_embeddings
            join articles a on a.id = article_embeddings.article_id
           where article_embeddings.embedder_id = ${p.embedderId} and ${p.scope}
           order by ${dist}
           limit ${p.k}`,
    );
  };
  const rows = is(db, PgTransaction) ? await run(db) : await db.transaction(run);
  return rows
    .map((r) => ({ id: r.id, score: Number(r.score) }))
    .filter((r) => Number.isFinite(r.score))
    .sort((a, b) => b.score - a.score)
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/**
 * Full-text candidates: any of the given terms (OR — a long ticket must not need all its words
 * in one article) in the query language's configuration (stemmed) and in `simple` (codes, names,
 * languages without a stemmer), accent-folded like the indexed text. Ranked by ts_rank over the
 * A–D weights (title, problem, fix, unstemmed copy), normalised by FTS_NORMALIZATION. Ranking
 * reads every matching article's tsvector: pass terms chosen by chooseRankedTerms.
 */
export interface LexemeStats {
  /** Articles at the last ANALYZE. */
  articles: number;
  /** Lexeme → articles containing it, for the most common lexemes. */
  docs: Map<string, number>;
}

export async function ftsCandidates(db: Executor, p: { scope: SQL; config: string; terms: string[]; k: number }): Promise<SignalRow[]> {
  if (p.terms.length === 0) return [];
  const orTerms = p.terms.join(" | ");
  const rows = await queryRows<{ id: string; score: number }>(
    db,
    sql`with q as (
          select to_tsquery(${p.config}::regconfig, ${orTerms}) || to_tsquery('simple', ${orTerms}) as tsq
        )
        select a.id, ts_rank(a.search_tsv, q.tsq, ${sql.raw(String(FTS_NORMALIZATION))}) as score
          from articles a, q
         where a.search_tsv @@ q.tsq and ${p.scope}
         order by score desc, a.id
         limit ${p.k}`,
  );
  return rows.map((r, i) => ({ id: r.id, score: Number(r.score), rank: i + 1 }));
}

/**
 * How many articles contain each of the knowledge base's common lexemes, from the statistics
 * ANALYZE (autovacuum) keeps for the search column (pg_stats.most_common_elems). Empty when the
 * table was never analysed: a small knowledge base, where every term is cheap anyway.
 */
export async function lexemeDocumentCounts(db: Executor): Promise<LexemeStats> {
  const rows = await queryRows<{ lexeme: string; docs: number; articles: number }>(
    db,
    sql`select s.lexeme, s.freq * greatest(c.reltuples, 0) as docs, greatest(c.reltuples, 0) as articles
          from pg_stats st
          join pg_class c on c.oid = 'articles'::regclass
          cross join lateral unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) as s(lexeme, freq)
         where st.schemaname = current_schema() and st.tablename = 'articles' and st.attname = 'search_tsv'
           and s.lexeme is not null`,
  );
  return { articles: Number(rows[0]?.articles ?? 0), docs: new Map(rows.map((r) => [r.lexeme, Number(r.docs)])) };
}

/** The lexemes each term becomes in the configuration (stemmed), plus the term itself (`simple`). */
export async function termLexemes(db: Executor, config: string, terms: string[]): Promise<Map<string, string[]>> {
  if (terms.length === 0) return new Map();
  const list = sql`array[${sql.join(
    terms.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  const rows = await queryRows<{ term: string; lexemes: string[] | string }>(
    db,
    sql`select u.term, tsvector_to_array(to_tsvector(${config}::regconfig, u.term)) as lexemes from unnest(${list}) as u(term)`,
  );
  return new Map(rows.map((r) => [r.term, [...textArray(r.lexemes), r.term]]));
}

/**
 * Trigram similarity of the folded query to the folded title + problem of the given candidates:
 * catches typos and word forms the stemmer cannot. Similarity over long texts has no index that
 * narrows it, so it re-scores the other signals' candidates instead of scanning every article.
 */
export async function trigramCandidates(db: Executor, p: { scope: SQL; ids: string[]; text: string; k: number; minScore: number }): Promise<SignalRow[]> {
  if (p.ids.length === 0) return [];
  const idList = sql.join(
    p.ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<{ id: string; score: number }>(
    db,
    // Each similarity once: `offset 0` keeps the planner from pulling the subquery up and
    // computing the score again in the filter (half of this query's time).
    sql`with q as (select lower(unaccent(${p.text})) as t)
        select s.id, s.score
          from (select a.id, similarity(a.search_text, q.t) as score
                  from articles a, q
                 where a.id in (${idList}) and ${p.scope}
                offset 0) s
         where s.score >= ${p.minScore}
         order by s.score desc, s.id
         limit ${p.k}`,
  );
  return rows.map((r, i) => ({ id: r.id, score: Number(r.score), rank: i + 1 }));
}

/**
 * The articles of the final hits with a highlighted snippet. The viewer's visibility rule is
 * applied again here, so a snippet is never made from an article the viewer may not see.
 */
export async function loadHits(db: Executor, p: { ids: string[]; scope: SQL; config: string; terms: string[] }): Promise<ArticleHitRow[]> {
  if (p.ids.length === 0) return [];
  const idList = sql.join(
    p.ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const orTerms = p.terms.join(" | ");
  const tsq = orTerms ? sql`to_tsquery(${p.config}::regconfig, ${orTerms}) || to_tsquery('simple', ${orTerms})` : sql`''::tsquery`;
  return queryRows<ArticleHitRow>(
    db,
    sql`select ${rawArticleColumns}, a.visibility, a.state,
               ts_headline(${p.config}::regconfig, a.problem || ' ' || a.resolution, ${tsq},
                 'MaxFragments=2, MaxWords=30, MinWords=10, StartSel=«, StopSel=», FragmentDelimiter=" … "') as snippet
          from articles a
         where a.id in (${idList}) and ${p.scope}`,
  );
}

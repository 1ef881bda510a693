import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db/database.js";
import { fromRawArticle, rawArticleColumns, type RawArticleRow } from "./articles.queries.js";
import type { IndexableArticle } from "./articles.schemas.js";

/**
 * contentHash(passageText(article)) computed in SQL: the same fields joined by newlines with
 * empty ones skipped, SHA-256, first 16 bytes in hex. A test pins it to the JS functions in
 * src/articles/indexing.ts; change both together.
 */
const passageHash = sql`left(encode(sha256(convert_to(concat_ws(E'\n',
    nullif(a.title, ''), nullif(a.problem, ''), nullif(a.root_cause, ''), nullif(a.resolution, ''),
    nullif(array_to_string(a.tags, ', '), '')), 'UTF8')), 'hex'), 32)`;

/** The SQL passage hash of one article (lets tests and tools check it against contentHash). */
export async function getPassageHash(db: Executor, articleId: string): Promise<string | undefined> {
  const [row] = await queryRows<{ hash: string }>(db, sql`select ${passageHash} as hash from articles a where a.id = ${articleId}`);
  return row?.hash;
}

/**
 * How far the active embedder's vectors cover the knowledge base. Articles whose vector is
 * missing or stale (content changed since it was embedded) count as not done.
 */
export async function getReindexProgress(db: Executor, embedderId: string): Promise<{ state: "idle" | "running" | "done"; done: number; total: number }> {
  const [row] = await queryRows<{ total: number; done: number }>(
    db,
    sql`select count(*)::int as total,
               (count(*) filter (where e.content_hash = ${passageHash}))::int as done
          from articles a
          left join article_embeddings e on e.article_id = a.id and e.embedder_id = ${embedderId}`,
  );
  const total = Number(row?.total ?? 0);
  const done = Number(row?.done ?? 0);
  return { state: total === 0 ? "idle" : done >= total ? "done" : "running", done, total };
}

/**
 * True when every article has a vector made by this embedder, so a vector search over its rows
 * sees the whole knowledge base. Until then search must use the lexical signals only: comparing a
 * query with another embedder's vectors would mix two vector spaces. A stale vector (content
 * edited, re-embed pending) is still in the right space and does not make search unready.
 */
export async function vectorSearchReady(db: Executor, embedderId: string): Promise<boolean> {
  const [row] = await queryRows<{ ready: boolean }>(
    db,
    sql`select not exists (
          select 1 from articles a
           where not exists (select 1 from article_embeddings e where e.article_id = a.id and e.embedder_id = ${embedderId})
        ) as ready`,
  );
  return row?.ready === true;
}

/**
 * Locks up to `limit` articles whose vector for this embedder is missing or stale, skipping rows
 * another replica holds (FOR UPDATE SKIP LOCKED), so replicas share a re-index without overlap.
 * Call inside the transaction that writes their vectors.
 */
export async function claimArticlesToEmbed(tx: Executor, embedderId: string, limit: number): Promise<IndexableArticle[]> {
  const rows = await queryRows<RawArticleRow>(
    tx,
    sql`select ${rawArticleColumns}
          from articles a
          left join article_embeddings e on e.article_id = a.id and e.embedder_id = ${embedderId}
         where e.article_id is null or e.content_hash <> ${passageHash}
         order by a.id
         limit ${limit}
         for update of a skip locked`,
  );
  return rows.map(fromRawArticle);
}

/**
 * Of these claimed ids, the ones still missing or stale when seen by a new statement. The claim
 * query's snapshot predates its row locks: another replica may have committed the vectors of a
 * row between that snapshot and the lock, and Postgres re-checks a locked row only when the row
 * itself was updated (here a row of another table was inserted). A fresh statement sees it.
 */
export async function stillToEmbed(tx: Executor, embedderId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select a.id from articles a
          left join article_embeddings e on e.article_id = a.id and e.embedder_id = ${embedderId}
         where a.id in (${sql.join(
           ids.map((id) => sql`${id}`),
           sql`, `,
         )})
           and (e.article_id is null or e.content_hash <> ${passageHash})`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The current indexable fields of these articles, locked for the caller's transaction. */
export async function lockArticlesForIndexing(tx: Executor, ids: string[]): Promise<Map<string, IndexableArticle>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<RawArticleRow>(
    tx,
    sql`select ${rawArticleColumns}
          from articles a where a.id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}) for update`,
  );
  return new Map(rows.map((r) => [r.id, fromRawArticle(r)]));
}

/** Deletes the vectors of every other embedder (after a completed switch, to reclaim space). */
export async function deleteOtherEmbedderVectors(db: Executor, keepEmbedderId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with d as (delete from article_embeddings where embedder_id <> ${keepEmbedderId} returning 1) select count(*)::int as n from d`,
  );
  return Number(rows[0]?.n ?? 0);
}

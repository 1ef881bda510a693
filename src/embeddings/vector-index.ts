import { sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import type { Deps } from "../deps.js";

/** Index name for one embedder's vectors: stable, short, a valid identifier. */
export function vectorIndexName(embedderId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < embedderId.length; i++) h = Math.imul(h ^ embedderId.charCodeAt(i), 0x01000193);
  return `article_embeddings_hnsw_${(h >>> 0).toString(16)}`;
}

/**
 * The cosine HNSW index for one embedder: a partial index over that embedder's rows with the
 * column cast to its dimension, so vectors of several embedders can share a table while a
 * re-index runs. Searches must use the same cast and filter (see vectorDistance) to hit it.
 */
export async function ensureVectorIndex(db: Executor, embedderId: string, dims: number): Promise<void> {
  if (!Number.isInteger(dims) || dims <= 0 || dims > 16000) throw new Error(`invalid embedding dimension ${dims}`);
  const name = vectorIndexName(embedderId);
  const literal = embedderId.replace(/'/g, "''");
  await db.execute(
    sql.raw(`create index if not exists ${name} on article_embeddings using hnsw ((embedding::vector(${dims})) vector_cosine_ops) where embedder_id = '${literal}'`),
  );
}

/**
 * SQL for the cosine distance between a stored article vector and a query vector, written so
 * the planner can use the partial HNSW index of ensureVectorIndex.
 */
export function vectorDistance(dims: number, query: number[]) {
  return sql`(article_embeddings.embedding::vector(${sql.raw(String(dims))}) <=> ${`[${query.join(",")}]`}::vector(${sql.raw(String(dims))}))`;
}

/** Start-up step for the active embedder: make sure its index exists. */
export async function prepareEmbedderIndex(deps: Pick<Deps, "database" | "embedder">): Promise<void> {
  await ensureVectorIndex(deps.database.db, deps.embedder.id, deps.embedder.dims);
}

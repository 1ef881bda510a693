import { sql } from "drizzle-orm";
import type { Config } from "../config.js";
import { queryRows, type Executor } from "../db/database.js";
import type { Deps } from "../deps.js";

/** Index name for one embedder's vectors: stable, short, a valid identifier. */
export function vectorIndexName(embedderId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < embedderId.length; i++) h = Math.imul(h ^ embedderId.charCodeAt(i), 0x01000193);
  return `article_embeddings_hnsw_${(h >>> 0).toString(16)}`;
}

/** HNSW build parameters (pgvector's `m` and `ef_construction`; its defaults are 16 and 64). */
export interface HnswBuild {
  m: number;
  efConstruction: number;
}

/** pgvector's own defaults, for callers without a config (scratch databases). */
export const DEFAULT_HNSW_BUILD: HnswBuild = { m: 16, efConstruction: 64 };

export function hnswBuildOf(config: Pick<Config, "HNSW_M" | "HNSW_EF_CONSTRUCTION">): HnswBuild {
  return { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION };
}

function checkBuild(build: HnswBuild): void {
  if (!Number.isInteger(build.m) || build.m < 2 || build.m > 100) throw new Error(`invalid HNSW m ${build.m}`);
  if (!Number.isInteger(build.efConstruction) || build.efConstruction < 2 * build.m || build.efConstruction > 1000) {
    throw new Error(`invalid HNSW ef_construction ${build.efConstruction} (2 × m to 1000)`);
  }
}

/**
 * The cosine HNSW index for one embedder: a partial index over that embedder's rows with the
 * column cast to its dimension, so vectors of several embedders can share a table while a
 * re-index runs. Searches must use the same cast and filter (see vectorDistance) to hit it.
 * An existing index is left as it is (see rebuildVectorIndexIfChanged for other build parameters).
 */
export async function ensureVectorIndex(db: Executor, embedderId: string, dims: number, build: HnswBuild = DEFAULT_HNSW_BUILD): Promise<void> {
  if (!Number.isInteger(dims) || dims <= 0 || dims > 16000) throw new Error(`invalid embedding dimension ${dims}`);
  checkBuild(build);
  const name = vectorIndexName(embedderId);
  const literal = embedderId.replace(/'/g, "''");
  await db.execute(
    sql.raw(
      `create index if not exists ${name} on article_embeddings using hnsw ((embedding::vector(${dims})) vector_cosine_ops) ` +
        `with (m = ${build.m}, ef_construction = ${build.efConstruction}) where embedder_id = '${literal}'`,
    ),
  );
}

/** The build parameters an existing index was made with (pgvector's defaults where it records none), or null without one. */
export async function vectorIndexBuild(db: Executor, embedderId: string): Promise<HnswBuild | null> {
  const rows = await queryRows<{ options: string[] | string | null }>(
    db,
    sql`select c.reloptions as options from pg_class c where c.relname = ${vectorIndexName(embedderId)} and c.relkind = 'i'`,
  );
  if (rows.length === 0) return null;
  const raw = rows[0]?.options;
  const options = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.replace(/^\{|\}$/g, "").split(",") : [];
  const value = (key: string) => {
    const found = options.find((o) => o.startsWith(`${key}=`));
    return found ? Number(found.slice(key.length + 1)) : undefined;
  };
  return { m: value("m") ?? DEFAULT_HNSW_BUILD.m, efConstruction: value("ef_construction") ?? DEFAULT_HNSW_BUILD.efConstruction };
}

/**
 * Rebuilds the index when it was built with other parameters than `build`: sets them on the index
 * and re-indexes (CONCURRENTLY on a server, so ticket searches and article writes go on meanwhile;
 * PGlite has one connection and blocks for the build). Returns whether it rebuilt.
 */
export async function rebuildVectorIndexIfChanged(db: Executor, kind: "pglite" | "postgres", embedderId: string, build: HnswBuild): Promise<boolean> {
  checkBuild(build);
  const current = await vectorIndexBuild(db, embedderId);
  if (!current || (current.m === build.m && current.efConstruction === build.efConstruction)) return false;
  const name = vectorIndexName(embedderId);
  await db.execute(sql.raw(`alter index ${name} set (m = ${build.m}, ef_construction = ${build.efConstruction})`));
  await db.execute(sql.raw(`reindex index ${kind === "postgres" ? "concurrently " : ""}${name}`));
  return true;
}

/**
 * SQL for the cosine distance between a stored article vector and a query vector, written so
 * the planner can use the partial HNSW index of ensureVectorIndex.
 */
export function vectorDistance(dims: number, query: number[]) {
  return sql`(article_embeddings.embedding::vector(${sql.raw(String(dims))}) <=> ${`[${query.join(",")}]`}::vector(${sql.raw(String(dims))}))`;
}

/**
 * Start-up step for the active embedder: make sure its index exists, built with the configured
 * HNSW_M / HNSW_EF_CONSTRUCTION (an index built with others is rebuilt, which takes a while on a
 * large knowledge base: it is logged).
 */
export async function prepareEmbedderIndex(deps: Pick<Deps, "config" | "database" | "embedder" | "logger">): Promise<void> {
  const build = hnswBuildOf(deps.config);
  const db = deps.database.db;
  await ensureVectorIndex(db, deps.embedder.id, deps.embedder.dims, build);
  const before = await vectorIndexBuild(db, deps.embedder.id);
  if (before && (before.m !== build.m || before.efConstruction !== build.efConstruction)) {
    deps.logger.warn("rebuilding the HNSW index with new build parameters", { embedder: deps.embedder.id, from: before, to: build });
    const started = performance.now();
    await rebuildVectorIndexIfChanged(db, deps.database.kind, deps.embedder.id, build);
    deps.logger.info("HNSW index rebuilt", { embedder: deps.embedder.id, ms: Math.round(performance.now() - started) });
  }
}

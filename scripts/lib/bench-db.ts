import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { indexArticle } from "../../src/articles/indexing.js";
import { embeddedDir, migrateDb, openPglite } from "../../src/db/client.js";
import { connectPostgres, queryRows, type Database } from "../../src/db/database.js";
import { articles } from "../../src/db/schema/index.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { ensureVectorIndex, type HnswBuild, vectorIndexName } from "../../src/embeddings/vector-index.js";
import { publishedArticleRow } from "./eval-db.js";
import type { EvalArticle } from "./eval-format.js";

export interface BenchBackend {
  name: "postgres" | "pglite";
  database: Database;
  /** Connection string of the scratch database (Postgres only), for the HTTP service. */
  url?: string;
  /** PGlite only: the DATA_DIR a service opens this database from (its files are in `<dataDir>/pglite`). */
  dataDir?: string;
  /** Closes the bench's own connection and keeps the data (PGlite: so a service can open the folder). */
  release(): Promise<void>;
  /** Releases and drops the scratch database or deletes the PGlite folder. */
  close(): Promise<void>;
}

/**
 * A scratch database `deflect_bench_<pid>_<time>` on the server of `serverUrl`, migrated; close()
 * drops it. Nothing of an existing installation is read or written.
 */
export async function openPostgresScratch(serverUrl: string): Promise<BenchBackend> {
  const name = `deflect_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end({ timeout: 5 });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = connectPostgres(url.toString(), { max: 10 });
  const dropDatabase = async () => {
    const drop = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await drop.unsafe(`drop database if exists ${name} with (force)`);
    await drop.end({ timeout: 5 });
  };
  try {
    await migrateDb(database);
  } catch (err) {
    await database.close();
    await dropDatabase();
    throw err;
  }
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await database.close();
  };
  return {
    name: "postgres",
    database,
    url: url.toString(),
    release,
    async close() {
      await release();
      await dropDatabase();
    },
  };
}

/** A PGlite database in a fresh temporary DATA_DIR (the embedded default, persisted to disk), migrated. */
export async function openPgliteScratch(): Promise<BenchBackend> {
  const dir = mkdtempSync(join(tmpdir(), "deflect-bench-"));
  const database = await openPglite(embeddedDir({ DATA_DIR: dir }));
  await migrateDb(database);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await database.close();
  };
  return {
    name: "pglite",
    database,
    dataDir: dir,
    release,
    async close() {
      await release();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes articles as the service does (row + search representation + vector, one transaction per
 * batch, HNSW index in place beforehand so its upkeep is part of the cost), with vectors computed
 * beforehand. Returns set id → article id and the seconds the writes took.
 */
export async function writeCorpus(
  database: Database,
  embedder: Pick<Embedder, "id" | "dims">,
  items: EvalArticle[],
  vectors: number[][],
  build: HnswBuild,
  onProgress?: (done: number) => void,
): Promise<{ ids: Map<string, string>; seconds: number }> {
  await ensureVectorIndex(database.db, embedder.id, embedder.dims, build);
  const ids = new Map<string, string>();
  const started = performance.now();
  const batch = 200;
  for (let i = 0; i < items.length; i += batch) {
    const chunk = items.slice(i, i + batch);
    await database.db.transaction(async (tx) => {
      const rows = chunk.map((a) => publishedArticleRow(a, "bench"));
      await tx.insert(articles).values(rows);
      for (const [k, row] of rows.entries()) {
        await indexArticle(tx, embedder as Embedder, row, vectors[i + k]);
        ids.set(row.externalId, row.id);
      }
    });
    onProgress?.(Math.min(items.length, i + batch));
  }
  await database.db.execute(sql`analyze articles`);
  await database.db.execute(sql`analyze article_embeddings`);
  return { ids, seconds: (performance.now() - started) / 1000 };
}

export interface IndexSizes {
  hnswBytes: number;
  ftsBytes: number;
  trigramBytes: number;
  /** Tables and all their indexes: articles + article_embeddings. */
  totalBytes: number;
}

export async function indexSizes(database: Database, embedderId: string): Promise<IndexSizes> {
  const hnsw = vectorIndexName(embedderId);
  const [row] = await queryRows<{ hnsw: string; fts: string; trgm: string; total: string }>(
    database.db,
    sql`select pg_relation_size(${hnsw}::regclass) as hnsw,
               pg_relation_size('articles_search_tsv_idx'::regclass) as fts,
               pg_relation_size('articles_search_trgm_idx'::regclass) as trgm,
               pg_total_relation_size('articles') + pg_total_relation_size('article_embeddings') as total`,
  );
  return { hnswBytes: Number(row?.hnsw), ftsBytes: Number(row?.fts), trigramBytes: Number(row?.trgm), totalBytes: Number(row?.total) };
}

/** The plan of a query as text (EXPLAIN), to show whether the HNSW index is used. */
export async function explain(database: Database, query: ReturnType<typeof sql>): Promise<string> {
  const rows = await queryRows<{ "QUERY PLAN": string }>(database.db, sql`explain ${query}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

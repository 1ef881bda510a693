import { analyzeArticleTables } from "./articles.queries.js";
import { indexArticle, passageText } from "./indexing.js";
import type { Deps } from "../deps.js";
import { EmbedderBusyError } from "../errors.js";
import type { Embedder } from "../embeddings/embedder.js";
import { claimArticlesToEmbed, deleteOtherEmbedderVectors, getReindexProgress, lockArticlesForIndexing, stillToEmbed } from "./reindex.queries.js";
import { ensureVectorIndex, hnswBuildOf } from "../embeddings/vector-index.js";

export interface ReindexProgress {
  done: number;
  total: number;
  /** Articles embedded by this run so far. */
  embedded: number;
  /** Articles per second over this run. */
  rate: number;
}

export interface ReindexInput {
  /** Articles per transaction (default: 4 × EMBED_BATCH_SIZE, so the embedder gets full batches). */
  batchSize?: number;
  /** Stop starting new batches after this many milliseconds (background runs stay short). */
  budgetMs?: number;
  /** Stop starting new batches once aborted; the batch in progress commits or rolls back whole. */
  signal?: AbortSignal;
  onProgress?: (p: ReindexProgress) => void;
  /** After a complete re-index, delete the vectors of other embedders. */
  prune?: boolean;
}

export interface ReindexResult {
  embedded: number;
  batches: number;
  done: number;
  total: number;
  complete: boolean;
  pruned: number;
}

/**
 * Re-embeds every article whose vector for the active embedder is missing or stale, batch by
 * batch; each batch's vectors are written in one transaction (on a server it also holds the
 * batch's row locks, SKIP LOCKED, so replicas share the work), so an interruption loses at most
 * the batch in progress. Resumable by construction: a new run continues with what is missing.
 */
export function reindexArticles(args: { deps: ReindexDeps; input?: ReindexInput }): Promise<ReindexResult> {
  const { database } = args.deps;
  if (database.kind !== "pglite") return runReindex(args);
  // PGlite has no row locks worth the name across one connection: runs in one process take turns.
  const run = (pgliteRuns.get(database) ?? Promise.resolve()).catch(() => undefined).then(() => runReindex(args));
  pgliteRuns.set(database, run);
  return run;
}

type ReindexDeps = Pick<Deps, "database" | "embedder" | "logger" | "config">;
const pgliteRuns = new WeakMap<object, Promise<unknown>>();

async function runReindex({ deps, input = {} }: { deps: ReindexDeps; input?: ReindexInput }): Promise<ReindexResult> {
  const { database, embedder, logger } = deps;
  const db = database.db;
  const batchSize = input.batchSize ?? deps.config.EMBED_BATCH_SIZE * 4;
  const started = performance.now();
  const first = await getReindexProgress(db, embedder.id);
  let embedded = 0;
  let batches = 0;
  if (first.done < first.total) {
    await ensureVectorIndex(db, embedder.id, embedder.dims, hnswBuildOf(deps.config));
    logger.info("re-index started", { embedder: embedder.id, done: first.done, total: first.total });
    let lastLog = performance.now();
    for (;;) {
      if (input.signal?.aborted) break;
      if (input.budgetMs !== undefined && performance.now() - started > input.budgetMs) break;
      let n: { claimed: number; written: number };
      try {
        n = database.kind === "pglite" ? await embedThenWrite(deps, batchSize) : await lockEmbedWrite(deps, batchSize);
      } catch (err) {
        if (!(err instanceof EmbedderBusyError)) throw err;
        logger.debug("re-index waits: embedder busy with live requests");
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (n.claimed === 0) break;
      embedded += n.written;
      batches++;
      const seconds = (performance.now() - started) / 1000;
      const progress = { done: Math.min(first.done + embedded, first.total), total: first.total, embedded, rate: embedded / Math.max(seconds, 1e-3) };
      input.onProgress?.(progress);
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        logger.info("re-index progress", { embedder: embedder.id, ...progress, rate: Math.round(progress.rate * 10) / 10 });
      }
    }
  }
  const last = embedded > 0 ? await getReindexProgress(db, embedder.id) : first;
  const complete = last.done >= last.total;
  const pruned = complete && input.prune ? await deleteOtherEmbedderVectors(db, embedder.id) : 0;
  // A re-index rewrote a vector per article: the planner's statistics follow (analyzeArticleTables).
  if (complete && embedded > 0) await analyzeArticleTables(db);
  if (embedded > 0 || pruned > 0) {
    logger.info(complete ? "re-index finished" : "re-index paused", {
      embedder: embedder.id,
      embedded,
      done: last.done,
      total: last.total,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      ...(pruned ? { prunedVectors: pruned } : {}),
    });
  }
  return { embedded, batches, done: last.done, total: last.total, complete, pruned };
}

type BatchDeps = Pick<Deps, "database" | "embedder">;
type BatchResult = { claimed: number; written: number };

/**
 * Server: one transaction locks a batch (SKIP LOCKED, so replicas take disjoint batches), embeds
 * it and writes the vectors. Row locks only block edits of those few articles meanwhile.
 */
async function lockEmbedWrite({ database, embedder }: BatchDeps, batchSize: number): Promise<BatchResult> {
  return database.db.transaction(async (tx) => {
    const claimed = await claimArticlesToEmbed(tx, embedder.id, batchSize);
    if (claimed.length === 0) return { claimed: 0, written: 0 };
    const pending = await stillToEmbed(
      tx,
      embedder.id,
      claimed.map((a) => a.id),
    );
    const articles = claimed.filter((a) => pending.has(a.id));
    // Everything claimed was done by another replica meanwhile: claim again (claimed > 0).
    if (articles.length === 0) return { claimed: claimed.length, written: 0 };
    const vectors = await embedChecked(embedder, articles.map(passageText));
    for (const [i, article] of articles.entries()) await indexArticle(tx, embedder, article, vectors[i]);
    return { claimed: articles.length, written: articles.length };
  });
}

/**
 * PGlite (one process, one connection): a transaction blocks every request, so the batch is
 * embedded outside it, and the short write transaction keeps only the articles whose text is
 * still the text that was embedded; edited ones are picked up by the next batch.
 */
async function embedThenWrite({ database, embedder }: BatchDeps, batchSize: number): Promise<BatchResult> {
  const articles = await claimArticlesToEmbed(database.db, embedder.id, batchSize);
  if (articles.length === 0) return { claimed: 0, written: 0 };
  const texts = articles.map(passageText);
  const vectors = await embedChecked(embedder, texts);
  return database.db.transaction(async (tx) => {
    const current = await lockArticlesForIndexing(
      tx,
      articles.map((a) => a.id),
    );
    let written = 0;
    for (const [i, article] of articles.entries()) {
      const now = current.get(article.id);
      if (!now || passageText(now) !== texts[i]) continue;
      await indexArticle(tx, embedder, now, vectors[i]);
      written++;
    }
    return { claimed: articles.length, written };
  });
}

/** Embeds passages and refuses a short answer or a vector of another dimension before anything is written. */
async function embedChecked(embedder: Embedder, texts: string[]): Promise<number[][]> {
  const vectors = await embedder.embedPassages(texts);
  if (vectors.length !== texts.length || vectors.some((v) => v.length !== embedder.dims)) {
    const dims = [...new Set(vectors.map((v) => v.length))].join("/");
    throw new Error(`embedder ${embedder.id} returned ${vectors.length} vectors of dims ${dims} for ${texts.length} passages of dims ${embedder.dims}`);
  }
  return vectors;
}

/**
 * `npm run reindex [-- --batch-size N] [--prune]`: re-embeds every article whose vector for the
 * configured embedder (EMBEDDER / MODEL_DIR / …) is missing or stale, with a progress bar.
 * Resumable: stop it any time (Ctrl-C finishes the batch in progress) and run it again.
 * --prune deletes other embedders' vectors once the active one covers every article.
 */
import cliProgress from "cli-progress";
import { ConfigError, loadConfig } from "../src/config.js";
import { createDbOrExit, migrateDb } from "../src/db/client.js";
import { createNodeEmbedder } from "../src/embeddings/node-factory.js";
import { getReindexProgress } from "../src/articles/reindex.queries.js";
import { reindexArticles } from "../src/articles/reindex.service.js";
import { prepareEmbedderIndex } from "../src/embeddings/vector-index.js";
import { createLogger } from "../src/logger.js";
import { DATABASE_ENV, EMBEDDER_ENV, parseCli } from "./lib/cli.js";

const { values } = parseCli({
  command: "npm run reindex",
  summary: "Re-embeds every article whose vector for the configured embedder is missing or stale (resumable).",
  flags: {
    "batch-size": { type: "number", value: "N", min: 1, max: 10_000, defaultText: "4 × EMBED_BATCH_SIZE", help: "articles per batch: one embedding call and one write each" },
    prune: { type: "boolean", help: "delete other embedders' vectors once the active one covers every article" },
  },
  notes: "Ctrl-C finishes the batch in progress; run it again to go on. Exit 0 complete, 1 incomplete, 130 interrupted.",
  env: { ...DATABASE_ENV, ...EMBEDDER_ENV, LOG_LEVEL: "debug shows the service's log lines (default: only warnings and errors)" },
  examples: ["EMBEDDER=transformers MODEL_DIR=./models/multilingual-e5-small npm run reindex -- --prune"],
});

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const batchSize = values["batch-size"];
  // The bar owns the terminal: only warnings and errors are logged while it runs.
  const logger = createLogger(config.LOG_LEVEL === "debug" ? "debug" : "warn", { service: "deflect-reindex" });
  const database = await createDbOrExit(config);
  try {
    await migrateDb(database);
    const embedder = await createNodeEmbedder(config, logger);
    await prepareEmbedderIndex({ database, embedder, logger, config });
    const before = await getReindexProgress(database.db, embedder.id);
    console.log(`embedder ${embedder.id}: ${before.done}/${before.total} articles have a current vector`);
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort());
    process.once("SIGTERM", () => controller.abort());
    const prune = values.prune;
    if (before.done >= before.total) {
      const result = await reindexArticles({ deps: { database, embedder, logger, config }, input: { prune } });
      console.log(`nothing to re-embed${result.pruned ? `; pruned ${result.pruned} vectors of other embedders` : ""}`);
      return 0;
    }
    const bar = new cliProgress.SingleBar(
      { format: "re-index |{bar}| {percentage}% | {value}/{total} articles | {rate} articles/s | ETA {eta_formatted}", etaBuffer: 20, noTTYOutput: true, notTTYSchedule: 2000 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(before.total, before.done, { rate: "0.0" });
    const result = await reindexArticles({
      deps: { database, embedder, logger, config },
      input: {
        ...(batchSize ? { batchSize } : {}),
        signal: controller.signal,
        prune,
        onProgress: (p) => bar.update(p.done, { rate: p.rate.toFixed(1) }),
      },
    });
    bar.update(result.done);
    bar.stop();
    console.log(
      `${result.complete ? "complete" : controller.signal.aborted ? "interrupted" : "incomplete"}: embedded ${result.embedded} in ${result.batches} batches; ` +
        `${result.done}/${result.total} current${result.pruned ? `; pruned ${result.pruned} vectors of other embedders` : ""}`,
    );
    await embedder.close?.();
    return result.complete ? 0 : controller.signal.aborted ? 130 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);

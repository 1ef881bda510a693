import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createApp } from "../app.js";
import { startBackground } from "../background.js";
import { ConfigError, loadConfig } from "../config.js";
import { createDbOrExit, migrateDb } from "../db/client.js";
import { systemClock, type Deps } from "../deps.js";
import { createNodeEmbedder } from "../embeddings/node-factory.js";
import { prepareEmbedderIndex } from "../embeddings/vector-index.js";
import { loadSampleDataIfEmpty } from "../imports/sample.js";
import { createLogger } from "../logger.js";
import { backgroundTasks } from "./tasks.js";

/** The package version, found from this file whether it runs from src/ (tsx) or dist/. */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

/** Start-up: config → database (migrated) → embedder → HTTP; SIGTERM/SIGINT drain and close. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL, { service: "deflect" });
  const started = performance.now();
  const database = await createDbOrExit(config);
  await migrateDb(database);
  const embedder = await createNodeEmbedder(config, logger);
  const deps: Deps = { config, database, embedder, logger, clock: systemClock, version: packageVersion(), runtime: "node" };
  await prepareEmbedderIndex(deps);
  await loadSampleDataIfEmpty(deps);
  const app = createApp(deps, { socketAddress: (c) => getConnInfo(c).remote.address });
  const background = config.BACKGROUND_WORKERS ? startBackground(deps, backgroundTasks) : undefined;

  // overrideGlobalObjects: false keeps Node's own Response: transformers.js caches a downloaded
  // model file only when `response instanceof Response`, which fails once the global is swapped,
  // so every start would download the model again.
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, overrideGlobalObjects: false }, (info) => {
    logger.info("listening", {
      url: `http://${config.HOST}:${info.port}`,
      database: database.kind,
      embedder: embedder.id,
      startupMs: Math.round(performance.now() - started),
    });
  });

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info("shutting down", { signal });
    const force = setTimeout(() => {
      logger.error("shutdown timed out; exiting", { timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // close() stops accepting and resolves once in-flight requests have finished.
    server.close(async () => {
      await background?.stop();
      await embedder.close?.();
      await database.close();
      logger.info("stopped");
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

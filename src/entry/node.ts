import { existsSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createApp } from "../app.js";
import { startBackground } from "../background.js";
import { ConfigError, loadConfig } from "../config.js";
import { writeFirstAdminKey } from "../access/first-key.node.js";
import { createDbOrExit, embeddedDir, migrateDb, openScratchDatabase } from "../db/client.js";
import { announceService } from "../db/data-dir-lock.js";
import { answerClientErrors } from "../http/client-error.node.js";
import { systemClock, type Deps } from "../deps.js";
import { createNodeEmbedder } from "../embeddings/node-factory.js";
import { prepareEmbedderIndex } from "../embeddings/vector-index.js";
import { loadSampleDataIfEmpty } from "../imports/sample.js";
import { createPrometheusTelemetry } from "../observability/prometheus.node.js";
import { createLogger } from "../logger.js";
import { backgroundTasks } from "./tasks.js";
import { calibrationTask } from "../deflection/calibration.task.js";

/** The package version, found from this file whether it runs from src/ (tsx) or dist/. */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

/** A URL host for a listening address: wildcard binds are reached on loopback, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

const USAGE = `usage: node dist/src/entry/node.js   (what npm start and npm run dev run)

It takes no arguments: configuration is environment variables only (every one, with its default:
.env.example): PORT, HOST, DATABASE_URL, DATA_DIR, EMBEDDER, MODEL_DIR, LOG_LEVEL…

example:
  PORT=8080 npm start`;

/** Start-up: config → database (migrated) → embedder → HTTP; SIGTERM/SIGINT drain and close. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  if (args.length > 0) {
    console.error(`unknown argument '${args[0]}' (the service takes no arguments; configure it with environment variables)\n${USAGE}`);
    process.exit(2);
  }
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
  const telemetry = createPrometheusTelemetry({ embedQueueDepth: () => embedder.status().queue?.waiting ?? 0 });
  const deps: Deps = { config, database, embedder, logger, clock: systemClock, version: packageVersion(), runtime: "node", telemetry };
  await prepareEmbedderIndex(deps);
  await loadSampleDataIfEmpty(deps);
  const adminKeyFile = await writeFirstAdminKey(deps).catch((err: unknown) => {
    logger.error("first admin key", { error: err instanceof Error ? err.message : String(err) });
    return undefined;
  });
  if (adminKeyFile) {
    logger.warn("first start: an admin API key was made and written to a file readable by you only", {
      file: adminKeyFile,
      use: `export ADMIN=$(cat ${adminKeyFile})`,
      // biome-ignore lint/suspicious/noThenProperty: a log field (the next step), never awaited
      then: 'npm run keys -- create --role agent --name "Tier 1" (works while the service runs)',
    });
  }
  const app = createApp(deps, { socketAddress: (c) => getConnInfo(c).remote.address });
  const background = config.BACKGROUND_WORKERS ? startBackground(deps, [...backgroundTasks, calibrationTask(openScratchDatabase)]) : undefined;

  // overrideGlobalObjects: false keeps Node's own Response: transformers.js caches a downloaded
  // model file only when `response instanceof Response`, which fails once the global is swapped,
  // so every start would download the model again.
  let unannounce: (() => void) | undefined;
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, overrideGlobalObjects: false }, (info) => {
    const url = `http://${urlHost(config.HOST)}:${info.port}`;
    // npm run keys finds the service here when the embedded database is in use by it.
    if (database.kind === "pglite") unannounce = announceService(embeddedDir(config), url);
    logger.info("listening", {
      url,
      database: database.kind,
      embedder: embedder.id,
      startupMs: Math.round(performance.now() - started),
    });
  });

  answerClientErrors(server as Server);

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
    unannounce?.();
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

import pkg from "../../package.json" with { type: "json" };
import { AsyncLocalStorage } from "node:async_hooks";
import type { ExecutionContext } from "hono";
import { createApp } from "../app.js";
import { type Config, ConfigError, loadConfig } from "../config.js";
import { connectPostgres, type Database } from "../db/database.js";
import { systemClock, type Deps } from "../deps.js";
import type { Embedder } from "../embeddings/embedder.js";
import { HashingEmbedder } from "../embeddings/hashing.js";
import { HttpEmbedder } from "../embeddings/http.js";
import { ensureVectorIndex, hnswBuildOf } from "../embeddings/vector-index.js";
import { DomainError, type FieldIssue } from "../errors.js";
import { problemBody } from "../http/errors.js";
import type { App } from "../http/env.js";
import { createLogger } from "../logger.js";
import { backgroundTasks } from "./tasks.js";

/**
 * Cloudflare Workers entry: the same createApp as Node, with Deps built from the Worker's
 * environment (once per isolate; rebuilt if the environment differs) and the database per request.
 * Postgres comes through Hyperdrive (postgres.js, one connection per request, closed after the
 * response), embeddings over HTTP from a Deflect node or any OpenAI-compatible server.
 * Migrations are not run here: `npm run migrate` from Node does that before a deploy.
 * Nothing in this file's import graph may reach PGlite, transformers.js or node:fs.
 */

export interface WorkerEnv {
  /** Hyperdrive binding (wrangler.toml [[hyperdrive]]); DATABASE_URL is the fallback without it. */
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

/** workerd's ExecutionContext (waitUntil, passThroughOnException, props), as Hono types it. */
export type WorkerContext = ExecutionContext;

/**
 * What an isolate builds once and reuses: config, logger, embedder (its probe result) and the app
 * (createApp costs ~5 ms of CPU). The database is per request: `deps.database` reads the
 * connection of the request being served from AsyncLocalStorage, so concurrent requests in one
 * isolate never share a connection.
 */
interface Isolate {
  key: string;
  deps: Deps;
  app: App;
  databaseUrl: string;
}

let isolate: Isolate | undefined;
const requestDatabase = new AsyncLocalStorage<Database>();
/** Vector indexes this isolate has already ensured (database + embedder id). */
const indexed = new Set<string>();

/** Settings as Node reads them, plus what only a Worker needs; every bad field is listed. */
function readConfig(env: WorkerEnv): { config: Config; databaseUrl: string } {
  const issues: FieldIssue[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    issues.push(...err.issues);
  }
  const databaseUrl = env.HYPERDRIVE?.connectionString ?? config?.DATABASE_URL;
  if (!databaseUrl) issues.push({ field: "HYPERDRIVE", message: "bind a Hyperdrive config as HYPERDRIVE (or set DATABASE_URL)" });
  if (config?.EMBEDDER === "transformers") {
    issues.push({ field: "EMBEDDER", message: "the local model runs only on Node; use EMBEDDER=http with EMBEDDINGS_URL" });
  }
  if (config?.EMBEDDER === "http" && !config.EMBEDDINGS_URL) {
    issues.push({ field: "EMBEDDINGS_URL", message: "required with EMBEDDER=http" });
  }
  if (issues.length > 0 || !config || !databaseUrl) {
    throw new DomainError("CONFIG_INVALID", `The Worker environment is invalid: ${issues.map((i) => i.field).join(", ")}`, {}, issues);
  }
  return { config, databaseUrl };
}

/** The isolate for this environment, built on its first request (or again if the environment changed). */
async function getIsolate(env: WorkerEnv): Promise<Isolate> {
  const key = JSON.stringify(Object.entries(env).filter(([, v]) => typeof v !== "object")) + (env.HYPERDRIVE?.connectionString ?? "");
  if (isolate?.key === key) return isolate;
  const { config, databaseUrl } = readConfig(env);
  const logger = createLogger(config.LOG_LEVEL, { service: "deflect", runtime: "workers" });
  const embedder: Embedder = config.EMBEDDER === "hashing" ? new HashingEmbedder(config.HASHING_DIMENSIONS) : new HttpEmbedder(config, logger);
  // A failed probe leaves the embedder "failed": /health/details says why, and the next embedding call probes again.
  await embedder.ready().catch((err) => logger.error("remote embedder not ready", { err }));
  const deps: Deps = {
    config,
    get database(): Database {
      const database = requestDatabase.getStore();
      if (!database) throw new Error("deps.database used outside a request or cron tick");
      return database;
    },
    embedder,
    logger,
    clock: systemClock,
    version: pkg.version,
    runtime: "workers",
  };
  const app = createApp(deps, { socketAddress: (c) => c.req.header("cf-connecting-ip") });
  isolate = { key, deps, app, databaseUrl };
  return isolate;
}

/**
 * Runs `work` with its own Postgres connection (Hyperdrive pools on the far side; one connection
 * per request is its recommended use) and closes it after, via waitUntil so the answer is not held.
 */
async function withDatabase<T>(iso: Isolate, ctx: WorkerContext, work: () => Promise<T>): Promise<T> {
  const database = connectPostgres(iso.databaseUrl, { max: 1 });
  try {
    return await requestDatabase.run(database, async () => {
      const { embedder, logger } = iso.deps;
      const indexKey = `${iso.databaseUrl}\u0000${embedder.id}`;
      if (embedder.status().state === "ready" && !indexed.has(indexKey)) {
        await ensureVectorIndex(database.db, embedder.id, embedder.dims, hnswBuildOf(iso.deps.config))
          .then(() => indexed.add(indexKey))
          .catch((err) => logger.warn("could not ensure the vector index", { err }));
      }
      return work();
    });
  } finally {
    ctx.waitUntil(database.close());
  }
}

function problem(err: DomainError): Response {
  const body = problemBody(crypto.randomUUID(), err);
  return new Response(JSON.stringify(body), { status: body.status, headers: { "content-type": "application/problem+json" } });
}

/** Runs every enabled background task once; one failing task does not stop the others. */
export async function runScheduledTasks(deps: Deps): Promise<void> {
  for (const task of backgroundTasks) {
    if (task.intervalMs(deps) <= 0) continue;
    const started = Date.now();
    try {
      await task.run(deps);
      deps.logger.info("scheduled task done", { task: task.name, ms: Date.now() - started });
    } catch (err) {
      deps.logger.error("scheduled task failed", { task: task.name, err });
    }
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
    let iso: Isolate;
    try {
      iso = await getIsolate(env);
    } catch (err) {
      if (err instanceof DomainError) return problem(err);
      console.error(JSON.stringify({ level: "error", msg: "worker start-up failed", err: String(err) }));
      return problem(new DomainError("INTERNAL", "The Worker could not start; see its logs"));
    }
    return withDatabase(iso, ctx, async () => iso.app.fetch(request, env, ctx));
  },

  async scheduled(_controller: { cron: string; scheduledTime: number }, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    const iso = await getIsolate(env);
    if (!iso.deps.config.BACKGROUND_WORKERS) return;
    await withDatabase(iso, ctx, () => runScheduledTasks(iso.deps));
  },
};

import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import postgres from "postgres";
import pkg from "../../package.json" with { type: "json" };
import { inject } from "vitest";
import { createApp } from "../../src/app.js";
import { connectPostgres, type Database } from "../../src/db/database.js";
import { systemClock, type Deps } from "../../src/deps.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { prepareEmbedderIndex } from "../../src/embeddings/vector-index.js";
import { createLogger } from "../../src/logger.js";
import { testConfig } from "../support/context.js";

const execFileAsync = promisify(execFile);

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh migrated database cloned from the run's template, with its URL (wrangler needs it). */
export async function cloneDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const template = inject("postgresTemplate");
  const name = `${template.replace("deflect_tpl_", "deflect_t_")}_w${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const cleanup = postgres(base, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

export interface NodeInstance {
  url: string;
  deps: Deps;
  database: Database;
  close(): Promise<void>;
}

/** The real Node service (hashing embedder, real clock) on 127.0.0.1 over that database. */
export async function startNode(databaseUrl: string): Promise<NodeInstance> {
  const config = testConfig({ DATABASE_URL: databaseUrl });
  const database = connectPostgres(databaseUrl, { max: 4 });
  const deps: Deps = {
    config,
    database,
    embedder: new HashingEmbedder(config.HASHING_DIMENSIONS),
    logger: createLogger(config.LOG_LEVEL),
    clock: systemClock,
    version: pkg.version,
    runtime: "node",
  };
  await prepareEmbedderIndex(deps);
  const app = createApp(deps);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", overrideGlobalObjects: false }, (info) => resolve({ server: s, port: info.port }));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

export interface WranglerDev {
  url: string;
  /** performance.now() when wrangler printed "Ready on". */
  readyAt: number;
  output(): string;
  stop(): Promise<void>;
}

/** wrangler refuses a Hyperdrive connection string without a password; trust auth ignores it. */
function withPassword(url: string): string {
  const u = new URL(url);
  if (!u.password) u.password = "local-trust";
  return u.toString();
}

const running = new Set<ChildProcess>();
/** Last resort: a crashed test run still takes its wrangler/workerd process group down. */
process.once("exit", () => {
  for (const child of running)
    if (child.pid)
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
});

/**
 * `wrangler dev` (local workerd from the npm package) on a free port, with Hyperdrive's local
 * connection string and vars from the caller; offline: no metrics, no update check, no login.
 * Started in its own process group so stop() ends wrangler and workerd together.
 */
export async function startWranglerDev(opts: { databaseUrl: string; vars: Record<string, string>; timeoutMs?: number }): Promise<WranglerDev> {
  const port = await freePort();
  const inspector = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "deflect-wrangler-"));
  // Serve the deploy artifact itself, prebuilt: `wrangler dev` on the sources would rebuild and
  // restart whenever anyone edits src/ mid-test, and this runs exactly what `wrangler deploy` ships.
  const dist = join(persist, "dist");
  await execFileAsync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", dist], {
    cwd: join(import.meta.dirname, "../.."),
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", WRANGLER_LOG_PATH: join(persist, "logs") },
  }).catch((err: unknown) => {
    rmSync(persist, { recursive: true, force: true });
    throw err;
  });
  // The same wrangler.toml (bindings, vars, flags), pointed at the prebuilt bundle; without its
  // [build] step (the browser bundles are in the prebuilt Worker already).
  const toml = readFileSync(join(import.meta.dirname, "../../wrangler.toml"), "utf8")
    .replace(/^main\s*=.*$/m, `main = "${join(dist, "worker.js")}"\nno_bundle = true`)
    .replace(/^\[build\]\n(?:[^[\n].*\n)*/m, "");
  // Outside dist/: wrangler watches the bundle's folder (no_bundle) and restarts on any change there.
  const config = join(persist, "wrangler.toml");
  writeFileSync(config, toml);
  const args = [
    "wrangler",
    "dev",
    "--config",
    config,
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspector),
    "--persist-to",
    join(persist, "state"),
    "--show-interactive-dev-session=false",
  ];
  for (const [k, v] of Object.entries(opts.vars)) args.push("--var", `${k}:${v}`);
  const child = spawn("npx", args, {
    cwd: join(import.meta.dirname, "../.."),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(opts.databaseUrl),
      WRANGLER_SEND_METRICS: "false",
      WRANGLER_SEND_ERROR_REPORTS: "false",
      NO_UPDATE_NOTIFIER: "1",
      CI: "true",
      WRANGLER_LOG_PATH: join(persist, "logs"),
    },
  });
  running.add(child);
  let out = "";
  const stop = async () => {
    running.delete(child);
    if (child.pid && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {}
      }, 3000);
      await exited;
      clearTimeout(timer);
    }
    if (process.env.DEBUG_WRANGLER) console.info(`wrangler files kept in ${persist}`);
    else rmSync(persist, { recursive: true, force: true });
  };
  const readyAt = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev not ready in time:\n${out}`)), opts.timeoutMs ?? 40_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Ready on http/.test(out)) {
        clearTimeout(timer);
        resolve(performance.now());
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited with ${code}:\n${out}`));
    });
  }).catch(async (err) => {
    await stop();
    throw err;
  });
  return { url: `http://127.0.0.1:${port}`, readyAt, output: () => out, stop };
}

import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { inject } from "vitest";
import { createApiKey, type KeyRole } from "../../src/access/keys.service.js";
import { createApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { openPglite } from "../../src/db/client.js";
import { connectPostgres, queryRows, type Database } from "../../src/db/database.js";
import type { Clock, Deps } from "../../src/deps.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { prepareEmbedderIndex } from "../../src/embeddings/vector-index.js";
import type { App } from "../../src/http/env.js";
import { createLogger } from "../../src/logger.js";
import { rememberRequest } from "./api.js";

export const backend = (process.env.DEFLECT_TEST_BACKEND ?? "pglite") as "pglite" | "postgres";

/** A clock tests move by hand: SLA timers, metrics buckets and windows become deterministic. */
export class TestClock implements Clock {
  constructor(private current = new Date("2026-03-02T09:00:00Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A fresh, migrated, empty database of the backend this project tests. */
export async function openTestDatabase(): Promise<Database> {
  if (backend === "pglite") {
    const tar = readFileSync(inject("pgliteTemplate"));
    return openPglite(undefined, new Blob([tar]));
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const template = inject("postgresTemplate");
  const name = `${template.replace("deflect_tpl_", "deflect_t_")}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = connectPostgres(u.toString(), { max: 4 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const cleanup = postgres(url, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await cleanup.end();
  };
  return database;
}

export interface TestContext {
  deps: Deps;
  app: App;
  clock: TestClock;
  database: Database;
  /** Authorization headers for a key of each role (created on first use per reset). */
  auth(role: KeyRole): Promise<Record<string, string>>;
  /** JSON request helper: `ctx.req("POST", "/v1/articles", body, "expert")`. */
  req(method: string, path: string, body?: unknown, role?: KeyRole, headers?: Record<string, string>): Promise<Response>;
  /** `app.request` as is (streamed bodies, raw headers), the answer tied to its route for readJson/readProblem. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Empties every table (keeps migrations): each test starts from nothing. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  // SETTINGS_CHECK_MS 0: tests write settings straight into the database and the clock stands still.
  return loadConfig({ EMBEDDER: "hashing", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", BACKGROUND_WORKERS: "false", SETTINGS_CHECK_MS: "0", ...overrides });
}

/**
 * Builds the real app on a fresh database for one test file. Call `reset()` in beforeEach so each
 * test owns its data; the database itself is dropped on close().
 */
export async function createTestContext(options: { config?: Record<string, unknown>; embedder?: Embedder } = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const config = testConfig(options.config);
  const clock = new TestClock();
  const embedder = options.embedder ?? new HashingEmbedder(config.HASHING_DIMENSIONS);
  const deps: Deps = {
    config,
    database,
    embedder,
    logger: createLogger(config.LOG_LEVEL),
    clock,
    version: "test",
    runtime: "node",
  };
  await prepareEmbedderIndex(deps);
  const app = createApp(deps);
  let keys = new Map<KeyRole, string>();
  const ctx: TestContext = {
    deps,
    app,
    clock,
    database,
    async auth(role) {
      let secret = keys.get(role);
      if (!secret) {
        secret = (await createApiKey({ deps, input: { name: `test-${role}`, role } })).secret;
        keys.set(role, secret);
      }
      return { authorization: `Bearer ${secret}` };
    },
    async req(method, path, body, role, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (role) Object.assign(init.headers as Record<string, string>, await ctx.auth(role));
      if (body !== undefined) {
        (init.headers as Record<string, string>)["content-type"] ??= "application/json";
        init.body = typeof body === "string" ? body : JSON.stringify(body);
      }
      return rememberRequest(await app.request(path, init), app, method, path);
    },
    async request(path, init = {}) {
      return rememberRequest(await app.request(path, init), app, init.method ?? "GET", path);
    },
    async reset() {
      keys = new Map();
      const tables = await queryRows<{ tablename: string }>(database.db, sql`select tablename from pg_tables where schemaname = 'public'`);
      if (tables.length > 0) {
        await database.db.execute(sql.raw(`truncate ${tables.map((t) => `"${t.tablename}"`).join(", ")} restart identity cascade`));
      }
      clock.set("2026-03-02T09:00:00Z");
    },
    async close() {
      await database.close();
    },
  };
  return ctx;
}

/** Reads a JSON body, failing the test with the body text when it is not JSON. */
export async function json<T = unknown>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`expected JSON, got ${res.status}: ${text.slice(0, 500)}`);
  }
}

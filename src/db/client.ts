import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { vector } from "@electric-sql/pglite-pgvector";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import postgres from "postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Config } from "../config.js";
import { DataDirBusyError, lockDataDir } from "./data-dir-lock.js";

export { DataDirBusyError } from "./data-dir-lock.js";
import { connectPostgres, type Database } from "./database.js";

export type { Database } from "./database.js";

/** The committed migrations, found from this file whether it runs from src/ (tsx) or dist/. */
export const MIGRATIONS_FOLDER = findMigrationsFolder();

function findMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "drizzle");
    if (existsSync(join(candidate, "meta", "_journal.json")) && existsSync(join(candidate, "0000_extensions.sql"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("drizzle/ migrations folder not found next to the installed service");
}

/** The embedded database's folder (and its lock and service files) under DATA_DIR. */
export function embeddedDir(config: Pick<Config, "DATA_DIR">): string {
  return `${config.DATA_DIR}/pglite`;
}

/**
 * Opens the database named by the config: PGlite persisted under DATA_DIR when DATABASE_URL is
 * unset, a Postgres server otherwise. Both give the same drizzle type and run the same migrations.
 * Node only (PGlite, fs); the Workers entry uses `connectPostgres` directly.
 */
export async function createDb(config: Pick<Config, "DATABASE_URL" | "DATA_DIR" | "DATABASE_POOL_MAX">): Promise<Database> {
  if (config.DATABASE_URL) return connectPostgres(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  const dir = embeddedDir(config);
  mkdirSync(dir, { recursive: true });
  const release = lockDataDir(dir);
  try {
    const database = await openPglite(dir);
    const close = database.close.bind(database);
    database.close = async () => {
      try {
        await close();
      } finally {
        release();
      }
    };
    return database;
  } catch (err) {
    release();
    throw err;
  }
}

/** PGlite with the extensions the migrations create; `dataDir` undefined means in memory. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { vector, pg_trgm, unaccent },
  });
  const db = drizzlePglite({ client, casing: "snake_case" }) as unknown as Database["db"];
  return {
    kind: "pglite",
    db,
    pglite: client,
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** A fresh, migrated, in-memory PGlite database: scratch space (evaluation, self-calibration) that touches no installation. */
export async function openScratchDatabase(): Promise<Database> {
  const database = await openPglite();
  await migrateDb(database);
  return database;
}

/**
 * Applies the committed drizzle migrations. On a server, an advisory lock makes concurrent
 * replicas wait for one another instead of racing; running it twice is a no-op.
 */
export async function migrateDb(database: Database, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  if (!database.url) throw new Error("postgres database without a connection string");
  // The lock lives on its own connection so the pool (even of size 1) stays free for drizzle.
  const lock = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(7243911)`;
    await migratePostgres(database.db as never, { migrationsFolder });
    await lock`select pg_advisory_unlock(7243911)`;
  } finally {
    await lock.end({ timeout: 5 });
  }
}

/**
 * createDb for command-line entry points: a data folder held by another process ends the command
 * with the plain explanation (exit code 3) instead of a stack trace.
 */
export async function createDbOrExit(config: Pick<Config, "DATABASE_URL" | "DATA_DIR" | "DATABASE_POOL_MAX">): Promise<Database> {
  try {
    return await createDb(config);
  } catch (err) {
    if (!(err instanceof DataDirBusyError)) throw err;
    console.error(`error: ${err.message}`);
    process.exit(3);
  }
}

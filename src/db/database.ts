import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import postgres from "postgres";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** One drizzle type for both drivers; queries are written once against it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: queries accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  pglite?: PGlite;
  postgres?: postgres.Sql;
  /** Connection string of a server database (for side connections such as migration locks). */
  url?: string;
  close(): Promise<void>;
}

/**
 * postgres.js over a connection string. Runtime-neutral (Node and Workers/Hyperdrive), so it lives
 * apart from the PGlite code that Workers must never bundle.
 *
 * Unnamed statements by default (`prepare: false`): each search is planned with its own values,
 * so the planner sees how many articles a full-text query matches and takes the GIN index when
 * few do. A named statement soon switches to a generic plan that, not knowing the query, scans
 * every article (measured by `npm run bench`). It also works behind transaction poolers.
 */
export function connectPostgres(url: string, opts: { max?: number; prepare?: boolean } = {}): Database {
  const client = postgres(url, {
    max: opts.max ?? 10,
    prepare: opts.prepare ?? false,
    onnotice: () => {},
    connection: { application_name: "deflect" },
  });
  const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    postgres: client,
    url,
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * Runs raw SQL and returns plain rows: drizzle's `execute` answers an array on postgres.js and
 * `{ rows }` on PGlite, and raw SQL (CTEs, window functions, generate_series) needs one shape.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/**
 * A text[] column from raw SQL: postgres.js parses arrays, PGlite's raw rows may carry the
 * `{a,"b c","d\"e"}` literal instead. Quoted elements keep their commas and escapes.
 */
export function textArray(value: string[] | string | null | undefined): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  if (!inner) return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,]+)/g;
  for (let m = re.exec(inner); m; m = re.exec(inner)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] as string));
  return out;
}

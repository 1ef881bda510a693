import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Database, Db } from "../../src/db/database.js";
import * as schema from "../../src/db/schema/index.js";

/**
 * The same database (same connection pool or PGlite instance) through a drizzle instance that
 * logs every statement it sends into `log`: what a request costs in round trips, and which
 * tables it writes. Transaction control (BEGIN/COMMIT) is not a drizzle query and is not logged.
 */
export function loggedDatabase(database: Database, log: string[]): Database {
  const logger = { logQuery: (query: string) => log.push(query) };
  let db: Db;
  if (database.pglite) db = drizzlePglite(database.pglite, { schema, casing: "snake_case", logger }) as unknown as Db;
  else if (database.postgres) db = drizzlePostgres(database.postgres, { schema, casing: "snake_case", logger }) as unknown as Db;
  else throw new Error("no driver to log");
  return { ...database, db };
}

/** The statements that write, as `verb table` (e.g. `insert tickets`). */
export function writesOf(log: string[]): string[] {
  return log.flatMap((q) => {
    const m = /^\s*(insert into|update|delete from)\s+"?([a-z_]+)"?/i.exec(q);
    return m ? [`${(m[1] ?? "").split(" ")[0]?.toLowerCase()} ${m[2]}`] : [];
  });
}

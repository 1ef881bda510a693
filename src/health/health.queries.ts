import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";

/** Throws when the database does not answer. */
export async function pingDatabase(db: Executor): Promise<void> {
  await queryRows(db, sql`select 1 as ok`);
}

/** How many migrations drizzle has applied (its journal table in schema `drizzle`). */
export async function countAppliedMigrations(db: Executor): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rows[0]?.n ?? 0);
}

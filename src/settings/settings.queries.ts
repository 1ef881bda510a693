import { eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { settings } from "../db/schema/index.js";

/** Reads one runtime setting's JSON value, or undefined when it was never set. */
export async function getSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key)).limit(1);
  return row?.value as T | undefined;
}

/** Writes one runtime setting (insert or replace). */
export async function putSetting(db: Executor, key: string, value: unknown, updatedBy?: string): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedBy: updatedBy ?? null })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: updatedBy ?? null, updatedAt: sql`now()` } });
}

export async function deleteSetting(db: Executor, key: string): Promise<void> {
  await db.delete(settings).where(eq(settings.key, key));
}

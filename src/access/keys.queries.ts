import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { apiKeys } from "../db/schema/index.js";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertApiKey(db: Executor, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [created] = await db.insert(apiKeys).values(row).returning();
  if (!created) throw new Error("insert api key returned nothing");
  return created;
}

export async function getActiveKeyByHash(db: Executor, hash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export async function touchKey(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}

export async function listKeys(db: Executor): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function revokeKey(db: Executor, id: string, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, id)).returning();
  return row;
}

export async function getKeyById(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

/**
 * Active (unrevoked) admin keys, locked for the rest of the transaction: two admins revoking
 * each other at once cannot both pass the "another admin remains" check.
 */
export async function countActiveAdminKeys(db: Executor): Promise<number> {
  const rows = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.role, "admin"), isNull(apiKeys.revokedAt)))
    .for("update");
  return rows.length;
}

/** True when no key was ever made (revoked ones count: a database whose keys were all revoked is not new). */
export async function noKeysEver(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: apiKeys.id }).from(apiKeys).limit(1);
  return row === undefined;
}

/** Serialises first-key creation across processes and replicas until the transaction ends. */
export async function lockFirstKeyCreation(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('deflect:first-admin-key'))`);
}

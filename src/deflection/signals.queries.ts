import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { signalPhrases } from "../db/schema/index.js";

export type SignalPhraseRow = typeof signalPhrases.$inferSelect;

export async function listSignalPhrases(db: Executor, opts: { enabledOnly?: boolean } = {}): Promise<SignalPhraseRow[]> {
  const q = db.select().from(signalPhrases);
  const rows = opts.enabledOnly ? await q.where(eq(signalPhrases.enabled, true)).orderBy(asc(signalPhrases.id)) : await q.orderBy(asc(signalPhrases.id));
  return rows;
}

export async function insertSignalPhrases(db: Executor, rows: (typeof signalPhrases.$inferInsert)[]): Promise<SignalPhraseRow[]> {
  if (rows.length === 0) return [];
  return db.insert(signalPhrases).values(rows).returning();
}

export async function findSignalPhrase(db: Executor, p: { language: string; kind: string; phrase: string }): Promise<SignalPhraseRow | undefined> {
  const [row] = await db
    .select()
    .from(signalPhrases)
    .where(sql`${signalPhrases.language} = ${p.language} and ${signalPhrases.kind} = ${p.kind} and ${signalPhrases.phrase} = ${p.phrase}`)
    .limit(1);
  return row;
}

export async function deleteSignalPhrase(db: Executor, id: string): Promise<SignalPhraseRow | undefined> {
  const [row] = await db.delete(signalPhrases).where(eq(signalPhrases.id, id)).returning();
  return row;
}

/** Serialises seeding across replicas: the second one waits and then sees the rows. */
export async function lockSignalSeeding(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7243912)`);
}

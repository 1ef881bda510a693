import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { articles, imports } from "../db/schema/index.js";

export type ImportRecord = typeof imports.$inferSelect;
export type NewImportRecord = typeof imports.$inferInsert;

export async function insertImport(db: Executor, row: NewImportRecord): Promise<ImportRecord> {
  const [created] = await db.insert(imports).values(row).returning();
  if (!created) throw new Error("insert into imports returned no row");
  return created;
}

export async function findImport(db: Executor, id: string): Promise<ImportRecord | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id)).limit(1);
  return row;
}

/** The newest unfinished (running or failed) import of the same input: a rerun resumes it. */
export async function findResumableImport(db: Executor, sourceKey: string): Promise<ImportRecord | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.sourceKey, sourceKey), inArray(imports.status, ["running", "failed"]), eq(imports.dryRun, false)))
    .orderBy(desc(imports.createdAt))
    .limit(1);
  return row;
}

export async function listImports(db: Executor, limit: number): Promise<ImportRecord[]> {
  return db.select().from(imports).orderBy(desc(imports.createdAt), desc(imports.id)).limit(limit);
}

export interface ImportAdvance {
  lastLine: number;
  read: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: unknown[];
  nearDuplicates: unknown[];
}

/**
 * Adds one batch's counts and moves `last_line`, but only from `expectedLastLine`: if another
 * process advanced the same import meanwhile, nothing is written and false is returned (the
 * caller rolls its batch back).
 */
export async function advanceImport(db: Executor, id: string, expectedLastLine: number, d: ImportAdvance, at: Date): Promise<boolean> {
  const rows = await db
    .update(imports)
    .set({
      lastLine: d.lastLine,
      read: sql`${imports.read} + ${d.read}`,
      created: sql`${imports.created} + ${d.created}`,
      updated: sql`${imports.updated} + ${d.updated}`,
      skipped: sql`${imports.skipped} + ${d.skipped}`,
      failed: sql`${imports.failed} + ${d.failed}`,
      errors: sql`${imports.errors} || ${JSON.stringify(d.errors)}::jsonb`,
      nearDuplicates: sql`${imports.nearDuplicates} || ${JSON.stringify(d.nearDuplicates)}::jsonb`,
      status: "running",
      updatedAt: at,
    })
    .where(and(eq(imports.id, id), eq(imports.lastLine, expectedLastLine)))
    .returning({ id: imports.id });
  return rows.length === 1;
}

export async function finishImport(db: Executor, id: string, status: "completed" | "failed", at: Date, error?: unknown): Promise<void> {
  await db
    .update(imports)
    .set({
      status,
      updatedAt: at,
      finishedAt: status === "completed" ? at : null,
      ...(error ? { errors: sql`${imports.errors} || ${JSON.stringify([error])}::jsonb` } : {}),
    })
    .where(eq(imports.id, id));
}

export async function reopenImport(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(imports).set({ status: "running", updatedAt: at }).where(eq(imports.id, id));
}

export interface ExistingArticle {
  id: string;
  externalId: string;
  sourceHash: string | null;
  state: string;
}

/** Articles already imported under these external ids (any state: an archived one is still "known"). */
export async function findArticlesByExternalIds(db: Executor, externalIds: string[]): Promise<Map<string, ExistingArticle>> {
  const out = new Map<string, ExistingArticle>();
  if (externalIds.length === 0) return out;
  const rows = await db
    .select({ id: articles.id, externalId: articles.externalId, sourceHash: articles.sourceHash, state: articles.state })
    .from(articles)
    .where(inArray(articles.externalId, externalIds));
  for (const r of rows) if (r.externalId) out.set(r.externalId, { ...r, externalId: r.externalId });
  return out;
}

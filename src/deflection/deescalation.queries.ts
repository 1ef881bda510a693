import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { deescalationTemplates } from "../db/schema/index.js";

export type DeescalationTemplateRow = typeof deescalationTemplates.$inferSelect;
export type DeescalationPart = DeescalationTemplateRow["part"];

/** Templates in brief order: language, part, level (null last), position, id. */
export async function listDeescalationTemplates(
  db: Executor,
  opts: { enabledOnly?: boolean; language?: string; part?: DeescalationPart } = {},
): Promise<DeescalationTemplateRow[]> {
  const where: SQL[] = [];
  if (opts.enabledOnly) where.push(eq(deescalationTemplates.enabled, true));
  if (opts.language) where.push(eq(deescalationTemplates.language, opts.language));
  if (opts.part) where.push(eq(deescalationTemplates.part, opts.part));
  return db
    .select()
    .from(deescalationTemplates)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(
      asc(deescalationTemplates.language),
      asc(deescalationTemplates.part),
      sql`${deescalationTemplates.level} asc nulls last`,
      asc(deescalationTemplates.position),
      asc(deescalationTemplates.id),
    );
}

export async function countDeescalationTemplates(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(deescalationTemplates);
  return Number(row?.n ?? 0);
}

export async function insertDeescalationTemplates(db: Executor, rows: (typeof deescalationTemplates.$inferInsert)[]): Promise<DeescalationTemplateRow[]> {
  if (rows.length === 0) return [];
  return db.insert(deescalationTemplates).values(rows).returning();
}

export async function findDeescalationTemplate(
  db: Executor,
  p: { language: string; part: DeescalationPart; level: number | null; text: string },
): Promise<DeescalationTemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(deescalationTemplates)
    .where(
      sql`${deescalationTemplates.language} = ${p.language} and ${deescalationTemplates.part} = ${p.part}
        and ${deescalationTemplates.level} is not distinct from ${p.level} and ${deescalationTemplates.text} = ${p.text}`,
    )
    .limit(1);
  return row;
}

/** The position after the last template of this language and part (a new template goes last). */
export async function nextDeescalationPosition(db: Executor, p: { language: string; part: DeescalationPart }): Promise<number> {
  const [row] = await db
    .select({ next: sql<number>`coalesce(max(${deescalationTemplates.position}), 0)::int + 10` })
    .from(deescalationTemplates)
    .where(and(eq(deescalationTemplates.language, p.language), eq(deescalationTemplates.part, p.part)));
  return Number(row?.next ?? 10);
}

export async function deleteDeescalationTemplate(db: Executor, id: string): Promise<DeescalationTemplateRow | undefined> {
  const [row] = await db.delete(deescalationTemplates).where(eq(deescalationTemplates.id, id)).returning();
  return row;
}

/** Serialises seeding across replicas: the second one waits and then sees the rows. */
export async function lockDeescalationSeeding(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('deflect:deescalation-templates-seed'))`);
}

import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { auditLog } from "../db/schema/index.js";

export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAuditRow(db: Executor, row: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  /** Keyset position: rows strictly older than this (createdAt, id) pair. */
  before?: { createdAt: Date; id: string };
  limit: number;
}

/** Cursors carry JS dates (milliseconds); order and compare at that precision so no row is skipped. */
const atMs = sql`date_trunc('milliseconds', ${auditLog.createdAt})`;

/** Audit rows newest first, keyset-paginated on (created_at, id) so pages never skip or repeat. */
export async function listAuditRows(db: Executor, f: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.actor) where.push(eq(auditLog.actor, f.actor));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.before) where.push(sql`(${atMs}, ${auditLog.id}) < (${f.before.createdAt.toISOString()}::timestamptz, ${f.before.id})`);
  return db
    .select()
    .from(auditLog)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(atMs), desc(auditLog.id))
    .limit(f.limit);
}

import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { tickets } from "../db/schema/index.js";

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;

/**
 * Inserts unless a unique value is taken: the idempotency key (another request owns it) or the
 * reference the database drew (a rare collision: the caller draws again). Undefined then; nothing
 * is written and the transaction stays usable.
 */
export async function insertTicketOnce(db: Executor, row: NewTicketRow): Promise<boolean> {
  const inserted = await db.insert(tickets).values(row).onConflictDoNothing().returning({ id: tickets.id });
  return inserted.length > 0;
}

/** `reference` in its canonical form (DF-XXXX-XX, parseReference). */
export async function getTicketByReference(db: Executor, reference: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(tickets).where(eq(tickets.reference, reference)).limit(1);
  return row;
}

export async function getTicketById(db: Executor, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return row;
}

export async function getTicketByIdempotencyKey(db: Executor, key: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(tickets).where(eq(tickets.idempotencyKey, key)).limit(1);
  return row;
}

export async function updateTicket(db: Executor, id: string, set: Partial<NewTicketRow>): Promise<TicketRow | undefined> {
  const [row] = await db.update(tickets).set(set).where(eq(tickets.id, id)).returning();
  return row;
}

/** Newest first; the cursor is the last id of the previous page (ids sort by creation time). */
export async function listTickets(
  db: Executor,
  p: { limit: number; cursor?: string; status?: TicketRow["status"]; decision?: NonNullable<TicketRow["decision"]>; channel?: TicketRow["channel"]; reference?: string },
): Promise<TicketRow[]> {
  const conds: SQL[] = [];
  if (p.cursor) conds.push(lt(tickets.id, p.cursor));
  if (p.status) conds.push(eq(tickets.status, p.status));
  if (p.decision) conds.push(eq(tickets.decision, p.decision));
  if (p.channel) conds.push(eq(tickets.channel, p.channel));
  if (p.reference) conds.push(eq(tickets.reference, p.reference));
  return db
    .select()
    .from(tickets)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(tickets.id))
    .limit(p.limit);
}

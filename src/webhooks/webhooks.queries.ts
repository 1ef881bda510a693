import { and, arrayContains, desc, eq, lt, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { webhookDeliveries, webhookSubscriptions } from "../db/schema/index.js";

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export async function listActiveSubscriptionIdsFor(db: Executor, event: string): Promise<string[]> {
  const rows = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.active, true), arrayContains(webhookSubscriptions.events, [event])));
  return rows.map((r) => r.id);
}

export async function insertDeliveries(db: Executor, rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(webhookDeliveries).values(rows);
}

export async function insertSubscription(db: Executor, row: typeof webhookSubscriptions.$inferInsert): Promise<SubscriptionRow> {
  const [created] = await db.insert(webhookSubscriptions).values(row).returning();
  if (!created) throw new Error("insert webhook subscription returned nothing");
  return created;
}

export async function listSubscriptions(db: Executor): Promise<SubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id));
}

export async function getSubscription(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).limit(1);
  return row;
}

export async function deleteSubscription(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).returning({ id: webhookSubscriptions.id });
  return rows.length > 0;
}

/** Deliveries of one subscription, newest first; `before` is the id cursor of the previous page. */
export async function listDeliveries(db: Executor, subscriptionId: string, limit: number, before?: string): Promise<DeliveryRow[]> {
  const conditions = [eq(webhookDeliveries.subscriptionId, subscriptionId)];
  if (before) conditions.push(lt(webhookDeliveries.id, before));
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}

export interface ClaimedDelivery {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  created_at: Date | string;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries for `leaseMs`: rows another replica holds are skipped
 * (SKIP LOCKED) and the lease makes a crashed worker's rows due again once it expires.
 */
export async function claimDueDeliveries(db: Executor, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  const until = new Date(now.getTime() + leaseMs);
  return queryRows<ClaimedDelivery & Record<string, unknown>>(
    db,
    sql`with due as (
          select d.id from webhook_deliveries d
          where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
            and (d.locked_until is null or d.locked_until <= ${now.toISOString()}::timestamptz)
          order by d.next_attempt_at, d.id
          limit ${limit}
          for update skip locked
        )
        update webhook_deliveries d set locked_until = ${until.toISOString()}::timestamptz, attempts = d.attempts + 1
        from due, webhook_subscriptions s
        where d.id = due.id and s.id = d.subscription_id
        returning d.id, d.event, d.payload, d.attempts, d.created_at, s.url, s.secret`,
  );
}

export async function finishDelivery(
  db: Executor,
  id: string,
  result: { status: "delivered" | "pending" | "failed"; lastStatus: number | null; lastError: string | null; nextAttemptAt?: Date; deliveredAt?: Date },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: result.status,
      lastStatus: result.lastStatus,
      lastError: result.lastError,
      lockedUntil: null,
      ...(result.nextAttemptAt ? { nextAttemptAt: result.nextAttemptAt } : {}),
      ...(result.deliveredAt ? { deliveredAt: result.deliveredAt } : {}),
    })
    .where(eq(webhookDeliveries.id, id));
}

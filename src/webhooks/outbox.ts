import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import type { WebhookEvent } from "./events.js";
import { insertDeliveries, listActiveSubscriptionIdsFor } from "./webhooks.queries.js";

export type { WebhookEvent } from "./events.js";

/**
 * Writes one outbox row per active subscription to `event`, in the caller's transaction: the
 * webhook exists exactly when the change that caused it commits. Nothing is sent here; the
 * delivery task posts the rows later, so a slow or dead receiver never blocks a request.
 */
export async function enqueueWebhookEvent(tx: Executor, deps: Pick<Deps, "clock">, event: WebhookEvent, payload: object): Promise<void> {
  const subscriptionIds = await listActiveSubscriptionIdsFor(tx, event);
  if (subscriptionIds.length === 0) return;
  const now = deps.clock.now();
  await insertDeliveries(
    tx,
    subscriptionIds.map((subscriptionId) => ({
      id: newId("delivery"),
      subscriptionId,
      event,
      payload: payload as Record<string, unknown>,
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
}

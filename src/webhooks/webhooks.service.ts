import { recordAudit } from "../access/audit.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { NotFoundError } from "../errors.js";
import type { Caller } from "../http/env.js";
import { newWebhookSecret } from "./signature.js";
import type { CreateWebhook } from "./webhooks.schemas.js";
import { deleteSubscription, type DeliveryRow, getSubscription, insertSubscription, type SubscriptionRow } from "./webhooks.queries.js";

type Ctx = { deps: Pick<Deps, "database" | "clock">; caller: Pick<Caller, "name" | "role"> };

/** Creates a subscription; the secret is returned here once and only stored for signing. */
export async function createWebhook({ deps, caller, input }: Ctx & { input: CreateWebhook }): Promise<{ subscription: SubscriptionRow; secret: string }> {
  const secret = newWebhookSecret();
  return deps.database.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const subscription = await insertSubscription(tx, {
      id: newId("webhook"),
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      description: input.description ?? null,
      createdAt: now,
    });
    await recordAudit(tx, caller, "webhook.create", "webhook", subscription.id, { url: input.url, events: subscription.events }, now);
    return { subscription, secret };
  });
}

/** Deletes a subscription and its delivery log; pending deliveries are dropped with it. */
export async function removeWebhook({ deps, caller, input }: Ctx & { input: { id: string } }): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const sub = await getSubscription(tx, input.id);
    if (!sub) throw new NotFoundError("webhook", input.id);
    await deleteSubscription(tx, sub.id);
    await recordAudit(tx, caller, "webhook.delete", "webhook", sub.id, { url: sub.url }, deps.clock.now());
  });
}

export function toWebhookDto(s: SubscriptionRow) {
  return { id: s.id, url: s.url, events: s.events, active: s.active, description: s.description, createdAt: s.createdAt.toISOString() };
}

export function toDeliveryDto(d: DeliveryRow) {
  return {
    id: d.id,
    event: d.event,
    status: d.status as "pending" | "delivered" | "failed",
    attempts: d.attempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
    payload: d.payload,
  };
}

import { recordAudit } from "../audit/audit.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import { newWebhookSecret } from "./signature.js";
import { loadWebhookTransport, type WebhookTransport } from "./transport.js";
import { addressRefusal, checkWebhookUrl, destinationPolicy, WebhookUrlForbiddenError } from "./url-policy.js";
import type { CreateWebhook } from "./webhooks.schemas.js";
import { deleteSubscription, type DeliveryRow, getSubscription, insertSubscription, type SubscriptionRow } from "./webhooks.queries.js";

type Ctx = { deps: Pick<Deps, "database" | "clock" | "config" | "runtime">; caller: Pick<Caller, "name" | "role"> };

/**
 * The canonical URL if `raw` may receive webhooks; else WebhookUrlForbiddenError. A host name is
 * judged by every address it resolves to now (on Node; Workers cannot resolve and cannot reach
 * private networks). One that does not resolve yet is accepted: each delivery checks again.
 */
export async function checkWebhookDestination(deps: Pick<Deps, "config" | "runtime">, raw: string, transport?: WebhookTransport): Promise<URL> {
  const policy = destinationPolicy(deps.config);
  const check = checkWebhookUrl(raw, policy);
  if (!check.ok) throw new WebhookUrlForbiddenError(check.reason, check.allowable);
  if (check.allowListed || check.literal) return check.url;
  const resolver = transport ?? (await loadWebhookTransport(deps.runtime));
  for (const address of (await resolver.resolve(check.host, deps.config.WEBHOOK_TIMEOUT_MS)) ?? []) {
    const label = addressRefusal(address, policy);
    if (label) throw new WebhookUrlForbiddenError(`${check.host} resolves to ${label}`, true);
  }
  return check.url;
}

/** Creates a subscription; the secret is returned here once and only stored for signing. */
export async function createWebhook({
  deps,
  caller,
  input,
  transport,
}: Ctx & { input: CreateWebhook; transport?: WebhookTransport }): Promise<{ subscription: SubscriptionRow; secret: string }> {
  const url = (await checkWebhookDestination(deps, input.url, transport)).href;
  const secret = newWebhookSecret();
  return deps.database.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const subscription = await insertSubscription(tx, {
      id: newId("webhook"),
      url,
      events: [...new Set(input.events)],
      secret,
      description: input.description ?? null,
      createdAt: now,
    });
    await recordAudit(tx, caller, "webhook.create", "webhook", subscription.id, { url, events: subscription.events }, now);
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

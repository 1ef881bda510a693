import type { Deps } from "../deps.js";
import { signWebhook } from "./signature.js";
import { loadWebhookTransport, type WebhookTransport } from "./transport.js";
import { ALLOW_SETTINGS, addressRefusal, checkWebhookUrl, type DestinationPolicy, destinationPolicy } from "./url-policy.js";
import { type ClaimedDelivery, claimDueDeliveries, finishDelivery } from "./webhooks.queries.js";

const BATCH = 20;
const MAX_BATCHES = 50;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** Exponential backoff with jitter: 30 s, 1 min, 2 min… (×0.5–1.0 random), capped at 6 h. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const raw = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.5 + random() * 0.5));
}

export interface DeliveryResult {
  delivered: number;
  retried: number;
  failed: number;
  /** Not attempted: the URL or an address it resolves to is not allowed (see url-policy.ts); failed at once. */
  refused: number;
}

/** The body a receiver gets: the delivery id is the idempotency key for receivers. */
export function webhookBody(d: Pick<ClaimedDelivery, "id" | "event" | "payload" | "created_at">): string {
  const occurredAt = d.created_at instanceof Date ? d.created_at.toISOString() : new Date(d.created_at).toISOString();
  const data = typeof d.payload === "string" ? (JSON.parse(d.payload) as unknown) : d.payload;
  return JSON.stringify({ id: d.id, event: d.event, occurredAt, data });
}

type Attempt = { ok: boolean; refused: boolean; status: number | null; error: string | null };

const refusedAttempt = (reason: string, allowable = true): Attempt => ({
  ok: false,
  refused: true,
  status: null,
  error: `refused, nothing was sent: ${reason}${allowable ? `; allow an on-premise receiver with ${ALLOW_SETTINGS}` : ""}`.slice(0, 500),
});

/**
 * One POST. The URL text is checked again (rows may predate a policy change) and, on Node, every
 * address the host resolves to, at connect time. The log says what a receiver's owner needs and
 * no more: its status, "timed out", or "could not connect" — never the socket error, which would
 * tell an admin key which internal ports are open.
 */
async function post(deps: Deps, transport: WebhookTransport, policy: DestinationPolicy, d: ClaimedDelivery): Promise<Attempt> {
  const check = checkWebhookUrl(d.url, policy);
  if (!check.ok) return refusedAttempt(check.reason, check.allowable);
  const body = webhookBody(d);
  const outcome = await transport.post({
    url: check.url,
    headers: {
      "content-type": "application/json",
      "user-agent": `Deflect-Webhooks/${deps.version}`,
      "x-deflect-event": d.event,
      "x-deflect-delivery": d.id,
      "x-deflect-signature": await signWebhook(d.secret, body, deps.clock.now()),
    },
    body,
    timeoutMs: deps.config.WEBHOOK_TIMEOUT_MS,
    refuseAddress: (address) => {
      if (check.allowListed) return undefined;
      const label = addressRefusal(address, policy);
      return label && `${check.host} resolves to ${label}`;
    },
  });
  switch (outcome.kind) {
    case "answered": {
      const { status } = outcome;
      if (status >= 200 && status < 300) return { ok: true, refused: false, status, error: null };
      const error = status >= 300 && status < 400 ? `receiver answered ${status}; redirects are not followed` : `receiver answered ${status}`;
      return { ok: false, refused: false, status, error };
    }
    case "refused":
      return refusedAttempt(outcome.reason);
    case "timeout":
      return { ok: false, refused: false, status: null, error: `timed out after ${deps.config.WEBHOOK_TIMEOUT_MS} ms` };
    case "unreachable":
      return { ok: false, refused: false, status: null, error: "could not connect to the receiver" };
  }
}

/**
 * Delivers due outbox rows. Claiming is one short transaction (SKIP LOCKED + a lease of twice the
 * timeout); the POSTs run outside any transaction, so a slow receiver holds no lock and blocks no
 * request. A 2xx marks the row delivered; a refused destination marks it failed at once (a policy
 * answer, not a transient one); anything else retries with backoff until WEBHOOK_MAX_ATTEMPTS,
 * then marks it failed. `transport` is for tests; the runtime's own is used otherwise.
 */
export async function deliverWebhooks(deps: Deps, transport?: WebhookTransport): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, retried: 0, failed: 0, refused: 0 };
  const leaseMs = deps.config.WEBHOOK_TIMEOUT_MS * 2 + 5_000;
  const policy = destinationPolicy(deps.config);
  const sender = transport ?? (await loadWebhookTransport(deps.runtime));
  for (let i = 0; i < MAX_BATCHES; i++) {
    const claimed = await deps.database.db.transaction((tx) => claimDueDeliveries(tx, deps.clock.now(), leaseMs, BATCH));
    await Promise.all(
      claimed.map(async (d) => {
        const outcome = await post(deps, sender, policy, d);
        const now = deps.clock.now();
        if (outcome.ok) {
          result.delivered += 1;
          return finishDelivery(deps.database.db, d.id, { status: "delivered", lastStatus: outcome.status, lastError: null, deliveredAt: now });
        }
        const exhausted = outcome.refused || d.attempts >= deps.config.WEBHOOK_MAX_ATTEMPTS;
        if (outcome.refused) result.refused += 1;
        else if (exhausted) result.failed += 1;
        else result.retried += 1;
        return finishDelivery(deps.database.db, d.id, {
          status: exhausted ? "failed" : "pending",
          lastStatus: outcome.status,
          lastError: outcome.error,
          ...(exhausted ? {} : { nextAttemptAt: new Date(now.getTime() + backoffMs(d.attempts)) }),
        });
      }),
    );
    if (claimed.length < BATCH) break;
  }
  return result;
}

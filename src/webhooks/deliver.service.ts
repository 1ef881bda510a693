import type { Deps } from "../deps.js";
import { signWebhook } from "./signature.js";
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
}

/** The body a receiver gets: the delivery id is the idempotency key for receivers. */
export function webhookBody(d: Pick<ClaimedDelivery, "id" | "event" | "payload" | "created_at">): string {
  const occurredAt = d.created_at instanceof Date ? d.created_at.toISOString() : new Date(d.created_at).toISOString();
  const data = typeof d.payload === "string" ? (JSON.parse(d.payload) as unknown) : d.payload;
  return JSON.stringify({ id: d.id, event: d.event, occurredAt, data });
}

async function post(deps: Deps, d: ClaimedDelivery): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const body = webhookBody(d);
  try {
    const res = await fetch(d.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": `Deflect-Webhooks/${deps.version}`,
        "x-deflect-event": d.event,
        "x-deflect-delivery": d.id,
        "x-deflect-signature": await signWebhook(d.secret, body, deps.clock.now()),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(deps.config.WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => {});
    return res.status >= 200 && res.status < 300
      ? { ok: true, status: res.status, error: null }
      : { ok: false, status: res.status, error: `receiver answered ${res.status}` };
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    const message = name === "TimeoutError" ? `timed out after ${deps.config.WEBHOOK_TIMEOUT_MS} ms` : err instanceof Error ? err.message : String(err);
    return { ok: false, status: null, error: message.slice(0, 500) };
  }
}

/**
 * Delivers due outbox rows. Claiming is one short transaction (SKIP LOCKED + a lease of twice the
 * timeout); the POSTs run outside any transaction, so a slow receiver holds no lock and blocks no
 * request. A 2xx marks the row delivered; anything else retries with backoff until
 * WEBHOOK_MAX_ATTEMPTS, then marks it failed.
 */
export async function deliverWebhooks(deps: Deps): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, retried: 0, failed: 0 };
  const leaseMs = deps.config.WEBHOOK_TIMEOUT_MS * 2 + 5_000;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const claimed = await deps.database.db.transaction((tx) => claimDueDeliveries(tx, deps.clock.now(), leaseMs, BATCH));
    await Promise.all(
      claimed.map(async (d) => {
        const outcome = await post(deps, d);
        const now = deps.clock.now();
        if (outcome.ok) {
          result.delivered += 1;
          return finishDelivery(deps.database.db, d.id, { status: "delivered", lastStatus: outcome.status, lastError: null, deliveredAt: now });
        }
        const exhausted = d.attempts >= deps.config.WEBHOOK_MAX_ATTEMPTS;
        if (exhausted) result.failed += 1;
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

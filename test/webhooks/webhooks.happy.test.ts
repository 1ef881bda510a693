import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries } from "../../src/db/schema/index.js";
import { deliverWebhooks } from "../../src/webhooks/deliver.service.js";
import { verifyWebhookSignature } from "../../src/webhooks/signature.js";
import { escalate, insertTicket } from "../escalations/support.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { deadUrl, startReceiver } from "./receiver.js";
import { readJson, present } from "../support/api.js";
import { CreatedWebhookSchema } from "../../src/webhooks/webhooks.schemas.js";
import { DeliveryPageSchema, WebhookListSchema } from "../../src/webhooks/webhooks.routes.js";
import { TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  // The receivers listen on 127.0.0.1, which is refused by default: allowed here explicitly.
  ctx = await createTestContext({ config: { WEBHOOK_MAX_ATTEMPTS: "3", WEBHOOK_TIMEOUT_MS: "1500", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } });
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

async function subscribe(url: string, events = ["escalation.created"]) {
  const res = await ctx.req("POST", "/v1/webhooks", { url, events, description: "ops" }, "admin");
  expect(res.status).toBe(201);
  return readJson(res, CreatedWebhookSchema);
}

const log = async (id: string) => (await readJson(await ctx.req("GET", `/v1/webhooks/${id}/deliveries`, undefined, "admin"), DeliveryPageSchema)).deliveries;

describe("webhook delivery", () => {
  it("posts a signed JSON body the receiver can verify with the secret shown once", async () => {
    const receiver = await startReceiver();
    try {
      const sub = await subscribe(receiver.url);
      expect(sub.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      const list = await readJson(await ctx.req("GET", "/v1/webhooks", undefined, "admin"), WebhookListSchema);
      expect(list.webhooks).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

      const esc = await readJson(await escalate(ctx, (await insertTicket(ctx)).id), TicketEscalatedSchema);
      expect(receiver.received).toHaveLength(0); // the request did not wait for the receiver
      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 1, retried: 0, failed: 0, refused: 0 });

      const [got] = receiver.received;
      if (!got) throw new Error("nothing received");
      const signature = got.headers["x-deflect-signature"] as string;
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(signature.startsWith(`t=${Math.floor(ctx.clock.now().getTime() / 1000)},`)).toBe(true);
      expect(await verifyWebhookSignature(sub.secret, got.body, signature)).toBe(true);
      expect(await verifyWebhookSignature(sub.secret, got.body.replace("open", "shut"), signature)).toBe(false);
      expect(await verifyWebhookSignature("whsec_wrong", got.body, signature)).toBe(false);
      const body = JSON.parse(got.body);
      expect(body).toMatchObject({ event: "escalation.created", data: { escalation: { id: esc.id, status: "open" } } });
      expect(body.data.handoff.text).toContain("charged twice");
      expect(got.headers["x-deflect-delivery"]).toBe(body.id);

      expect(await log(sub.id)).toEqual([expect.objectContaining({ id: body.id, status: "delivered", attempts: 1, lastStatus: 200 })]);
      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 0, retried: 0, failed: 0, refused: 0 });
    } finally {
      await receiver.close();
    }
  });

  it("retries a failing receiver with backoff, then delivers with the same delivery id", async () => {
    const receiver = await startReceiver((n, res) => res.writeHead(n === 1 ? 503 : 204).end());
    try {
      const sub = await subscribe(receiver.url);
      await escalate(ctx, (await insertTicket(ctx)).id);
      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 0, retried: 1, failed: 0, refused: 0 });
      const [pending] = await log(sub.id);
      expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatus: 503, lastError: "receiver answered 503" });
      const wait = new Date(present(pending?.nextAttemptAt, "the next attempt of the pending delivery")).getTime() - ctx.clock.now().getTime();
      expect(wait).toBeGreaterThanOrEqual(15_000);
      expect(wait).toBeLessThanOrEqual(30_000);

      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 0, retried: 0, failed: 0, refused: 0 }); // not due yet
      ctx.clock.advance(wait);
      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 1, retried: 0, failed: 0, refused: 0 });
      expect(receiver.received.map((r) => r.headers["x-deflect-delivery"])).toEqual([pending?.id, pending?.id]);
      expect((await log(sub.id))[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 204 });
    } finally {
      await receiver.close();
    }
  });

  it("marks a delivery failed after WEBHOOK_MAX_ATTEMPTS when the receiver is down or hangs", async () => {
    const hanging = await startReceiver(() => {});
    try {
      const down = await subscribe(await deadUrl());
      const slow = await subscribe(hanging.url);
      const started = Date.now();
      const res = await escalate(ctx, (await insertTicket(ctx)).id);
      expect(res.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(5_000);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const r = await deliverWebhooks(ctx.deps);
        expect(r).toEqual(attempt < 3 ? { delivered: 0, retried: 2, failed: 0, refused: 0 } : { delivered: 0, retried: 0, failed: 2, refused: 0 });
        ctx.clock.advance(6 * 60 * 60_000);
      }
      // No socket error text (ECONNREFUSED, addresses): the log is not a port scanner.
      expect((await log(down.id))[0]).toMatchObject({ status: "failed", attempts: 3, lastStatus: null, nextAttemptAt: null, lastError: "could not connect to the receiver" });
      expect((await log(slow.id))[0]).toMatchObject({ status: "failed", attempts: 3, lastError: "timed out after 1500 ms" });
      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 0, retried: 0, failed: 0, refused: 0 });
    } finally {
      await hanging.close();
    }
  });

  it("only writes deliveries for subscribed, existing subscriptions", async () => {
    const sub = await subscribe("http://127.0.0.1:9/a", ["escalation.resolved"]);
    await escalate(ctx, (await insertTicket(ctx)).id);
    expect(await ctx.database.db.select().from(webhookDeliveries)).toEqual([]);
    expect((await ctx.req("DELETE", `/v1/webhooks/${sub.id}`, undefined, "admin")).status).toBe(204);
    expect((await readJson(await ctx.req("GET", "/v1/webhooks", undefined, "admin"), WebhookListSchema)).webhooks).toEqual([]);
  });
});

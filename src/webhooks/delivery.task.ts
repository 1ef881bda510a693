import type { BackgroundTask } from "../background.js";
import { deliverWebhooks } from "./deliver.service.js";

/** Periodic outbox delivery; replicas split the rows with SKIP LOCKED. */
export const webhookDeliveryTask: BackgroundTask = {
  name: "webhook-delivery",
  intervalMs: (deps) => deps.config.WEBHOOK_DELIVERY_INTERVAL_MS,
  run: async (deps) => {
    const r = await deliverWebhooks(deps);
    if (r.delivered + r.retried + r.failed > 0) deps.logger.info("webhook delivery", { ...r });
  },
};

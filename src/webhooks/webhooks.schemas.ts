import { z } from "@hono/zod-openapi";
import { webhookEvents } from "./events.js";

export const CreateWebhookSchema = z
  .object({
    url: z
      .string()
      .url()
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), { message: "Only http and https URLs can receive webhooks" }),
    events: z.array(z.enum(webhookEvents)).min(1).max(webhookEvents.length),
    description: z.string().max(500).optional(),
  })
  .strict()
  .openapi("CreateWebhook");

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    description: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Webhook");

export const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({ description: "Signing secret; shown only in this response" }),
}).openapi("CreatedWebhook");

export const DeliverySchema = z
  .object({
    id: z.string(),
    event: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    payload: z.unknown(),
  })
  .openapi("WebhookDelivery");

export type CreateWebhook = z.infer<typeof CreateWebhookSchema>;

import { z } from "@hono/zod-openapi";
import { NotFoundError } from "../errors.js";
import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { ProblemSchema } from "../http/errors.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { CreatedWebhookSchema, CreateWebhookSchema, DeliverySchema, WebhookSchema } from "./webhooks.schemas.js";
import { getSubscription, listDeliveries, listSubscriptions } from "./webhooks.queries.js";
import { createWebhook, removeWebhook, toDeliveryDto, toWebhookDto } from "./webhooks.service.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const tags = ["Webhooks"];

/** GET /v1/webhooks */
export const WebhookListSchema = z.object({ webhooks: z.array(WebhookSchema) });
/** GET /v1/webhooks/{id}/deliveries */
export const DeliveryPageSchema = z.object({ deliveries: z.array(DeliverySchema), nextCursor: z.string().nullable() });
const signatureDoc =
  'Each delivery is a POST of `{ id, event, occurredAt, data }` with header `X-Deflect-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. ' +
  "Verify by recomputing the HMAC over the raw body and rejecting timestamps older than ~5 minutes; `id` (also `X-Deflect-Delivery`) is stable across retries. " +
  "Non-2xx answers (redirects are not followed) and timeouts (WEBHOOK_TIMEOUT_MS) are retried with exponential backoff and jitter until WEBHOOK_MAX_ATTEMPTS, then the delivery is marked failed. " +
  "Only public receivers are accepted: a URL with credentials, or whose host is or resolves to a loopback, private, link-local, unique-local, CGNAT, reserved or metadata address, " +
  "is refused with WEBHOOK_URL_FORBIDDEN at creation and again, address by address, at every delivery (logged as `refused`). WEBHOOK_ALLOWED_HOSTS and WEBHOOK_ALLOW_PRIVATE_CIDRS allow on-premise receivers.";

const createWebhookRoute = defineRoute({
  method: "post",
  path: "/v1/webhooks",
  operationId: "createWebhook",
  tags,
  summary: "Subscribe a URL to events (the signing secret is shown once)",
  description: signatureDoc,
  roles: ADMIN_ONLY,
  request: { body: jsonBody(CreateWebhookSchema) },
  responses: {
    201: jsonContent(CreatedWebhookSchema, "Created; keep the secret"),
    400: {
      description: "VALIDATION_FAILED, MALFORMED_JSON, or WEBHOOK_URL_FORBIDDEN: the URL is not a public receiver (`reason` says why, `settings` which allow it)",
      content: { "application/problem+json": { schema: ProblemSchema } },
    },
  },
});

const listWebhooksRoute = defineRoute({
  method: "get",
  path: "/v1/webhooks",
  operationId: "listWebhooks",
  tags,
  summary: "List subscriptions (without secrets)",
  roles: ADMIN_ONLY,
  responses: { 200: jsonContent(WebhookListSchema, "Subscriptions") },
});

const deleteWebhookRoute = defineRoute({
  method: "delete",
  path: "/v1/webhooks/{id}",
  operationId: "deleteWebhook",
  tags,
  summary: "Delete a subscription and its delivery log",
  roles: ADMIN_ONLY,
  request: { params: IdParams },
  responses: { 204: { description: "Deleted" } },
  errors: { 404: "NOT_FOUND" },
});

const deliveriesRoute = defineRoute({
  method: "get",
  path: "/v1/webhooks/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  tags,
  summary: "Delivery log of one subscription, newest first",
  roles: ADMIN_ONLY,
  request: {
    params: IdParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().min(1).optional().openapi({ description: "nextCursor of the previous page" }),
    }),
  },
  responses: { 200: jsonContent(DeliveryPageSchema, "Deliveries") },
  errors: { 404: "NOT_FOUND" },
});

/** Admin API of webhook subscriptions and their delivery log. */
export function registerWebhookRoutes(app: App): void {
  app.openapi(createWebhookRoute, async (c) => {
    const { subscription, secret } = await createWebhook({ deps: c.var.deps, caller: c.var.caller, input: c.req.valid("json") });
    return c.json({ ...toWebhookDto(subscription), secret }, 201);
  });
  app.openapi(listWebhooksRoute, async (c) => c.json({ webhooks: (await listSubscriptions(c.var.deps.database.db)).map(toWebhookDto) }, 200));
  app.openapi(deleteWebhookRoute, async (c) => {
    await removeWebhook({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id } });
    return c.body(null, 204);
  });
  app.openapi(deliveriesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const db = c.var.deps.database.db;
    if (!(await getSubscription(db, id))) throw new NotFoundError("webhook", id);
    const rows = await listDeliveries(db, id, limit + 1, cursor);
    const page = rows.slice(0, limit);
    return c.json({ deliveries: page.map(toDeliveryDto), nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null }, 200);
  });
}

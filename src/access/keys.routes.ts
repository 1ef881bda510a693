import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { CreatedKeySchema, CreateKeyInput, KeyIdParam, KeyListSchema, KeySchema } from "./keys.schemas.js";
import { createApiKey, listApiKeys, revokeApiKey, toKeyView } from "./keys.service.js";

const createKey = defineRoute({
  method: "post",
  path: "/v1/keys",
  operationId: "createApiKey",
  tags: ["Access"],
  summary: "Create an API key (the secret is in this response only)",
  description: "Needs an admin key, so the first admin key can only come from `npm run keys -- create --role admin`.",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(CreateKeyInput) },
  responses: { 201: jsonContent(CreatedKeySchema, "The new key with its secret") },
});

const listKeys = defineRoute({
  method: "get",
  path: "/v1/keys",
  operationId: "listApiKeys",
  tags: ["Access"],
  summary: "List API keys (prefix, role, name, times; never hashes or secrets)",
  roles: ADMIN_ONLY,
  responses: { 200: jsonContent(KeyListSchema, "Every key, newest first") },
});

const revokeKey = defineRoute({
  method: "delete",
  path: "/v1/keys/{id}",
  operationId: "revokeApiKey",
  tags: ["Access"],
  summary: "Revoke an API key at once (idempotent)",
  roles: ADMIN_ONLY,
  request: { params: KeyIdParam },
  responses: { 200: jsonContent(KeySchema, "The revoked key") },
  errors: { 404: "NOT_FOUND", 409: "CONFLICT: the last active admin key (reason LAST_ADMIN_KEY)" },
});

/** Keys and the audit log: everything here is admin-only and audited. */
export function registerKeyRoutes(app: App): void {
  app.openapi(createKey, async (c) => {
    const input = c.req.valid("json");
    const { key, secret } = await createApiKey({ deps: c.var.deps, input, actor: c.var.caller });
    return c.json({ ...toKeyView(key), secret }, 201);
  });
  app.openapi(listKeys, async (c) => c.json({ keys: await listApiKeys({ deps: c.var.deps }) }, 200));
  app.openapi(revokeKey, async (c) => {
    const { id } = c.req.valid("param");
    const key = await revokeApiKey({ deps: c.var.deps, input: { id, keepAnAdmin: true }, actor: c.var.caller });
    return c.json(key, 200);
  });
}

import { z } from "@hono/zod-openapi";

export const KeyRoleSchema = z.enum(["agent", "expert", "admin"]).openapi({ example: "agent" });

export const CreateKeyInput = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: "Helpdesk integration" }),
    role: KeyRoleSchema,
  })
  .strict()
  .openapi("CreateKeyInput");

export const KeySchema = z
  .object({
    id: z.string().openapi({ example: "key_01jq3v7m8xe2n0c1d6k9t4w5ab" }),
    name: z.string(),
    role: KeyRoleSchema,
    prefix: z.string().openapi({ description: "First characters of the secret, to recognise it", example: "dfl_agent_Xk3q" }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revoked: z.boolean(),
  })
  .openapi("ApiKey");

export const CreatedKeySchema = KeySchema.extend({
  secret: z.string().openapi({ description: "The key itself. Shown once, never again: store it now." }),
}).openapi("CreatedApiKey");

export const KeyListSchema = z.object({ keys: z.array(KeySchema) }).openapi("ApiKeyList");

export const KeyIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "key_01jq3v7m8xe2n0c1d6k9t4w5ab" }),
});

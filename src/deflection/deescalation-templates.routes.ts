import { z } from "@hono/zod-openapi";
import { isLanguageCode } from "../articles/language-codes.js";
import { deescalationParts } from "../db/schema/index.js";
import { PLACEHOLDERS } from "./deescalation-phrases.js";
import { listDeescalationTemplates } from "./deescalation.queries.js";
import { addDeescalationTemplate, ensureDeescalationTemplatesSeeded, removeDeescalationTemplate } from "./deescalation.service.js";
import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";

const language = z.string().trim().toLowerCase().refine(isLanguageCode, "must be an ISO 639-1 code such as en, cs, fi, pt");
const placeholders = PLACEHOLDERS.map((p) => `{${p}}`).join(", ");

export const DeescalationTemplateSchema = z
  .object({
    id: z.string().openapi({ example: "dtpl_01jq3v7m8xe2n0c1d6k9t4w5ab" }),
    language: z.string(),
    part: z.enum(deescalationParts),
    level: z.number().int().min(1).max(3).nullable().openapi({ description: "Frustration level 1–3; null = every level (step, ownership, avoid only)" }),
    text: z.string(),
    enabled: z.boolean(),
    position: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("DeescalationTemplate");

/** GET /v1/settings/deescalation-templates */
export const DeescalationTemplateListSchema = z.object({ items: z.array(DeescalationTemplateSchema) });

export const NewDeescalationTemplateSchema = z
  .object({
    language,
    part: z.enum(deescalationParts).openapi({ description: "technique | step | opening | ownership | avoid | customer (the customer-facing confirmation)" }),
    level: z
      .number()
      .int()
      .min(1)
      .max(3)
      .nullable()
      .optional()
      .openapi({ description: "1 annoyed, 2 angry, 3 needs a human now; null or absent = every level (step, ownership, avoid only)" }),
    text: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .openapi({ description: `Placeholders: ${placeholders}; any other {name} is rejected` }),
    enabled: z.boolean().optional(),
    position: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .openapi({ description: "Order within the part (lower first; the first enabled one is used). Default: after the last" }),
  })
  .strict()
  .openapi("NewDeescalationTemplate");

const ListQuery = z.object({
  language: language.optional().openapi({ param: { name: "language", in: "query" } }),
  part: z
    .enum(deescalationParts)
    .optional()
    .openapi({ param: { name: "part", in: "query" } }),
});

const toDto = (r: {
  id: string;
  language: string;
  part: (typeof deescalationParts)[number];
  level: number | null;
  text: string;
  enabled: boolean;
  position: number;
  createdAt: Date;
}) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

const listRoute = defineRoute({
  method: "get",
  path: "/v1/settings/deescalation-templates",
  operationId: "listDeescalationTemplates",
  tags: ["settings"],
  summary: "Curated de-escalation templates (seeded with the defaults on first use)",
  roles: ADMIN_ONLY,
  request: { query: ListQuery },
  responses: { 200: jsonContent(DeescalationTemplateListSchema, "Templates by language, part, level and position") },
});
const addRoute = defineRoute({
  method: "post",
  path: "/v1/settings/deescalation-templates",
  operationId: "addDeescalationTemplate",
  tags: ["settings"],
  summary: "Add a de-escalation template (audited)",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(NewDeescalationTemplateSchema) },
  responses: { 201: jsonContent(DeescalationTemplateSchema, "The new template") },
  errors: { 400: "VALIDATION_FAILED naming the field (an unknown placeholder in text; a per-level part without level)", 409: "CONFLICT: the same template exists" },
});
const deleteRoute = defineRoute({
  method: "delete",
  path: "/v1/settings/deescalation-templates/{id}",
  operationId: "deleteDeescalationTemplate",
  tags: ["settings"],
  summary: "Remove a de-escalation template (audited)",
  roles: ADMIN_ONLY,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 204: { description: "Removed" } },
  errors: { 404: "NOT_FOUND" },
});

/** Admin editing of the curated wording behind the agent's de-escalation brief. */
export function registerDeescalationTemplateRoutes(app: App): void {
  app.openapi(listRoute, async (c) => {
    await ensureDeescalationTemplatesSeeded(c.var.deps);
    const rows = await listDeescalationTemplates(c.var.deps.database.db, c.req.valid("query"));
    return c.json({ items: rows.map(toDto) }, 200);
  });
  app.openapi(addRoute, async (c) => {
    const row = await addDeescalationTemplate({ deps: c.var.deps, input: c.req.valid("json"), caller: c.var.caller });
    return c.json(toDto(row), 201);
  });
  app.openapi(deleteRoute, async (c) => {
    await removeDeescalationTemplate({ deps: c.var.deps, id: c.req.valid("param").id, caller: c.var.caller });
    return c.body(null, 204);
  });
}

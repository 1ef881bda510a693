import { z } from "@hono/zod-openapi";
import { isLanguageCode } from "../articles/language-codes.js";
import { SIGNAL_KINDS } from "./signal-defaults.js";
import { addSignalPhrase, loadSignalPhrases, removeSignalPhrase } from "./signals.service.js";
import { listSignalPhrases } from "./signals.queries.js";
import { ThresholdsSchema } from "./policy.js";
import { DeflectionProfileSchema } from "./profiles.schemas.js";
import { embedderFamily } from "../embeddings/embedder.js";
import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { getThresholds, putThresholds } from "./thresholds.service.js";

export const ThresholdsResponse = z
  .object({
    thresholds: ThresholdsSchema,
    isDefault: z.boolean(),
    defaults: ThresholdsSchema,
    model: z.object({ source: z.string(), fittedAt: z.string().nullable(), family: z.string().nullable() }),
    profile: DeflectionProfileSchema,
  })
  .openapi("ThresholdsState");

export const SignalPhraseSchema = z
  .object({ id: z.string(), language: z.string(), kind: z.string(), phrase: z.string(), enabled: z.boolean(), createdAt: z.string() })
  .openapi("SignalPhrase");

/** GET /v1/settings/signal-phrases */
export const SignalPhraseListSchema = z.object({ items: z.array(SignalPhraseSchema) });

export const NewSignalPhraseSchema = z
  .object({
    language: z.string().refine(isLanguageCode, "must be an ISO 639-1 code"),
    kind: z.enum(SIGNAL_KINDS),
    phrase: z.string().trim().min(1).max(200).openapi({ description: "Syntax: word* (any ending), a/b (alternatives), .. (up to 3 words between)" }),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi("NewSignalPhrase");

const toDto = (r: { id: string; language: string; kind: string; phrase: string; enabled: boolean; createdAt: Date }) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

export const SettingsOverview = z
  .object({
    embedder: z.object({ id: z.string(), family: z.string(), lexical: z.boolean() }),
    deflection: ThresholdsResponse,
  })
  .openapi("SettingsOverview");

const getSettingsRoute = defineRoute({
  method: "get",
  path: "/v1/settings",
  operationId: "getSettings",
  tags: ["settings"],
  summary: "The serving embedder, its confidence profile, the model and thresholds in force",
  roles: ADMIN_ONLY,
  responses: { 200: jsonContent(SettingsOverview, "Settings in force") },
});
const getThresholdsRoute = defineRoute({
  method: "get",
  path: "/v1/settings/thresholds",
  operationId: "getThresholds",
  tags: ["settings"],
  summary: "Answer/suggest confidence thresholds per channel",
  roles: ADMIN_ONLY,
  responses: { 200: jsonContent(ThresholdsResponse, "Thresholds in force") },
});
const putThresholdsRoute = defineRoute({
  method: "put",
  path: "/v1/settings/thresholds",
  operationId: "putThresholds",
  tags: ["settings"],
  summary: "Replace the thresholds (audited)",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(ThresholdsSchema) },
  responses: { 200: jsonContent(ThresholdsResponse, "Thresholds now in force") },
});
const listPhrasesRoute = defineRoute({
  method: "get",
  path: "/v1/settings/signal-phrases",
  operationId: "listSignalPhrases",
  tags: ["settings"],
  summary: "Escalation-signal phrases (seeded with the defaults on first use)",
  roles: ADMIN_ONLY,
  responses: { 200: jsonContent(SignalPhraseListSchema, "All phrases") },
});
const addPhraseRoute = defineRoute({
  method: "post",
  path: "/v1/settings/signal-phrases",
  operationId: "addSignalPhrase",
  tags: ["settings"],
  summary: "Add an escalation-signal phrase (audited)",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(NewSignalPhraseSchema) },
  responses: { 201: jsonContent(SignalPhraseSchema, "The new phrase") },
  errors: { 409: "CONFLICT: the phrase exists" },
});
const deletePhraseRoute = defineRoute({
  method: "delete",
  path: "/v1/settings/signal-phrases/{id}",
  operationId: "deleteSignalPhrase",
  tags: ["settings"],
  summary: "Remove an escalation-signal phrase (audited)",
  roles: ADMIN_ONLY,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 204: { description: "Removed" } },
  errors: { 404: "NOT_FOUND" },
});

/** Admin settings of the deflection decision: thresholds and escalation-signal phrases. */
export function registerSettingsRoutes(app: App): void {
  app.openapi(getSettingsRoute, async (c) => {
    const { embedder } = c.var.deps;
    return c.json({ embedder: { id: embedder.id, family: embedderFamily(embedder), lexical: embedder.lexical }, deflection: await getThresholds(c.var.deps) }, 200);
  });
  app.openapi(getThresholdsRoute, async (c) => c.json(await getThresholds(c.var.deps), 200));
  app.openapi(putThresholdsRoute, async (c) => c.json(await putThresholds({ deps: c.var.deps, input: c.req.valid("json"), caller: c.var.caller }), 200));
  app.openapi(listPhrasesRoute, async (c) => {
    await loadSignalPhrases(c.var.deps);
    const rows = await listSignalPhrases(c.var.deps.database.db);
    return c.json({ items: rows.map(toDto) }, 200);
  });
  app.openapi(addPhraseRoute, async (c) => {
    const row = await addSignalPhrase({ deps: c.var.deps, input: c.req.valid("json"), caller: c.var.caller });
    return c.json(toDto(row), 201);
  });
  app.openapi(deletePhraseRoute, async (c) => {
    await removeSignalPhrase({ deps: c.var.deps, id: c.req.valid("param").id, caller: c.var.caller });
    return c.body(null, 204);
  });
}

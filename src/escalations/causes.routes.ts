import { z } from "@hono/zod-openapi";
import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { setEscalationCause } from "./causes.service.js";
import { EscalationCauseSchema, EscalationSchema } from "./escalations.schemas.js";
import { toEscalationDto } from "./presenters.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});

const SetCauseSchema = z
  .object({
    cause: EscalationCauseSchema,
    note: z.string().trim().max(2000).optional().openapi({ description: "Why the cause is corrected (kept on the event and in the audit log)" }),
  })
  .strict()
  .openapi("SetEscalationCause");

const setCauseRoute = defineRoute({
  method: "put",
  path: "/v1/escalations/{id}/cause",
  operationId: "setEscalationCause",
  tags: ["Escalations"],
  summary: "Correct why an escalation happened (any status, resolved included)",
  description: "Sets `cause` and records the caller as `causeSetBy`, with a `cause_changed` event (detail: from, to, note) and an audit entry `escalation.cause`.",
  roles: AGENT_UP,
  request: { params: IdParams, body: jsonBody(SetCauseSchema) },
  responses: { 200: jsonContent(EscalationSchema, "The escalation with its new cause") },
  errors: { 400: "VALIDATION_FAILED with `errors[].field` cause for an unknown cause", 404: "NOT_FOUND" },
});

/** Escalation causes: the agent's correction (issue 22); the manager's breakdown is metrics/causes.routes.ts. */
export function registerCauseRoutes(app: App): void {
  app.openapi(setCauseRoute, async (c) => {
    const esc = await setEscalationCause({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id, ...c.req.valid("json") } });
    return c.json(toEscalationDto(esc), 200);
  });
}

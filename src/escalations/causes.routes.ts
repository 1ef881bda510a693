import { z } from "@hono/zod-openapi";
import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { getCauseInsights } from "../metrics/causes.service.js";
import { isoInstant } from "../metrics/metrics.schemas.js";
import { setEscalationCause } from "./causes.service.js";
import { EscalationCauseSchema, EscalationSchema } from "./escalations.schemas.js";
import { toEscalationDto } from "./presenters.js";

const IdParams = z.object({ id: z.string().min(1).openapi({ param: { name: "id", in: "path" } }) });

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
  description:
    "Sets `cause` and records the caller as `causeSetBy`, with a `cause_changed` event (detail: from, to, note) and an audit entry `escalation.cause`.",
  roles: AGENT_UP,
  request: { params: IdParams, body: jsonBody(SetCauseSchema) },
  responses: { 200: jsonContent(EscalationSchema, "The escalation with its new cause") },
  errors: { 400: "VALIDATION_FAILED with `errors[].field` cause for an unknown cause", 404: "NOT_FOUND" },
});

const CauseCellSchema = z.object({
  key: z.string().nullable().openapi({ description: "The cause, team id (null: no team) or agent name." }),
  label: z.string().openapi({ description: "The cause, team name or agent name; automatic escalations group as 'Deflect (automatic)'." }),
  escalations: z.number().int().openapi({ description: "Escalations of this group opened in the bucket (by the escalation's creation time)." }),
  share: z.number().openapi({ description: "escalations / all escalations opened in the bucket (0 when none)." }),
  escalationRate: z.number().openapi({ description: "escalations of this group / all tickets created in the bucket (0 when none)." }),
});

const CauseInsightsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    bucket: z.enum(["day", "week", "month"]),
    by: z.enum(["cause", "team", "agent"]),
    totals: z.object({ tickets: z.number().int(), escalations: z.number().int(), groups: z.array(CauseCellSchema) }),
    buckets: z.array(
      z.object({
        label: z.string().openapi({ description: "Local date of the bucket start in `tz`." }),
        start: z.string(),
        end: z.string(),
        tickets: z.number().int().openapi({ description: "Tickets created in the bucket." }),
        escalations: z.number().int().openapi({ description: "Escalations opened in the bucket." }),
        groups: z.array(CauseCellSchema).openapi({ description: "Every group of the range, in the same order as totals.groups (zeros included)." }),
      }),
    ),
  })
  .openapi("EscalationCauseInsights");

const insightsRoute = defineRoute({
  method: "get",
  path: "/v1/insights/escalation-causes",
  operationId: "getEscalationCauseInsights",
  tags: ["Metrics"],
  summary: "Why tickets escalate: escalations by cause, team or agent per time bucket",
  description:
    "Escalations opened in [from, to), bucketed by their creation time in `tz` (every bucket present, empty ones with zeros), per group: `by=cause` (all causes, always listed), `team` (the escalation's current team) or `agent` (who escalated by hand — the escalation's creator, else its assignee; escalations Deflect or the portal opened group as 'Deflect (automatic)'). `share` divides by all escalations of the bucket, `escalationRate` by all tickets created in the bucket.",
  roles: AGENT_UP,
  request: {
    query: z.object({
      from: isoInstant.optional().openapi({ description: "Start (inclusive): ISO 8601 instant with offset, or a date (local midnight in `tz`). Default: `to` − 30 days." }),
      to: isoInstant.optional().openapi({ description: "End (exclusive), same forms. Default: now." }),
      tz: z.string().min(1).max(64).default("UTC").openapi({ description: "IANA time zone the buckets are cut in.", example: "Europe/Prague" }),
      bucket: z.enum(["day", "week", "month"]).default("day").openapi({ description: "Bucket size; weeks start on Monday." }),
      by: z.enum(["cause", "team", "agent"]).default("cause"),
    }),
  },
  errors: { 400: "VALIDATION_FAILED with `errors[].field` tz (unknown zone), from (not before to), to (range too long for the bucket), bucket or by" },
  responses: { 200: jsonContent(CauseInsightsSchema, "Escalations per bucket and group, and over the range") },
});

/** Escalation causes: the agent's correction and the manager's breakdown (issue 22). */
export function registerCauseRoutes(app: App): void {
  app.openapi(setCauseRoute, async (c) => {
    const esc = await setEscalationCause({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id, ...c.req.valid("json") } });
    return c.json(toEscalationDto(esc), 200);
  });
  app.openapi(insightsRoute, async (c) => c.json(await getCauseInsights({ deps: c.var.deps, input: c.req.valid("query") }), 200));
}

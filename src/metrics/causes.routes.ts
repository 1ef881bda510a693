import { z } from "@hono/zod-openapi";
import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { getCauseInsights } from "./causes.service.js";
import { isoInstant } from "./metrics.schemas.js";

export const CauseCellSchema = z.object({
  key: z.string().nullable().openapi({ description: "The cause, team id (null: no team) or agent name." }),
  label: z.string().openapi({ description: "The cause, team name or agent name; automatic escalations group as 'Deflect (automatic)'." }),
  escalations: z.number().int().openapi({ description: "Escalations of this group opened in the bucket (by the escalation's creation time)." }),
  share: z.number().openapi({ description: "escalations / all escalations opened in the bucket (0 when none)." }),
  escalationRate: z.number().openapi({ description: "escalations of this group / all tickets created in the bucket (0 when none)." }),
});

export const CauseInsightsSchema = z
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

/** Why tickets escalate: the manager's breakdown of escalation causes (issue 22). */
export function registerCauseInsightRoutes(app: App): void {
  app.openapi(insightsRoute, async (c) => c.json(await getCauseInsights({ deps: c.var.deps, input: c.req.valid("query") }), 200));
}

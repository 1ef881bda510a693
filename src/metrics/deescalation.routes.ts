import { z } from "@hono/zod-openapi";
import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonContent } from "../http/route.js";
import { getDeescalationInsights } from "./deescalation.service.js";
import { isoInstant } from "./metrics.schemas.js";

const OutcomeFields = {
  tickets: z.number().int().openapi({ description: "Tickets created in the range in this team / language." }),
  frustrated: z.number().int().openapi({ description: "Of those, annoyed or angry customers (frustration level 1 or 2 in the stored verdict)." }),
  deescalated: z
    .number()
    .int()
    .openapi({ description: "Frustrated tickets kept at tier 1: within the window neither escalated hierarchically (hierarchical escalation or manual level-up) nor re-opened." }),
  deescalationRate: z.number().openapi({ description: "deescalated / frustrated (0 when none)." }),
  confirmedResolvedFrustrated: z.number().int().openapi({ description: "De-escalated and confirmed resolved (feedback `resolved` or status resolved)." }),
  escalated: z.number().int().openapi({ description: "Tickets escalated at any point (as in /v1/metrics)." }),
  escalationRate: z.number().openapi({ description: "escalated / tickets of this team or language." }),
  byLevel: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int() }).openapi({ description: "Tickets per frustration level." }),
};

export const DeescalationInsightsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    tz: z.string(),
    windowHours: z.number(),
    byTeam: z.array(
      z.object({
        team: z.string().openapi({ description: "Name of the team of the ticket's first escalation; `tier 1` when never escalated." }),
        teamId: z.string().nullable(),
        ...OutcomeFields,
      }),
    ),
    byLanguage: z.array(z.object({ language: z.string().nullable().openapi({ description: "Detected language; null when unknown." }), ...OutcomeFields })),
  })
  .openapi("DeescalationInsights");

const deescalationRoute = defineRoute({
  method: "get",
  path: "/v1/insights/deescalation",
  operationId: "getDeescalationInsights",
  tags: ["Metrics"],
  summary: "Whether de-escalation worked: annoyed and angry customers kept at tier 1, by team and language",
  description:
    "Tickets created in [from, to) whose stored verdict rates the customer annoyed or angry (frustration level 1–2; older verdicts without a level are not counted), and how many were kept at tier 1 — not escalated hierarchically nor re-opened within the deflection window — beside the escalation rate of all tickets of the same team or language. Rows are sorted by frustrated tickets, most first.",
  roles: AGENT_UP,
  request: {
    query: z.object({
      from: isoInstant.optional().openapi({ description: "Start (inclusive): ISO 8601 instant with offset, or a date (local midnight in `tz`). Default: `to` − 30 days." }),
      to: isoInstant.optional().openapi({ description: "End (exclusive), same forms. Default: now." }),
      tz: z.string().min(1).max(64).default("UTC").openapi({ description: "IANA time zone for plain dates (pg_timezone_names).", example: "Europe/Prague" }),
      window: z.coerce
        .number()
        .min(0)
        .max(24 * 90)
        .optional()
        .openapi({ description: "Window in hours (default DEFLECTION_WINDOW_HOURS)." }),
    }),
  },
  errors: { 400: "VALIDATION_FAILED with `errors[].field` tz (unknown zone), from (not before to) or to (range over 3660 days)" },
  responses: { 200: jsonContent(DeescalationInsightsSchema, "De-escalation outcomes by team and by language") },
});

export function registerDeescalationRoutes(app: App): void {
  app.openapi(deescalationRoute, async (c) => {
    const insights = await getDeescalationInsights({ deps: c.var.deps, input: c.req.valid("query") });
    return c.json(insights, 200);
  });
}

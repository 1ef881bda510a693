import { ADMIN_ONLY } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { deflectionEvaluator } from "./replay.evaluator.js";
import { ReplayReportSchema, ReplayRequestSchema } from "./replay.schemas.js";
import { formatReplay, replayTickets } from "./replay.service.js";

const replayRoute = defineRoute({
  method: "post",
  path: "/v1/replay",
  operationId: "replayTickets",
  tags: ["Escalation matrix"],
  summary: "Project deflection, escalation and team load for historic tickets (writes nothing)",
  description:
    "Runs the tickets (eval tickets format, up to 500 per request; the CLI takes any number) through the current thresholds and the current matrix without creating tickets, " +
    "escalations or webhooks. `agreement` compares with `expected` when the tickets carry it.",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(ReplayRequestSchema) },
  responses: { 200: jsonContent(ReplayReportSchema, "The projection") },
  errors: { 503: "EMBEDDER_BUSY or EMBEDDER_UNAVAILABLE" },
});

export function registerReplayRoutes(app: App): void {
  app.openapi(replayRoute, async (c) => {
    const deps = c.var.deps;
    const report = await replayTickets({ deps, input: { tickets: c.req.valid("json").tickets, evaluate: deflectionEvaluator(deps) } });
    return c.json({ ...report, text: formatReplay(report) }, 200);
  });
}

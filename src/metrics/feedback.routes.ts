import { z } from "@hono/zod-openapi";
import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { recordFeedback } from "./feedback.service.js";

export const FeedbackBodySchema = z
  .object({
    articleId: z.string().min(1).max(100).openapi({ description: "An article the ticket was answered or suggested with." }),
    outcome: z.enum(["resolved", "not_resolved"]),
    comment: z.string().max(2000).optional(),
  })
  .strict()
  .openapi("FeedbackInput");

export const FeedbackSchema = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    articleId: z.string(),
    outcome: z.enum(["resolved", "not_resolved"]),
    source: z.enum(["agent", "portal"]),
    comment: z.string().nullable(),
    createdAt: z.string(),
    articleHealth: z.array(z.object({ articleId: z.string(), change: z.enum(["flagged_for_review", "validated_by_reuse"]), evidence: z.record(z.string(), z.unknown()) })),
  })
  .openapi("Feedback");

const route = defineRoute({
  method: "post",
  path: "/v1/tickets/{id}/feedback",
  operationId: "recordTicketFeedback",
  tags: ["Metrics"],
  summary: "Record whether an article resolved a ticket",
  description:
    "Feeds confirmed resolutions, FCR and article impact, and runs the KCS reuse-is-review check for the article in the same transaction (the response lists any flag or validation it caused).",
  roles: AGENT_UP,
  request: { params: z.object({ id: z.string().min(1).max(100) }), body: jsonBody(FeedbackBodySchema) },
  responses: { 201: jsonContent(FeedbackSchema, "Feedback recorded") },
  errors: { 404: "NOT_FOUND: no such ticket" },
});

export function registerFeedbackRoutes(app: App): void {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const result = await recordFeedback({ deps: c.var.deps, input: { ticketId: id, ...body }, caller: c.var.caller });
    return c.json(result, 201);
  });
}

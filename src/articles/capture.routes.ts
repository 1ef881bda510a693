import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { toArticleDto } from "./articles.present.js";
import { EscalationIdParamSchema, ResolveBodySchema, ResolveResultSchema } from "./capture.schemas.js";
import { resolveEscalation } from "./capture.service.js";

const resolveRoute = defineRoute({
  method: "post",
  path: "/v1/escalations/{id}/resolve",
  operationId: "resolveEscalation",
  tags: ["Escalations", "Articles"],
  summary: "Resolve an escalation and capture the fix as an article",
  description:
    "Closes the escalation and its ticket and writes a draft article pre-filled from the ticket (problem = the customer's cleaned words) " +
    "and the fix, linked to both; `publish: true` (experts and admins) publishes it at once. With `linkArticleId` an existing article " +
    "resolves it instead. `possibleDuplicates` lists published/validated articles that look like the same fix. Agents may resolve " +
    "(tier-2 staff hold agent keys) but not publish.",
  roles: AGENT_UP,
  request: { params: EscalationIdParamSchema, body: jsonBody(ResolveBodySchema) },
  responses: { 201: jsonContent(ResolveResultSchema, "Resolved; the article written or linked") },
  errors: {
    404: "NOT_FOUND: unknown escalation or linked article",
    409: "ALREADY_RESOLVED (with resolutionArticleId) or CONFLICT (linked article archived)",
    503: "EMBEDDER_BUSY or EMBEDDER_UNAVAILABLE: the text could not be embedded, nothing was written",
  },
});

export function registerCaptureRoutes(app: App): void {
  app.openapi(resolveRoute, async (c) => {
    const role = c.var.caller.role;
    const r = await resolveEscalation({
      deps: c.var.deps,
      escalationId: c.req.valid("param").id,
      input: c.req.valid("json"),
      caller: c.var.caller,
    });
    return c.json(
      {
        escalation: {
          id: r.escalation.id,
          ticketId: r.escalation.ticketId,
          status: r.escalation.status,
          resolvedAt: r.resolvedAt.toISOString(),
          resolutionArticleId: r.article.id,
        },
        article: toArticleDto(r.article, role),
        linked: r.linked,
        possibleDuplicates: r.possibleDuplicates,
        duplicateThreshold: r.duplicateThreshold,
      },
      201,
    );
  });
}

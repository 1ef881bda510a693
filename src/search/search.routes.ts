import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { SearchRequestSchema, SearchResponseSchema } from "./search.schemas.js";
import { searchArticles } from "./search.service.js";

const searchRoute = defineRoute({
  method: "post",
  path: "/v1/search",
  operationId: "searchArticles",
  tags: ["search"],
  summary: "Hybrid search of the knowledge base (vector + full text + trigram, fused by reciprocal rank)",
  description:
    "Returns the articles the caller may see, each with a snippet and the score breakdown per signal. " +
    "`retrieval.mode` says whether vectors were used (hybrid) or only lexical signals; a lexical embedder " +
    "(hashing) cannot match across languages.",
  roles: AGENT_UP,
  request: { body: jsonBody(SearchRequestSchema) },
  responses: { 200: jsonContent(SearchResponseSchema, "Ranked hits and how they were found") },
});

/** POST /v1/search for agents, experts and admins; the portal calls searchArticles with viewer "portal". */
export function registerSearchRoutes(app: App): void {
  app.openapi(searchRoute, async (c) => {
    const input = c.req.valid("json");
    const result = await searchArticles({ deps: c.var.deps, input, viewer: c.var.caller.role });
    return c.json(result, 200);
  });
}

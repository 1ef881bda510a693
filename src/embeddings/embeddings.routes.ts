import { AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { EmbeddingsRequest, EmbeddingsResponse } from "./embeddings.schemas.js";
import { serveEmbeddings } from "./embeddings.service.js";

const createEmbeddings = defineRoute({
  method: "post",
  path: "/v1/embeddings",
  operationId: "createEmbeddings",
  tags: ["Embeddings"],
  summary: "Embed texts with this node's active embedder (OpenAI-compatible)",
  description:
    "The same request and answer as text-embeddings-inference or Ollama's /v1/embeddings, plus `embedder` so a client " +
    "(the Workers deployment) can prove it stores vectors of the same space. Give Workers a dedicated agent key.",
  roles: AGENT_UP,
  request: { body: jsonBody(EmbeddingsRequest) },
  responses: { 200: jsonContent(EmbeddingsResponse, "One vector per input, in input order") },
  errors: {
    409: "EMBEDDER_MISMATCH: `model` names another embedder",
    503: "EMBEDDER_BUSY (queue full, retry) or EMBEDDER_UNAVAILABLE (model not loaded)",
  },
});

/** POST /v1/embeddings: one Node instance embeds for many Workers. */
export function registerEmbeddingRoutes(app: App): void {
  app.openapi(createEmbeddings, async (c) => c.json(await serveEmbeddings({ deps: c.var.deps, input: c.req.valid("json") }), 200));
}

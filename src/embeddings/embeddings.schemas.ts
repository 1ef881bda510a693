import { z } from "@hono/zod-openapi";

/**
 * Bounds of one embeddings request: enough for a batch, small enough to keep the queue fair. A
 * text may be a whole article passage (title + problem + root cause + resolution of up to 20,000
 * characters each, plus tags), so a Worker gets the same vector Node computes locally; the body
 * as a whole stays under BODY_LIMIT_BYTES (413 PAYLOAD_TOO_LARGE).
 */
export const MAX_EMBED_INPUTS = 256;
export const MAX_EMBED_TEXT_CHARS = 100_000;

const EmbedText = z.string().min(1).max(MAX_EMBED_TEXT_CHARS);

export const EmbeddingsRequest = z
  .object({
    model: z.string().min(1).max(300).optional().openapi({
      description: "If given, must be the active embedder id or its model name (else 409 EMBEDDER_MISMATCH)",
      example: "hashing:v1:w1+c3-5:384",
    }),
    input: z.union([EmbedText, z.array(EmbedText).min(1).max(MAX_EMBED_INPUTS)]).openapi({
      description: `One text or up to ${MAX_EMBED_INPUTS} texts of at most ${MAX_EMBED_TEXT_CHARS} characters`,
    }),
    input_type: z.enum(["query", "passage"]).default("query").openapi({
      description:
        "Deflect extension: queries (tickets, searches) and passages (articles) are embedded differently by asymmetric models such as e5. Send the raw text; the server adds the model's prefix.",
    }),
    encoding_format: z.enum(["float", "base64"]).default("float").openapi({
      description: "base64 = little-endian float32, as the OpenAI SDKs request by default",
    }),
    user: z.string().max(300).optional(),
  })
  .openapi("EmbeddingsRequest");

export const EmbeddingsResponse = z
  .object({
    object: z.literal("list"),
    data: z.array(
      z.object({
        object: z.literal("embedding"),
        index: z.number().int(),
        embedding: z.union([z.array(z.number()), z.string()]),
      }),
    ),
    model: z.string().openapi({ description: "The active embedder id (names model, revision and dimensions)" }),
    embedder: z
      .object({ id: z.string(), dims: z.number().int(), lexical: z.boolean() })
      .openapi({ description: "Deflect extension: lets a client prove it shares this vector space" }),
  })
  .openapi("EmbeddingsResponse");

export type EmbeddingsRequest = z.infer<typeof EmbeddingsRequest>;
export type EmbeddingsResponse = z.infer<typeof EmbeddingsResponse>;

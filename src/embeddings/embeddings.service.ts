import type { Deps } from "../deps.js";
import { DomainError, EmbedderUnavailableError } from "../errors.js";
import type { EmbeddingsRequest, EmbeddingsResponse } from "./embeddings.schemas.js";

/** The names a client may ask for: the embedder id always; EMBEDDING_MODEL when that hub model is what is loaded. */
export function acceptedModelNames(deps: Pick<Deps, "embedder" | "config">): string[] {
  const status = deps.embedder.status();
  const names = [deps.embedder.id];
  if (status.kind === "transformers" && !status.fallback && !deps.config.MODEL_DIR) names.push(deps.config.EMBEDDING_MODEL);
  return names;
}

/**
 * Embeds for a remote client (a Worker's HttpEmbedder, any OpenAI-compatible client) with the
 * active embedder. A client naming another model is refused: it must never store vectors of one
 * space next to another's. Queue overload surfaces as the embedder's EMBEDDER_BUSY.
 */
export async function serveEmbeddings({ deps, input }: { deps: Deps; input: EmbeddingsRequest }): Promise<EmbeddingsResponse> {
  const { embedder } = deps;
  const accepted = acceptedModelNames(deps);
  if (input.model !== undefined && !accepted.includes(input.model)) {
    throw new DomainError("EMBEDDER_MISMATCH", `This node embeds with ${embedder.id}, not '${input.model}'`, {
      requested: input.model,
      active: embedder.id,
      accepted,
    });
  }
  const status = embedder.status();
  if (status.state !== "ready") {
    throw new EmbedderUnavailableError(`The embedder ${embedder.id} is ${status.state}${status.error ? `: ${status.error}` : ""}`, {
      state: status.state,
    });
  }
  const texts = typeof input.input === "string" ? [input.input] : input.input;
  const vectors = input.input_type === "passage" ? await embedder.embedPassages(texts) : await embedder.embedQueries(texts);
  return {
    object: "list",
    data: vectors.map((v, index) => ({
      object: "embedding" as const,
      index,
      embedding: input.encoding_format === "base64" ? toBase64Float32(v) : v,
    })),
    model: embedder.id,
    embedder: { id: embedder.id, dims: embedder.dims, lexical: embedder.lexical },
  };
}

/** Little-endian float32 bytes in base64, the OpenAI `encoding_format: "base64"` layout. */
export function toBase64Float32(v: number[]): string {
  const bytes = new Uint8Array(v.length * 4);
  const view = new DataView(bytes.buffer);
  v.forEach((x, i) => view.setFloat32(i * 4, x, true));
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

import { z } from "zod";
import { EmbedderUnavailableError } from "../errors.js";

/**
 * The wire format of `POST /v1/embeddings` as text-embeddings-inference, Ollama, vLLM and OpenAI
 * answer it, plus Deflect's own `embedder` block. Parsed on the client side (Workers): only
 * fetch and Web APIs here.
 */
export const RemoteEmbeddingsResponse = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int().min(0) })).min(1),
  model: z.string().optional(),
  /** Present only when the remote is a Deflect node: its active embedder. */
  embedder: z.object({ id: z.string().min(1), dims: z.number().int().min(1), lexical: z.boolean() }).optional(),
});

export type RemoteEmbeddingsResponse = z.infer<typeof RemoteEmbeddingsResponse>;

/** What the client learns from its first call, and checks every later answer against. */
export interface RemoteEmbedderInfo {
  /** Vector-space id stored with every vector: the Deflect node's embedder id, else http:<model>:<dims>. */
  id: string;
  dims: number;
  lexical: boolean;
  /** The model name the remote reports (`model` of the response). */
  model: string;
  /** The remote is a Deflect node: it takes `input_type` and applies the model's prefixes itself. */
  deflect: boolean;
  /** A generic remote serving an e5 model: the client adds `query: ` / `passage: ` itself. */
  e5Prefixes: boolean;
}

export type InputType = "query" | "passage";

/** e5 models (intfloat/…-e5-…, Xenova/multilingual-e5-small) were trained with these prefixes. */
export function isE5Model(model: string): boolean {
  return /(^|[/_-])e5([-_.]|$)/i.test(model);
}

/**
 * The id of the vector space a remote answer describes. A Deflect node names it itself, so a
 * Worker and the Node service share vectors; any other server gets `http:<model>:<dims>`.
 */
export function describeRemote(res: RemoteEmbeddingsResponse, requestedModel: string | undefined): RemoteEmbedderInfo {
  const first = res.data[0];
  const dims = first ? first.embedding.length : 0;
  const model = res.model ?? requestedModel ?? "unknown";
  if (res.embedder) {
    return { id: res.embedder.id, dims: res.embedder.dims, lexical: res.embedder.lexical, model, deflect: true, e5Prefixes: false };
  }
  return { id: `http:${model}:${dims}`, dims, lexical: false, model, deflect: false, e5Prefixes: isE5Model(model) };
}

/** Texts as the remote must receive them: prefixed by the client only for a generic e5 server. */
export function prepareInput(info: Pick<RemoteEmbedderInfo, "e5Prefixes">, texts: string[], type: InputType): string[] {
  return info.e5Prefixes ? texts.map((t) => `${type}: ${t}`) : texts;
}

/** A status worth retrying: overload, rate limit, or a server-side failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Seconds or an HTTP date in Retry-After, as milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/** Consecutive batches of at most `size` texts and about `maxBytes` of JSON; a larger text goes alone. */
export function splitBatches(texts: string[], size: number, maxBytes: number): string[][] {
  const encoder = new TextEncoder();
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    const cost = encoder.encode(JSON.stringify(text)).length + 1;
    if (current.length > 0 && (current.length >= size || bytes + cost > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(text);
    bytes += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** code and detail of a problem+json (or any JSON/text) error body, as far as it has them. */
export async function readProblem(res: Response): Promise<{ code?: string; detail: string }> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { code?: unknown; detail?: unknown; error?: unknown; message?: unknown };
    const detail = [body.detail, body.message, typeof body.error === "string" ? body.error : undefined].find((x) => typeof x === "string");
    return { ...(typeof body.code === "string" ? { code: body.code } : {}), detail: (detail as string | undefined) ?? text.slice(0, 200) };
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

/** A refusal not worth retrying (4xx), with the setting that most likely fixes it. */
export function refusalError(endpoint: string, status: number, detail: string): EmbedderUnavailableError {
  const hint =
    status === 401 || status === 403
      ? "; set EMBEDDINGS_API_KEY to a valid key (an agent-role key when the remote is a Deflect node)"
      : status === 404
        ? "; check EMBEDDINGS_URL (the client appends /v1/embeddings)"
        : "";
  return new EmbedderUnavailableError(`${endpoint} refused the request with HTTP ${status}${detail ? `: ${detail}` : ""}${hint}`, {
    remoteStatus: status,
  });
}

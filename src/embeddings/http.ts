import type { Config } from "../config.js";
import { DomainError, EmbedderUnavailableError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Embedder, EmbedderState, EmbedderStatus } from "./embedder.js";
import {
  describeRemote,
  type InputType,
  isRetryableStatus,
  prepareInput,
  readProblem,
  refusalError,
  RemoteEmbeddingsResponse,
  type RemoteEmbedderInfo,
  retryAfterMs,
  splitBatches,
} from "./http.protocol.js";

export type { RemoteEmbedderInfo } from "./http.protocol.js";

/** Retries after the first attempt; backoff 250 ms, 500 ms, 1 s (+ jitter), or Retry-After up to 5 s. */
const MAX_RETRIES = 3;
const BASE_BACKOFF_MS = 250;
const MAX_RETRY_AFTER_MS = 5_000;
/** JSON bytes of texts per request: under a Deflect node's default 256 KiB body limit. */
const MAX_REQUEST_TEXT_BYTES = 192 * 1024;

export interface HttpEmbedderOptions {
  fetch?: typeof fetch;
  /** What an earlier probe learned (a Workers isolate keeps it across requests): skips the probe. */
  known?: RemoteEmbedderInfo;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Embeddings from a remote OpenAI-compatible `POST {EMBEDDINGS_URL}/v1/embeddings` (a Deflect
 * node, text-embeddings-inference, Ollama…). Only fetch and Web APIs: it is the Workers embedder.
 *
 * The first call (`ready()`) learns the vector space: a Deflect node names its embedder id, so
 * Node and Workers store and search the same vectors; any other server becomes
 * `http:<model>:<dims>`. Every later answer must describe the same space, and when
 * EMBEDDINGS_MODEL_ID is set the remote must report it: otherwise EMBEDDER_MISMATCH, never a
 * silent mix. Query/passage asymmetry: a Deflect node gets `input_type` and prefixes itself; for
 * a generic server running an e5 model the client adds `query: ` / `passage: `.
 */
export class HttpEmbedder implements Embedder {
  private info: RemoteEmbedderInfo | undefined;
  private state: EmbedderState = "loading";
  private error: string | undefined;
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    options: HttpEmbedderOptions = {},
  ) {
    if (!config.EMBEDDINGS_URL) throw new EmbedderUnavailableError("EMBEDDER=http needs EMBEDDINGS_URL");
    this.endpoint = `${config.EMBEDDINGS_URL.replace(/\/+$/, "").replace(/\/v1$/, "")}/v1/embeddings`;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    if (options.known) this.adopt(options.known);
  }

  get id(): string {
    return this.info?.id ?? `http:${this.config.EMBEDDINGS_MODEL_ID ?? "unprobed"}`;
  }
  get dims(): number {
    return this.info?.dims ?? 0;
  }
  get lexical(): boolean {
    return this.info?.lexical ?? false;
  }
  get family(): string | undefined {
    return this.info?.model ?? this.config.EMBEDDINGS_MODEL_ID;
  }

  /** What the probe learned; undefined until ready() succeeded. */
  remoteInfo(): RemoteEmbedderInfo | undefined {
    return this.info;
  }

  status(): EmbedderStatus {
    return {
      kind: "http",
      id: this.id,
      dims: this.dims,
      state: this.state,
      lexical: this.lexical,
      ...(this.family ? { family: this.family } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** Probes the remote once (one short text) to learn model, id and dimensions; retried on failure. */
  async ready(): Promise<void> {
    if (this.info) return;
    try {
      const res = await this.post(["deflect readiness probe"], undefined);
      const info = describeRemote(res, this.config.EMBEDDINGS_MODEL_ID);
      const expected = this.config.EMBEDDINGS_MODEL_ID;
      if (expected && expected !== info.model && expected !== info.id) {
        throw new DomainError(
          "EMBEDDER_MISMATCH",
          `EMBEDDINGS_MODEL_ID is '${expected}' but ${this.endpoint} serves '${info.model}' (embedder ${info.id}); refusing to mix vector spaces`,
          { expected, remoteModel: info.model, remoteEmbedderId: info.id },
        );
      }
      this.adopt(info);
      this.logger.info("remote embedder ready", { endpoint: this.endpoint, id: info.id, dims: info.dims, model: info.model });
    } catch (err) {
      this.state = "failed";
      this.error = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  embedQueries(texts: string[]): Promise<number[][]> {
    return this.embed(texts, "query");
  }

  embedPassages(texts: string[]): Promise<number[][]> {
    return this.embed(texts, "passage");
  }

  private adopt(info: RemoteEmbedderInfo): void {
    this.info = info;
    this.state = "ready";
    this.error = undefined;
  }

  private async embed(texts: string[], type: InputType): Promise<number[][]> {
    if (texts.length === 0) return [];
    await this.ready();
    const info = this.info as RemoteEmbedderInfo;
    const out: number[][] = [];
    for (const batch of splitBatches(prepareInput(info, texts, type), this.config.EMBED_BATCH_SIZE, MAX_REQUEST_TEXT_BYTES)) {
      const res = await this.post(batch, info.deflect ? type : undefined);
      out.push(...this.checkBatch(res, batch.length, info));
    }
    return out;
  }

  /** The answer must cover the batch exactly and come from the vector space learned at ready(). */
  private checkBatch(res: RemoteEmbeddingsResponse, count: number, info: RemoteEmbedderInfo): number[][] {
    const now = describeRemote(res, this.config.EMBEDDINGS_MODEL_ID);
    if (now.id !== info.id || now.dims !== info.dims) {
      // Forget the space: the next ready() probes again (and checks EMBEDDINGS_MODEL_ID again).
      this.info = undefined;
      this.state = "failed";
      this.error = `remote embedder changed from ${info.id} to ${now.id}`;
      throw new DomainError("EMBEDDER_MISMATCH", `The remote embedder changed from ${info.id} to ${now.id} since start-up; restart after re-indexing, vectors are never mixed`, {
        expected: info.id,
        remoteEmbedderId: now.id,
      });
    }
    const vectors = new Array<number[] | undefined>(count);
    for (const item of res.data) {
      if (item.index < count && item.embedding.length === info.dims) vectors[item.index] = item.embedding;
    }
    if (res.data.length !== count || vectors.some((v) => v === undefined)) {
      throw new EmbedderUnavailableError(`The remote embedder answered ${res.data.length} vectors of the wrong shape for ${count} texts`);
    }
    return vectors as number[][];
  }

  /** One request with timeout, retried with backoff on network errors, timeouts, 429 and 5xx. */
  private async post(input: string[], inputType: InputType | undefined): Promise<RemoteEmbeddingsResponse> {
    const body = JSON.stringify({
      ...(this.config.EMBEDDINGS_MODEL_ID ? { model: this.config.EMBEDDINGS_MODEL_ID } : {}),
      input,
      ...(inputType ? { input_type: inputType } : {}),
    });
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (this.config.EMBEDDINGS_API_KEY) headers.authorization = `Bearer ${this.config.EMBEDDINGS_API_KEY}`;
    let lastProblem = "";
    let busy = false;
    for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      let wait = BASE_BACKOFF_MS * 2 ** attempt * (1 + Math.random() * 0.25);
      try {
        const res = await this.fetchImpl(this.endpoint, {
          method: "POST",
          headers,
          body,
          signal: AbortSignal.timeout(this.config.EMBEDDINGS_TIMEOUT_MS),
        });
        if (res.ok) return await this.parse(res);
        const problem = await readProblem(res);
        if (problem.code === "EMBEDDER_MISMATCH") {
          throw new DomainError("EMBEDDER_MISMATCH", `${this.endpoint} refused the model: ${problem.detail}`, { remoteStatus: res.status });
        }
        if (!isRetryableStatus(res.status)) throw refusalError(this.endpoint, res.status, problem.detail);
        busy = problem.code === "EMBEDDER_BUSY" || res.status === 429;
        lastProblem = `HTTP ${res.status}${problem.detail ? `: ${problem.detail}` : ""}`;
        wait = Math.min(retryAfterMs(res.headers.get("retry-after"), Date.now()) ?? wait, MAX_RETRY_AFTER_MS);
      } catch (err) {
        if (err instanceof DomainError) throw err;
        busy = false;
        const name = err instanceof Error ? err.name : "";
        lastProblem =
          name === "TimeoutError" || name === "AbortError"
            ? `no answer within ${this.config.EMBEDDINGS_TIMEOUT_MS} ms`
            : `network error: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (attempt < MAX_RETRIES) {
        this.logger.warn("remote embedder attempt failed; retrying", { endpoint: this.endpoint, attempt: attempt + 1, problem: lastProblem, waitMs: Math.round(wait) });
        await this.sleep(wait);
      }
    }
    if (busy) throw new DomainError("EMBEDDER_BUSY", `The remote embedder ${this.endpoint} stayed busy: ${lastProblem}`, { endpoint: this.endpoint });
    throw new EmbedderUnavailableError(`The remote embedder ${this.endpoint} failed ${MAX_RETRIES + 1} times: ${lastProblem}`, { endpoint: this.endpoint });
  }

  private async parse(res: Response): Promise<RemoteEmbeddingsResponse> {
    const parsed = RemoteEmbeddingsResponse.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) {
      throw new EmbedderUnavailableError(`${this.endpoint} did not answer in the OpenAI embeddings format (data[].embedding, data[].index)`);
    }
    return parsed.data;
  }
}

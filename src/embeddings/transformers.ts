import type { Config } from "../config.js";
import { EmbedderUnavailableError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Embedder, EmbedderState, EmbedderStatus } from "./embedder.js";
import { explainLoadFailure } from "./load-failure.js";
import { checkModelDir, configuredDims, configuredModelName, fingerprintModelDir, modelSource, type ModelSource } from "./model-files.js";
import { downloadProgressLogger, withCapturedWarnings } from "./load-logging.js";
import { QueryBatcher } from "./batcher.js";
import { InferenceQueue } from "./queue.js";
import { applyTransformersFixes } from "./transformers-fixes.js";

export { explainLoadFailure } from "./load-failure.js";

/** e5 models are trained with these prefixes; without them retrieval quality drops. */
export const QUERY_PREFIX = "query: ";
export const PASSAGE_PREFIX = "passage: ";
/** multilingual-e5-small's position limit; longer texts are cut, never rejected. */
export const MAX_TOKENS = 512;

type FeatureExtractor = ((texts: string[], opts: { pooling: "mean"; normalize: boolean }) => Promise<{ dims: number[]; tolist(): number[][] }>) & {
  tokenizer: { model_max_length?: number };
  dispose?: () => Promise<void>;
};

/**
 * The transformers.js embedder (Node): multilingual-e5-small by default, quantized, mean pooling +
 * L2 normalisation, e5 prefixes, truncation at 512 tokens, passages in batches of EMBED_BATCH_SIZE,
 * and one inference at a time through a bounded queue. With MODEL_DIR nothing is fetched; the id
 * then carries the folder's name and content hash. Dims come from the model's own output.
 */
export class TransformersEmbedder implements Embedder {
  readonly lexical = false;
  private state: EmbedderState = "loading";
  private error: string | undefined;
  private loading: Promise<void> | undefined;
  private pipe: FeatureExtractor | undefined;
  private readonly source: ModelSource;
  private readonly queue: InferenceQueue;
  private readonly queries: QueryBatcher;
  private modelLabel: string;
  private actualDims: number;
  readonly family: string;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    this.source = modelSource(config);
    this.queue = new InferenceQueue(config.EMBED_QUEUE_MAX);
    // One query per request: concurrent requests' queries share inferences (micro-batching).
    this.queries = new QueryBatcher((texts) => this.embed(texts.map((t) => QUERY_PREFIX + t)), config.EMBED_QUEUE_MAX, config.EMBED_BATCH_SIZE);
    this.modelLabel = this.source.kind === "dir" ? `dir/${this.source.name}` : this.source.model;
    this.family = this.source.kind === "dir" ? (configuredModelName(this.source.dir) ?? this.source.name) : this.source.model;
    this.actualDims = this.source.kind === "dir" ? configuredDims(this.source.dir) : /multilingual-e5-small/.test(this.source.model) ? 384 : 0;
  }

  get id(): string {
    return `transformers:${this.modelLabel}:${this.config.EMBEDDING_QUANTIZED ? "q8" : "fp32"}:${this.actualDims}`;
  }

  get dims(): number {
    return this.actualDims;
  }

  status(): EmbedderStatus {
    return {
      kind: "transformers",
      id: this.id,
      dims: this.dims,
      state: this.state,
      lexical: false,
      family: this.family,
      ...(this.error ? { error: this.error } : {}),
      queue: { waiting: this.queries.waiting + this.queue.waiting, max: this.queue.max },
    };
  }

  /** Loads and warms the model once; later calls share the same promise (and the same failure). */
  ready(): Promise<void> {
    this.loading ??= this.load().then(
      () => {
        this.state = "ready";
      },
      (err: unknown) => {
        this.state = "failed";
        const { reason, fix } = explainLoadFailure(err, this.config);
        this.error = `${reason}. ${fix}`;
        throw err;
      },
    );
    return this.loading;
  }

  async embedQueries(texts: string[]): Promise<number[][]> {
    if (texts.length === 1) return [await this.queries.embed(texts[0] as string)];
    return this.embed(texts.map((t) => QUERY_PREFIX + t));
  }

  async embedPassages(texts: string[]): Promise<number[][]> {
    return this.embed(texts.map((t) => PASSAGE_PREFIX + t));
  }

  async close(): Promise<void> {
    await this.pipe?.dispose?.();
  }

  private async embed(prefixed: string[]): Promise<number[][]> {
    if (prefixed.length === 0) return [];
    await this.ready().catch(() => {
      throw new EmbedderUnavailableError(`the embedding model is not available: ${this.error ?? "load failed"}`, { embedder: this.id });
    });
    const out: number[][] = [];
    for (let i = 0; i < prefixed.length; i += this.config.EMBED_BATCH_SIZE) {
      out.push(...(await this.infer(prefixed.slice(i, i + this.config.EMBED_BATCH_SIZE))));
    }
    return out;
  }

  /** One batch through the queue; already prefixed. */
  private infer(batch: string[]): Promise<number[][]> {
    const pipe = this.pipe;
    if (!pipe) throw new Error("embedding model is not loaded");
    return this.queue.run(async () => (await pipe(batch, { pooling: "mean", normalize: true })).tolist());
  }

  private async load(): Promise<void> {
    const started = performance.now();
    const { env, pipeline } = await import("@xenova/transformers");
    await applyTransformersFixes();
    const quantized = this.config.EMBEDDING_QUANTIZED;
    let model: string;
    if (this.source.kind === "dir") {
      checkModelDir(this.source.dir, quantized);
      this.modelLabel = `dir/${this.source.name}@${await fingerprintModelDir(this.source.dir, quantized)}`;
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.useFSCache = false;
      env.localModelPath = `${this.source.root}/`;
      model = this.source.name;
    } else {
      env.allowRemoteModels = true;
      env.remoteHost = this.config.MODEL_HUB_URL;
      env.allowLocalModels = false;
      env.useFSCache = true;
      env.cacheDir = this.source.cacheDir;
      model = this.source.model;
    }
    this.logger.info("loading embedding model", { model: this.modelLabel, quantized, from: this.source.kind === "dir" ? this.source.dir : `hub (cache ${this.source.cacheDir})` });
    const pipe = (await withCapturedWarnings(this.logger, () =>
      pipeline("feature-extraction", model, {
        quantized,
        ...(this.source.kind === "hub" ? { progress_callback: downloadProgressLogger(this.logger) } : {}),
      }),
    )) as unknown as FeatureExtractor;
    pipe.tokenizer.model_max_length = Math.min(pipe.tokenizer.model_max_length ?? MAX_TOKENS, MAX_TOKENS);
    this.pipe = pipe;
    const [warm] = await this.infer([`${QUERY_PREFIX}warm-up`]);
    if (!warm || warm.length === 0 || warm.some((x) => !Number.isFinite(x))) {
      throw new Error(`the model's output is not a usable embedding (length ${warm?.length ?? 0})`);
    }
    this.actualDims = warm.length;
    this.logger.info("embedding model ready", { id: this.id, loadMs: Math.round(performance.now() - started) });
  }
}

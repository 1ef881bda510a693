import { EmbedderBusyError } from "../errors.js";
import type { Embedder, EmbedderStatus } from "./embedder.js";

interface Waiting {
  text: string;
  resolve(vector: number[]): void;
  reject(err: unknown): void;
}

/**
 * Micro-batching of single query embeddings across concurrent requests: while one inference runs,
 * the queries that arrive wait together and go as the next batch (up to `batchSize`), so N
 * concurrent tickets cost about N / batchSize inferences instead of N, and nobody waits for a
 * timer. At most `max` queries wait; one more is refused at once with EmbedderBusyError
 * (503 EMBEDDER_BUSY with Retry-After) instead of letting latency grow without bound.
 */
export class QueryBatcher {
  private readonly pending: Waiting[] = [];
  private running = false;

  constructor(
    private readonly run: (texts: string[]) => Promise<number[][]>,
    readonly max: number,
    private readonly batchSize: number,
  ) {}

  get waiting(): number {
    return this.pending.length;
  }

  embed(text: string): Promise<number[]> {
    if (this.pending.length >= this.max) return Promise.reject(new EmbedderBusyError(this.pending.length));
    const vector = new Promise<number[]>((resolve, reject) => this.pending.push({ text, resolve, reject }));
    this.pump();
    return vector;
  }

  private pump(): void {
    if (this.running || this.pending.length === 0) return;
    this.running = true;
    const batch = this.pending.splice(0, this.batchSize);
    this.run(batch.map((w) => w.text))
      .then(
        (vectors) =>
          batch.forEach((w, i) => {
            const v = vectors[i];
            if (v) w.resolve(v);
            else w.reject(new Error(`the embedder answered ${vectors.length} vectors for ${batch.length} texts`));
          }),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        this.running = false;
        this.pump();
      });
  }
}

/**
 * The embedder with its single-query calls micro-batched (QueryBatcher); several texts at once are
 * already a batch and go straight through. Its status reports the batcher's queue.
 */
export function withQueryBatching(embedder: Embedder, opts: { max: number; batchSize: number }): Embedder {
  const batcher = new QueryBatcher((texts) => embedder.embedQueries(texts), opts.max, opts.batchSize);
  return {
    get id() {
      return embedder.id;
    },
    get dims() {
      return embedder.dims;
    },
    get lexical() {
      return embedder.lexical;
    },
    get family() {
      return embedder.family;
    },
    status(): EmbedderStatus {
      return { ...embedder.status(), queue: { waiting: batcher.waiting + (embedder.status().queue?.waiting ?? 0), max: batcher.max } };
    },
    ready: () => embedder.ready(),
    embedQueries: async (texts) => (texts.length === 1 ? [await batcher.embed(texts[0] as string)] : embedder.embedQueries(texts)),
    embedPassages: (texts) => embedder.embedPassages(texts),
    ...(embedder.close ? { close: () => embedder.close?.() ?? Promise.resolve() } : {}),
  };
}

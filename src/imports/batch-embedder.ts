import type { Embedder, EmbedderStatus } from "../embeddings/embedder.js";

/**
 * The active embedder, with a batch's passage vectors computed up front in one call: the article
 * services embed text by text, and this hands them the vector already made for that exact text.
 * A text not in the batch (should the services ever embed something else) goes to the real
 * embedder, so a vector is never wrong or missing, only slower. Same id and dimensions, so the
 * stored vectors are the active embedder's.
 */
export class PrecomputedEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;
  readonly lexical: boolean;
  /** Texts the services asked for that were not precomputed (tests assert it stays 0). */
  misses = 0;
  private readonly vectors = new Map<string, number[]>();

  constructor(private readonly base: Embedder) {
    this.id = base.id;
    this.dims = base.dims;
    this.lexical = base.lexical;
  }

  /** Embeds all `texts` in one embedPassages call and keeps the vectors for the services. */
  async precompute(texts: string[]): Promise<void> {
    const todo = [...new Set(texts.filter((t) => !this.vectors.has(t)))];
    if (todo.length === 0) return;
    const vectors = await this.base.embedPassages(todo);
    if (vectors.length !== todo.length) throw new Error(`embedder returned ${vectors.length} vectors for ${todo.length} texts`);
    todo.forEach((t, i) => this.vectors.set(t, vectors[i] as number[]));
  }

  clear(): void {
    this.vectors.clear();
  }

  status(): EmbedderStatus {
    return this.base.status();
  }

  ready(): Promise<void> {
    return this.base.ready();
  }

  embedQueries(texts: string[]): Promise<number[][]> {
    return this.base.embedQueries(texts);
  }

  async embedPassages(texts: string[]): Promise<number[][]> {
    const missing = texts.filter((t) => !this.vectors.has(t));
    if (missing.length > 0) {
      this.misses += missing.length;
      await this.precompute(missing);
    }
    return texts.map((t) => this.vectors.get(t) as number[]);
  }
}

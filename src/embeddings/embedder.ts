/**
 * What every embedder offers. Queries (tickets, searches) and passages (articles) are embedded
 * separately because asymmetric models such as e5 prefix them differently.
 */
export type EmbedderState = "loading" | "ready" | "failed";

export interface EmbedderStatus {
  /** transformers | hashing | http */
  kind: string;
  /** Names the vector space: model + revision + dimensions. Vectors of different ids never mix. */
  id: string;
  dims: number;
  state: EmbedderState;
  /** Lexical embedders (hashing) cannot match across languages; search says so. */
  lexical: boolean;
  /** The model family (e.g. multilingual-e5-small, hashing): chooses the shipped confidence profile. */
  family?: string;
  /** Set when this embedder serves because the configured one could not be loaded. */
  fallback?: { from: string; reason: string; fix: string };
  error?: string;
  queue?: { waiting: number; max: number };
}

export interface Embedder {
  readonly id: string;
  readonly dims: number;
  readonly lexical: boolean;
  /** The model family when the id alone does not name it (a MODEL_DIR folder's upstream model). */
  readonly family?: string;
  status(): EmbedderStatus;
  /** Resolves once the embedder can serve (model loaded and warmed up); rejects if it cannot. */
  ready(): Promise<void>;
  embedQueries(texts: string[]): Promise<number[][]>;
  embedPassages(texts: string[]): Promise<number[][]>;
  close?(): Promise<void>;
}

/** L2-normalises in place; a zero vector stays zero (it matches nothing rather than everything). */
export function normalize(v: number[]): number[] {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/**
 * The family of an embedder: which model made its vectors, whatever the folder, quantisation or
 * cache they came from — `multilingual-e5-small` for the hub's, a MODEL_DIR built by
 * `npm run model:offline` or a remote e5 server; `hashing` for the offline embedder. Two ids of
 * one family have the same score scale, so they share a confidence profile (never vectors).
 */
export function embedderFamily(e: { id: string; family?: string | undefined }): string {
  if (e.id.startsWith("hashing:")) return "hashing";
  const name = `${e.family ?? ""} ${e.id}`.toLowerCase();
  if (name.includes("multilingual-e5-small")) return "multilingual-e5-small";
  return (e.family ?? "").toLowerCase().split("/").pop() || e.id;
}

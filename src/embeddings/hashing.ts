import { type Embedder, type EmbedderStatus, normalize } from "./embedder.js";

/**
 * Offline embedder: signed feature hashing ("the hashing trick", Weinberger et al. 2009) of
 * accent-folded word unigrams and character 3–5-grams into a fixed number of dimensions,
 * sublinear term frequency, L2-normalised. It needs no model and is deterministic, so it is the
 * test suite's embedder and the fallback when no model can be loaded. It is lexical: it matches
 * shared words and word pieces (typos, inflections, cognates), not meaning across languages.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;
  readonly lexical = true;
  readonly family = "hashing";

  constructor(
    readonly dims = 384,
    private readonly fallback?: EmbedderStatus["fallback"],
  ) {
    this.id = `hashing:v1:w1+c3-5:${dims}`;
  }

  status(): EmbedderStatus {
    return {
      kind: "hashing",
      id: this.id,
      dims: this.dims,
      state: "ready",
      lexical: true,
      family: "hashing",
      ...(this.fallback ? { fallback: this.fallback } : {}),
    };
  }

  async ready(): Promise<void> {}

  async embedQueries(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }

  async embedPassages(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): number[] {
    const tf = new Map<string, number>();
    const bump = (feature: string) => tf.set(feature, (tf.get(feature) ?? 0) + 1);
    for (const word of foldWords(text)) {
      if (word.length < 2) continue;
      bump(`w:${word}`);
      const padded = `#${word}#`;
      for (let n = 3; n <= 5; n++) {
        for (let i = 0; i + n <= padded.length; i++) bump(`c:${padded.slice(i, i + n)}`);
      }
    }
    const v = new Array<number>(this.dims).fill(0);
    for (const [feature, count] of tf) {
      const h = fnv1a(feature);
      const slot = h % this.dims;
      const sign = h & 0x80000000 ? -1 : 1;
      const weight = feature.startsWith("w:") ? WORD_WEIGHT : NGRAM_WEIGHT;
      v[slot] = (v[slot] as number) + sign * weight * (1 + Math.log(count));
    }
    return normalize(v);
  }
}

/** Whole words say more than word pieces; n-grams still carry typos and inflections. */
const WORD_WEIGHT = 1;
const NGRAM_WEIGHT = 0.35;

/** Lower-cased, diacritics removed (NFD + combining marks), split on anything not a letter or digit. */
export function foldWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across platforms and runs. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

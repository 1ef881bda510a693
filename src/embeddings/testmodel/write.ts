import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import { buildVocabulary, SPECIAL_TOKENS, tokenRow } from "./vocab.js";

const { onnx } = onnxProto;

export interface TestModelInfo {
  dir: string;
  dims: number;
  vocabSize: number;
  files: string[];
}

/**
 * Writes a tiny static-embedding model in the transformers.js folder layout (config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model.onnx, onnx/model_quantized.onnx). The graph
 * maps input_ids [batch, seq] to last_hidden_state [batch, seq, dims] by a Gather from a table of
 * hashed character n-gram rows (int8 + DequantizeLinear in the quantized file), so the real
 * pipeline — tokenizer, session, mean pooling, normalisation — runs offline in milliseconds.
 */
export function writeTestModel(dir: string, dims = 64): TestModelInfo {
  const vocab = buildVocabulary();
  const table = new Float32Array(vocab.length * dims);
  vocab.forEach((token, i) => table.set(tokenRow(token, dims), i * dims));
  mkdirSync(join(dir, "onnx"), { recursive: true });
  const files: Record<string, string | Uint8Array> = {
    "config.json": JSON.stringify(modelConfig(vocab.length, dims), null, 2),
    "tokenizer.json": JSON.stringify(tokenizerJson(vocab)),
    "tokenizer_config.json": JSON.stringify(tokenizerConfig(), null, 2),
    "onnx/model.onnx": encodeModel(table, vocab.length, dims, false),
    "onnx/model_quantized.onnx": encodeModel(table, vocab.length, dims, true),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, dims, vocabSize: vocab.length, files: Object.keys(files) };
}

function modelConfig(vocabSize: number, dims: number) {
  return {
    _name_or_path: "deflect/static-ngram-test-model",
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: dims,
    vocab_size: vocabSize,
    max_position_embeddings: 512,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: dims,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
}

function tokenizerConfig() {
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    model_max_length: 512,
    unk_token: "[UNK]",
    sep_token: "[SEP]",
    pad_token: "[PAD]",
    cls_token: "[CLS]",
    mask_token: "[MASK]",
  };
}

function tokenizerJson(vocab: string[]) {
  const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const special = (name: string) => ({ id: name, ids: [ids[name]], tokens: [name] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": special("[CLS]"), "[SEP]": special("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: ids },
  };
}

const INT64 = onnx.TensorProto.DataType.INT64;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT8 = onnx.TensorProto.DataType.INT8;

function tokenInput(name: string) {
  return {
    name,
    type: { tensorType: { elemType: INT64, shape: { dim: [{ dimParam: "batch_size" }, { dimParam: "sequence_length" }] } } },
  };
}

/** The ONNX graph: Gather(table, input_ids) [→ DequantizeLinear]; the other BERT inputs are accepted and unused. */
function encodeModel(table: Float32Array, vocabSize: number, dims: number, quantized: boolean): Uint8Array {
  const initializer = [];
  const node = [];
  if (quantized) {
    let max = 0;
    for (const x of table) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    const q = new Int8Array(table.length);
    for (let i = 0; i < table.length; i++) q[i] = Math.round((table[i] as number) / scale);
    initializer.push(
      { name: "embeddings_q", dims: [vocabSize, dims], dataType: INT8, rawData: new Uint8Array(q.buffer) },
      { name: "embeddings_scale", dims: [], dataType: FLOAT, floatData: [scale] },
      { name: "embeddings_zero", dims: [], dataType: INT8, rawData: new Uint8Array([0]) },
    );
    node.push(
      {
        opType: "Gather",
        input: ["embeddings_q", "input_ids"],
        output: ["gathered_q"],
        name: "gather",
        attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      },
      { opType: "DequantizeLinear", input: ["gathered_q", "embeddings_scale", "embeddings_zero"], output: ["last_hidden_state"], name: "dequantize" },
    );
  } else {
    initializer.push({ name: "embeddings", dims: [vocabSize, dims], dataType: FLOAT, rawData: new Uint8Array(table.buffer.slice(0)) });
    node.push({
      opType: "Gather",
      input: ["embeddings", "input_ids"],
      output: ["last_hidden_state"],
      name: "gather",
      attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    });
  }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "deflect-make-test-model",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "static_ngram_embeddings",
      node,
      initializer,
      input: [tokenInput("input_ids"), tokenInput("attention_mask"), tokenInput("token_type_ids")],
      output: [
        {
          name: "last_hidden_state",
          type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: "batch_size" }, { dimParam: "sequence_length" }, { dimValue: dims }] } } },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

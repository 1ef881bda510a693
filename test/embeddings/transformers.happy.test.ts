import { env, pipeline } from "@xenova/transformers";
import { beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { TransformersEmbedder } from "../../src/embeddings/transformers.js";
import { testConfig } from "../support/context.js";
import { cosine, makeModelDir, norm } from "./support.js";

const logger = createLogger("silent");
let dir: string;
let embedder: TransformersEmbedder;

function embedderFor(modelDir: string, overrides: Record<string, unknown> = {}) {
  return new TransformersEmbedder(testConfig({ EMBEDDER: "transformers", MODEL_DIR: modelDir, EMBED_BATCH_SIZE: 4, ...overrides }), logger);
}

beforeAll(async () => {
  dir = makeModelDir();
  embedder = embedderFor(dir);
  await embedder.ready();
});

describe("transformers.js embedder on the generated model (real pipeline, offline)", () => {
  it("is ready after warm-up, discovers its dimension from the output and names model, hash, quantization and dims", () => {
    const status = embedder.status();
    expect(status).toMatchObject({ kind: "transformers", state: "ready", dims: 64, lexical: false, queue: { waiting: 0, max: 64 } });
    expect(embedder.id).toMatch(/^transformers:dir\/static-model@[0-9a-f]{10}:q8:64$/);
  });

  it("returns one L2-normalised vector of the model's dimension per text", async () => {
    const texts = ["Printer offline after update", "Heslo nefunguje", "", "ß Ωμέγα кириллица 123"];
    for (const vectors of [await embedder.embedQueries(texts), await embedder.embedPassages(texts)]) {
      expect(vectors).toHaveLength(4);
      for (const v of vectors) {
        expect(v).toHaveLength(64);
        expect(norm(v)).toBeCloseTo(1, 5);
      }
    }
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it("applies the e5 prefixes: queries are embedded as 'query: …', passages as 'passage: …'", async () => {
    const raw = (await pipeline("feature-extraction", "static-model", { quantized: true })) as unknown as (t: string[], o: object) => Promise<{ tolist(): number[][] }>;
    expect(env.localModelPath.replace(/\/$/, "")).toBe(dir.slice(0, dir.lastIndexOf("/")));
    const text = "printer offline";
    const [asQuery, asPassage, bare] = (await raw([`query: ${text}`, `passage: ${text}`, text], { pooling: "mean", normalize: true })).tolist();
    const [q] = await embedder.embedQueries([text]);
    const [p] = await embedder.embedPassages([text]);
    expect(cosine(q as number[], asQuery as number[])).toBeCloseTo(1, 6);
    expect(cosine(p as number[], asPassage as number[])).toBeCloseTo(1, 6);
    expect(cosine(q as number[], bare as number[])).toBeLessThan(0.999);
    expect(cosine(q as number[], p as number[])).toBeLessThan(0.999);
  });

  it("gives the same vectors in batches (padding) as one by one", async () => {
    const texts = ["a", "Printer offline after the Windows update", "Heslo", "Salasana unohtunut, tili lukittu", "x y z", "invoice", "refund payment error"];
    const batched = await embedder.embedPassages(texts);
    for (const [i, t] of texts.entries()) {
      const [single] = await embedder.embedPassages([t]);
      expect(cosine(single as number[], batched[i] as number[])).toBeCloseTo(1, 5);
    }
  });

  it("truncates a 10,000-word text at 512 tokens instead of failing", async () => {
    const head = Array.from({ length: 600 }, (_, i) => (i % 3 ? "printer" : "offline")).join(" ");
    const tailA = " invoice".repeat(9400);
    const tailB = " salasana".repeat(9400);
    const [a, b, short] = await embedder.embedPassages([head + tailA, head + tailB, "invoice invoice"]);
    expect(a).toHaveLength(64);
    expect(norm(a as number[])).toBeCloseTo(1, 5);
    expect(cosine(a as number[], b as number[])).toBeCloseTo(1, 6);
    expect(cosine(a as number[], short as number[])).toBeLessThan(0.9);
  });

  it("places texts that share words and word pieces closer than unrelated ones", async () => {
    const [a, b, c] = await embedder.embedQueries(["printer offline", "printers are offline again", "invoice refund payment"]);
    expect(cosine(a as number[], b as number[])).toBeGreaterThan(cosine(a as number[], c as number[]));
  });

  it("loads the unquantized ONNX file when EMBEDDING_QUANTIZED=false, in a separate vector space id", async () => {
    const fp32 = embedderFor(dir, { EMBEDDING_QUANTIZED: "false" });
    await fp32.ready();
    expect(fp32.id).toMatch(/:fp32:64$/);
    expect(fp32.id).not.toBe(embedder.id);
    const [x] = await fp32.embedQueries(["printer offline"]);
    const [y] = await embedder.embedQueries(["printer offline"]);
    expect(cosine(x as number[], y as number[])).toBeGreaterThan(0.99);
  });

  it("gives two different local models with the same folder name different ids", async () => {
    const other = embedderFor(makeModelDir("static-model", 32));
    expect(other.status()).toMatchObject({ state: "loading", dims: 32 });
    await other.ready();
    expect(other.dims).toBe(32);
    expect(other.id).not.toBe(embedder.id);
    expect(other.id.split(":")[1]).not.toBe(embedder.id.split(":")[1]);
  });
});

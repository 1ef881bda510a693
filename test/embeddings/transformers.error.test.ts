import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { EmbedderBusyError } from "../../src/errors.js";
import { createNodeEmbedder } from "../../src/embeddings/node-factory.js";
import { explainLoadFailure, TransformersEmbedder } from "../../src/embeddings/transformers.js";
import { createTestContext, testConfig, type TestContext } from "../support/context.js";
import { makeModelDir } from "./support.js";
import { readJson } from "../support/api.js";
import { HealthDetailsSchema, HealthSchema } from "../../src/health/health.routes.js";

const logger = createLogger("silent");

function configFor(modelDir: string, overrides: Record<string, unknown> = {}) {
  return testConfig({ EMBEDDER: "transformers", MODEL_DIR: modelDir, ...overrides });
}

/** Loads a broken model folder; returns the explanation the log and /health would show. */
async function failToLoad(modelDir: string, overrides: Record<string, unknown> = {}) {
  const config = configFor(modelDir, overrides);
  const embedder = new TransformersEmbedder(config, logger);
  const err = await embedder.ready().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeDefined();
  expect(embedder.status().state).toBe("failed");
  const explained = explainLoadFailure(err, config);
  expect(embedder.status().error).toBe(`${explained.reason}. ${explained.fix}`);
  await expect(embedder.embedQueries(["x"])).rejects.toMatchObject({ code: "EMBEDDER_UNAVAILABLE" });
  return explained;
}

describe("model loading failures say exactly why and what to set", () => {
  it("names a missing tokenizer.json", async () => {
    const dir = makeModelDir();
    rmSync(join(dir, "tokenizer.json"));
    const { reason, fix } = await failToLoad(dir);
    expect(reason).toContain(`missing file tokenizer.json in MODEL_DIR ${dir}`);
    expect(fix).toContain("MODEL_DIR must hold");
  });

  it("names a missing quantized ONNX file and points to EMBEDDING_QUANTIZED when the other one exists", async () => {
    const dir = makeModelDir();
    rmSync(join(dir, "onnx/model_quantized.onnx"));
    const { reason } = await failToLoad(dir);
    expect(reason).toContain("missing file onnx/model_quantized.onnx");
    expect(reason).toContain("EMBEDDING_QUANTIZED=false");
  });

  it("says when MODEL_DIR does not exist", async () => {
    const { reason } = await failToLoad("/nonexistent/deflect-model");
    expect(reason).toBe("MODEL_DIR /nonexistent/deflect-model does not exist or is not a folder");
  });

  it("reports a corrupt ONNX file with the parser's cause", async () => {
    const dir = makeModelDir();
    writeFileSync(join(dir, "onnx/model_quantized.onnx"), Buffer.from("this is not a protobuf model, just some text ".repeat(40)));
    const { reason, fix } = await failToLoad(dir);
    expect(reason).toMatch(/^corrupt ONNX file onnx\/model_quantized\.onnx in MODEL_DIR/);
    expect(reason).toMatch(/protobuf|Can't create a session/);
    expect(fix).toContain(join(dir, "onnx/model_quantized.onnx"));
  });

  it("reports a corrupt JSON file by name", async () => {
    const dir = makeModelDir();
    writeFileSync(join(dir, "config.json"), "{ not json");
    const { reason } = await failToLoad(dir);
    expect(reason).toMatch(/^corrupt JSON file config\.json in MODEL_DIR/);
  });

  it("refuses to start when the fallback is off, with the same explanation", async () => {
    const dir = makeModelDir();
    rmSync(join(dir, "config.json"));
    await expect(createNodeEmbedder(configFor(dir, { EMBEDDER_FALLBACK: "false" }), logger)).rejects.toThrow(/missing file config\.json/);
  });
});

describe("the bounded inference queue", () => {
  it("answers EmbedderBusyError (EMBEDDER_BUSY) when full instead of queueing without bound", async () => {
    const embedder = new TransformersEmbedder(configFor(makeModelDir(), { EMBED_QUEUE_MAX: 1 }), logger);
    await embedder.ready();
    const first = embedder.embedQueries(["one"]);
    const second = embedder.embedQueries(["two"]);
    const third = embedder.embedQueries(["three"]);
    const busy = await third.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(busy).toBeInstanceOf(EmbedderBusyError);
    expect((busy as EmbedderBusyError).code).toBe("EMBEDDER_BUSY");
    expect(embedder.status().queue).toEqual({ waiting: 1, max: 1 });
    expect((await first)[0]).toHaveLength(64);
    expect((await second)[0]).toHaveLength(64);
    expect(embedder.status().queue).toEqual({ waiting: 0, max: 1 });
    expect(await embedder.embedQueries(["after"])).toHaveLength(1);
  });
});

describe("EMBEDDER=transformers when the model cannot be loaded", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    const dir = makeModelDir();
    rmSync(join(dir, "onnx"), { recursive: true });
    const embedder = await createNodeEmbedder(configFor(dir), logger);
    ctx = await createTestContext({ embedder });
  });
  afterAll(async () => ctx?.close());

  it("serves on the hashing embedder and /health/details says fallback, why and what to set", async () => {
    expect(await readJson(await ctx.req("GET", "/health"), HealthSchema)).toMatchObject({ status: "degraded", embedder: { state: "ready" } });
    const res = await ctx.req("GET", "/health/details", undefined, "admin");
    expect(res.status).toBe(200);
    const body = await readJson(res, HealthDetailsSchema);
    expect(body.status).toBe("degraded");
    expect(body.embedder).toMatchObject({ kind: "hashing", state: "ready", lexical: true, crossLanguage: false });
    expect(body.embedder.fallback?.from).toMatch(/^transformers:dir\/static-model:q8:64$/);
    expect(body.embedder.fallback?.reason).toContain("missing file onnx/model_quantized.onnx");
    expect(body.embedder.fallback?.fix).toContain("MODEL_DIR");
  });
});

describe("explainLoadFailure for the hub (no MODEL_DIR)", () => {
  const config = testConfig({ EMBEDDER: "transformers", MODEL_CACHE_DIR: "/tmp/deflect-cache" });
  it("recognises a missing network behind fetch's cause", () => {
    const err = new TypeError("fetch failed", { cause: new Error("getaddrinfo ENOTFOUND huggingface.co") });
    const { reason, fix } = explainLoadFailure(err, config);
    expect(reason).toMatch(/^no network: Xenova\/multilingual-e5-small is not in the cache \/tmp\/deflect-cache/);
    expect(reason).toContain("ENOTFOUND");
    expect(fix).toContain("set MODEL_DIR");
    expect(fix).toContain("EMBEDDER=hashing");
  });
  it("recognises a model missing on the hub", () => {
    const { reason, fix } = explainLoadFailure(new Error('Could not locate file: "https://huggingface.co/x/y/resolve/main/config.json".'), config);
    expect(reason).toMatch(/was not found on huggingface\.co/);
    expect(fix).toContain("EMBEDDING_MODEL");
  });
});

import { readFileSync, existsSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { explainLoadFailure, TransformersEmbedder } from "../../src/embeddings/transformers.js";
import { testConfig } from "../support/context.js";
import { makeModelDir } from "./support.js";

/**
 * The hub path (no MODEL_DIR) against a local stand-in for huggingface.co that serves the test
 * model at /{model}/resolve/main/{file}: download with progress logs, the cache in
 * MODEL_CACHE_DIR, a second start from the cache with the "hub" gone, and the explanation when
 * neither network nor cache has the model.
 */
const MODEL = "deflect-test/static-model";
let server: Server;
let requests: string[] = [];
/** The stand-in hub, as MODEL_HUB_URL (a mirror inside a company network is configured the same way). */
let hubUrl: string;

beforeAll(async () => {
  const dir = makeModelDir();
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const file = join(dir, (req.url ?? "").replace(`/${MODEL}/resolve/main/`, ""));
    if (!req.url?.startsWith(`/${MODEL}/resolve/main/`) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function embedderWith(cacheDir: string, lines: string[] = [], hub = hubUrl) {
  const config = testConfig({ EMBEDDER: "transformers", EMBEDDING_MODEL: MODEL, MODEL_CACHE_DIR: cacheDir, MODEL_HUB_URL: hub });
  return {
    config,
    embedder: new TransformersEmbedder(
      config,
      createLogger("info", {}, (l) => lines.push(l)),
    ),
  };
}

describe("loading from the hub into MODEL_CACHE_DIR", () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "deflect-cache-"));

  it("downloads once with progress logged and names the model in the id", async () => {
    const lines: string[] = [];
    const { embedder } = embedderWith(cacheDir, lines);
    await embedder.ready();
    expect(embedder.id).toBe(`transformers:${MODEL}:q8:64`);
    expect(requests).toContain(`/${MODEL}/resolve/main/onnx/model_quantized.onnx`);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; file?: string });
    expect(logged.some((l) => l.msg === "downloading model file" && l.file === "onnx/model_quantized.onnx")).toBe(true);
    expect(logged.some((l) => l.msg === "model download progress")).toBe(true);
    expect(existsSync(join(cacheDir, MODEL, "onnx/model_quantized.onnx"))).toBe(true);
  });

  it("starts again from the cache without any request", async () => {
    requests = [];
    const { embedder } = embedderWith(cacheDir);
    await embedder.ready();
    expect(requests).toEqual([]);
    expect((await embedder.embedQueries(["printer offline"]))[0]).toHaveLength(64);
  });

  it("explains a model missing from both the unreachable hub and the cache", async () => {
    const { config, embedder } = embedderWith(mkdtempSync(join(tmpdir(), "deflect-cache-")), [], "http://127.0.0.1:9/");
    const err = await embedder.ready().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(embedder.status().state).toBe("failed");
    const { reason, fix } = explainLoadFailure(err, config);
    expect(reason).toMatch(/^no network: deflect-test\/static-model is not in the cache .* could not be downloaded from 127\.0\.0\.1:9 /);
    expect(fix).toContain("set MODEL_DIR");
  });
});

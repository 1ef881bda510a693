import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { appFetch, genericServer, httpEmbedder } from "./fixtures.js";

/** The Workers embedder against a real Deflect node (the app in-process) and a generic server. */
describe("HttpEmbedder", () => {
  let ctx: TestContext;
  let key = "";
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  beforeEach(async () => {
    await ctx.reset();
    key = (await ctx.auth("agent")).authorization?.replace("Bearer ", "") ?? "";
  });
  afterAll(async () => ctx.close());

  it("adopts a Deflect node's embedder id and returns its exact vectors", async () => {
    const { fetch, calls } = appFetch(ctx.app);
    const { embedder } = httpEmbedder({ EMBEDDINGS_API_KEY: key }, fetch);
    expect(embedder.status().state).toBe("loading");
    await embedder.ready();
    expect(embedder.id).toBe(ctx.deps.embedder.id);
    expect([embedder.dims, embedder.lexical]).toEqual([384, true]);
    expect(embedder.status()).toMatchObject({ kind: "http", state: "ready", id: ctx.deps.embedder.id });
    const texts = ["Printer error E42", "Tiskárna hlásí chybu E42"];
    expect(await embedder.embedPassages(texts)).toEqual(await ctx.deps.embedder.embedPassages(texts));
    expect(calls[0]?.url).toBe("http://embed.test/v1/embeddings");
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${key}`);
  });

  it("sends input_type to a Deflect node, which applies the model's query/passage side", async () => {
    const { fetch, calls } = appFetch(ctx.app);
    const { embedder } = httpEmbedder({ EMBEDDINGS_API_KEY: key }, fetch);
    await embedder.embedQueries(["a question"]);
    await embedder.embedPassages(["an answer"]);
    expect(calls.map((c) => [c.body.input, c.body.input_type])).toEqual([
      [["deflect readiness probe"], undefined],
      [["a question"], "query"],
      [["an answer"], "passage"],
    ]);
  });

  it("batches by EMBED_BATCH_SIZE and keeps input order", async () => {
    const { fetch, calls } = appFetch(ctx.app);
    const { embedder } = httpEmbedder({ EMBEDDINGS_API_KEY: key, EMBED_BATCH_SIZE: "4" }, fetch);
    const texts = Array.from({ length: 10 }, (_, i) => `ticket number ${i} about invoices`);
    const vectors = await embedder.embedQueries(texts);
    expect(calls.slice(1).map((c) => c.body.input?.length)).toEqual([4, 4, 2]);
    expect(vectors).toEqual(await new HashingEmbedder(384).embedQueries(texts));
    expect(await embedder.embedQueries([])).toEqual([]);
  });

  it("splits batches that would exceed the node's body limit, a long text going alone", async () => {
    const { fetch, calls } = appFetch(ctx.app);
    const { embedder } = httpEmbedder({ EMBEDDINGS_API_KEY: key, EMBED_BATCH_SIZE: "16" }, fetch);
    const long = "Tiskárna hlásí chybu E42 po aktualizaci firmwaru. ".repeat(1_900);
    const texts = ["short one", long, long, "short two"];
    const vectors = await embedder.embedPassages(texts);
    expect(calls.slice(1).map((c) => c.body.input?.length)).toEqual([2, 2]);
    expect(vectors).toEqual(await new HashingEmbedder(384).embedPassages(texts));
  });

  it("adds e5 prefixes itself for a generic server running an e5 model, and names the space http:<model>:<dims>", async () => {
    const { fetch, calls } = appFetch(genericServer("intfloat/multilingual-e5-small"));
    const { embedder } = httpEmbedder({}, fetch);
    await embedder.embedQueries(["how do I reset my password"]);
    await embedder.embedPassages(["Click Forgot password"]);
    expect(embedder.id).toBe("http:intfloat/multilingual-e5-small:384");
    expect(embedder.lexical).toBe(false);
    expect(calls.slice(1).map((c) => c.body)).toEqual([{ input: ["query: how do I reset my password"] }, { input: ["passage: Click Forgot password"] }]);
  });

  it("sends raw texts (and the requested model) to a generic non-e5 server", async () => {
    const { fetch, calls } = appFetch(genericServer("nomic-embed-text"));
    const { embedder } = httpEmbedder({ EMBEDDINGS_MODEL_ID: "nomic-embed-text" }, fetch);
    await embedder.embedPassages(["Click Forgot password"]);
    expect(calls[1]?.body).toEqual({ model: "nomic-embed-text", input: ["Click Forgot password"] });
    expect(embedder.id).toBe("http:nomic-embed-text:384");
  });

  it("accepts EMBEDDINGS_MODEL_ID naming the Deflect node's embedder id, and skips the probe when already known", async () => {
    const { fetch, calls } = appFetch(ctx.app);
    const first = httpEmbedder({ EMBEDDINGS_API_KEY: key, EMBEDDINGS_MODEL_ID: ctx.deps.embedder.id }, fetch).embedder;
    await first.ready();
    const info = first.remoteInfo();
    expect(info).toMatchObject({ id: ctx.deps.embedder.id, deflect: true });
    const second = httpEmbedder({ EMBEDDINGS_API_KEY: key }, fetch, { known: info }).embedder;
    expect(second.status().state).toBe("ready");
    await second.embedQueries(["x y"]);
    expect(calls).toHaveLength(2);
  });
});

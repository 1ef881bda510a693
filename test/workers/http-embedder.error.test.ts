import { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { appFetch, genericServer, httpEmbedder } from "./fixtures.js";

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "resolved";
  } catch (err) {
    return err instanceof DomainError ? err.code : `not a DomainError: ${String(err)}`;
  }
}

/** Failures of the remote embedder: retried when transient, refused clearly when not. */
describe("HttpEmbedder failures", () => {
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

  it("retries 5xx with growing backoff and then succeeds", async () => {
    const { fetch, calls } = appFetch(genericServer("bge-small", { status: [503, 500] }));
    const { embedder, sleeps } = httpEmbedder({}, fetch);
    await embedder.ready();
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(250);
    expect(sleeps[1]).toBeGreaterThanOrEqual(500);
  });

  it("honours Retry-After on 429 and reports EMBEDDER_BUSY when the remote stays busy", async () => {
    const app = new Hono();
    app.post("/v1/embeddings", (c) => c.json({ code: "EMBEDDER_BUSY", detail: "queue full" }, 429, { "retry-after": "2" }));
    const { fetch, calls } = appFetch(app);
    const { embedder, sleeps } = httpEmbedder({}, fetch);
    expect(await codeOf(embedder.ready())).toBe("EMBEDDER_BUSY");
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(embedder.status()).toMatchObject({ state: "failed" });
  });

  it("times out a silent remote and retries network errors before giving up with EMBEDDER_UNAVAILABLE", async () => {
    let attempts = 0;
    const silent = ((_: RequestInfo | URL, init?: RequestInit) => {
      attempts++;
      if (attempts % 2 === 0) return Promise.reject(new TypeError("fetch failed: ECONNREFUSED"));
      return new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    }) as typeof fetch;
    const { embedder } = httpEmbedder({ EMBEDDINGS_TIMEOUT_MS: "100" }, silent);
    const err = await embedder.ready().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("EMBEDDER_UNAVAILABLE");
    expect((err as Error).message).toMatch(/failed 4 times: network error/);
    expect(attempts).toBe(4);
    expect(embedder.status().error).toMatch(/failed 4 times/);
  });

  it("does not retry a refused key and says which setting to fix", async () => {
    const { fetch, calls } = appFetch(ctx.app);
    const { embedder } = httpEmbedder({ EMBEDDINGS_API_KEY: "dfl_agent_wrong" }, fetch);
    const err = await embedder.embedQueries(["x"]).catch((e: unknown) => e);
    expect((err as DomainError).code).toBe("EMBEDDER_UNAVAILABLE");
    expect((err as Error).message).toMatch(/HTTP 401.*EMBEDDINGS_API_KEY/);
    expect(calls).toHaveLength(1);
  });

  it("refuses a Deflect node serving another model than EMBEDDINGS_MODEL_ID (the node says 409)", async () => {
    const { fetch } = appFetch(ctx.app);
    const { embedder } = httpEmbedder({ EMBEDDINGS_API_KEY: key, EMBEDDINGS_MODEL_ID: "transformers:Xenova/multilingual-e5-small:384" }, fetch);
    expect(await codeOf(embedder.ready())).toBe("EMBEDDER_MISMATCH");
    expect(await codeOf(embedder.embedPassages(["x"]))).toBe("EMBEDDER_MISMATCH");
  });

  it("refuses a generic server that reports another model than EMBEDDINGS_MODEL_ID", async () => {
    const { fetch } = appFetch(genericServer("all-minilm"));
    const { embedder } = httpEmbedder({ EMBEDDINGS_MODEL_ID: "nomic-embed-text" }, fetch);
    const err = await embedder.ready().catch((e: unknown) => e);
    expect((err as DomainError).code).toBe("EMBEDDER_MISMATCH");
    expect((err as Error).message).toMatch(/nomic-embed-text.*all-minilm/);
  });

  it("refuses vectors once the remote has switched vector space, then re-probes", async () => {
    const { fetch } = appFetch(ctx.app);
    const known = { id: "transformers:Xenova/multilingual-e5-small:384", dims: 384, lexical: false, model: "x", deflect: true, e5Prefixes: false };
    const { embedder } = httpEmbedder({ EMBEDDINGS_API_KEY: key }, fetch, { known });
    const err = await embedder.embedQueries(["x"]).catch((e: unknown) => e);
    expect((err as DomainError).code).toBe("EMBEDDER_MISMATCH");
    expect((err as Error).message).toMatch(/changed from transformers:.* to hashing:/);
    expect(embedder.status().state).toBe("failed");
    // The next call probes again and adopts the node's new space as a whole (what Node itself uses).
    await embedder.embedQueries(["x"]);
    expect(embedder.id).toBe(ctx.deps.embedder.id);
  });

  it("rejects answers that are not OpenAI-shaped or miss vectors", async () => {
    const app = new Hono();
    // Always one vector: right for the one-text probe, wrong for a batch of two.
    app.post("/v1/embeddings", (c) => c.json({ data: [{ embedding: [1, 0, 0], index: 0 }], model: "m" }));
    const { fetch } = appFetch(app);
    const { embedder } = httpEmbedder({}, fetch);
    expect(await codeOf(embedder.embedQueries(["a", "b"]))).toBe("EMBEDDER_UNAVAILABLE");
    const odd = new Hono();
    odd.post("/v1/embeddings", (c) => c.json({ embeddings: [[1, 2]] }));
    expect(await codeOf(httpEmbedder({}, appFetch(odd).fetch).embedder.ready())).toBe("EMBEDDER_UNAVAILABLE");
  });
});

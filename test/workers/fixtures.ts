import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { Config } from "../../src/config.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { HttpEmbedder, type HttpEmbedderOptions } from "../../src/embeddings/http.js";
import { createLogger } from "../../src/logger.js";
import { testConfig } from "../support/context.js";

/** Something with Hono's `request(url, init)`: a real app answered in-process, no socket. */
interface Requestable {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** What an embedder client sends (a Deflect node's or an OpenAI-style body); other keys are kept as sent. */
const SentBody = z.object({ input: z.array(z.string()).optional(), input_type: z.string().optional(), model: z.string().optional() }).catchall(z.unknown());

export interface Recorded {
  url: string;
  body: z.infer<typeof SentBody>;
  headers: Headers;
}

/** A fetch that sends to an in-process app and records every request it made. */
export function appFetch(app: Requestable): { fetch: typeof fetch; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, body: SentBody.parse(JSON.parse(String(init?.body ?? "{}"))), headers: new Headers(init?.headers) });
    return app.request(url, init);
  }) as typeof fetch;
  return { fetch: f, calls };
}

/** A client for `remote` with a config made of `vars`; sleeps are recorded, not waited. */
export function httpEmbedder(vars: Record<string, string>, fetchImpl: typeof fetch, extra: HttpEmbedderOptions = {}) {
  const config: Config = testConfig({ EMBEDDER: "http", EMBEDDINGS_URL: "http://embed.test", ...vars });
  const sleeps: number[] = [];
  const embedder = new HttpEmbedder(config, createLogger("silent"), {
    fetch: fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return { embedder, sleeps };
}

/**
 * A stand-in for a generic OpenAI-compatible server (text-embeddings-inference, Ollama): it embeds
 * exactly the strings it receives (hashing, 384 dims) and reports `model`; no Deflect extension.
 */
export function genericServer(model: string, script: { status?: number[] } = {}) {
  const hashing = new HashingEmbedder(384);
  const statuses = [...(script.status ?? [])];
  const app = new Hono();
  app.post("/v1/embeddings", async (c) => {
    const status = statuses.shift();
    if (status && status !== 200) return c.json({ error: `scripted ${status}` }, status as 500);
    const body = await c.req.json<{ input: string[] }>();
    const vectors = await hashing.embedQueries(body.input);
    return c.json({ object: "list", data: vectors.map((embedding, index) => ({ object: "embedding", embedding, index })), model });
  });
  return app;
}

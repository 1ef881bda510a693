import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embedder, EmbedderState } from "../../src/embeddings/embedder.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { present } from "../support/api.js";
import { openApiOf, rawRequest, startServer, type StartedServer } from "../support/socket.js";

/** The orchestrator probes: /health/live never asks the database, /health/ready does and checks the embedder. */
let ctx: TestContext;
let server: StartedServer;
let embedderState: EmbedderState = "ready";
beforeAll(async () => {
  ctx = await createTestContext();
  // The same embedder, with a state the test sets: "loading" is what a model start-up looks like.
  const real = ctx.deps.embedder;
  const embedder: Embedder = Object.assign(Object.create(real) as Embedder, { status: () => ({ ...real.status(), state: embedderState }) });
  ctx.deps.embedder = embedder;
  server = await startServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});

const get = (path: string) => rawRequest(server.port, { method: "GET", path });

describe("/health/live and /health/ready over a real socket", () => {
  it("both answer 200 without a key when the database answers and the embedder is loaded", async () => {
    const live = await get("/health/live");
    expect(live.status).toBe(200);
    expect(live.headers["content-type"]).toContain("application/json");
    expect(live.json).toEqual({ status: "live" });
    const ready = await get("/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: "ready", checks: { database: "ok", embedder: "ready" } });
  });

  it("ready is 503 EMBEDDER_UNAVAILABLE while the model loads; live stays 200", async () => {
    embedderState = "loading";
    try {
      const ready = await get("/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.headers["content-type"]).toContain("application/problem+json");
      expect(ready.json).toMatchObject({ code: "EMBEDDER_UNAVAILABLE", checks: { database: "ok", embedder: "loading" } });
      expect((await get("/health/live")).status).toBe(200);
    } finally {
      embedderState = "ready";
    }
  });

  it("ready is 503 DATABASE_UNAVAILABLE when the database does not answer; live stays 200 (it never asks)", async () => {
    const database = ctx.deps.database;
    const broken = { ...database, db: new Proxy(database.db, { get: () => () => Promise.reject(new Error("connection refused")) }) };
    ctx.deps.database = broken;
    try {
      const ready = await get("/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.headers["content-type"]).toContain("application/problem+json");
      expect(ready.json).toMatchObject({ code: "DATABASE_UNAVAILABLE", checks: { database: "failed" } });
      expect(ready.body).not.toContain("connection refused");
      const live = await get("/health/live");
      expect(live.status).toBe(200);
    } finally {
      ctx.deps.database = database;
    }
  });

  it("both are in /openapi.json, open to everyone, with the 503 codes documented", async () => {
    const doc = openApiOf(await get("/openapi.json"));
    const ready = present(doc.paths["/health/ready"]?.get, "GET /health/ready");
    expect(doc.paths["/health/live"]?.get?.["x-roles"]).toContain("portal");
    expect(ready["x-roles"]).toContain("portal");
    expect(ready.responses["503"]?.description).toMatch(/DATABASE_UNAVAILABLE.*EMBEDDER_UNAVAILABLE/);
    expect(ready.responses["503"]?.content?.["application/problem+json"]).toBeTruthy();
  });
});

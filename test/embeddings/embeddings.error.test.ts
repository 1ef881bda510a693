import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { InferenceQueue } from "../../src/embeddings/queue.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { readProblem } from "../support/api.js";

/** The hashing embedder behind the real inference queue, held shut until the test opens it. */
class GatedEmbedder extends HashingEmbedder {
  readonly queue = new InferenceQueue(1);
  private release: () => void = () => {};
  private gate: Promise<void> = Promise.resolve();
  closeGate(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }
  openGate(): void {
    this.release();
  }
  override embedQueries(texts: string[]) {
    return this.queue.run(async () => {
      await this.gate;
      return super.embedQueries(texts);
    });
  }
}

describe("POST /v1/embeddings — bad input", () => {
  let ctx: TestContext;
  const embedder = new GatedEmbedder(384);
  beforeAll(async () => {
    ctx = await createTestContext({ embedder });
  });
  beforeEach(async () => ctx.reset());
  afterAll(async () => ctx.close());

  const invalid: [string, unknown, string][] = [
    ["257 texts", { input: Array.from({ length: 257 }, () => "a") }, "input"],
    ["a text over 100,000 characters", { input: ["ok", "x".repeat(100_001)] }, "input"],
    ["an empty list", { input: [] }, "input"],
    ["an empty text", { input: "" }, "input"],
    ["no input", { model: "x" }, "input"],
    ["an unknown input_type", { input: "a", input_type: "document" }, "input_type"],
    ["an unknown encoding", { input: "a", encoding_format: "int8" }, "encoding_format"],
  ];
  for (const [name, body, field] of invalid) {
    it(`refuses ${name} with VALIDATION_FAILED naming ${field}`, async () => {
      const res = await ctx.req("POST", "/v1/embeddings", body, "agent");
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = await readProblem(res);
      expect(problem.code).toBe("VALIDATION_FAILED");
      expect(problem.errors?.map((e: { field: string }) => e.field.split(".")[0])).toContain(field);
    });
  }

  it("refuses a body over BODY_LIMIT_BYTES with 413 PAYLOAD_TOO_LARGE", async () => {
    const res = await ctx.req("POST", "/v1/embeddings", { input: Array.from({ length: 4 }, () => "x".repeat(90_000)) }, "agent");
    expect(res.status).toBe(413);
    expect((await readProblem(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a request for another model with 409 EMBEDDER_MISMATCH naming the active one", async () => {
    const res = await ctx.req("POST", "/v1/embeddings", { model: "Xenova/multilingual-e5-small", input: "a" }, "agent");
    expect(res.status).toBe(409);
    const problem = await readProblem(res);
    expect(problem).toMatchObject({ code: "EMBEDDER_MISMATCH", requested: "Xenova/multilingual-e5-small", active: embedder.id });
  });

  it("answers 503 EMBEDDER_BUSY when the queue is full, and serves again once it drains", async () => {
    await ctx.auth("agent");
    embedder.closeGate();
    const running = ctx.req("POST", "/v1/embeddings", { input: "first" }, "agent");
    const waiting = ctx.req("POST", "/v1/embeddings", { input: "second" }, "agent");
    let refused: Response;
    try {
      // Until one request is held in the model and the other waits behind it (the queue's max is 1).
      for (let i = 0; i < 200 && embedder.queue.waiting < 1; i++) await new Promise((r) => setTimeout(r, 10));
      expect(embedder.queue.waiting).toBe(1);
      refused = await ctx.req("POST", "/v1/embeddings", { input: "third" }, "agent");
    } finally {
      embedder.openGate();
    }
    expect(refused.status).toBe(503);
    expect((await readProblem(refused)).code).toBe("EMBEDDER_BUSY");
    expect((await running).status).toBe(200);
    expect((await waiting).status).toBe(200);
    expect((await ctx.req("POST", "/v1/embeddings", { input: "fourth" }, "agent")).status).toBe(200);
  });
});

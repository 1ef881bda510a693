import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { present, readJson } from "../support/api.js";
import { EmbeddingsResponse } from "../../src/embeddings/embeddings.schemas.js";

/** Records which side (query or passage) the route asked for: asymmetric models differ there. */
class SidedEmbedder extends HashingEmbedder {
  sides: string[] = [];
  override async embedQueries(texts: string[]) {
    this.sides.push("query");
    return super.embedQueries(texts);
  }
  override async embedPassages(texts: string[]) {
    this.sides.push("passage");
    return super.embedPassages(texts);
  }
}

function fromBase64(b64: string): number[] {
  const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

describe("POST /v1/embeddings", () => {
  let ctx: TestContext;
  const embedder = new SidedEmbedder(384);
  beforeAll(async () => {
    ctx = await createTestContext({ embedder });
  });
  beforeEach(async () => {
    await ctx.reset();
    embedder.sides = [];
  });
  afterAll(async () => ctx.close());

  it("answers the OpenAI shape plus the embedder block, vectors in input order", async () => {
    const texts = ["Printer error E42", "Heslo nejde obnovit", "Salasana ei toimi"];
    const res = await ctx.req("POST", "/v1/embeddings", { input: texts }, "agent");
    expect(res.status).toBe(200);
    const body = await readJson(res, EmbeddingsResponse);
    expect(body.object).toBe("list");
    expect(body.model).toBe(embedder.id);
    expect(body.embedder).toEqual({ id: embedder.id, dims: 384, lexical: true });
    expect(body.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(body.data.map((d) => d.embedding)).toEqual(await embedder.embedQueries(texts));
  });

  it("embeds passages when input_type is passage, queries otherwise", async () => {
    await ctx.req("POST", "/v1/embeddings", { input: "an article", input_type: "passage" }, "agent");
    await ctx.req("POST", "/v1/embeddings", { input: "a ticket" }, "agent");
    await ctx.req("POST", "/v1/embeddings", { input: ["a search"], input_type: "query" }, "agent");
    expect(embedder.sides).toEqual(["passage", "query", "query"]);
  });

  it("accepts its own embedder id as model and answers base64 float32 when asked", async () => {
    const res = await ctx.req("POST", "/v1/embeddings", { model: embedder.id, input: "E42", encoding_format: "base64" }, "expert");
    expect(res.status).toBe(200);
    const body = await readJson(res, EmbeddingsResponse);
    const [expected] = await embedder.embedQueries(["E42"]);
    const encoded = present(body.data[0], "one vector").embedding;
    if (typeof encoded !== "string") throw new Error(`expected base64 text, got ${JSON.stringify(encoded).slice(0, 80)}`);
    const decoded = fromBase64(encoded);
    expect(decoded).toHaveLength(384);
    decoded.forEach((x, i) => expect(x).toBeCloseTo(expected?.[i] ?? NaN, 6));
  });

  it("takes 256 texts, and one text as long as a whole article passage", async () => {
    const many = await ctx.req("POST", "/v1/embeddings", { input: Array.from({ length: 256 }, (_, i) => `ticket ${i}`) }, "admin");
    expect(many.status).toBe(200);
    expect((await readJson(many, EmbeddingsResponse)).data).toHaveLength(256);
    const passage = "Printer E42 firmware calibration ".repeat(2_000).slice(0, 62_000);
    const long = await ctx.req("POST", "/v1/embeddings", { input: [passage], input_type: "passage" }, "agent");
    expect(long.status).toBe(200);
    expect((await readJson(long, EmbeddingsResponse)).data[0]?.embedding).toEqual((await embedder.embedPassages([passage]))[0]);
  });
});

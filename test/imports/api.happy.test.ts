import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ImportListSchema, ImportStatusSchema } from "../../src/imports/imports.schemas.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { devRow, kbSnapshot, ndjson } from "./support.js";
import { readJson, readProblem } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { IMPORT_BODY_LIMIT_BYTES: 64 * 1024 } });
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const post = (body: BodyInit, type: string, query = "", headers: Record<string, string> = {}) =>
  ctx.req("POST", `/v1/imports${query}`, body as string, "admin", { "content-type": type, ...headers });

/** A body that arrives in pieces, with no Content-Length (chunked upload). */
function chunked(text: string, size = 500): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

describe("POST /v1/imports", () => {
  it("imports an NDJSON body streamed in chunks and reports the counts", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => devRow(i));
    const res = await ctx.request("/v1/imports?publish=true", {
      method: "POST",
      headers: { ...(await ctx.auth("admin")), "content-type": "application/x-ndjson" },
      body: chunked(ndjson([...rows, "{broken"])),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(201);
    const status = await readJson(res, ImportStatusSchema);
    expect(status).toMatchObject({ status: "completed", format: "jsonl", publish: true, read: 41, created: 40, failed: 1 });
    expect(status.errors).toEqual([expect.objectContaining({ line: 41, code: "INVALID_JSON" })]);
    expect(res.headers.get("location")).toBe(`/v1/imports/${status.id}`);
    const kb = await kbSnapshot(ctx);
    expect(kb).toHaveLength(40);
    expect(kb.every((a) => a.state === "published" && a.vectors === 1)).toBe(true);

    const got = await ctx.req("GET", `/v1/imports/${status.id}`, undefined, "admin");
    expect(got.status).toBe(200);
    expect(await readJson(got, ImportStatusSchema)).toMatchObject({ id: status.id, created: 40, failed: 1, lastLine: 41 });
    const list = await readJson(await ctx.req("GET", "/v1/imports", undefined, "admin"), ImportListSchema);
    expect(list.items.map((i) => i.id)).toEqual([status.id]);
  });

  it("imports a CSV body with a mapping from ?map= and is idempotent on a second upload", async () => {
    const csv = "Key,Summary,Details,Answer\nK-1,Cannot log in,Login page spins forever,Clear cookies\nK-2,No invoice,Invoice email missing,Resend from Billing\n";
    const map = encodeURIComponent("id=Key,subject=Summary,body=Details,resolution=Answer");
    const first = await readJson(await post(csv, "text/csv; charset=utf-8", `?map=${map}`), ImportStatusSchema);
    expect(first).toMatchObject({ format: "csv", created: 2, failed: 0 });
    const second = await readJson(await post(csv, "text/csv", "", { "x-import-map": "id=Key,subject=Summary,body=Details,resolution=Answer" }), ImportStatusSchema);
    expect(second).toMatchObject({ created: 0, updated: 0, skipped: 2 });
    expect((await kbSnapshot(ctx)).map((a) => a.external_id)).toEqual(["K-1", "K-2"]);
  });

  it("answers 415 for other media types and writes nothing", async () => {
    const res = await post(ndjson([devRow(1)]), "application/json");
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await readProblem(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((await readJson(await ctx.req("GET", "/v1/imports", undefined, "admin"), ImportListSchema)).items).toEqual([]);
  });

  it("answers 413 when the streamed body passes the import limit, keeping what was committed", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => devRow(i));
    const res = await ctx.request("/v1/imports", {
      method: "POST",
      headers: { ...(await ctx.auth("admin")), "content-type": "application/x-ndjson" },
      body: chunked(ndjson(rows), 4096),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await readProblem(res)).code).toBe("PAYLOAD_TOO_LARGE");
    const list = await readJson(await ctx.req("GET", "/v1/imports", undefined, "admin"), ImportListSchema);
    expect(list.items[0]?.status).toBe("failed");
    const kb = await kbSnapshot(ctx);
    expect(kb.length).toBe(list.items[0]?.created);
    expect(kb.every((a) => a.vectors === 1)).toBe(true);
  });

  it("answers 400 for an unknown mapping field and 404 for an unknown import", async () => {
    const bad = await post(ndjson([devRow(1)]), "application/x-ndjson", "?map=colour=Color");
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).code).toBe("VALIDATION_FAILED");
    const missing = await ctx.req("GET", "/v1/imports/imp_nothing", undefined, "admin");
    expect(missing.status).toBe(404);
    expect((await readProblem(missing)).code).toBe("NOT_FOUND");
  });
});

import { describe, expect, it } from "vitest";
import worker from "../../src/entry/worker.js";

const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };

/** A Worker with a bad environment must say what is wrong, not crash or serve half-configured. */
describe("Worker environment", () => {
  it("answers 500 CONFIG_INVALID listing every bad field", async () => {
    const res = await worker.fetch(new Request("http://w.test/health"), { LOG_LEVEL: "loud", EMBEDDINGS_TIMEOUT_MS: "5" }, ctx);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(body.code).toBe("CONFIG_INVALID");
    expect(body.errors.map((e) => e.field).sort()).toEqual(["EMBEDDINGS_TIMEOUT_MS", "HYPERDRIVE", "LOG_LEVEL"]);
  });

  it("refuses the Node-only local model and http without a URL", async () => {
    const hyperdrive = { connectionString: "postgres://u:p@127.0.0.1:1/none" };
    const local = await worker.fetch(new Request("http://w.test/health"), { HYPERDRIVE: hyperdrive, EMBEDDER: "transformers" }, ctx);
    expect((await local.json()) as object).toMatchObject({ code: "CONFIG_INVALID", errors: [{ field: "EMBEDDER" }] });
    const noUrl = await worker.fetch(new Request("http://w.test/health"), { HYPERDRIVE: hyperdrive, EMBEDDER: "http" }, ctx);
    expect((await noUrl.json()) as object).toMatchObject({ code: "CONFIG_INVALID", errors: [{ field: "EMBEDDINGS_URL" }] });
  });
});

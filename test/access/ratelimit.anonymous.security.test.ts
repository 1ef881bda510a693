import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createArticle } from "../../src/articles/articles.service.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { rawRequest, type RawResponse, startServer, type StartedServer } from "../support/socket.js";

/**
 * GET /v1/articles and /v1/articles/{id} answer without a key (the public fixes) and each costs a
 * query, so anonymous callers share the portal's per-address budget; keyed callers keep their
 * per-key limit. Over a real socket: the address is the peer's, as in production.
 */
let ctx: TestContext;
let server: StartedServer;
let articleId: string;
beforeAll(async () => {
  ctx = await createTestContext({ config: { PORTAL_RATE_LIMIT_PER_MINUTE: "3", API_RATE_LIMIT_PER_MINUTE: "5" } });
  server = await startServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});
beforeEach(async () => {
  await ctx.reset();
  ctx.clock.set("2026-03-02T09:00:15Z");
  const article = await createArticle({
    deps: ctx.deps,
    caller: { name: "test-expert", role: "expert" },
    input: { title: "Printer error E42", problem: "The printer shows E42.", resolution: "Restart it.", language: "en", visibility: "public", state: "published" },
  });
  articleId = article.id;
});

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(server.port, { method: "GET", path, headers });

function expectLimited(res: RawResponse, retryAfter: string): void {
  expect(res.status).toBe(429);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(res.headers["retry-after"]).toBe(retryAfter);
  expect(res.json).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterSeconds: Number(retryAfter) });
}

describe("anonymous article reads are rate-limited per address (real socket)", () => {
  it("list and by-id share the address's budget: over it, 429 RATE_LIMITED with Retry-After", async () => {
    const first = await get("/v1/articles");
    expect(first.status).toBe(200);
    expect(first.headers["ratelimit-limit"]).toBe("3");
    expect(first.headers["ratelimit-remaining"]).toBe("2");
    expect((await get(`/v1/articles/${articleId}`)).status).toBe(200);
    expect((await get("/v1/articles?limit=1")).status).toBe(200);
    expectLimited(await get(`/v1/articles/${articleId}`), "45");
    expectLimited(await get("/v1/articles"), "45");
    // One budget per address for all anonymous reads of public fixes: the portal API too.
    expectLimited(await rawRequest(server.port, { method: "POST", path: "/portal/api/search", body: { query: "printer" } }), "45");
    // Health probes are never throttled.
    expect((await get("/health")).status).toBe(200);
    // The next window lets the address back in.
    ctx.clock.set("2026-03-02T09:01:00Z");
    expect((await get("/v1/articles")).status).toBe(200);
  });

  it("keyed callers are not in the address's bucket: they keep their per-key limit", async () => {
    for (let i = 0; i < 3; i++) expect((await get("/v1/articles")).status).toBe(200);
    expectLimited(await get("/v1/articles"), "45");
    const agent = await ctx.auth("agent");
    for (let i = 0; i < 5; i++) {
      const res = await get(i % 2 ? `/v1/articles/${articleId}` : "/v1/articles", agent);
      expect(res.status).toBe(200);
      expect(res.headers["ratelimit-limit"]).toBe("5");
    }
    expectLimited(await get("/v1/articles", agent), "45");
    // Another key has its own budget.
    expect((await get("/v1/articles", await ctx.auth("expert"))).status).toBe(200);
  });
});

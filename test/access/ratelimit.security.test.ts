import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { readProblem } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { TRUST_PROXY: "true", PORTAL_RATE_LIMIT_PER_MINUTE: "3", API_RATE_LIMIT_PER_MINUTE: "4" } });
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const fromIp = (ip: string) => ({ "x-forwarded-for": `${ip}, 10.0.0.1` });
const portalGet = (ip: string) => ctx.req("GET", "/portal/api/articles/art_01m82y6mj7f22rqb6w4a2k7wwd", undefined, undefined, fromIp(ip));

describe("rate limits", () => {
  it("limits the portal API per client address with 429 RATE_LIMITED and Retry-After", async () => {
    ctx.clock.set("2026-03-02T09:00:15Z");
    for (let i = 0; i < 3; i++) expect((await portalGet("203.0.113.7")).status).not.toBe(429);
    const limited = await portalGet("203.0.113.7");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(await readProblem(limited)).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 45 });
    // Another visitor is not affected; the page itself is never throttled.
    expect((await portalGet("198.51.100.9")).status).not.toBe(429);
    expect((await ctx.req("GET", "/health", undefined, undefined, fromIp("203.0.113.7"))).status).toBe(200);
    // The next window lets the first visitor back in.
    ctx.clock.set("2026-03-02T09:01:00Z");
    expect((await portalGet("203.0.113.7")).status).not.toBe(429);
  });

  it("limits keyed calls per key, whatever address they come from", async () => {
    for (let i = 0; i < 4; i++) expect((await ctx.req("GET", "/v1/keys", undefined, "admin", fromIp(`192.0.2.${i}`))).status).toBe(200);
    const limited = await ctx.req("GET", "/v1/keys", undefined, "admin", fromIp("192.0.2.200"));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await ctx.req("GET", "/health", undefined, "agent")).status).toBe(200);
  });

  it("holds under concurrent requests: exactly the limit gets through", async () => {
    ctx.clock.set("2026-03-02T09:00:10Z");
    const statuses = await Promise.all(Array.from({ length: 10 }, () => portalGet("203.0.113.50").then((r) => r.status)));
    expect(statuses.filter((s) => s !== 429)).toHaveLength(3);
  });

  it("keeps counters in Postgres and removes finished windows as new ones start", async () => {
    ctx.clock.set("2026-03-02T09:00:00Z");
    await portalGet("203.0.113.7");
    ctx.clock.set("2026-03-02T09:05:00Z");
    await portalGet("203.0.113.8");
    const rows = await queryRows<{ bucket: string; count: number }>(ctx.database.db, sql`select bucket, count from rate_limits order by window_start`);
    expect(rows).toEqual([{ bucket: "ip:203.0.113.8", count: 1 }]);
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY is set", async () => {
    const strict = await createTestContext({ config: { PORTAL_RATE_LIMIT_PER_MINUTE: "2" } });
    try {
      const get = (ip: string) => strict.req("GET", "/portal/api/articles/art_x", undefined, undefined, fromIp(ip));
      await get("1.1.1.1");
      await get("2.2.2.2");
      expect((await get("3.3.3.3")).status).toBe(429); // spoofed addresses share the real peer's bucket
    } finally {
      await strict.close();
    }
  });
});

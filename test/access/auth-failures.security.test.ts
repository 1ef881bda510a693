import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { rawRequest, startServer, type StartedServer, expectProblem } from "../support/socket.js";

/**
 * Issue 17 item 8: failed keys were never limited, and each costs a key look-up. Over a real
 * socket, with client addresses taken from X-Forwarded-For (TRUST_PROXY) so two clients differ.
 */
const LIMIT = 3;
let ctx: TestContext;
let server: StartedServer;
let replica: StartedServer;

beforeAll(async () => {
  ctx = await createTestContext({ config: { TRUST_PROXY: "true", AUTH_FAILURE_LIMIT_PER_MINUTE: String(LIMIT) } });
  server = await startServer(ctx);
  // A second app on the same database: its own memory, the shared count in Postgres.
  replica = await startServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await replica?.close();
  await ctx?.close();
});
beforeEach(async () => ctx.reset());

const ATTACKER = "203.0.113.7";
const NEIGHBOUR = "203.0.113.8";
const get = (port: number, from: string, authorization?: string) =>
  rawRequest(port, { method: "GET", path: "/v1/tickets", headers: { "x-forwarded-for": from, ...(authorization ? { authorization } : {}) } });

const failures = async (ip: string) =>
  Number((await queryRows<{ n: number }>(ctx.database.db, sql`select coalesce(sum(count), 0)::int as n from rate_limits where bucket = ${`authfail:${ip}`}`))[0]?.n);

describe("failed API keys per client address", () => {
  it(`answers 401 up to ${LIMIT} failures a minute, then 429 with Retry-After for any key`, async () => {
    const { authorization: valid } = await ctx.auth("agent");
    for (let i = 0; i < LIMIT; i++) expectProblem(await get(server.port, ATTACKER, `Bearer dfl_agent_guess${i}`), 401, "UNAUTHENTICATED");

    const limited = await get(server.port, ATTACKER, "Bearer dfl_agent_guess-more");
    expectProblem(limited, 429, "RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(await failures(ATTACKER)).toBe(LIMIT + 1);

    // Blocked before the look-up: even a valid key waits, and nothing more is counted.
    expectProblem(await get(server.port, ATTACKER, valid), 429, "RATE_LIMITED");
    expectProblem(await get(server.port, ATTACKER, "Bearer dfl_agent_again"), 429, "RATE_LIMITED");
    expect(await failures(ATTACKER)).toBe(LIMIT + 1);

    // Other addresses, and the anonymous portal from the same address, are untouched.
    expect((await get(server.port, NEIGHBOUR, valid)).status).toBe(200);
    expectProblem(await get(server.port, NEIGHBOUR, "Bearer dfl_agent_typo"), 401, "UNAUTHENTICATED");
    const portal = await rawRequest(server.port, { method: "POST", path: "/portal/api/search", headers: { "x-forwarded-for": ATTACKER }, body: { query: "password reset" } });
    expect(portal.status, portal.body).toBe(200);
  });

  it("keeps serving a colleague whose key was accepted from the same address this minute", async () => {
    const { authorization: colleague } = await ctx.auth("expert");
    const office = "198.51.100.40";
    expect((await get(server.port, office, colleague)).status).toBe(200);
    for (let i = 0; i <= LIMIT; i++) await get(server.port, office, `Bearer dfl_agent_guess${i}`);
    expectProblem(await get(server.port, office, "Bearer dfl_agent_next"), 429, "RATE_LIMITED");
    expect((await get(server.port, office, colleague)).status).toBe(200);
  });

  // Each test uses its own address: an app remembers blocked addresses beyond ctx.reset().
  it("holds across replicas: the count lives in Postgres", async () => {
    const from = "198.51.100.20";
    for (let i = 0; i < LIMIT; i++) await get(server.port, from, `Bearer dfl_admin_guess${i}`);
    expectProblem(await get(replica.port, from, "Bearer dfl_admin_other"), 429, "RATE_LIMITED");
    expectProblem(await get(server.port, from, "Bearer dfl_admin_more"), 429, "RATE_LIMITED");
  });

  it("lifts the limit when the minute is over", async () => {
    const { authorization: valid } = await ctx.auth("agent");
    const from = "198.51.100.30";
    for (let i = 0; i <= LIMIT; i++) await get(server.port, from, `Bearer dfl_agent_guess${i}`);
    expectProblem(await get(server.port, from, valid), 429, "RATE_LIMITED");
    ctx.clock.advance(61_000);
    expect((await get(server.port, from, valid)).status).toBe(200);
    expectProblem(await get(server.port, from, "Bearer dfl_agent_wrong"), 401, "UNAUTHENTICATED");
  });
});

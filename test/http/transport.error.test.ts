import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { queryRows } from "../../src/db/database.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { CreatedKeySchema, KeySchema } from "../../src/access/keys.schemas.js";
import { ProblemSchema } from "../../src/http/errors.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { CreatedWebhookSchema } from "../../src/webhooks/webhooks.schemas.js";
import { rawHttp, rawRequest, type RawResponse, readRawJson, startServer, type StartedServer, expectProblem } from "../support/socket.js";

/**
 * Regressions of issue 17 item 1, over a real socket: requests without Content-Length (DELETE,
 * OPTIONS, chunked bodies) answered 500 under the Node adapter, and a wrong method 404.
 */
const ORIGIN = "https://helpdesk.example";
let ctx: TestContext;
let withCors: StartedServer;
let plain: StartedServer;

beforeAll(async () => {
  ctx = await createTestContext({ config: { CORS_ORIGINS: ORIGIN, BODY_LIMIT_BYTES: "2048" } });
  withCors = await startServer(ctx);
  plain = await startServer({ deps: { ...ctx.deps, config: { ...ctx.deps.config, CORS_ORIGINS: [] } } });
});
afterAll(async () => {
  await withCors?.close();
  await plain?.close();
  await ctx?.close();
});
beforeEach(async () => ctx.reset());

const countTickets = async () => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from tickets`))[0]?.n);

describe("requests without Content-Length", () => {
  it("DELETE /v1/keys/{id} revokes the key", async () => {
    const admin = await ctx.auth("admin");
    const created = await rawRequest(plain.port, { method: "POST", path: "/v1/keys", headers: admin, body: { name: "to revoke", role: "agent" } });
    expect(created.status).toBe(201);
    const key = readRawJson(ctx, created, CreatedKeySchema);
    const res = await rawRequest(plain.port, { method: "DELETE", path: `/v1/keys/${key.id}`, headers: admin });
    expect(res.status, res.body).toBe(200);
    expect(readRawJson(ctx, res, KeySchema)).toMatchObject({ id: key.id, revoked: true });
    const revoked = await rawRequest(plain.port, { method: "GET", path: "/v1/tickets", headers: { authorization: `Bearer ${key.secret}` } });
    expectProblem(revoked, 401, "UNAUTHENTICATED");
  });

  it("DELETE /v1/webhooks/{id} deletes the subscription", async () => {
    const admin = await ctx.auth("admin");
    const created = await rawRequest(plain.port, {
      method: "POST",
      path: "/v1/webhooks",
      headers: admin,
      body: { url: "https://93.184.215.14/hooks/deflect", events: ["escalation.created"] },
    });
    expect(created.status, created.body).toBe(201);
    const { id } = readRawJson(ctx, created, CreatedWebhookSchema);
    const res = await rawRequest(plain.port, { method: "DELETE", path: `/v1/webhooks/${id}`, headers: admin });
    expect(res.status, res.body).toBe(204);
    const list = await rawRequest(plain.port, { method: "GET", path: "/v1/webhooks", headers: admin });
    expect(list.status, list.body).toBe(200);
    expect(list.body).not.toContain(id);
  });

  it("answers a CORS preflight for an allowed origin", async () => {
    const res = await rawRequest(withCors.port, {
      method: "OPTIONS",
      path: "/v1/keys/key_x",
      headers: { origin: ORIGIN, "access-control-request-method": "DELETE", "access-control-request-headers": "authorization" },
    });
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(res.headers["access-control-allow-methods"]).toContain("DELETE");
  });

  it("answers OPTIONS without CORS with 204 and Allow; an unknown path stays 404", async () => {
    const res = await rawRequest(plain.port, { method: "OPTIONS", path: "/v1/articles" });
    expect(res.status).toBe(204);
    expect(res.headers.allow?.split(", ")).toEqual(expect.arrayContaining(["GET", "POST", "OPTIONS"]));
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    expectProblem(await rawRequest(plain.port, { method: "OPTIONS", path: "/v1/nothing-here" }), 404, "ROUTE_NOT_FOUND");
  });

  it("accepts a chunked JSON body, anonymous on the portal and keyed on /v1/tickets", async () => {
    const body = { body: "Password reset email never arrives — žluťoučký kůň 🐴", channel: "email" };
    const portal = await rawRequest(plain.port, { method: "POST", path: "/portal/api/tickets", body: { body: body.body }, chunked: 7 });
    expect(portal.status, portal.body).toBe(201);
    const agent = await rawRequest(plain.port, { method: "POST", path: "/v1/tickets", headers: await ctx.auth("agent"), body, chunked: 5 });
    expect(agent.status, agent.body).toBe(201);
    expect(readRawJson(ctx, agent, TicketSubmittedSchema).ticket.body).toBe(body.body);
    expect(await countTickets()).toBe(2);
  });

  it("refuses a chunked body over BODY_LIMIT_BYTES with 413 and writes nothing", async () => {
    const res = await rawRequest(plain.port, {
      method: "POST",
      path: "/v1/tickets",
      headers: await ctx.auth("agent"),
      body: { body: "x".repeat(5000), channel: "email" },
      chunked: 512,
    });
    expect(expectProblem(res, 413, "PAYLOAD_TOO_LARGE").limitBytes).toBe(2048);
    expect(await countTickets()).toBe(0);
  });

  it("refuses a Content-Length over the limit with 413", async () => {
    const res = await rawRequest(plain.port, { method: "POST", path: "/portal/api/tickets", body: { body: "y".repeat(5000) } });
    expectProblem(res, 413, "PAYLOAD_TOO_LARGE");
    expect(await countTickets()).toBe(0);
  });

  it("treats a POST with neither Content-Length nor Transfer-Encoding as bodiless: 400, not 500", async () => {
    const { authorization } = await ctx.auth("agent");
    const res = await rawHttp(plain.port, `POST /v1/tickets HTTP/1.1\nhost: 127.0.0.1\nauthorization: ${authorization}\nconnection: close`);
    expectProblem(res, 400, "VALIDATION_FAILED");
    expect(await countTickets()).toBe(0);
  });
});

describe("wrong method on an existing path", () => {
  it("answers 405 METHOD_NOT_ALLOWED with Allow", async () => {
    const admin = await ctx.auth("admin");
    const put = await rawRequest(plain.port, { method: "PUT", path: "/v1/articles", headers: admin });
    const refused = expectProblem(put, 405, "METHOD_NOT_ALLOWED");
    expect(put.headers.allow?.split(", ")).toEqual(expect.arrayContaining(["GET", "POST"]));
    expect(refused.allowed).toEqual(expect.arrayContaining(["GET", "POST"]));

    const del = await rawRequest(plain.port, { method: "DELETE", path: "/v1/articles/art_x", headers: admin });
    expectProblem(del, 405, "METHOD_NOT_ALLOWED");
    expect(del.headers.allow?.split(", ")).toEqual(expect.arrayContaining(["GET", "PATCH"]));

    const portal = await rawRequest(plain.port, { method: "GET", path: "/portal/api/tickets" });
    expectProblem(portal, 405, "METHOD_NOT_ALLOWED");
    expect(portal.headers.allow).toContain("POST");
  });
});

/** Every route of the routing table, with its path parameters filled in. */
function routeTable(): Array<{ method: string; path: string; allowed: string[] }> {
  const app = createApp(ctx.deps);
  const byPath = new Map<string, Set<string>>();
  for (const r of app.routes) {
    if (r.method === "ALL") continue;
    const path = r.path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, "1");
    byPath.set(path, (byPath.get(path) ?? new Set()).add(r.method.toUpperCase()));
  }
  return [...byPath].flatMap(([path, methods]) => [...methods].map((method) => ({ method, path, allowed: [...methods] })));
}

describe("every route over the socket", () => {
  it("no body, chunked body, OPTIONS and a wrong method never answer 5xx", async () => {
    const admin = await ctx.auth("admin");
    const routes = routeTable();
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    const codeOf = (res: RawResponse) => {
      const problem = ProblemSchema.safeParse(res.json);
      return problem.success ? problem.data.code : undefined;
    };
    const check = (what: string, res: RawResponse) => {
      if (res.status >= 500) failures.push(`${what} → ${res.status} ${res.body.slice(0, 200)}`);
      else if (res.status >= 400 && (res.headers["content-type"] !== "application/problem+json" || codeOf(res) === undefined)) {
        failures.push(`${what} → ${res.status} without problem+json`);
      }
    };
    for (const { method, path, allowed } of routes) {
      if (path.startsWith("/v1/imports") && method === "POST") continue; // streams its own body; tested in test/imports
      check(`${method} ${path} (no body)`, await rawRequest(plain.port, { method, path, headers: admin }));
      if (["POST", "PUT", "PATCH"].includes(method)) {
        check(`${method} ${path} (chunked)`, await rawRequest(plain.port, { method, path, headers: admin, body: {}, chunked: 1 }));
      }
      const options = await rawRequest(plain.port, { method: "OPTIONS", path });
      if (options.status !== 204 || !options.headers.allow?.includes(method)) failures.push(`OPTIONS ${path} → ${options.status} allow=${options.headers.allow}`);
      const wrong = ["GET", "POST", "PUT", "PATCH", "DELETE"].find((m) => !allowed.includes(m));
      if (wrong) {
        const res = await rawRequest(plain.port, { method: wrong, path, headers: admin });
        if (res.status !== 405 || codeOf(res) !== "METHOD_NOT_ALLOWED" || !res.headers.allow) failures.push(`${wrong} ${path} → ${res.status} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { runSlaSweep } from "../../src/escalations/sla.service.js";
import { createPrometheusTelemetry } from "../../src/observability/prometheus.node.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { present } from "../support/api.js";
import { expectProblem, openApiOf, rawRequest, readRawJson, startServer, type StartedServer } from "../support/socket.js";

/** GET /metrics: Prometheus text from a per-service registry, over a real socket. */
let ctx: TestContext;
let server: StartedServer;
let tokenCtx: TestContext;
let tokenServer: StartedServer;
const TOKEN = "prometheus-scrape-token-0123456789";

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.deps.telemetry = createPrometheusTelemetry({ embedQueueDepth: () => 3 });
  server = await startServer(ctx);
  // A second service in the same process: its own registry, default metrics included, no clash.
  tokenCtx = await createTestContext({ config: { METRICS_TOKEN: TOKEN } });
  tokenCtx.deps.telemetry = createPrometheusTelemetry({ embedQueueDepth: () => 0 });
  tokenServer = await startServer(tokenCtx);
});
afterAll(async () => {
  await server?.close();
  await tokenServer?.close();
  await ctx?.close();
  await tokenCtx?.close();
});

const get = (port: number, path: string, headers: Record<string, string> = {}) => rawRequest(port, { method: "GET", path, headers });
const scrape = async () => {
  const res = await get(server.port, "/metrics", await ctx.auth("admin"));
  expect(res.status).toBe(200);
  return res.body;
};
/** The value of one series, e.g. value(text, 'deflect_ticket_verdicts_total{decision="answer"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics without METRICS_TOKEN: admin keys only", () => {
  it("refuses anonymous (401) and non-admin keys (403) as problem+json; an admin gets text format 0.0.4", async () => {
    const anonymous = await get(server.port, "/metrics");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["content-type"]).toContain("application/problem+json");
    expectProblem(anonymous, 401, "UNAUTHENTICATED");
    const agent = await get(server.port, "/metrics", await ctx.auth("agent"));
    expect(agent.status).toBe(403);
    expectProblem(agent, 403, "FORBIDDEN");
    const admin = await get(server.port, "/metrics", await ctx.auth("admin"));
    expect(admin.status).toBe(200);
    expect(admin.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(admin.body).toContain("# TYPE deflect_http_request_duration_seconds histogram");
    expect(admin.body).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(admin.body).toMatch(/^nodejs_heap_size_total_bytes \d/m);
    expect(value(admin.body, "deflect_embed_queue_depth")).toBe(3);
    for (const decision of ["answer", "suggest", "escalate"]) expect(value(admin.body, `deflect_ticket_verdicts_total{decision="${decision}"}`)).toBe(0);
  });

  it("labels requests by route pattern and status, never by raw URL; unmatched paths share one label", async () => {
    const agent = await ctx.auth("agent");
    for (const id of ["tkt_01aaaaaaaaaaaaaaaaaaaaaaaa", "tkt_01bbbbbbbbbbbbbbbbbbbbbbbb"]) expect((await get(server.port, `/v1/tickets/${id}`, agent)).status).toBe(404);
    expect((await get(server.port, "/no/such/path-1")).status).toBe(404);
    expect((await get(server.port, "/no/such/path-2?x=1")).status).toBe(404);
    expect((await get(server.port, "/v1/tickets/tkt_x")).status).toBe(401);
    const text = await scrape();
    expect(value(text, 'deflect_http_requests_total{method="GET",route="/v1/tickets/:id",status="404"}')).toBe(2);
    expect(value(text, 'deflect_http_requests_total{method="GET",route="/v1/tickets/:id",status="401"}')).toBe(1);
    expect(value(text, 'deflect_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(2);
    expect(value(text, 'deflect_http_request_duration_seconds_count{method="GET",route="/v1/tickets/:id",status="404"}')).toBe(2);
    expect(text).not.toMatch(/tkt_01|path-1|path-2/);
  });

  it("counts verdicts by decision, escalations by type and SLA breaches once committed", async () => {
    const before = await scrape();
    const res = await rawRequest(server.port, {
      method: "POST",
      path: "/v1/tickets",
      headers: await ctx.auth("agent"),
      body: { subject: "Legal threat", body: "I will call my lawyer: the invoice charged me twice and nobody answers.", channel: "email" },
    });
    expect(res.status).toBe(201);
    const verdict = present(readRawJson(ctx, res, TicketSubmittedSchema).verdict, "the verdict");
    const decision = verdict.decision;
    const series = `deflect_ticket_verdicts_total{decision="${decision}"}`;
    expect((value(await scrape(), series) ?? 0) - (value(before, series) ?? 0)).toBe(1);
    const type = verdict.escalation?.type;
    if (type) {
      const esc = `deflect_escalations_created_total{type="${type}"}`;
      expect((value(await scrape(), esc) ?? 0) - (value(before, esc) ?? 0)).toBe(1);
      ctx.clock.advance(30 * 24 * 3600_000);
      const sweep = await runSlaSweep(ctx.deps);
      expect(sweep.breaches).toBeGreaterThan(0);
      expect(value(await scrape(), "deflect_sla_breaches_total")).toBe(sweep.breaches);
    } else {
      expect.fail(`expected this ticket to escalate, got ${decision}`);
    }
  });

  it("is in /openapi.json as text/plain, admin only", async () => {
    const doc = openApiOf(await get(server.port, "/openapi.json"));
    const op = present(doc.paths["/metrics"]?.get, "GET /metrics");
    expect(op["x-roles"]).toEqual(["admin"]);
    expect(op.responses["200"]?.content?.["text/plain"]).toBeTruthy();
    expect(op.description).toContain("METRICS_TOKEN");
  });

  it("answers 404 problem+json where no exporter runs (Workers)", async () => {
    const app = createApp({ ...ctx.deps, runtime: "workers", telemetry: undefined });
    const res = await app.request("/metrics", { headers: await ctx.auth("admin") });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await res.json()).code).toBe("NOT_FOUND");
  });
});

describe("/metrics with METRICS_TOKEN: that token only", () => {
  it("takes the token without an API key, and refuses a wrong token, no token and even an admin key", async () => {
    const ok = await get(tokenServer.port, "/metrics", { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(ok.body).toContain("deflect_http_requests_total");
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, await tokenCtx.auth("admin")]) {
      const res = await get(tokenServer.port, "/metrics", headers);
      expect(res.status).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expectProblem(res, 401, "UNAUTHENTICATED");
    }
  });

  it("leaves every other route to API keys: the token is not a key", async () => {
    expect((await get(tokenServer.port, "/v1/tickets", { authorization: `Bearer ${TOKEN}` })).status).toBe(401);
    expect((await get(tokenServer.port, "/v1/tickets", await tokenCtx.auth("agent"))).status).toBe(200);
  });
});

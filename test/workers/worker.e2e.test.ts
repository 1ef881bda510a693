import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/access/keys.service.js";
import { ArticleSchema } from "../../src/articles/articles.schemas.js";
import { HealthDetailsSchema } from "../../src/health/health.routes.js";
import { ProblemSchema } from "../../src/http/errors.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { queryRows } from "../../src/db/database.js";
import { backend } from "../support/context.js";
import { cloneDatabase, type NodeInstance, startNode, startWranglerDev, type WranglerDev } from "./harness.js";

/**
 * The Workers deployment end to end: `wrangler dev` (workerd from the npm package) over the same
 * Postgres as an in-process Node instance, which also serves the Worker's embeddings. Every flow
 * is run against both and must answer the same. Needs a real server: postgres project only.
 */
const enabled = backend === "postgres" && Boolean(process.env.TEST_DATABASE_URL);

/** Fields that legitimately differ between two calls (request ids, timings). */
const VOLATILE = new Set(["requestId", "tookMs", "durationMs", "elapsedMs", "uptimeSeconds", "generatedAt"]);
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE.has(k))
        .map(([k, v]) => [k, stable(v)]),
    );
  }
  return value;
}

describe.skipIf(!enabled)("Cloudflare Worker under wrangler dev", () => {
  let db: Awaited<ReturnType<typeof cloneDatabase>>;
  let node: NodeInstance;
  let worker: WranglerDev;
  const keys = { agent: "", expert: "", admin: "", workers: "" };
  let coldMs = 0;
  let runtimeRestarts = 0;
  let coldHealth: unknown = {};

  async function call(base: string, method: string, path: string, body?: unknown, key?: string) {
    const headers: Record<string, string> = {};
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const send = () => fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    let res = await send();
    let text = await res.text();
    // wrangler dev's proxy (not the Worker) answers this when workerd restarted under it; seen
    // ~1 run in 3 on this machine, cause not found yet. Retried once, counted, and bounded below.
    if (res.status === 503 && text.startsWith("Your worker restarted mid-request")) {
      runtimeRestarts++;
      console.warn(`[workers e2e] workerd restarted during ${method} ${path}; retrying once`);
      res = await send();
      text = await res.text();
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} on ${base}: ${res.status} not JSON: ${text.slice(0, 300)}`);
    }
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: json };
  }
  /** The same request to Node and to the Worker. */
  async function both(method: string, path: string, body?: unknown, key?: string) {
    const [n, w] = await Promise.all([call(node.url, method, path, body, key), call(worker.url, method, path, body, key)]);
    return { n, w };
  }

  beforeAll(async () => {
    db = await cloneDatabase();
    node = await startNode(db.url);
    for (const role of ["agent", "expert", "admin"] as const) {
      keys[role] = (await createApiKey({ deps: node.deps, input: { name: `e2e-${role}`, role } })).secret;
    }
    keys.workers = (await createApiKey({ deps: node.deps, input: { name: "workers-embeddings", role: "agent" } })).secret;
    worker = await startWranglerDev({
      databaseUrl: db.url,
      vars: { EMBEDDINGS_URL: node.url, EMBEDDINGS_API_KEY: keys.workers, LOG_LEVEL: "warn", EMBED_BATCH_SIZE: "8" },
    });
    const t0 = performance.now();
    const first = await call(worker.url, "GET", "/health");
    coldMs = performance.now() - t0;
    coldHealth = first.body;
    console.info(`[workers e2e] cold request (first after "Ready on"): ${coldMs.toFixed(0)} ms`);
    if (process.env.DEBUG_WRANGLER) console.info(JSON.stringify(coldHealth));
  }, 90_000);

  let failed = false;
  afterEach((context) => {
    if (context.task.result?.state === "fail") failed = true;
  });

  afterAll(async () => {
    if (failed || process.env.DEBUG_WRANGLER) console.info(`wrangler dev output:\n${worker?.output().slice(-6000)}`);
    await worker?.stop();
    await node?.close();
    await db?.drop();
  });

  it("serves /health from workerd with the Node node's vector space", async () => {
    expect(coldHealth).toMatchObject({ database: { reachable: true, migrations: { upToDate: true } }, embedder: { state: "ready" } });
    const details = HealthDetailsSchema.parse((await call(worker.url, "GET", "/health/details", undefined, keys.admin)).body);
    expect(details.runtime).toBe("workers");
    expect(details.database).toMatchObject({ kind: "postgres", reachable: true, migrations: { upToDate: true } });
    expect(details.embedder).toMatchObject({ kind: "http", state: "ready", id: node.deps.embedder.id, dims: 384, lexical: true });
    expect(coldMs).toBeLessThan(10_000);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      expect((await call(worker.url, "GET", "/health")).status).toBe(200);
      times.push(performance.now() - t0);
    }
    console.info(`[workers e2e] warm GET /health median: ${times.sort((a, b) => a - b)[2]?.toFixed(0)} ms`);
  });

  it("embeds through the Node instance: the Worker's vectors are Node's vectors", async () => {
    const body = { input: ["Printer shows error E42 after the firmware update", "Tiskárna hlásí chybu"], input_type: "passage" };
    const { n, w } = await both("POST", "/v1/embeddings", body, keys.agent);
    expect(n.status).toBe(200);
    expect(w.status).toBe(200);
    expect(w.body).toEqual(n.body);
    const refused = await call(worker.url, "POST", "/v1/embeddings", { ...body, model: "intfloat/e5-large" }, keys.agent);
    expect(refused.status).toBe(409);
    expect(ProblemSchema.parse(refused.body).code).toBe("EMBEDDER_MISMATCH");
  });

  let articleId = "";
  it("creates an article on the Worker that Node reads identically, indexed in Node's vector space", async () => {
    const created = await call(
      worker.url,
      "POST",
      "/v1/articles",
      {
        title: "Printer error E42 after firmware update",
        problem: "The printer shows error E42 and stops printing after the latest firmware update.",
        rootCause: "The update resets the paper-size calibration.",
        resolution: "1. Open Settings > Maintenance\n2. Run paper calibration\n3. Restart the printer",
        language: "en",
        category: "hardware",
        tags: ["printer", "firmware"],
        visibility: "public",
        state: "published",
      },
      keys.expert,
    );
    expect(created.status).toBe(201);
    articleId = ArticleSchema.parse(created.body).id;
    const other = await call(
      node.url,
      "POST",
      "/v1/articles",
      {
        title: "Reset a forgotten password",
        problem: "I cannot log in because I forgot my password.",
        resolution: "1. Click 'Forgot password'\n2. Follow the link in the e-mail",
        language: "en",
        visibility: "public",
        state: "published",
      },
      keys.expert,
    );
    expect(other.status).toBe(201);
    for (const id of [articleId, ArticleSchema.parse(other.body).id]) {
      const { n, w } = await both("GET", `/v1/articles/${id}`, undefined, keys.agent);
      expect(w.status).toBe(200);
      expect(stable(w.body)).toEqual(stable(n.body));
    }
    const rows = await queryRows<{ embedder_id: string; n: number }>(node.database.db, sql`select embedder_id, count(*)::int as n from article_embeddings group by embedder_id`);
    expect(rows).toEqual([{ embedder_id: node.deps.embedder.id, n: 2 }]);
  });

  it("searches the same from both runtimes", async () => {
    const { n, w } = await both("POST", "/v1/search", { query: "printer stopped with E42 since the update", limit: 5 }, keys.agent);
    expect(n.status).toBe(200);
    expect(w.status).toBe(200);
    expect(stable(w.body)).toEqual(stable(n.body));
    expect(JSON.stringify(w.body)).toContain(articleId);
    // Concurrent requests in one isolate each get their own connection and the same answer.
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => call(worker.url, "POST", "/v1/search", { query: "printer stopped with E42 since the update", limit: 5 }, keys.agent)),
    );
    for (const r of burst) expect([r.status, stable(r.body)]).toEqual([200, stable(n.body)]);
  });

  it("deflects a ticket on the Worker with the verdict Node gives", async () => {
    const ticket = { subject: "E42", body: "Hello, my printer shows error E42 since the firmware update. Thanks, Ana", channel: "api" };
    const w = await call(worker.url, "POST", "/v1/tickets", ticket, keys.agent);
    const n = await call(node.url, "POST", "/v1/tickets", ticket, keys.agent);
    expect(w.status).toBe(n.status);
    expect([200, 201]).toContain(w.status);
    // Ids and times of the two tickets differ; everything the decision consists of must not.
    const verdict = (b: unknown) => {
      const { escalation, ...rest } = TicketSubmittedSchema.parse(b).verdict ?? {};
      return stable({ ...rest, escalation: escalation ? { type: escalation.type, reason: escalation.reason } : escalation });
    };
    const submitted = TicketSubmittedSchema.parse(w.body);
    expect(submitted.verdict).toBeTruthy();
    expect(verdict(w.body)).toEqual(verdict(n.body));
    expect(submitted.verdict?.matches[0]?.articleId).toBe(articleId);
  });

  it("reports the same metrics from both runtimes", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const next = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const { n, w } = await both("GET", `/v1/metrics?from=${day}&to=${next}&bucket=day&tz=UTC`, undefined, keys.admin);
    expect(n.status).toBe(200);
    expect(w.status).toBe(200);
    expect(stable(w.body)).toEqual(stable(n.body));
  });

  it("runs the background tasks on a cron tick: a lost vector is re-embedded through the Node node", async () => {
    await node.database.db.execute(sql`delete from article_embeddings where article_id = ${articleId}`);
    const tick = await fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`);
    expect(tick.status).toBe(200);
    let rows: { embedder_id: string }[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      rows = await queryRows(node.database.db, sql`select embedder_id from article_embeddings where article_id = ${articleId}`);
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows).toEqual([{ embedder_id: node.deps.embedder.id }]);
  });

  it("serves the portal and dashboard pages like Node", async () => {
    for (const path of ["/portal", "/dashboard"]) {
      const [n, w] = await Promise.all([fetch(`${node.url}${path}`), fetch(`${worker.url}${path}`)]);
      expect([w.status, w.headers.get("content-type")], path).toEqual([n.status, n.headers.get("content-type")]);
      const [wt, nt] = await Promise.all([w.text(), n.text()]);
      if (w.headers.get("content-type")?.includes("json")) expect(stable(JSON.parse(wt))).toEqual(stable(JSON.parse(nt)));
      else expect(wt).toBe(nt);
    }
  });

  it("answers bad requests with the same problem codes", async () => {
    const cases: [string, string, unknown, string | undefined, number, string][] = [
      ["POST", "/v1/articles", { title: "x" }, undefined, 401, "UNAUTHENTICATED"],
      ["POST", "/v1/articles", { title: "" }, keys.expert, 400, "VALIDATION_FAILED"],
      ["POST", "/v1/embeddings", { input: Array.from({ length: 257 }, () => "a") }, keys.agent, 400, "VALIDATION_FAILED"],
      ["GET", "/v1/articles/art_01h00000000000000000000000", undefined, keys.agent, 404, "NOT_FOUND"],
      ["GET", "/v1/nowhere", undefined, undefined, 404, "ROUTE_NOT_FOUND"],
    ];
    for (const [method, path, body, key, status, code] of cases) {
      const { n, w } = await both(method, path, body, key);
      expect([w.status, ProblemSchema.safeParse(w.body).data?.code], `${method} ${path}: ${JSON.stringify(w.body)}`).toEqual([status, code]);
      expect(w.type).toContain("application/problem+json");
      expect(stable(w.body)).toEqual(stable(n.body));
    }
  });

  it("kept one workerd runtime (at most one restart) through the flows", () => {
    expect(runtimeRestarts).toBeLessThanOrEqual(1);
  });
});

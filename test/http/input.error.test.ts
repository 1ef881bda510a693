import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { articleBody } from "../articles/helpers.js";
import { devRow } from "../imports/support.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { ArticleSchema } from "../../src/articles/articles.schemas.js";
import { ImportStatusSchema } from "../../src/imports/imports.schemas.js";
import { present } from "../support/api.js";
import { expectProblem, rawRequest, type RawResponse, readRawJson, startServer, type StartedServer } from "../support/socket.js";

/**
 * Regressions of issue 17 items 2 and 3, over a real socket: text Postgres cannot store (NUL,
 * unpaired surrogates) and numbers or dates outside what its columns hold answered 500.
 */
let ctx: TestContext;
let server: StartedServer;

beforeAll(async () => {
  ctx = await createTestContext();
  server = await startServer(ctx);
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});
beforeEach(async () => ctx.reset());

const send = (method: string, path: string, body?: object, headers: Record<string, string> = {}) => rawRequest(server.port, { method, path, headers, body });

function expectInvalidField(res: RawResponse, field: string): void {
  expect(res.status, res.body).toBe(400);
  expect(res.headers["content-type"]).toBe("application/problem+json");
  expect(expectProblem(res, 400, "VALIDATION_FAILED").errors).toContainEqual({ field, message: expect.stringMatching(/NUL|surrogate/) });
}

async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, number>>(
    ctx.database.db,
    sql`select (select count(*) from tickets)::int as tickets, (select count(*) from articles)::int as articles,
               (select count(*) from escalation_matrices)::int as matrices, (select count(*) from teams)::int as teams`,
  );
  return row ?? {};
}
const NOTHING = { tickets: 0, articles: 0, matrices: 0, teams: 0 };

describe("NUL and unpaired surrogates in text", () => {
  it("the anonymous portal refuses them in a ticket body and a search", async () => {
    expectInvalidField(await send("POST", "/portal/api/tickets", { body: "hi\u0000there" }), "body");
    expectInvalidField(await send("POST", "/portal/api/tickets", { body: "broken \ud83d emoji" }), "body");
    expectInvalidField(await send("POST", "/portal/api/search", { query: "reset \u0000 password" }), "query");
    expect(await rowCounts()).toEqual(NOTHING);
  });

  it("keyed writes refuse them in any field, nested ones by path", async () => {
    const agent = await ctx.auth("agent");
    expectInvalidField(await send("POST", "/v1/tickets", { body: "my printer", channel: "email", customerRef: "cust\ud83d" }, agent), "customerRef");
    const expert = await ctx.auth("expert");
    expectInvalidField(await send("POST", "/v1/articles", articleBody({ title: "Blank\u0000 PDF" }), expert), "title");
    expectInvalidField(await send("POST", "/v1/articles", articleBody({ tags: ["ok", "b\udc00d"] }), expert), "tags.1");
    const admin = await ctx.auth("admin");
    const rules = [{ id: "default", description: "lone \udc00 low half", sla: { firstResponseMinutes: 60, resolutionMinutes: 480 } }];
    expectInvalidField(await send("PUT", "/v1/escalation-matrix", { rules }, admin), "rules.0.description");
    expectInvalidField(await send("POST", "/v1/teams", { name: "T\u00001", level: 1, levelName: "tier 1" }, admin), "name");
    expect(await rowCounts()).toEqual(NOTHING);
  });

  it("query and path parameters are checked too", async () => {
    const agent = await ctx.auth("agent");
    expectInvalidField(await send("GET", "/v1/articles?q=pdf%00blank", undefined, agent), "q");
    expectInvalidField(await send("GET", "/v1/articles/art_%00x", undefined, agent), "id");
    expectInvalidField(await send("GET", "/portal/api/articles/art_%00x"), "id");
    // Percent-encoded surrogate halves and overlong NUL are not UTF-8: they stay undecoded text.
    for (const bad of ["%ED%A0%BD", "%C0%80", "%FF"]) {
      expect((await send("GET", `/v1/articles?q=a${bad}b`, undefined, agent)).status).toBe(200);
      expect((await send("GET", `/v1/articles/art_${bad}`, undefined, agent)).status).toBe(404);
    }
  });

  it("an import fails only the rows that carry them (NDJSON and CSV)", async () => {
    const headers = { ...(await ctx.auth("admin")), "content-type": "application/x-ndjson" };
    const rows = [devRow(1), devRow(2, { title: "bad\u0000title here" }), devRow(3, { problem: "a lone \ud83d in the problem text" })];
    const ndjson = await rawRequest(server.port, { method: "POST", path: "/v1/imports?publish=true", headers, body: rows.map((r) => JSON.stringify(r)).join("\n") });
    expect(ndjson.status, ndjson.body).toBe(201);
    const imported = readRawJson(ctx, ndjson, ImportStatusSchema);
    expect(imported).toMatchObject({ status: "completed", created: 1, failed: 2 });
    expect(imported.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "INVALID_FIELD"],
      [3, "INVALID_FIELD"],
    ]);
    const csv = 'id,title,problem,root_cause,resolution,lang\nA9,"Title\u0000x","printing fails on every page","driver","reinstall it",en\n';
    const csvRes = await rawRequest(server.port, { method: "POST", path: "/v1/imports", headers: { ...headers, "content-type": "text/csv" }, body: csv });
    expect(csvRes.status, csvRes.body).toBe(201);
    expect(readRawJson(ctx, csvRes, ImportStatusSchema)).toMatchObject({ status: "completed", created: 0, failed: 1 });
    expect((await rowCounts()).articles).toBe(1);
  });

  it("a surrogate pair (emoji) is ordinary text", async () => {
    const res = await send("POST", "/v1/tickets", { body: "the app crashes 🐴 on start", channel: "chat" }, await ctx.auth("agent"));
    expect(res.status, res.body).toBe(201);
  });
});

describe("numbers and dates outside what Postgres holds", () => {
  it("metrics refuse dates before 1970 or past 9998 (year 0 does not exist in Postgres)", async () => {
    const agent = await ctx.auth("agent");
    const res = await send("GET", "/v1/metrics?from=0000-01-01&to=0001-01-01&bucket=month", undefined, agent);
    expect(res.status, res.body).toBe(400);
    expect(
      present(expectProblem(res, 400, "VALIDATION_FAILED").errors, "the field errors")
        .map((e) => e.field)
        .sort(),
    ).toEqual(["from", "to"]);
    const late = await send("GET", "/v1/metrics?from=9999-01-01T00:00:00Z&to=9999-12-31&bucket=month", undefined, agent);
    expect(late.status, late.body).toBe(400);
    const ok = await send("GET", "/v1/metrics?from=1970-01-01&to=1971-01-01&bucket=month", undefined, agent);
    expect(ok.status, ok.body).toBe(200);
  });

  it("integer path parameters stop at the int4 maximum", async () => {
    const expert = await ctx.auth("expert");
    const created = await send("POST", "/v1/articles", articleBody(), expert);
    expect(created.status, created.body).toBe(201);
    const { id } = readRawJson(ctx, created, ArticleSchema);
    const over = await send("GET", `/v1/articles/${id}/versions/2147483648`, undefined, expert);
    expect(over.status, over.body).toBe(400);
    expect(expectProblem(over, 400, "VALIDATION_FAILED").errors?.[0]?.field).toBe("version");
    expect((await send("GET", `/v1/articles/${id}/versions/2147483647`, undefined, expert)).status).toBe(404);

    expect((await send("GET", "/v1/escalation-matrix/99999999999", undefined, expert)).status).toBe(400);
    const max = await send("GET", "/v1/escalation-matrix/2147483647", undefined, expert);
    expect(max.status, max.body).toBe(404);
    expectProblem(max, 404, "NOT_FOUND");
  });

  it("an expectedVersion past int4 is a 400 and changes nothing", async () => {
    const expert = await ctx.auth("expert");
    const created = await send("POST", "/v1/articles", articleBody(), expert);
    expect(created.status, created.body).toBe(201);
    const { id } = readRawJson(ctx, created, ArticleSchema);
    const res = await send("PATCH", `/v1/articles/${id}`, { title: "Renamed", expectedVersion: 2 ** 31 }, expert);
    expect(res.status, res.body).toBe(400);
    expect(expectProblem(res, 400, "VALIDATION_FAILED").errors?.[0]?.field).toBe("expectedVersion");
    const after = await send("GET", `/v1/articles/${id}`, undefined, expert);
    expect(readRawJson(ctx, after, ArticleSchema).title).toBe(articleBody().title);
  });
});

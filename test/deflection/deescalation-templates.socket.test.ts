import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { auditLog } from "../../src/db/schema/index.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import type { TestContext } from "../support/context.js";
import { DeescalationTemplateListSchema, DeescalationTemplateSchema } from "../../src/deflection/deescalation-templates.routes.js";
import { present } from "../support/api.js";
import { rawHttp, rawRequest, type StartedServer, useSocketServer, expectProblem, openApiOf, readRawJson, socketCaller } from "../support/socket.js";

let ctx: TestContext;
let server: StartedServer;
const PATH = "/v1/settings/deescalation-templates";

useSocketServer((c, s) => {
  ctx = c;
  server = s;
});

const call = socketCaller(
  () => ctx,
  () => server,
);
const count = async () => Number((await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from deescalation_templates`))[0]?.n);
const valid = { language: "cs", part: "opening", level: 2, text: "Rozumím vám a hned se tomu věnuji ({when})." };

describe("de-escalation templates: access", () => {
  it("401 without a key, 403 for agent and expert on every route; nothing is written", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", PATH],
      ["POST", PATH, valid],
      ["DELETE", `${PATH}/dtpl_x`],
    ];
    for (const [method, path, body] of routes) {
      expectProblem(await call(method, path, undefined, body), 401, "UNAUTHENTICATED");
      for (const role of ["agent", "expert"] as const) expectProblem(await call(method, path, role, body), 403, "FORBIDDEN");
    }
    expect(await count()).toBe(0);
    // Every role on every template route, from the route table (the shared matrix).
    // (The admin's own GET in it seeds the default templates: that is a read that is allowed.)
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith(PATH))).toEqual([]);
  });

  it("is documented with its roles and problem codes", async () => {
    const doc = openApiOf(await call("GET", "/openapi.json"));
    const ops = present(doc.paths[PATH], PATH);
    expect(ops.get?.["x-roles"]).toEqual(["admin"]);
    expect(ops.post?.["x-roles"]).toEqual(["admin"]);
    expect(ops.post?.responses["409"]).toBeDefined();
    expect(doc.paths[`${PATH}/{id}`]?.delete?.responses["404"]).toBeDefined();
    expect(doc.components.schemas.DeescalationBrief).toBeDefined();
  });
});

describe("de-escalation templates over a real socket", () => {
  it("seeds the curated defaults once, in six languages with every part, and filters by language and part", async () => {
    const all = await call("GET", PATH, "admin");
    expect(all.status).toBe(200);
    const { items } = readRawJson(ctx, all, DeescalationTemplateListSchema);
    expect(new Set(items.map((t) => t.language))).toEqual(new Set(["en", "cs", "fi", "pt", "de", "es"]));
    const n = items.length;
    expect(readRawJson(ctx, await call("GET", PATH, "admin"), DeescalationTemplateListSchema).items).toHaveLength(n);
    expect(await count()).toBe(n);

    const csCustomer = readRawJson(ctx, await call("GET", `${PATH}?language=CS&part=customer`, "admin"), DeescalationTemplateListSchema).items;
    expect(csCustomer.map((t) => [t.language, t.part, t.level])).toEqual([
      ["cs", "customer", 1],
      ["cs", "customer", 2],
      ["cs", "customer", 3],
    ]);
    expectProblem(await call("GET", `${PATH}?part=greeting`, "admin"), 400, "VALIDATION_FAILED");
  });

  it("adds (201, audited, last in its part), rejects a duplicate (409), deletes (204) and then 404", async () => {
    const added = await call("POST", PATH, "admin", valid);
    expect(added.status, added.body).toBe(201);
    const template = readRawJson(ctx, added, DeescalationTemplateSchema);
    expect(template).toMatchObject({ ...valid, enabled: true, id: expect.stringMatching(/^dtpl_/) });
    const csOpenings = readRawJson(ctx, await call("GET", `${PATH}?language=cs&part=opening`, "admin"), DeescalationTemplateListSchema).items;
    expect(Math.max(...csOpenings.map((t) => t.position))).toBe(template.position);
    expectProblem(await call("POST", PATH, "admin", valid), 409, "CONFLICT");

    const every = await call("POST", PATH, "admin", { language: "en", part: "avoid", level: null, text: 'Saying "as I already told you".' });
    expect(every.status).toBe(201);
    expect(readRawJson(ctx, every, DeescalationTemplateSchema).level).toBeNull();

    expect((await call("DELETE", `${PATH}/${template.id}`, "admin")).status).toBe(204);
    expectProblem(await call("DELETE", `${PATH}/${template.id}`, "admin"), 404, "NOT_FOUND");
    const audits = await ctx.deps.database.db.select().from(auditLog).where(eq(auditLog.entityType, "deescalation_template"));
    expect(audits.map((a) => a.action).sort()).toEqual(["deescalation_template.create", "deescalation_template.create", "deescalation_template.delete"]);
    expect(audits.every((a) => a.actor === "test-admin")).toBe(true);
  });

  it("rejects bad input with 400 naming the field, and writes nothing", async () => {
    await call("GET", PATH, "admin");
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, text: "Hello {customer_name}, {when}." }, "text"],
      [{ ...valid, text: "Empty {} braces" }, "text"],
      [{ ...valid, text: "x".repeat(501) }, "text"],
      [{ ...valid, text: "   " }, "text"],
      [{ ...valid, part: "greeting" }, "part"],
      [{ ...valid, level: 4 }, "level"],
      [{ ...valid, level: 0 }, "level"],
      [{ ...valid, level: null }, "level"],
      [{ ...valid, language: "cz" }, "language"],
      [{ ...valid, language: "english" }, "language"],
      [{ ...valid, colour: "red" }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", PATH, "admin", body);
      const problem = expectProblem(res, 400, "VALIDATION_FAILED");
      if (field) expect(JSON.stringify(problem.errors), JSON.stringify(body)).toContain(field);
    }
    const unknown = await call("POST", PATH, "admin", { ...valid, text: "Hello {customer_name}" });
    expect(expectProblem(unknown, 400, "VALIDATION_FAILED").errors).toEqual([{ field: "text", message: expect.stringContaining("{customer_name}") }]);
    expect(await count()).toBe(before);
  });

  it("a POST without a body is 400, a chunked body works, a wrong method is 405", async () => {
    const admin = await ctx.auth("admin");
    expectProblem(await rawHttp(server.port, `POST ${PATH} HTTP/1.1\nhost: 127.0.0.1\nauthorization: ${admin.authorization}\nconnection: close`), 400, "VALIDATION_FAILED");
    const chunked = await rawRequest(server.port, { method: "POST", path: PATH, headers: admin, body: { ...valid, language: "de", text: "Ich höre Ihnen zu." }, chunked: 7 });
    expect(chunked.status, chunked.body).toBe(201);
    expect(readRawJson(ctx, chunked, DeescalationTemplateSchema).text).toBe("Ich höre Ihnen zu.");
    expectProblem(await rawRequest(server.port, { method: "PUT", path: PATH, headers: admin }), 405, "METHOD_NOT_ALLOWED");
  });
});

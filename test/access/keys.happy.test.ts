import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, json, type TestContext } from "../support/context.js";
import { type OpenApiDoc, present, readJson } from "../support/api.js";
import { CreatedKeySchema, KeyListSchema, KeySchema } from "../../src/access/keys.schemas.js";
import { AuditPageSchema } from "../../src/audit/audit.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe("API keys", () => {
  it("an admin creates a key whose secret works once shown, and the list never shows it", async () => {
    const res = await ctx.req("POST", "/v1/keys", { name: "Helpdesk", role: "agent" }, "admin");
    expect(res.status).toBe(201);
    const created = await readJson(res, CreatedKeySchema);
    expect(created).toMatchObject({ name: "Helpdesk", role: "agent", revoked: false, lastUsedAt: null });
    expect(created.secret).toMatch(/^dfl_agent_[A-Za-z0-9_-]{40,}$/);
    expect(created.secret.startsWith(created.prefix)).toBe(true);

    const me = await ctx.app.request("/v1/keys", { headers: bearer(created.secret) });
    expect(me.status).toBe(403); // an agent key is valid, but not for key management

    const listRes = await ctx.req("GET", "/v1/keys", undefined, "admin");
    expect(listRes.status).toBe(200);
    const text = await listRes.text();
    expect(text).not.toContain(created.secret);
    expect(text).not.toMatch(/"hash"|"secret"/);
    const { keys } = JSON.parse(text) as { keys: Record<string, unknown>[] };
    const listed = keys.find((k) => k.id === created.id);
    expect(listed).toMatchObject({ name: "Helpdesk", role: "agent", prefix: created.prefix, revoked: false });
    expect(Object.keys(listed ?? {}).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revoked", "revokedAt", "role"]);
  });

  it("records last use, at most once a minute", async () => {
    const created = await readJson(await ctx.req("POST", "/v1/keys", { name: "Bot", role: "expert" }, "admin"), CreatedKeySchema);
    const lastUsed = async () => {
      const { keys } = await readJson(await ctx.req("GET", "/v1/keys", undefined, "admin"), KeyListSchema);
      return keys.find((k) => k.id === created.id)?.lastUsedAt;
    };
    expect(await lastUsed()).toBeNull();
    const t0 = ctx.clock.now();
    await ctx.app.request("/health", { headers: bearer(created.secret) });
    expect(await lastUsed()).toBe(t0.toISOString());
    ctx.clock.advance(30_000);
    await ctx.app.request("/health", { headers: bearer(created.secret) });
    expect(await lastUsed()).toBe(t0.toISOString());
    ctx.clock.advance(61_000);
    await ctx.app.request("/health", { headers: bearer(created.secret) });
    expect(await lastUsed()).toBe(ctx.clock.now().toISOString());
  });

  it("revoking a key locks it out at once, is idempotent, and is audited with the admin's name", async () => {
    const created = await readJson(await ctx.req("POST", "/v1/keys", { name: "Temp", role: "agent" }, "admin"), CreatedKeySchema);
    expect((await ctx.app.request("/health", { headers: bearer(created.secret) })).status).toBe(200);
    const res = await ctx.req("DELETE", `/v1/keys/${created.id}`, undefined, "admin");
    expect(res.status).toBe(200);
    const revoked = await readJson(res, KeySchema);
    expect(revoked).toMatchObject({ id: created.id, revoked: true, revokedAt: ctx.clock.now().toISOString() });
    expect((await ctx.app.request("/health", { headers: bearer(created.secret) })).status).toBe(401);

    ctx.clock.advance(5_000);
    const again = await readJson(await ctx.req("DELETE", `/v1/keys/${created.id}`, undefined, "admin"), KeySchema);
    expect(again.revokedAt).toBe(revoked.revokedAt);

    const audit = await readJson(await ctx.req("GET", `/v1/audit?entityType=api_key&entityId=${created.id}`, undefined, "admin"), AuditPageSchema);
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(["key.revoke", "key.create"]);
    expect(audit.items[0]).toMatchObject({ actor: "test-admin", role: "admin", detail: { name: "Temp", role: "agent" } });
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it("lists every role's routes in the OpenAPI document with x-roles", async () => {
    const doc = await json<OpenApiDoc>(await ctx.req("GET", "/openapi.json"));
    expect(present(doc.paths["/v1/keys"]?.post, "POST /v1/keys")["x-roles"]).toEqual(["admin"]);
    expect(present(doc.paths["/v1/keys/{id}"]?.delete, "DELETE /v1/keys/{id}").responses["409"]).toBeDefined();
    expect(present(doc.paths["/v1/audit"]?.get, "GET /v1/audit")["x-roles"]).toEqual(["admin"]);
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeFirstAdminKey } from "../../src/access/first-key.node.js";
import { createApiKey, createFirstAdminKey, listApiKeys, revokeApiKey } from "../../src/access/keys.service.js";
import { createTestContext, testConfig, type TestContext } from "../support/context.js";

/** The first admin key, on both databases: made once, however many processes start together. */
describe("the first admin key", () => {
  let ctx: TestContext;
  let dir: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    dir = mkdtempSync(join(tmpdir(), "deflect-first-key-"));
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => ctx.reset());

  it("is made once when five starts race on an empty database, and audited", async () => {
    const made = await Promise.all(Array.from({ length: 5 }, () => createFirstAdminKey({ deps: ctx.deps })));
    expect(made.filter(Boolean)).toHaveLength(1);
    const keys = await listApiKeys({ deps: ctx.deps });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ role: "admin", revoked: false });
    const audit = await ctx.req("GET", "/v1/audit", undefined, "admin");
    expect(((await audit.json()) as { items: { action: string; actor: string }[] }).items).toContainEqual(expect.objectContaining({ action: "key.create", actor: "first start" }));
  });

  it("is not made on a database that has keys, even when all of them were revoked", async () => {
    const { key } = await createApiKey({ deps: ctx.deps, input: { name: "old", role: "admin" } });
    await revokeApiKey({ deps: ctx.deps, input: { id: key.id, keepAnAdmin: false }, actor: { name: "t", role: "admin" } });
    expect(await createFirstAdminKey({ deps: ctx.deps })).toBeUndefined();
  });

  it("is written to <DATA_DIR>/admin-key readable by the owner only, and never twice; FIRST_ADMIN_KEY=off makes none", async () => {
    const off = { ...ctx.deps, config: testConfig({ DATA_DIR: dir, FIRST_ADMIN_KEY: "off" }) };
    expect(await writeFirstAdminKey(off)).toBeUndefined();
    expect(await listApiKeys({ deps: ctx.deps })).toHaveLength(0);

    const deps = { ...ctx.deps, config: testConfig({ DATA_DIR: dir }) };
    const file = await writeFirstAdminKey(deps);
    expect(file).toBe(join(dir, "admin-key"));
    expect(statSync(file as string).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file as string, "utf8").trim();
    expect(secret).toMatch(/^dfl_admin_/);
    const res = await ctx.app.request("/v1/keys", { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);

    expect(await writeFirstAdminKey(deps)).toBeUndefined();
    expect(readFileSync(file as string, "utf8").trim()).toBe(secret);
  });
});

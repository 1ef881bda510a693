import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runKeysCli } from "../../src/access/keys.cli.js";
import { createApp } from "../../src/app.js";
import { openPglite } from "../../src/db/client.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { createLogger } from "../../src/logger.js";
import { backend, TestClock, testConfig } from "../support/context.js";

let dir: string;

/** Runs the keys CLI as `npm run keys -- …` does, against an embedded database in `dir`. */
async function keys(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKeysCli(args, { DATA_DIR: dir }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { out: out.join("\n"), err: err.join("\n"), code };
}

describe.skipIf(backend !== "pglite")("npm run keys", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "deflect-keys-"));
    // Start from the run's migrated template (the CLI then finds nothing to migrate): initdb on
    // disk costs seconds that this test does not need to measure.
    const seeded = await openPglite(join(dir, "pglite"), new Blob([readFileSync(inject("pgliteTemplate"))]));
    await seeded.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the first admin key, which then opens the admin API; revokes; lists without secrets", async () => {
    const created = await keys("create", "--role", "admin", "--name", "First admin", "--json");
    expect(created.code).toBe(0);
    const key = JSON.parse(created.out);
    expect(key).toMatchObject({ role: "admin", name: "First admin", revoked: false });
    expect(key.secret).toMatch(/^dfl_admin_/);

    const database = await openPglite(join(dir, "pglite"));
    try {
      const app = createApp({
        config: testConfig(),
        database,
        embedder: new HashingEmbedder(64),
        logger: createLogger("silent"),
        clock: new TestClock(),
        version: "t",
        runtime: "node",
      });
      const res = await app.request("/v1/audit", { headers: { authorization: `Bearer ${key.secret}` } });
      expect(res.status).toBe(200);
      const audit = (await res.json()) as { items: { action: string; actor: string }[] };
      expect(audit.items[0]).toMatchObject({ action: "key.create", actor: expect.stringMatching(/^cli:/) });
      const listed = await (await app.request("/v1/keys", { headers: { authorization: `Bearer ${key.secret}` } })).text();
      expect(listed).not.toContain(key.secret);
      expect(listed).toContain(key.prefix);
    } finally {
      await database.close();
    }

    const revoked = await keys("revoke", key.id);
    expect(revoked).toMatchObject({ code: 0, out: expect.stringContaining(`revoked admin key ${key.id}`) });
    const again = await keys("list", "--json");
    expect(JSON.parse(again.out)).toMatchObject([{ id: key.id, revoked: true }]);
    expect(again.out).not.toContain(key.secret);
  });

  it("refuses bad arguments with the usage text and exit code 2, before touching the database", async () => {
    const bad = await keys("create", "--role", "root", "--name", "x");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--role must be one of agent, expert, admin");
    expect(bad.err).toContain("usage:");
    expect((await keys("create", "--role", "agent")).code).toBe(2);
    expect((await keys("revoke")).code).toBe(2);
    expect((await keys("rotate")).code).toBe(2);
    expect((await keys("list", "--bogus")).code).toBe(2);
  });
});

import { execFile } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backend } from "../support/context.js";
import { repoRoot, startServiceProcess, type ServiceProcess } from "../support/service-process.js";

/**
 * `npm run keys` as a user runs it, in its own process, next to a running service. Asynchronous on
 * purpose: a synchronous spawn blocks this process's event loop for the seconds the CLI takes, the
 * service closes the test's idle keep-alive connection meanwhile, and the next fetch reuses the dead
 * socket ("fetch failed") — a flake of the test, not of the service.
 */
function keysCli(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/keys.ts", ...args],
      { cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ...env }, encoding: "utf8" },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : null) : 0;
        resolve({ code, out: stdout.trim(), err: stderr.trim() });
      },
    );
  });
}

/**
 * The first hour on the embedded database: the first start writes an admin key to the data folder
 * and says where; `npm run keys` then works while the service runs (through its admin API), so
 * nobody stops the service to make keys; a restart makes no second key.
 */
describe.skipIf(backend !== "pglite")("keys while the service runs (embedded database)", () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await startServiceProcess({ EMBEDDER: "hashing", SAMPLE_DATA: "off", BACKGROUND_WORKERS: "false", DATABASE_URL: undefined });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("writes the first admin key to <DATA_DIR>/admin-key (owner-only) and logs where it is", async () => {
    const file = join(service.dataDir, "admin-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(service.log()).toContain(`"file":"${file}"`);
    const secret = readFileSync(file, "utf8").trim();
    const res = await fetch(`${service.base}/v1/keys`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
  });

  it("creates, lists and revokes keys through the running service", async () => {
    const created = await keysCli(service.dataDir, ["create", "--role", "agent", "--name", "Tier 1 - Ana", "--secret-only"]);
    expect(created).toMatchObject({ code: 0, err: "" });
    expect(created.out).toMatch(/^dfl_agent_[\w-]+$/);
    {
      const ok = await fetch(`${service.base}/v1/articles?limit=1`, { headers: { authorization: `Bearer ${created.out}` } });
      expect(ok.status).toBe(200);

      const listed = await keysCli(service.dataDir, ["list", "--json"]);
      expect(listed.code).toBe(0);
      const keys = JSON.parse(listed.out) as { id: string; role: string; name: string }[];
      expect(keys.map((k) => k.role).sort()).toEqual(["admin", "agent"]);
      expect(listed.out).not.toContain(created.out);

      const agentId = keys.find((k) => k.role === "agent")?.id as string;
      const revoked = await keysCli(service.dataDir, ["revoke", agentId]);
      expect(revoked).toMatchObject({ code: 0, out: expect.stringContaining(`revoked agent key ${agentId}`) });
      const refused = await fetch(`${service.base}/v1/articles?limit=1`, { headers: { authorization: `Bearer ${created.out}` } });
      expect(refused.status).toBe(401);

      // The service keeps its last admin key: the API refuses, and the CLI says so (exit 1).
      const adminId = keys.find((k) => k.role === "admin")?.id as string;
      const last = await keysCli(service.dataDir, ["revoke", adminId]);
      expect(last.code).toBe(1);
      expect(last.err).toMatch(/409|admin/i);
    }
  }, 60_000);

  it("without an admin key to use, says which service holds the database and how to give one", async () => {
    const file = join(service.dataDir, "admin-key");
    const secret = readFileSync(file, "utf8");
    rmSync(file);
    try {
      const refused = await keysCli(service.dataDir, ["list"]);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(service.base);
      expect(refused.err).toContain("DEFLECT_ADMIN_KEY");
      const withEnv = await keysCli(service.dataDir, ["list", "--json"], { DEFLECT_ADMIN_KEY: secret.trim() });
      expect(withEnv.code).toBe(0);
      const wrong = await keysCli(service.dataDir, ["list"], { DEFLECT_ADMIN_KEY: "dfl_admin_wrong" });
      expect(wrong).toMatchObject({ code: 1, err: expect.stringContaining("401") });
    } finally {
      // (restored for the restart test)
      writeFileSync(file, secret, { mode: 0o600 });
    }
  }, 60_000);

  it("a restart on the same data makes no second key and leaves the file alone", async () => {
    const file = join(service.dataDir, "admin-key");
    const before = readFileSync(file, "utf8");
    const dataDir = service.dataDir;
    await service.stopKeepingData();
    service = await startServiceProcess({ EMBEDDER: "hashing", SAMPLE_DATA: "off", BACKGROUND_WORKERS: "false", DATABASE_URL: undefined }, { dataDir, removeDataDir: true });
    expect(service.log()).not.toContain("first start");
    expect(readFileSync(file, "utf8")).toBe(before);
    const listed = await keysCli(service.dataDir, ["list", "--json"]);
    expect((JSON.parse(listed.out) as { role: string }[]).filter((k) => k.role === "admin")).toHaveLength(1);
  }, 120_000);
});

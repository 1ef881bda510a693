import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { getReindexProgress, vectorSearchReady } from "../../src/articles/reindex.queries.js";
import { backend, createTestContext, type TestContext } from "../support/context.js";
import { insertArticles } from "../embeddings/support.js";

/** `npm run reindex` as a child process against this test's database (a real server is needed: PGlite has one writer). */
function runCli(url: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/reindex.ts", "--batch-size", "1"], {
    env: { ...process.env, DATABASE_URL: url, EMBEDDER: "hashing", HASHING_DIMENSIONS: "96", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stdout += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout })));
  return { child, done };
}

describe.skipIf(backend !== "postgres")("npm run reindex killed mid-way", () => {
  let ctx: TestContext;
  let url: string;
  const target = new HashingEmbedder(96);
  beforeAll(async () => {
    ctx = await createTestContext({ embedder: new HashingEmbedder(64) });
    const [row] = await queryRows<{ name: string }>(ctx.database.db, sql`select current_database() as name`);
    const u = new URL(process.env.TEST_DATABASE_URL as string);
    u.pathname = `/${row?.name}`;
    url = u.toString();
  });
  afterAll(async () => ctx?.close());

  it("loses at most the batch in progress; a second run finishes and flips search readiness", async () => {
    const total = 150;
    await insertArticles(ctx.database, ctx.deps.embedder, total);
    const count = async () => (await getReindexProgress(ctx.database.db, target.id)).done;

    const first = runCli(url);
    let killedAt = -1;
    for (let i = 0; i < 600 && killedAt < 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const n = await count();
      if (n > 0) {
        first.child.kill("SIGKILL");
        killedAt = n;
      }
    }
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    const afterKill = await count();
    expect(afterKill).toBeGreaterThanOrEqual(killedAt);
    expect(afterKill).toBeLessThan(total);
    expect(await vectorSearchReady(ctx.database.db, target.id)).toBe(false);

    const second = await runCli(url).done;
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`embedder ${target.id}: ${afterKill}/${total}`);
    expect(second.stdout).toMatch(new RegExp(`complete: embedded ${total - afterKill} in ${total - afterKill} batches; ${total}/${total} current`));
    expect(await getReindexProgress(ctx.database.db, target.id)).toEqual({ state: "done", done: total, total });
    expect(await vectorSearchReady(ctx.database.db, target.id)).toBe(true);
  });
});

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/client.js";
import { queryRows } from "../../src/db/database.js";
import { backend } from "../support/context.js";
import { devRow, ndjson } from "./support.js";

const ROWS = 300;
const dir = mkdtempSync(join(tmpdir(), "deflect-import-resume-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { ...process.env, DATA_DIR: join(dir, "data"), DATABASE_URL: "", EMBEDDER: "hashing", LOG_LEVEL: "error" };

/**
 * Runs the CLI as `npx tsx scripts/import.ts` does, but in ONE process (node with tsx's loader;
 * the tsx binary would fork a child that SIGKILL on the parent does not reach). `killWhen` sees
 * stderr and may SIGKILL it.
 */
function runCli(args: string[], killWhen?: (stderr: string) => boolean) {
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], { env, cwd: process.cwd() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      if (killWhen?.(stderr)) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function inspect() {
  const database = await openPglite(join(dir, "data", "pglite"));
  try {
    const [counts] = await queryRows<{ articles: number; distinct_ids: number; vectors: number; versions: number }>(
      database.db,
      sql`select (select count(*)::int from articles) as articles,
                 (select count(distinct external_id)::int from articles) as distinct_ids,
                 (select count(*)::int from articles a where exists (select 1 from article_embeddings e where e.article_id = a.id)) as vectors,
                 (select count(*)::int from article_versions) as versions`,
    );
    const imports = await queryRows<{ id: string; status: string; last_line: number; read: number; created: number; skipped: number }>(
      database.db,
      sql`select id, status, last_line, read, created, skipped from imports order by created_at`,
    );
    return { ...counts, imports };
  } finally {
    await database.close();
  }
}

describe.skipIf(backend !== "pglite")("an import killed with SIGKILL resumes without loss or duplicates", () => {
  it("kill -9 mid-way, rerun, exact counts", { timeout: 180_000 }, async () => {
    const file = join(dir, "tickets.jsonl");
    writeFileSync(file, ndjson(Array.from({ length: ROWS }, (_, i) => devRow(i))));

    const killed = await runCli([file, "--batch-size", "10", "--verbose"], (err) => /committed through line (\d*[3-9]\d)\b/.test(err));
    expect(killed.signal).toBe("SIGKILL");

    const mid = await inspect();
    expect(mid.imports).toHaveLength(1);
    const [partial] = mid.imports;
    expect(partial?.status).toBe("running");
    expect(partial?.last_line).toBeGreaterThan(0);
    expect(partial?.last_line).toBeLessThan(ROWS);
    // What the import row says is committed is exactly what is in the knowledge base.
    expect(mid.articles).toBe(partial?.created);
    expect(mid.vectors).toBe(mid.articles);

    const rerun = await runCli([file]);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(`resuming import ${partial?.id} after line ${partial?.last_line}`);
    expect(rerun.stdout).toContain("failed    0");

    const done = await inspect();
    expect(done.imports).toEqual([expect.objectContaining({ id: partial?.id, status: "completed", last_line: ROWS, read: ROWS, created: ROWS, skipped: 0 })]);
    expect(done).toMatchObject({ articles: ROWS, distinct_ids: ROWS, vectors: ROWS, versions: ROWS });
  });
});

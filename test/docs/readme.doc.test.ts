import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backend } from "../support/context.js";
import { compareOutput, readmeBlocks, replay, type ReadmeCommand } from "../support/readme-replay.js";
import { repoRoot, startServiceProcess, type ServiceProcess } from "../support/service-process.js";

/**
 * Every shell example of README.md, replayed in order against the service started as the README
 * starts it (its own process, an empty data folder, the sample knowledge base, the first admin key
 * in the data folder, no model hub reachable so it runs on the offline fallback as a fresh machine
 * without network does), in one bash session from a folder whose `data` is the service's. Each
 * command must exit 0 and print what the README shows (ids, secrets, times and paths aside).
 * Blocks marked `<!-- doc-test: skip (why) -->` are listed as skipped tests with their reason.
 */
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const blocks = readmeBlocks(readme);

describe.skipIf(backend !== "pglite")("README examples, replayed against a live service", () => {
  let service: ServiceProcess;
  let home: string;
  const results = new Map<ReadmeCommand, { output: string; status: number }>();

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "deflect-readme-"));
    mkdirSync(join(home, "data"));
    service = await startServiceProcess(
      {
        DATABASE_URL: undefined,
        EMBEDDER: undefined,
        MODEL_DIR: undefined,
        // Nothing listens on port 9: the hub is unreachable here as on a machine without network.
        MODEL_HUB_URL: "http://127.0.0.1:9/",
        SAMPLE_DATA: "auto",
        BACKGROUND_WORKERS: "true",
      },
      { dataDir: join(home, "data") },
    );
    const commands = blocks.filter((b) => !b.skip).flatMap((b) => b.commands);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("VITEST")) env[k] = v;
    Object.assign(env, { DATA_DIR: service.dataDir, DATABASE_URL: "", NO_COLOR: "1", npm_config_update_notifier: "false" });
    const preamble = [
      "set -o pipefail",
      // The user's terminal is in the repository; here `data` is the service's and npm runs the repository's scripts.
      `npm() { command npm --prefix ${JSON.stringify(repoRoot)} "$@"; }`,
      `curl() { command curl --max-time 60 "$@"; }`,
    ].join("\n");
    const outputs = replay(
      commands.map((c) => ({ ...c, command: c.command.replaceAll("localhost:3000", `127.0.0.1:${service.port}`) })),
      { cwd: home, env, preamble, timeoutMs: 240_000 },
    );
    commands.forEach((c, k) => results.set(c, outputs[k] as { output: string; status: number }));
    // README_REPLAY_DUMP=file: every command with its live output, to bring the README up to date.
    if (process.env.README_REPLAY_DUMP) {
      writeFileSync(
        process.env.README_REPLAY_DUMP,
        commands.map((c, k) => `README.md:${c.line}\n$ ${c.command}\n${outputs[k]?.output.trim()}\n(exit ${outputs[k]?.status})\n`).join("\n"),
      );
    }
  }, 360_000);

  afterAll(async () => {
    await service?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("has examples to replay, and every skipped block gives its reason", () => {
    expect(blocks.filter((b) => !b.skip).flatMap((b) => b.commands).length).toBeGreaterThan(20);
    for (const b of blocks.filter((x) => x.skip)) expect(b.skip, `README.md:${b.line}`).not.toBe("skipped");
    // An output shown as nothing but wildcards would let anything pass.
    for (const c of blocks.flatMap((b) => b.commands)) expect(c.expected.replace(/[…\s]/g, "") !== "" || c.expected === "", `README.md:${c.line}`).toBe(true);
  });

  for (const block of blocks) {
    for (const command of block.commands) {
      const title = `README.md:${command.line}  $ ${command.command.split("\n")[0]?.slice(0, 90)}`;
      if (block.skip) {
        it.skip(`${title} (${block.skip})`, () => {});
        continue;
      }
      it(title, () => {
        const result = results.get(command);
        expect(result, "not run").toBeDefined();
        const { output, status } = result as { output: string; status: number };
        expect(status, `exit status; output:\n${output}`).toBe(0);
        const diff = compareOutput(command.expected, output);
        expect(diff, `README.md:${command.line}: the output differs from the README's\n${diff}\n--- full output:\n${output}`).toBeUndefined();
      });
    }
  }
});

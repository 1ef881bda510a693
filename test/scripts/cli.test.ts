import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Every `npm run` CLI behaves the same way (scripts/lib/cli.ts): `--help` prints its own usage on
 * stdout and exits 0, an unknown flag exits 2 naming it on stderr — and neither does anything
 * else. Each command runs as package.json runs it (node + tsx, or bash), in a fresh empty folder
 * that is its working directory and DATA_DIR, with no database server and the offline embedder:
 * a script that ignored the flag and started working would leave files there, fail on its
 * missing arguments or run into the timeout.
 */
const repo = fileURLToPath(new URL("../..", import.meta.url));
const scripts = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const tsxLoader = pathToFileURL(createRequire(join(repo, "package.json")).resolve("tsx")).href;

/** Not CLIs of ours: tsc, the test runner, drizzle-kit, dependency-cruiser and Biome answer --help themselves. */
const NOT_OURS = new Set(["build", "typecheck", "depcheck", "lint", "format", "test", "db:generate"]);

function commandOf(name: string, script: string): { file: string; argv: string[] } {
  const tsx = /^tsx (scripts\/[\w/-]+\.ts)$/.exec(script);
  if (tsx?.[1]) return { file: tsx[1], argv: [process.execPath, "--import", tsxLoader, join(repo, tsx[1])] };
  const node = /^node (scripts\/[\w/-]+\.mjs)$/.exec(script);
  if (node?.[1]) return { file: node[1], argv: [process.execPath, join(repo, node[1])] };
  const bash = /^bash (scripts\/[\w/-]+\.sh)$/.exec(script);
  if (bash?.[1]) return { file: bash[1], argv: ["bash", join(repo, bash[1])] };
  throw new Error(`npm run ${name}: "${script}" is neither tsx nor bash on a file under scripts/; teach this test how to run it`);
}

const clis = Object.entries(scripts)
  .filter(([name]) => !NOT_OURS.has(name))
  .map(([name, script]) => ({ name, ...commandOf(name, script) }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Whatever the run left in its folder (its cwd and DATA_DIR). */
  leftovers: string[];
}

const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDER: "hashing", LOG_LEVEL: "warn", NO_COLOR: "1" };
delete env.DATABASE_URL;
delete env.TEST_DATABASE_URL;
delete env.MODEL_CACHE_DIR;
delete env.MODEL_DIR;

function run(argv: string[], args: string[]): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "deflect-cli-"));
  return new Promise<Run>((resolve, reject) => {
    const [command, ...rest] = argv as [string, ...string[]];
    const child = spawn(command, [...rest, ...args], { cwd: dir, env: { ...env, DATA_DIR: join(dir, "data") }, timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const leftovers = readdirSync(dir, { recursive: true }).map(String);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, stdout, stderr, leftovers });
    });
  });
}

/** At most `limit` children at a time: 2 cores, and each one is a node process loading tsx. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const runs = new Map<string, { help: Run; unknown: Run }>();

/**
 * A missing or invalid value is refused like an unknown flag: [script, args, the flag the message
 * names]. One of each kind (range, missing value, choices, required, a script's own check).
 */
const badValues: [string, string[], string][] = [
  ["bench:embed", ["--passages", "0"], "--passages"],
  ["model:offline", ["models/e5", "--from"], "--from"],
  ["make-test-model", ["model", "--dims", "many"], "--dims"],
  ["import", ["tickets.csv", "--format", "xml"], "--format"],
  ["calibrate", ["--articles", "a.jsonl"], "--tickets"],
  ["bench", ["--backends", "postgres,sqlite"], "--backends"],
];
const badRuns: Run[] = [];

describe("every npm run CLI: --help, unknown flags, bad values", () => {
  beforeAll(async () => {
    const jobs = clis.flatMap((cli) => [
      { cli, kind: "help" as const, args: ["--help"] },
      { cli, kind: "unknown" as const, args: ["--no-such-flag"] },
    ]);
    const bad = badValues.map(([name, args]) => ({ argv: (clis.find((c) => c.name === name) as { argv: string[] }).argv, args }));
    const results = await pool([...jobs, ...bad], 4, (job) => run("cli" in job ? job.cli.argv : job.argv, job.args));
    badRuns.push(...results.slice(jobs.length));
    jobs.forEach((job, i) => {
      const entry = runs.get(job.cli.name) ?? ({} as { help: Run; unknown: Run });
      entry[job.kind] = results[i] as Run;
      runs.set(job.cli.name, entry);
    });
  }, 120_000);
  afterAll(() => {
    runs.clear();
    badRuns.length = 0;
  });

  it("covers every script in package.json that is ours", () => {
    expect(clis.map((c) => c.name).sort()).toEqual(
      [
        "bench",
        "bench:embed",
        "calibrate",
        "calibrate:duplicates",
        "dev",
        "eval",
        "fuzz",
        "import",
        "keys",
        "make-test-model",
        "migrate",
        "model:offline",
        "model:parity",
        "reindex",
        "replay",
        "seed",
        "start",
      ].sort(),
    );
  });

  it.each(clis.map((c) => [c.name, c.file]))("npm run %s -- --help (%s): its own usage on stdout, exit 0, nothing else", (name) => {
    const { help } = runs.get(name) as { help: Run };
    expect(help.stderr).toBe("");
    expect(help.leftovers).toEqual([]);
    expect(help.stdout).toMatch(new RegExp(`^usage: npm run ${name}( |$)`, "m"));
    expect(help.stdout).toMatch(/^environment:/m);
    expect(help.stdout).toMatch(/^example/m);
    expect(help.code).toBe(0);
  });

  it.each(clis.map((c) => [c.name, c.file]))("npm run %s -- --no-such-flag (%s): the flag named on stderr, exit 2, nothing else", (name) => {
    const { unknown } = runs.get(name) as { unknown: Run };
    expect(unknown.stdout).toBe("");
    expect(unknown.leftovers).toEqual([]);
    expect(unknown.stderr.split("\n")[0]).toContain("--no-such-flag");
    expect(unknown.stderr).toMatch(/^usage: /m);
    expect(unknown.code).toBe(2);
  });

  it.each(badValues.map(([name, args, flag], i) => [name, args.join(" "), flag, i] as const))(
    "npm run %s -- %s: %s named on stderr, exit 2, nothing else",
    (_name, _args, flag, i) => {
      const bad = badRuns[i] as Run;
      expect(bad.stdout).toBe("");
      expect(bad.leftovers).toEqual([]);
      expect(bad.stderr.split("\n")[0]).toContain(flag);
      expect(bad.stderr).toMatch(/^usage: /m);
      expect(bad.code).toBe(2);
    },
  );
});

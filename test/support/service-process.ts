import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The service as a user starts it: its own process (src/entry/node.ts through tsx, the code
 * `npm start` compiles), its own data folder, a port of its own choosing (PORT=0), found in its
 * "listening" log line. Nothing is shared with the test process but the environment given here.
 */
export interface ServiceProcess {
  base: string;
  port: number;
  dataDir: string;
  /** Everything the service wrote to stderr so far (its JSON log lines). */
  log(): string;
  /** Stops the process (SIGTERM, as a user's Ctrl-C) and removes the data folder it was given or made. */
  stop(): Promise<void>;
  /** Stops the process and keeps the data folder, for a restart on the same data. */
  stopKeepingData(): Promise<void>;
}

export async function startServiceProcess(
  env: Record<string, string | undefined> = {},
  opts: { dataDir?: string; removeDataDir?: boolean; timeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const ownDir = opts.dataDir === undefined || opts.removeDataDir === true;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "deflect-service-"));
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env })) {
    if (v !== undefined) childEnv[k] = v;
  }
  // The test runner's own settings are not the service's.
  for (const k of Object.keys(childEnv)) if (k.startsWith("VITEST") || k === "NODE_OPTIONS" || k === "DEFLECT_TEST_BACKEND") delete childEnv[k];
  const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], { cwd: repoRoot, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout?.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the service did not listen within ${opts.timeoutMs ?? 90_000} ms:\n${stderr}`)), opts.timeoutMs ?? 90_000);
    const onData = () => {
      const m = /"msg":"listening"[^\n]*"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        child.stderr?.off("data", onData);
        resolve(Number(m[1]));
      }
    };
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(err);
    };
    child.stderr?.on("data", onData);
    child.once("exit", (code) => fail(new Error(`the service exited (${code}) before listening:\n${stderr}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    log: () => stderr,
    stop: async () => {
      await stopChild(child);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
    stopKeepingData: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

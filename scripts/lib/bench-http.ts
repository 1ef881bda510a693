import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import autocannon from "autocannon";
import { summariseLatency, type Latency } from "./bench-stats.js";

export interface LoadResult {
  /** What was loaded: "deflect (postgres)", "deflect (pglite)", "hono one route". */
  target: string;
  connections: number;
  seconds: number;
  requests: number;
  throughput: number;
  /** Connection errors and client time-outs (no answer within the client's timeout). */
  errors: number;
  timeouts: number;
  /** Answers other than 2xx, and of those the 503s (load shed). */
  non2xx: number;
  status503: number;
  /** Slowest answer, ms. */
  maxMs: number;
  latency: Latency;
}

export interface RunningService {
  url: string;
  pid: number;
  /** Peak resident set of the service process so far (VmHWM), MiB. */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a built entry file (default `dist/src/entry/node.js`, what `npm start` runs) as its own
 * process with the given environment, and waits until /health answers.
 */
export async function startService(env: Record<string, string>, entry = "dist/src/entry/node.js"): Promise<RunningService> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status === 200 || res.status === 503) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`service did not answer /health within 120 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    peakRssMiB() {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        return m ? Math.round(Number(m[1]) / 1024) : null;
      } catch {
        return null;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/**
 * `connections` clients sending POST `path` back to back for `seconds`, bodies cycling through
 * `bodies`. Latency percentiles come from every response's own time (autocannon's histogram has
 * no p95); a client waits at most `timeoutSeconds` for an answer (counted as a time-out).
 */
export async function loadPost(args: {
  target: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  seconds: number;
  timeoutSeconds?: number;
}): Promise<LoadResult> {
  let next = 0;
  const times: number[] = [];
  let status503 = 0;
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `${args.url}${args.path}`,
        connections: args.connections,
        duration: args.seconds,
        timeout: args.timeoutSeconds ?? 10,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json", ...args.headers },
            setupRequest: (req) => ({ ...req, body: args.bodies[next++ % args.bodies.length] ?? "{}" }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance?.on("response", (_client, status, _bytes, responseTime) => {
    times.push(responseTime);
    if (status === 503) status503++;
  });
  const result = await done;
  return {
    target: args.target,
    connections: args.connections,
    seconds: args.seconds,
    requests: result.requests.total,
    throughput: Math.round((times.length / args.seconds) * 10) / 10,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status503,
    // A loop, not Math.max(...times): a fast target answers more times than the call stack holds arguments.
    maxMs: Math.round(times.reduce((m, t) => Math.max(m, t), 0)),
    latency: summariseLatency(times),
  };
}

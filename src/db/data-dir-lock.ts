import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite is Postgres in one process: two processes opening the same data folder each keep their
 * own copy of the database in memory and overwrite each other's files. The service and the CLIs
 * (keys, import, reindex, migrate) therefore take this lock file first; the second one gets a
 * clear error instead of a silently diverging (or corrupted) database.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dir} is in use by process ${pid} (the running service, or another command). ` +
        "PGlite allows one process at a time: stop that process first and run this again — " +
        "or run Deflect on a Postgres server (set DATABASE_URL), where any number of processes may connect.",
    );
    this.name = "DataDirBusyError";
  }
}

const LOCK_FILE = "deflect.lock";
/** Lock files this process holds (a container restart may give the new process the old pid). */
const held = new Set<string>();

/** Takes the lock (taking over a stale one whose process is gone); returns the release function. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        held.delete(file);
        if (holder(file) === process.pid) rmSync(file, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = holder(file);
      if (held.has(file)) throw new DataDirBusyError(dir, process.pid);
      if (pid !== undefined && pid !== process.pid && alive(pid)) throw new DataDirBusyError(dir, pid);
      // Stale: its process has exited (crash, kill -9), or it was an earlier life of this pid.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the data folder lock ${file}`);
}

function holder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const SERVICE_FILE = "deflect.service.json";

/** Where a running service that holds `dir` listens: what the CLIs use instead of the locked database. */
export interface RunningService {
  pid: number;
  url: string;
}

/**
 * Written by the service once it listens, next to the lock, and removed when it stops: a CLI that
 * finds the embedded database in use (npm run keys) talks to that service over HTTP instead.
 */
export function announceService(dir: string, url: string): () => void {
  const file = join(dir, SERVICE_FILE);
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, url } satisfies RunningService)}\n`);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off("exit", remove);
    if (readService(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  process.on("exit", remove);
  return remove;
}

/** The service that holds `dir` and said where it listens, if its process is alive and holds the lock. */
export function runningService(dir: string): RunningService | undefined {
  const service = readService(join(dir, SERVICE_FILE));
  if (!service || !alive(service.pid) || holder(join(dir, LOCK_FILE)) !== service.pid) return undefined;
  return service;
}

function readService(file: string): RunningService | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<RunningService>;
    if (typeof parsed.pid !== "number" || typeof parsed.url !== "string") return undefined;
    return { pid: parsed.pid, url: parsed.url };
  } catch {
    return undefined;
  }
}

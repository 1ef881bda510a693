import type { Deps } from "./deps.js";

/**
 * A periodic job every replica runs. Tasks must be safe to run concurrently on many replicas
 * (row locks with SKIP LOCKED, dedup keys): the schedule is a nudge, Postgres is the arbiter.
 */
export interface BackgroundTask {
  name: string;
  /** Milliseconds between runs; 0 disables the task. */
  intervalMs(deps: Deps): number;
  run(deps: Deps): Promise<void>;
}

export interface BackgroundHandle {
  /** Stops scheduling and waits for runs in progress to finish. */
  stop(): Promise<void>;
}

/** Runs each task on its interval, never two runs of one task at once in this process. */
export function startBackground(deps: Deps, tasks: BackgroundTask[]): BackgroundHandle {
  const timers: ReturnType<typeof setTimeout>[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const task of tasks) {
    const interval = task.intervalMs(deps);
    if (interval <= 0) continue;
    const tick = async () => {
      if (stopped) return;
      const run = task.run(deps).catch((err) => deps.logger.error("background task failed", { task: task.name, err }));
      running.add(run);
      await run;
      running.delete(run);
      if (!stopped) timers.push(setTimeout(tick, interval));
    };
    timers.push(setTimeout(tick, Math.min(interval, 1000)));
  }
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(running);
    },
  };
}

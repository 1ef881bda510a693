import type { MiddlewareHandler } from "hono";
import { OverloadedError } from "../../errors.js";
import type { AppEnv } from "../env.js";

/**
 * Admission to a resource that serves one thing at a time (the embedded PGlite database runs one
 * query at a time): at most `concurrency` requests run, at most `queueMax` wait, and none waits
 * longer than `waitMs`. Beyond that the request is refused at once with 503 OVERLOADED and
 * Retry-After, before it did any work, instead of every request slowing down without bound.
 */
export class Admission {
  private active = 0;
  private readonly waiting: { admit(): void }[] = [];

  constructor(readonly opts: { concurrency: number; queueMax: number; waitMs: number; retryAfterSeconds: number }) {}

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with the release function once admitted; rejects with OverloadedError when full or after waitMs. */
  async enter(): Promise<() => void> {
    if (this.active < this.opts.concurrency) {
      this.active++;
      return this.releaser();
    }
    if (this.waiting.length >= this.opts.queueMax) throw this.overloaded(`${this.waiting.length} requests already wait for the database`);
    await new Promise<void>((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(this.overloaded(`no turn at the database within ${this.opts.waitMs} ms`));
      }, this.opts.waitMs);
      this.waiting.push(entry);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line (active stays the same).
      if (next) next.admit();
      else this.active--;
    };
  }

  private overloaded(why: string): OverloadedError {
    return new OverloadedError(`The service is at capacity (${why}); retry shortly`, this.opts.retryAfterSeconds, { resource: "database" });
  }
}

/** Runs matching requests through `admission` (method + path prefix); others pass untouched. */
export function admit(admission: Admission, routes: { method: string; prefix: string }[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!routes.some((r) => r.method === c.req.method && c.req.path.startsWith(r.prefix))) return next();
    const release = await admission.enter();
    try {
      await next();
    } finally {
      release();
    }
  };
}

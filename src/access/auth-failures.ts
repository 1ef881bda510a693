import type { Deps } from "../deps.js";
import { deleteOldWindows, hitRateLimit } from "./ratelimit.queries.js";

const WINDOW_MS = 60_000;
/** Addresses remembered as over the limit; past this the oldest are forgotten (Postgres still counts). */
const MAX_REMEMBERED = 10_000;

export interface AuthFailureLimiter {
  /** Seconds until `ip` may present a key again, or undefined when it may now. No I/O. */
  blockedFor(ip: string, nowMs: number): number | undefined;
  /**
   * Counts one failed key for `ip` in Postgres (the rate limiter's fixed windows in table
   * rate_limits, bucket `authfail:<ip>`, shared by replicas); returns the seconds to wait when
   * this failure is over AUTH_FAILURE_LIMIT_PER_MINUTE.
   */
  recordFailure(deps: Pick<Deps, "database" | "config" | "clock">, ip: string): Promise<number | undefined>;
}

/**
 * Bounds key guessing per client address. Every presented key costs a database look-up, so a
 * client that failed too often this minute is refused from memory until the window ends, before
 * any look-up, whatever key it sends next. Each replica learns it from the shared count on the
 * first failure past the limit.
 */
export function createAuthFailureLimiter(): AuthFailureLimiter {
  const blockedUntil = new Map<string, number>();
  return {
    blockedFor(ip, nowMs) {
      const until = blockedUntil.get(ip);
      if (until === undefined) return undefined;
      if (until <= nowMs) {
        blockedUntil.delete(ip);
        return undefined;
      }
      return Math.max(1, Math.ceil((until - nowMs) / 1000));
    },
    async recordFailure(deps, ip) {
      const now = deps.clock.now().getTime();
      const windowStart = now - (now % WINDOW_MS);
      const db = deps.database.db;
      const count = await hitRateLimit(db, `authfail:${ip}`, new Date(windowStart));
      if (count === 1) await deleteOldWindows(db, new Date(windowStart - WINDOW_MS));
      if (count <= deps.config.AUTH_FAILURE_LIMIT_PER_MINUTE) return undefined;
      if (blockedUntil.size >= MAX_REMEMBERED) {
        const oldest = blockedUntil.keys().next().value;
        if (oldest !== undefined) blockedUntil.delete(oldest);
      }
      blockedUntil.set(ip, windowStart + WINDOW_MS);
      return Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    },
  };
}

import type { MiddlewareHandler } from "hono";
import { RateLimitedError } from "../errors.js";
import type { Caller } from "../caller.js";
import type { AppEnv } from "../http/env.js";
import { deleteOldWindows, hitRateLimit } from "./ratelimit.queries.js";

const WINDOW_MS = 60_000;

/** GET /v1/articles and /v1/articles/{id}: the API routes open without a key that read the database. */
const ANONYMOUS_ARTICLE_READS = /^\/v1\/articles(\/[^/]+)?\/?$/;

/** Which bucket a request counts against, and its per-minute limit; undefined = not limited. */
export function rateLimitBucket(
  caller: Caller,
  path: string,
  config: { PORTAL_RATE_LIMIT_PER_MINUTE: number; API_RATE_LIMIT_PER_MINUTE: number },
): { bucket: string; limit: number } | undefined {
  if (caller.keyId) return { bucket: `key:${caller.keyId}`, limit: config.API_RATE_LIMIT_PER_MINUTE };
  // Anonymous traffic costs work only on the portal API and the public article reads (one budget
  // per address for both: the same public fixes); the page and its assets are static and cached,
  // other routes refuse an anonymous caller without a query, and health probes must never be throttled.
  if (path.startsWith("/portal/api/") || ANONYMOUS_ARTICLE_READS.test(path)) {
    return { bucket: `ip:${caller.ip}`, limit: config.PORTAL_RATE_LIMIT_PER_MINUTE };
  }
  return undefined;
}

/**
 * Fixed-window rate limits held in Postgres (table rate_limits), so they hold across replicas:
 * anonymous calls to the portal API and the public article reads per client address, keyed
 * calls per key. Over the limit is a 429 RATE_LIMITED with Retry-After (seconds to the next
 * window). Must run after resolveCaller. The first request of a bucket's window also deletes
 * windows older than the previous one, so the table stays small without a background job.
 */
export function rateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.var.deps;
    const target = rateLimitBucket(c.var.caller, c.req.path, deps.config);
    if (!target || c.req.method === "OPTIONS") return next();
    const now = deps.clock.now().getTime();
    const windowStart = new Date(now - (now % WINDOW_MS));
    const count = await hitRateLimit(deps.database.db, target.bucket, windowStart);
    if (count === 1) await deleteOldWindows(deps.database.db, new Date(windowStart.getTime() - WINDOW_MS));
    const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000));
    c.header("ratelimit-limit", String(target.limit));
    c.header("ratelimit-remaining", String(Math.max(0, target.limit - count)));
    c.header("ratelimit-reset", String(resetSeconds));
    if (count > target.limit) throw new RateLimitedError(resetSeconds);
    return next();
  };
}

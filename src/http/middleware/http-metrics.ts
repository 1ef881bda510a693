import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../env.js";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Counts every answered request in `deps.telemetry` by method, route pattern and status. The
 * route is the pattern of the route the request matched (`/v1/tickets/:id`), also when a
 * middleware answered first (401, 413, 429), and `unmatched` when none did: never the raw URL,
 * so a scanner cannot create a series per path it tries.
 */
export function httpMetrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const telemetry = c.var.deps.telemetry;
    if (!telemetry) return next();
    const started = performance.now();
    await next();
    // Middleware is registered with method ALL; the routes (and their own middleware) name one.
    const route = matchedRoutes(c).findLast((r) => r.method !== "ALL")?.path ?? "unmatched";
    const method = METHODS.has(c.req.method) ? c.req.method : "OTHER";
    telemetry.httpRequest({ method, route, status: c.res.status, seconds: (performance.now() - started) / 1000 });
  };
}

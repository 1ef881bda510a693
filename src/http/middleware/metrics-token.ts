import type { MiddlewareHandler } from "hono";
import { UnauthenticatedError } from "../../errors.js";
import type { AppEnv } from "../env.js";

const METRICS_PATH = "/metrics";

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Compares digests byte by byte without an early exit: the time taken says nothing about the token. */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * With METRICS_TOKEN set, GET /metrics takes that bearer token instead of an API key (Prometheus
 * has no Deflect key): the right token makes the caller an admin for this one request, anything
 * else is 401. Every other request, and /metrics without METRICS_TOKEN, goes to `resolveCaller`.
 */
export function metricsToken(resolveCaller: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = c.var.deps.config.METRICS_TOKEN;
    if (!token || c.req.path !== METRICS_PATH) return resolveCaller(c, next);
    const presented = c.req
      .header("authorization")
      ?.match(/^Bearer\s+(.+)$/i)?.[1]
      ?.trim();
    if (!presented || !(await sameSecret(presented, token))) {
      throw new UnauthenticatedError("GET /metrics needs 'Authorization: Bearer <METRICS_TOKEN>'");
    }
    c.set("caller", { role: "admin", name: "metrics-token", ip: "metrics" });
    return next();
  };
}

import type { MiddlewareHandler } from "hono";
import type { Context } from "hono";
import { createAuthFailureLimiter } from "./auth-failures.js";
import { authenticateKey } from "./keys.service.js";
import { RateLimitedError, UnauthenticatedError } from "../errors.js";
import type { AppEnv } from "../http/env.js";

/** The runtime's way to read the peer address (node-server's or workerd's getConnInfo). */
export type SocketAddress = (c: Context) => string | undefined;

/**
 * Resolves who is calling. A presented key must be valid (401 otherwise, even on public routes,
 * so a typo never silently downgrades an agent to the portal view); no key means the anonymous
 * portal role. Routes then allow or refuse that role. A client address with more than
 * AUTH_FAILURE_LIMIT_PER_MINUTE failed keys gets 429 RATE_LIMITED, without a key look-up, for
 * the rest of the minute — except for keys this instance accepted within the last minute.
 */
export function resolveCaller(socketAddress: SocketAddress): MiddlewareHandler<AppEnv> {
  const failures = createAuthFailureLimiter();
  // Keys this instance accepted in the last window pass a block: a guessing client behind the same
  // address (an office NAT) must not lock out the colleagues whose keys are valid.
  const recentlyValid = new Map<string, number>();
  return async (c, next) => {
    const deps = c.var.deps;
    const ip = clientIp(c.req.raw.headers, deps.config.TRUST_PROXY, () => {
      try {
        return socketAddress(c);
      } catch {
        return undefined;
      }
    });
    const header = c.req.header("authorization");
    const secret = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? c.req.header("x-api-key")?.trim();
    if (!secret) {
      c.set("caller", { role: "portal", name: "portal", ip });
      return next();
    }
    const now = deps.clock.now().getTime();
    const blocked = failures.blockedFor(ip, now);
    if (blocked !== undefined && !((recentlyValid.get(secret) ?? 0) > now)) throw new RateLimitedError(blocked);
    const key = await authenticateKey(deps, secret);
    if (!key) {
      const wait = await failures.recordFailure(deps, ip);
      if (wait !== undefined) throw new RateLimitedError(wait);
      throw new UnauthenticatedError("The API key is invalid or revoked");
    }
    if (recentlyValid.size >= 10_000) recentlyValid.clear();
    recentlyValid.set(secret, now + 60_000);
    c.set("caller", { role: key.role, name: key.name, keyId: key.id, ip });
    return next();
  };
}

function clientIp(headers: Headers, trustProxy: boolean, socket: () => string | undefined): string {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("cf-connecting-ip");
    if (forwarded) return forwarded;
  }
  return socket() ?? headers.get("cf-connecting-ip") ?? "unknown";
}

import type { MiddlewareHandler } from "hono";
import type { Context } from "hono";
import { authenticateKey } from "../../access/keys.service.js";
import { UnauthenticatedError } from "../../errors.js";
import type { AppEnv } from "../env.js";

/** The runtime's way to read the peer address (node-server's or workerd's getConnInfo). */
export type SocketAddress = (c: Context) => string | undefined;

/**
 * Resolves who is calling. A presented key must be valid (401 otherwise, even on public routes,
 * so a typo never silently downgrades an agent to the portal view); no key means the anonymous
 * portal role. Routes then allow or refuse that role.
 */
export function resolveCaller(socketAddress: SocketAddress): MiddlewareHandler<AppEnv> {
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
    const key = await authenticateKey(deps, secret);
    if (!key) throw new UnauthenticatedError("The API key is invalid or revoked");
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

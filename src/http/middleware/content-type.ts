import type { MiddlewareHandler } from "hono";
import { DomainError } from "../../errors.js";
import type { AppEnv } from "../env.js";

/**
 * Requests that carry a body must say it is JSON; anything else is a 415 instead of being
 * silently read as an empty object. Listed prefixes (imports) accept their own media types.
 */
export function requireJsonBody(exceptPrefixes: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return next();
    if (exceptPrefixes.some((p) => c.req.path.startsWith(p))) return next();
    const length = c.req.header("content-length");
    const hasBody = c.req.raw.body !== null && length !== "0";
    if (!hasBody) return next();
    const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json" && !type?.endsWith("+json")) {
      throw new DomainError("UNSUPPORTED_MEDIA_TYPE", `Send the body as application/json (got ${type ?? "no content-type"})`, {
        expected: "application/json",
      });
    }
    return next();
  };
}

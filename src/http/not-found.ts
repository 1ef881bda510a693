import type { Context } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { DomainError } from "../errors.js";
import type { App, AppEnv } from "./env.js";
import { problemResponse } from "./errors.js";

/**
 * What answers when no route took the request: a path that exists under other methods gets
 * 405 METHOD_NOT_ALLOWED with `Allow` (and OPTIONS gets 204 with `Allow`, RFC 9110 §9.3.7),
 * anything else 404 ROUTE_NOT_FOUND. The method table is built from the app's own routes on
 * first use, when every route group has been registered.
 */
export function answerUnrouted(app: App): (c: Context<AppEnv>) => Response {
  let methodsFor: ((path: string) => string[]) | undefined;
  return (c) => {
    methodsFor ??= buildMethodTable(app);
    const allowed = methodsFor(c.req.path);
    if (allowed.length === 0) {
      return problemResponse(c, new DomainError("ROUTE_NOT_FOUND", `No route ${c.req.method} ${c.req.path}`));
    }
    const allow = [...allowed, "OPTIONS"].join(", ");
    if (c.req.method === "OPTIONS") return c.body(null, 204, { allow });
    c.header("allow", allow);
    return problemResponse(c, new DomainError("METHOD_NOT_ALLOWED", `${c.req.path} does not accept ${c.req.method}; use ${allowed.join(", ")}`, { allowed }));
  };
}

function buildMethodTable(app: App): (path: string) => string[] {
  const router = new TrieRouter<string>();
  // Middleware is registered as method ALL; only real routes name a method.
  for (const route of app.routes) if (route.method !== "ALL") router.add("ALL", route.path, route.method.toUpperCase());
  return (path) => {
    const methods = new Set(router.match("GET", path)[0].map(([method]) => method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}

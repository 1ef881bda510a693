import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";
import type { Role } from "../caller.js";
import type { AppEnv } from "./env.js";
import { ProblemSchema } from "./errors.js";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** Error responses every route can give; routes add their own codes in `errors`. */
const commonErrors = {
  400: problem("VALIDATION_FAILED or MALFORMED_JSON"),
  401: problem("UNAUTHENTICATED: no or invalid API key"),
  403: problem("FORBIDDEN: the key's role may not use this route"),
  413: problem("PAYLOAD_TOO_LARGE"),
  415: problem("UNSUPPORTED_MEDIA_TYPE"),
  429: problem("RATE_LIMITED (with Retry-After)"),
  // Answered before any route runs (src/http/client-error.node.ts), with Connection: close.
  431: problem("REQUEST_HEADERS_TOO_LARGE: the request line and headers exceed the server's limit (16 KiB on Node)"),
  500: problem("INTERNAL"),
  // Any route that reads the database; routes that embed text add EMBEDDER_BUSY / EMBEDDER_UNAVAILABLE in `errors`.
  503: problem("DATABASE_UNAVAILABLE: the database did not answer"),
} as const;

/** Rejects callers whose role is not listed: 401 when anonymous, 403 when the role is wrong. */
export function requireRoles(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get("caller");
    if (!roles.includes(caller.role)) {
      if (caller.role === "portal") throw new UnauthenticatedError();
      throw new ForbiddenError(caller.role, roles);
    }
    await next();
  };
}

type DefineRouteConfig<R extends Omit<RouteConfig, "middleware">> = R & {
  roles: readonly Role[];
  /**
   * Route-specific error responses, e.g. { 404: "NOT_FOUND", 409: "INVALID_STATE_TRANSITION" };
   * a 400 entry adds its codes to the common VALIDATION_FAILED / MALFORMED_JSON, a 503 entry to
   * DATABASE_UNAVAILABLE.
   */
  errors?: Partial<Record<400 | 404 | 409 | 503, string>>;
};

/**
 * createRoute plus what every Deflect route has: the roles allowed (enforced by middleware and
 * shown in the spec as `x-roles` and `security`), and every problem response it may give.
 */
export function defineRoute<R extends Omit<RouteConfig, "middleware">>(config: DefineRouteConfig<R>) {
  const { roles, errors, ...route } = config;
  const extra: Record<number, ReturnType<typeof problem>> = {};
  for (const [status, codes] of Object.entries(errors ?? {})) {
    const common = status === "400" || status === "503" ? commonErrors[status].description : undefined;
    extra[Number(status)] = problem(common ? `${common}, or ${codes as string}` : (codes as string));
  }
  const isPublic = roles.includes("portal");
  return createRoute({
    ...route,
    middleware: [requireRoles(roles)] as const,
    security: isPublic ? [{}, { apiKey: [] }] : [{ apiKey: [] }],
    description: `${route.description ?? route.summary ?? ""}\n\nRoles: ${roles.join(", ")}`.trim(),
    "x-roles": roles,
    responses: { ...commonErrors, ...extra, ...route.responses },
  } as unknown as R & { middleware: [MiddlewareHandler<AppEnv>] });
}

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { isInputValueError, sqlState } from "../db/errors.js";
import { DomainError, type ErrorCode, ValidationError } from "../errors.js";
import type { AppEnv } from "./env.js";

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "https://deflect.dev/problems/validation-failed" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: "VALIDATION_FAILED" }),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

/** The one place a domain code becomes an HTTP status. Exhaustive: a new code fails to compile. */
export function codeToStatus(code: ErrorCode): number {
  switch (code) {
    case "VALIDATION_FAILED":
    case "INVALID_REFERENCE":
    case "MALFORMED_JSON":
    case "UNKNOWN_TEAMS":
    case "INVALID_MATRIX":
    case "WEBHOOK_URL_FORBIDDEN":
      return 400;
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "NOT_FOUND":
    case "ROUTE_NOT_FOUND":
      return 404;
    case "METHOD_NOT_ALLOWED":
      return 405;
    case "CONFLICT":
    case "INVALID_STATE_TRANSITION":
    case "ALREADY_RESOLVED":
    case "IDEMPOTENCY_CONFLICT":
    case "EMBEDDER_MISMATCH":
    case "TOP_OF_PATH":
      return 409;
    case "PAYLOAD_TOO_LARGE":
      return 413;
    case "UNSUPPORTED_MEDIA_TYPE":
      return 415;
    case "RATE_LIMITED":
      return 429;
    case "INTERNAL":
    case "CONFIG_INVALID":
      return 500;
    case "EMBEDDER_BUSY":
    case "OVERLOADED":
    case "EMBEDDER_UNAVAILABLE":
    case "DATABASE_UNAVAILABLE":
      return 503;
  }
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Builds the problem+json body; `extra` carries code-specific fields such as `allowed`. */
export function problemBody(requestId: string, err: DomainError): Problem {
  const status = codeToStatus(err.code);
  const body: Problem = {
    type: `https://deflect.dev/problems/${err.code.toLowerCase().replace(/_/g, "-")}`,
    title: titles[status] ?? "Error",
    status,
    detail: err.message,
    code: err.code,
    requestId,
    ...err.details,
  };
  if (err.errors.length > 0) body.errors = err.errors;
  return body;
}

export function problemResponse(c: Context<AppEnv>, err: DomainError): Response {
  const requestId = c.get("requestId") ?? "unknown";
  const body = problemBody(requestId, err);
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  // 429 RATE_LIMITED, and 503s that shed load (EMBEDDER_BUSY, OVERLOADED): when to come back.
  const retryAfter = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfter)));
  // c.body keeps headers middleware already set (x-request-id, security headers).
  return c.body(JSON.stringify(body), body.status as 400, headers);
}

/**
 * Turns anything thrown into problem+json. Hono's own exceptions (malformed JSON from the
 * validator, body limit) get their stable codes; unknown errors are logged with the request id
 * and answered without internals.
 */
export function toDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) return new DomainError("MALFORMED_JSON", "The request body is not valid JSON");
    if (err.status === 413) return new DomainError("PAYLOAD_TOO_LARGE", "The request body is too large");
    if (err.status === 401) return new DomainError("UNAUTHENTICATED", err.message || "Authentication required");
    if (err.status === 400) return new DomainError("VALIDATION_FAILED", err.message || "Bad request");
  }
  return undefined;
}

export function handleError(err: unknown, c: Context<AppEnv>): Response {
  const domain = toDomainError(err);
  if (domain) return problemResponse(c, domain);
  const logger = c.get("logger") ?? c.get("deps")?.logger;
  if (isInputValueError(err)) {
    // Validation let through a value Postgres refuses (range, type, NUL): the caller's input, so a
    // 400, and a warning that names the query (never its parameters) so the schema gets fixed.
    logger?.warn("database refused a request value", { err, sqlState: sqlState(err), path: c.req.path, method: c.req.method });
    return problemResponse(c, new ValidationError("A value in the request is out of range or not valid for its type"));
  }
  logger?.error("unhandled error", { err, requestId: c.get("requestId"), path: c.req.path, method: c.req.method });
  return problemResponse(c, new DomainError("INTERNAL", "An internal error occurred; quote the requestId when reporting it"));
}

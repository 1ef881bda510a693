/**
 * Domain errors: thrown by services, know nothing of HTTP. `http/errors.ts` maps each code to a
 * status. Codes are stable API: clients branch on them, so never rename one.
 */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "INVALID_REFERENCE"
  | "MALFORMED_JSON"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "NOT_FOUND"
  | "ROUTE_NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "INVALID_STATE_TRANSITION"
  | "ALREADY_RESOLVED"
  | "IDEMPOTENCY_CONFLICT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "EMBEDDER_BUSY"
  | "OVERLOADED"
  | "EMBEDDER_UNAVAILABLE"
  | "DATABASE_UNAVAILABLE"
  | "EMBEDDER_MISMATCH"
  | "UNKNOWN_TEAMS"
  | "INVALID_MATRIX"
  | "TOP_OF_PATH"
  | "CONFIG_INVALID"
  | "WEBHOOK_URL_FORBIDDEN"
  | "INTERNAL";

export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly errors: FieldIssue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super("NOT_FOUND", `${entity} ${id} does not exist`, { entity, id });
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, errors: FieldIssue[] = []) {
    super("VALIDATION_FAILED", message, {}, errors);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}, code: ErrorCode = "CONFLICT") {
    super(code, message, details);
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(entity: string, from: string, to: string, allowed: readonly string[]) {
    super("INVALID_STATE_TRANSITION", `${entity} cannot go from ${from} to ${to}`, { from, to, allowed });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "An API key is required: send it as 'Authorization: Bearer <key>'") {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(role: string, allowed: readonly string[]) {
    super("FORBIDDEN", `Role '${role}' may not use this route`, { role, allowed });
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", `Too many requests; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

export class EmbedderBusyError extends DomainError {
  /** Sent as Retry-After: one inference batch takes well under a second. */
  readonly retryAfterSeconds = 1;
  constructor(queued: number) {
    super("EMBEDDER_BUSY", `The embedding queue is full (${queued} waiting); retry shortly`, { queued });
  }
}

/** The service sheds load: more requests wait for the (embedded) database than it can serve in time. */
export class OverloadedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: Record<string, unknown> = {},
  ) {
    super("OVERLOADED", message, { ...details, retryAfterSeconds });
  }
}

export class EmbedderUnavailableError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("EMBEDDER_UNAVAILABLE", message, details);
  }
}

/**
 * fetch for the service's JSON API. Errors arrive as application/problem+json
 * (`{ type, title, status, detail, code }`, src/http/errors.ts) and become an ApiError carrying
 * the status and the problem code, so callers branch on `code`, never on the wording.
 */

export interface Problem {
  title?: string;
  detail?: string;
  code?: string;
}

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    statusText: string,
  ) {
    super(detail || statusText || `HTTP ${status}`);
  }
}

export interface FetchJsonInit {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Reads a problem body, whatever arrived: a non-JSON error page yields an empty problem. */
export function parseProblem(text: string): Problem {
  try {
    const data: unknown = text ? JSON.parse(text) : null;
    if (data && typeof data === "object") {
      const { title, detail, code } = data as Record<string, unknown>;
      return {
        ...(typeof title === "string" ? { title } : {}),
        ...(typeof detail === "string" ? { detail } : {}),
        ...(typeof code === "string" ? { code } : {}),
      };
    }
  } catch {
    // not JSON: a proxy's error page
  }
  return {};
}

/**
 * The parsed JSON body of a 2xx answer (null when empty); an ApiError otherwise. Network failures
 * reject with fetch's own TypeError. The body is typed by the caller: it is our own API's answer.
 */
export async function fetchJson<T>(url: string, init: FetchJsonInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  const request: RequestInit = { method: init.method ?? "GET", headers };
  if (init.body !== undefined) {
    headers["content-type"] = "application/json";
    request.body = JSON.stringify(init.body);
  }
  const res = await fetch(url, request);
  const text = await res.text();
  if (!res.ok) {
    const problem = parseProblem(text);
    throw new ApiError(res.status, problem.code, problem.detail, res.statusText);
  }
  try {
    return (text ? JSON.parse(text) : null) as T;
  } catch {
    throw new ApiError(res.status, "INVALID_RESPONSE", undefined, "the answer was not JSON");
  }
}

export type Settled<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** An API answer or its ApiError, so one failed read does not hide the others; network errors still reject. */
export async function settle<T>(pending: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, data: await pending };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error };
    throw error;
  }
}

/** What to show for a failed read: the problem's detail, else the status. */
export function problemText(error: ApiError): string {
  return error.detail || String(error.status);
}

import { request as httpRequest, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createApp } from "../../src/app.js";
import { answerClientErrors } from "../../src/http/client-error.node.js";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { z } from "@hono/zod-openapi";
import { type Problem, ProblemSchema } from "../../src/http/errors.js";
import { type OpenApiDoc, parseDocumented, present } from "./api.js";
import { createTestContext, type TestContext } from "./context.js";

/**
 * The app as production runs it: node-server's adapter on a real socket, with the peer address
 * read the way src/entry/node.ts reads it. `app.request()` skips the adapter, so body limits,
 * requests without Content-Length, chunked bodies and CORS preflights are only real here.
 */
export interface StartedServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(ctx: Pick<TestContext, "deps">): Promise<StartedServer> {
  const app = createApp(ctx.deps, { socketAddress: (c) => getConnInfo(c).remote.address });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", overrideGlobalObjects: false }, () => resolve(s));
  });
  answerClientErrors(server as Server);
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets would hold close() open until they time out.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * A test file's app on a real socket: made before the file's tests, closed after them, its
 * database emptied before each test (unless `resetEachTest: false`). `ready` hands over the two.
 */
export function useSocketServer(
  ready: (ctx: TestContext, server: StartedServer) => void,
  options: { context?: Parameters<typeof createTestContext>[0]; resetEachTest?: boolean } = {},
): void {
  let ctx: TestContext | undefined;
  let server: StartedServer | undefined;
  beforeAll(async () => {
    ctx = await createTestContext(options.context);
    server = await startServer(ctx);
    ready(ctx, server);
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.close();
  });
  if (options.resetEachTest !== false) beforeEach(async () => ctx?.reset());
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is; an object is JSON-encoded (and gets content-type application/json unless set). */
  body?: string | Buffer | object;
  /**
   * Send the body with `Transfer-Encoding: chunked` (no Content-Length), split into chunks of
   * this many bytes when a number is given. Without it a body gets an exact Content-Length and
   * a request with no body gets neither header.
   */
  chunked?: boolean | number;
}

export interface RawResponse {
  /** The request line it answers (path with its query string), for readRawJson. */
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON: read it with `readRawJson(ctx, res, Schema)` or `expectProblem`. */
  json: unknown;
}

/** One HTTP/1.1 request on a fresh connection, with full control over the framing headers. */
export function rawRequest(port: number, req: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = { connection: "close", ...req.headers };
  let body: Buffer | undefined;
  if (req.body !== undefined) {
    if (typeof req.body === "string") body = Buffer.from(req.body);
    else if (Buffer.isBuffer(req.body)) body = req.body;
    else {
      body = Buffer.from(JSON.stringify(req.body));
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
    }
  }
  if (req.chunked) headers["transfer-encoding"] = "chunked";
  else if (body) headers["content-length"] = String(body.length);

  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: "127.0.0.1", port, method: req.method, path: req.path, headers, setHost: true }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(parts).toString("utf8");
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(", ") : v;
        resolve({ method: req.method.toUpperCase(), path: req.path, status: res.statusCode ?? 0, headers: flat, body: text, json: parsed });
      });
    });
    r.on("error", reject);
    if (body && req.chunked) {
      const size = typeof req.chunked === "number" && req.chunked > 0 ? req.chunked : body.length;
      for (let i = 0; i < body.length; i += size) r.write(body.subarray(i, i + size));
    } else if (body) {
      r.write(body);
    }
    r.end();
  });
}

/**
 * Sends `head` (request line and headers, CRLF-separated, without the blank line) and `body`
 * byte for byte, e.g. a POST with neither Content-Length nor Transfer-Encoding, which node:http
 * never sends. Reads until the server closes, so send `connection: close`.
 */
export function rawHttp(port: number, head: string, body = ""): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // Write without ending: node's server aborts a request whose client half-closes first.
    const socket = connect(port, "127.0.0.1", () => socket.write(`${head.replace(/\r?\n/g, "\r\n").trimEnd()}\r\n\r\n${body}`));
    const parts: Buffer[] = [];
    socket.on("data", (d: Buffer) => parts.push(d));
    socket.on("error", reject);
    socket.on("close", () => {
      const all = Buffer.concat(parts);
      const split = all.indexOf("\r\n\r\n");
      const top = all.subarray(0, split < 0 ? all.length : split).toString("latin1");
      let rawBody: Buffer = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      const [statusLine = "", ...lines] = top.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      if (/chunked/i.test(headers["transfer-encoding"] ?? "")) rawBody = decodeChunked(rawBody);
      const text = rawBody.toString("utf8");
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      const [method = "", path = ""] = head.split(/\r?\n/, 1)[0]?.split(" ") ?? [];
      resolve({ method: method.toUpperCase(), path, status: Number(statusLine.split(" ")[1] ?? 0), headers, body: text, json: parsed });
    });
  });
}

function decodeChunked(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf("\r\n", at);
    if (eol < 0) break;
    const size = Number.parseInt(data.subarray(at, eol).toString("latin1"), 16);
    if (!size) break;
    out.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/**
 * A request over the real socket as a role (or anonymous), with an optional JSON body:
 * `const call = socketCaller(() => ctx, () => server); await call("POST", "/v1/…", "admin", body)`.
 */
export function socketCaller(ctx: () => TestContext, server: () => StartedServer) {
  return async (method: string, path: string, role?: "agent" | "expert" | "admin", body?: unknown): Promise<RawResponse> =>
    rawRequest(server().port, { method, path, headers: role ? await ctx().auth(role) : {}, ...(body === undefined ? {} : { body: body as object }) });
}

/** An error answer: that status, application/problem+json, that code (and the same status in the body); returns the body, parsed with ProblemSchema. */
export function expectProblem(res: RawResponse, status: number, code: string): Problem {
  const parsed = ProblemSchema.safeParse(res.json);
  const problem = parsed.success ? parsed.data : undefined;
  expect({ status: res.status, type: res.headers["content-type"], bodyStatus: problem?.status, code: problem?.code }, res.body).toEqual({
    status,
    type: "application/problem+json",
    bodyStatus: status,
    code,
  });
  return present(problem, `a problem body matching ProblemSchema from ${res.method} ${res.path}`);
}

/** /openapi.json fetched over a socket: a document, not an operation's answer, typed as far as tests read it. */
export function openApiOf(res: RawResponse): OpenApiDoc {
  expect(res.status, res.body).toBe(200);
  return JSON.parse(res.body) as OpenApiDoc;
}

/**
 * A raw socket answer read like `readJson`: the route of its method and path in `ctx.app` must
 * document its status as application/json with `schema` (the route's own), and the body must match.
 */
export function readRawJson<S extends z.ZodType>(ctx: Pick<TestContext, "app">, res: RawResponse, schema: S): z.output<S> {
  return parseDocumented({ app: ctx.app, method: res.method, path: res.path, status: res.status, type: res.headers["content-type"] ?? "", text: res.body }, schema);
}

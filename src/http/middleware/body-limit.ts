import type { MiddlewareHandler } from "hono";
import { DomainError } from "../../errors.js";
import type { AppEnv } from "../env.js";

const tooLarge = (limit: number) => new DomainError("PAYLOAD_TOO_LARGE", `The request body exceeds ${limit} bytes`, { limitBytes: limit });

/**
 * Bounds request bodies at `maxBytes` (413 PAYLOAD_TOO_LARGE) on every runtime.
 *
 * hono's bodyLimit re-creates the request with `new Request(c.req.raw, init)` whenever there is
 * no Content-Length; under node-server (overrideGlobalObjects: false, see entry/node.ts) the raw
 * request is node-server's lightweight object, which undici's Request cannot copy, so every
 * DELETE, OPTIONS and chunked POST answered 500. Here a replacement request is built from the
 * URL, method and headers only, never from the original object.
 *
 * With Content-Length (and no Transfer-Encoding) the body is exactly that long, so the header is
 * checked and the stream passed on untouched. Otherwise (chunked, or a fetch Request built in
 * process, which carries no length) the body is read up to the limit and handed on as bytes; an
 * empty one (a DELETE over node-server) becomes no body at all.
 */
export function limitBody(maxBytes: number, exceptPrefixes: string[] = []): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (raw.method === "GET" || raw.method === "HEAD") return next();
    if (exceptPrefixes.some((p) => c.req.path.startsWith(p))) return next();
    // Headers first: under node-server, touching `raw.body` starts reading the socket into a
    // stream, which a request rejected before its body is read (401, 403, 404) never needs.
    const length = raw.headers.get("content-length");
    const chunked = raw.headers.has("transfer-encoding");
    if (length !== null && !chunked) {
      if (Number.parseInt(length, 10) > maxBytes) throw tooLarge(maxBytes);
      return next();
    }
    if (!raw.body) return next();
    const body = await readAtMost(raw.body, maxBytes);
    if (!body) throw tooLarge(maxBytes);
    const headers = new Headers(raw.headers);
    headers.delete("transfer-encoding");
    if (body.byteLength > 0) headers.set("content-length", String(body.byteLength));
    c.req.raw = new Request(raw.url, { method: raw.method, headers, body: body.byteLength > 0 ? body : null, signal: raw.signal });
    return next();
  };
}

/** The whole stream as bytes, or undefined (stream cancelled) once it passes `maxBytes`. */
async function readAtMost(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

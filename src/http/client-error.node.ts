import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { Duplex } from "node:stream";

/**
 * Requests Node's parser rejects before the app sees them (a request line and headers over
 * --max-http-header-size, malformed framing, a header timeout) get a problem+json answer and a
 * graceful close. Node's default writes a bare 431/400 and destroys the socket; when the client has
 * already sent a body, the unread bytes turn that close into a TCP reset and the client never reads
 * the answer ("connection reset" instead of 431). Here the answer is sent with Connection: close,
 * the socket is ended (FIN) and whatever the client still sends is read and dropped until it
 * closes its side, or at most `drainMs`.
 */
export function answerClientErrors(server: Server, drainMs = 5_000): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const [status, code, title, detail] =
      err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "REQUEST_HEADERS_TOO_LARGE", "Request Header Fields Too Large", "The request line and headers exceed the server's limit (16 KiB): shorten the URL or the headers"]
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT" || err.code === "ERR_HTTP_HEADERS_TIMEOUT"
          ? [408, "REQUEST_TIMEOUT", "Request Timeout", "The request was not received in time"]
          : [400, "BAD_REQUEST", "Bad Request", "The request could not be parsed as HTTP/1.1"];
    const requestId = randomUUID();
    const body = JSON.stringify({ type: `https://deflect.dev/problems/${code.toLowerCase().replace(/_/g, "-")}`, title, status, detail, code, requestId });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
    socket.on("error", () => {});
    socket.resume();
    setTimeout(() => socket.destroy(), drainMs).unref();
  });
}

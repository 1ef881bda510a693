import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { type StartedServer, useSocketServer } from "../support/socket.js";

/** What a raw client reads before the server closes: the whole answer and how the connection ended. */
function rawExchange(port: number, request: Buffer): Promise<{ text: string; ended: "fin" | "reset" }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let ended: "fin" | "reset" = "fin";
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNRESET") ended = "reset";
    });
    socket.on("close", () => resolve({ text: Buffer.concat(chunks).toString("utf8"), ended }));
    socket.write(request);
  });
}

/**
 * Requests Node's HTTP parser rejects never reach the app; they still get a problem+json answer
 * the client can read (the fuzzer found the default answer lost to a connection reset when a body
 * followed an oversized request line).
 */
describe("requests rejected by the HTTP parser", () => {
  let server: StartedServer;
  useSocketServer(
    (_c, s) => {
      server = s;
    },
    { resetEachTest: false },
  );

  it("a request line over the header limit, with a body sent after it: 431 problem+json, then a clean close", async () => {
    const query = `map=${"%F1%9A%95%A2".repeat(2_000)}`;
    const body = "47239065293290944";
    const request = Buffer.from(
      `POST /v1/imports?${query} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dfl_expert_x\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    const { text, ended } = await rawExchange(server.port, request);
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text.toLowerCase()).toContain("content-type: application/problem+json");
    expect(text.toLowerCase()).toContain("connection: close");
    const json = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
    expect(json).toMatchObject({ status: 431, code: "REQUEST_HEADERS_TOO_LARGE" });
    expect(ended).toBe("fin");
  });

  it("a request that is not HTTP: 400 problem+json", async () => {
    const { text } = await rawExchange(server.port, Buffer.from("HELLO\r\n\r\n"));
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toMatchObject({ status: 400, code: "BAD_REQUEST" });
  });
});

import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { PostOutcome, PostRequest, WebhookTransport } from "./transport.js";

/** Every address of a host name (getaddrinfo: /etc/hosts, then DNS). Injected by tests. */
export type ResolveAll = (host: string) => Promise<LookupAddress[]>;

const systemResolveAll: ResolveAll = (host) => dnsLookup(host, { all: true, verbatim: true });

class AddressRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The socket's own lookup: resolves once, refuses when ANY address is refused, and hands the
 * checked addresses to the connect that follows, so DNS cannot answer differently between the
 * check and the connection (rebinding). IP-literal hosts never reach a lookup; their text was
 * checked before. TLS still verifies the certificate against the host name (SNI).
 */
function guardedLookup(resolveAll: ResolveAll, refuse: PostRequest["refuseAddress"]): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolveAll(hostname).then(
      (addresses) => {
        const reason = addresses.map((a) => refuse(a.address)).find(Boolean);
        if (reason) return callback(new AddressRefused(reason), "", 0);
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const first = wanted[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} has no usable address`), { code: "ENOTFOUND" }), "", 0);
        if (options.all) return callback(null, wanted);
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

/** Webhook POSTs over node:http(s): one connection per delivery, closed once the status is known. */
export function createNodeTransport(resolveAll: ResolveAll = systemResolveAll): WebhookTransport {
  return {
    async resolve(host, timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), timeoutMs)));
      try {
        return (await Promise.race([resolveAll(host), timeout])).map((a) => a.address);
      } catch {
        return [];
      } finally {
        clearTimeout(timer);
      }
    },
    post(req) {
      return new Promise<PostOutcome>((resolve) => {
        const send = req.url.protocol === "https:" ? httpsRequest : httpRequest;
        const client = send(req.url, {
          method: "POST",
          headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
          agent: false,
          lookup: guardedLookup(resolveAll, req.refuseAddress),
        });
        let settled = false;
        const finish = (outcome: PostOutcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          client.destroy();
          resolve(outcome);
        };
        const timer = setTimeout(() => finish({ kind: "timeout" }), req.timeoutMs);
        client.on("response", (res) => {
          res.resume();
          finish({ kind: "answered", status: res.statusCode ?? 0 });
        });
        // Connection errors (refused, reset, TLS, DNS) are not told apart: no port-scan oracle.
        client.on("error", (err) => finish(err instanceof AddressRefused ? { kind: "refused", reason: err.reason } : { kind: "unreachable" }));
        client.end(req.body);
      });
    },
  };
}

import type { Deps } from "../deps.js";

/** What one POST came to; `refused` means no connection was made at all. */
export type PostOutcome = { kind: "answered"; status: number } | { kind: "refused"; reason: string } | { kind: "timeout" } | { kind: "unreachable" };

export interface PostRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Judges each address the host resolves to: a reason refuses the whole delivery. */
  refuseAddress(address: string): string | undefined;
}

/** How webhooks leave this runtime. Redirects are never followed: a 3xx is an answer like any other. */
export interface WebhookTransport {
  /** Every address `host` resolves to ([] when it does not resolve now), or undefined when this runtime cannot resolve names. */
  resolve(host: string, timeoutMs: number): Promise<string[] | undefined>;
  post(request: PostRequest): Promise<PostOutcome>;
}

/**
 * Workers: plain fetch, which cannot reach private, loopback or link-local addresses from
 * Cloudflare's network (and cannot resolve names itself), so only the URL text is checked here.
 */
export const fetchTransport: WebhookTransport = {
  resolve: async () => undefined,
  async post({ url, headers, body, timeoutMs }) {
    try {
      const res = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel().catch(() => {});
      return { kind: "answered", status: res.status };
    } catch (err) {
      return err instanceof Error && err.name === "TimeoutError" ? { kind: "timeout" } : { kind: "unreachable" };
    }
  },
};

/**
 * Node gets the transport that resolves, checks every address and connects to the checked one
 * (transport.node.ts). The specifier is a variable so the Workers bundle never includes node:http
 * or node:dns; a failure to load it is an error, never a silent fall back to unchecked fetch.
 */
export async function loadWebhookTransport(runtime: Deps["runtime"]): Promise<WebhookTransport> {
  if (runtime !== "node") return fetchTransport;
  const specifier = "./transport.node.js";
  const mod = (await import(/* @vite-ignore */ specifier)) as typeof import("./transport.node.js");
  return mod.createNodeTransport();
}

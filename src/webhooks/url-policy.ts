import ipaddr from "ipaddr.js";
import type { Config } from "../config.js";
import { DomainError } from "../errors.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The settings that let a webhook reach a non-public receiver; both empty by default. */
export const ALLOW_SETTINGS = "WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE_CIDRS";

/** What may receive webhooks beyond the public internet, read once from config. */
export interface DestinationPolicy {
  allowedHosts: ReadonlySet<string>;
  allowedCidrs: readonly [Address, number][];
}

export function destinationPolicy(config: Pick<Config, "WEBHOOK_ALLOWED_HOSTS" | "WEBHOOK_ALLOW_PRIVATE_CIDRS">): DestinationPolicy {
  return {
    allowedHosts: new Set(config.WEBHOOK_ALLOWED_HOSTS.map(canonicalHost)),
    allowedCidrs: config.WEBHOOK_ALLOW_PRIVATE_CIDRS.map((c) => ipaddr.parseCIDR(c)),
  };
}

/** A refused URL: 400 WEBHOOK_URL_FORBIDDEN, saying why and, when a setting can allow it, which. */
export class WebhookUrlForbiddenError extends DomainError {
  constructor(reason: string, allowable: boolean) {
    const hint = allowable ? ` An on-premise receiver can be allowed with ${ALLOW_SETTINGS}.` : "";
    super("WEBHOOK_URL_FORBIDDEN", `This webhook URL is refused: ${reason}.${hint}`, allowable ? { reason, settings: ALLOW_SETTINGS.split(" or ") } : { reason }, [
      { field: "url", message: reason },
    ]);
  }
}

/**
 * Host names compared as the connection would use them: lower case, no brackets, no trailing dot,
 * and any IP spelling (2130706433, 0x7f.1, ::ffff:7f00:1) as the one address it denotes.
 */
export function canonicalHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  return ipaddr.isValid(h) ? ipaddr.process(h).toString() : h;
}

/** Names that reach cloud metadata services or this machine whatever DNS says. */
const METADATA_NAMES = new Set(["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"]);
/** Special-use and private-use names (RFC 6761, RFC 6762, RFC 8375, ICANN's .internal). */
const LOCAL_SUFFIXES = ["localhost", "localdomain", "local", "internal", "home.arpa"];

const RANGE_LABELS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private (RFC 1918) address",
  linkLocal: "a link-local address (169.254.0.0/16, fe80::/10: where cloud metadata lives)",
  uniqueLocal: "a unique-local IPv6 address (fc00::/7)",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  unspecified: "an unspecified address (0.0.0.0/8, ::)",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
};

/** 2000::/3: the only IPv6 space routed on the internet; IPv4-compatible ::a.b.c.d and the rest are refused. */
const GLOBAL_IPV6: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse("2000::"), 3];

/** Why `address` may not receive webhooks (e.g. "a loopback address"), or undefined when it may. */
export function addressRefusal(address: string, policy: DestinationPolicy): string | undefined {
  let ip: Address;
  try {
    ip = ipaddr.process(address); // IPv4-mapped IPv6 (::ffff:a.b.c.d) becomes the IPv4 address
  } catch {
    return "an address that cannot be parsed";
  }
  if (policy.allowedCidrs.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return undefined;
  const range = ip.range();
  if (ip.kind() === "ipv6" && (range === "rfc6052" || range === "rfc6145")) {
    // NAT64 / IPv4-translated: judged by the IPv4 address inside (DNS64 networks use them for public hosts).
    const bytes = ip.toByteArray().slice(-4);
    return addressRefusal(ipaddr.fromByteArray(bytes).toString(), policy);
  }
  if (range !== "unicast") return RANGE_LABELS[range] ?? `a reserved address (${range})`;
  if (ip.kind() === "ipv6" && !ip.match(GLOBAL_IPV6)) return "a non-global IPv6 address";
  return undefined;
}

function nameRefusal(host: string): string | undefined {
  if (METADATA_NAMES.has(host)) return `${host} is a cloud metadata service name`;
  const suffix = LOCAL_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`));
  if (suffix) return `${host} is a local or private-use name (.${suffix})`;
  if (!host.includes(".")) return `${host} is not a fully-qualified public name`;
  return undefined;
}

export type UrlCheck = { ok: true; url: URL; host: string; allowListed: boolean; literal: boolean } | { ok: false; reason: string; allowable: boolean };

/**
 * The text check, the same at creation and before every delivery (and the only one on Workers):
 * the WHATWG parser canonicalises every IPv4 spelling first, so 2130706433, 0x7f.1, 017700000001
 * and 127.1 are all judged as 127.0.0.1. Names are judged again by what they resolve to where the
 * runtime can resolve (see deliver.service.ts and transport.node.ts).
 */
export function checkWebhookUrl(raw: string, policy: DestinationPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "it is not a valid URL", allowable: false };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "only http and https URLs can receive webhooks", allowable: false };
  if (url.username || url.password) {
    return { ok: false, reason: "credentials in the URL are not allowed (they would be stored and listed in plain text); verify the signature instead", allowable: false };
  }
  const host = canonicalHost(url.hostname);
  const literal = ipaddr.isValid(host);
  if (policy.allowedHosts.has(host)) return { ok: true, url, host, allowListed: true, literal };
  const label = literal ? addressRefusal(host, policy) : undefined;
  const reason = literal ? label && `${host} is ${label}` : nameRefusal(host);
  return reason ? { ok: false, reason, allowable: true } : { ok: true, url, host, allowListed: false, literal };
}

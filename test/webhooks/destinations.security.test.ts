import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, webhookSubscriptions } from "../../src/db/schema/index.js";
import { newId } from "../../src/db/ids.js";
import { deliverWebhooks } from "../../src/webhooks/deliver.service.js";
import { enqueueWebhookEvent } from "../../src/webhooks/outbox.js";
import { createNodeTransport } from "../../src/webhooks/transport.node.js";
import { insertSubscription } from "../../src/webhooks/webhooks.queries.js";
import { checkWebhookDestination, createWebhook } from "../../src/webhooks/webhooks.service.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { startReceiver } from "./receiver.js";
import { readJson, readProblem } from "../support/api.js";
import { DeliveryPageSchema } from "../../src/webhooks/webhooks.routes.js";

// Default settings: no allow-list. The receivers still listen on 127.0.0.1, which is the point.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { WEBHOOK_TIMEOUT_MS: "1500" } });
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const admin = { name: "test-admin", role: "admin" as const };
const log = async (id: string) => (await readJson(await ctx.req("GET", `/v1/webhooks/${id}/deliveries`, undefined, "admin"), DeliveryPageSchema)).deliveries;

/** A DNS stand-in: names the tests choose resolve to the addresses they choose (one answer per call). */
function fakeDns(table: Record<string, string[][]>) {
  const calls: string[] = [];
  const resolveAll = async (host: string): Promise<LookupAddress[]> => {
    calls.push(host);
    const answers = table[host] ?? [];
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    return (answer ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { transport: createNodeTransport(resolveAll), calls };
}

/** A subscription row written directly, as one created before this policy (or under another config) would be. */
async function storedSubscription(url: string) {
  return insertSubscription(ctx.database.db, {
    id: newId("webhook"),
    url,
    events: ["article.published"],
    secret: "whsec_test",
    description: null,
    createdAt: ctx.clock.now(),
  });
}

const publish = () => enqueueWebhookEvent(ctx.database.db, ctx.deps, "article.published", { articleId: "art_x" });

describe("webhook URLs refused at creation", () => {
  const refused = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://10.0.0.5/hook",
    "http://172.16.3.4/hook",
    "http://192.168.1.1/hook",
    "http://100.64.0.1/hook",
    "http://0.0.0.0:5432/",
    "http://0/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://192.0.2.10/",
    "http://[::1]/hook",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[64:ff9b::a00:1]/",
    "http://[fe80::1]/",
    "http://[fd00:ec2::254]/",
    "http://localhost:5432/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://017700000001/",
    "http://127.1:6379/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata/",
    "http://instance-data/latest/",
    "http://printer.local/",
  ];

  it.each(refused)("refuses %s with WEBHOOK_URL_FORBIDDEN and writes nothing", async (url) => {
    const res = await ctx.req("POST", "/v1/webhooks", { url, events: ["escalation.created"] }, "admin");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await readProblem(res);
    expect(body).toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN", errors: [{ field: "url" }], settings: ["WEBHOOK_ALLOWED_HOSTS", "WEBHOOK_ALLOW_PRIVATE_CIDRS"] });
    expect(body.detail).toMatch(/refused: .+\. An on-premise receiver can be allowed with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE_CIDRS\.$/);
    expect(await ctx.database.db.select().from(webhookSubscriptions)).toEqual([]);
    expect(await ctx.database.db.select().from(auditLog)).toEqual([]);
  });

  it("says why: every spelling of 127.0.0.1 is judged as 127.0.0.1", async () => {
    for (const url of ["http://2130706433/", "http://0x7f.1/", "http://127.1/", "http://[::ffff:7f00:1]/"]) {
      const body = await readProblem(await ctx.req("POST", "/v1/webhooks", { url, events: ["escalation.created"] }, "admin"));
      expect(body.reason).toBe("127.0.0.1 is a loopback address");
    }
    const meta = await readProblem(await ctx.req("POST", "/v1/webhooks", { url: "http://169.254.169.254/", events: ["escalation.created"] }, "admin"));
    expect(meta.reason).toMatch(/^169\.254\.169\.254 is a link-local address/);
  });

  it("refuses credentials in the URL and non-http schemes, which no setting allows", async () => {
    const creds = await ctx.req("POST", "/v1/webhooks", { url: "https://user:pass@hooks.example.com/x", events: ["escalation.created"] }, "admin");
    expect(creds.status).toBe(400);
    const body = await readProblem(creds);
    expect(body.code).toBe("WEBHOOK_URL_FORBIDDEN");
    expect(body.detail).toContain("credentials");
    expect(body.settings).toBeUndefined();
    const gopher = await readProblem(await ctx.req("POST", "/v1/webhooks", { url: "gopher://127.0.0.1:6379/_INFO", events: ["escalation.created"] }, "admin"));
    expect(gopher.code).toBe("VALIDATION_FAILED");
    expect(await ctx.database.db.select().from(webhookSubscriptions)).toEqual([]);
  });

  it("refuses a host name when any address it resolves to is not public", async () => {
    const { transport } = fakeDns({
      "hooks.example.test": [["127.0.0.1"]],
      "mixed.example.test": [["93.184.216.34", "10.1.2.3"]],
      "v6.example.test": [["2606:4700::1111", "fd12::1"]],
      "nat64.example.test": [["64:ff9b::a9fe:a9fe"]],
    });
    const input = (host: string) => ({ url: `https://${host}/hook`, events: ["escalation.created" as const] });
    await expect(createWebhook({ deps: ctx.deps, caller: admin, input: input("hooks.example.test"), transport })).rejects.toMatchObject({
      code: "WEBHOOK_URL_FORBIDDEN",
      message: expect.stringContaining("hooks.example.test resolves to a loopback address"),
    });
    await expect(createWebhook({ deps: ctx.deps, caller: admin, input: input("mixed.example.test"), transport })).rejects.toMatchObject({
      details: { reason: "mixed.example.test resolves to a private (RFC 1918) address" },
    });
    await expect(createWebhook({ deps: ctx.deps, caller: admin, input: input("v6.example.test"), transport })).rejects.toMatchObject({
      details: { reason: "v6.example.test resolves to a unique-local IPv6 address (fc00::/7)" },
    });
    await expect(createWebhook({ deps: ctx.deps, caller: admin, input: input("nat64.example.test"), transport })).rejects.toMatchObject({
      details: { reason: expect.stringMatching(/^nat64\.example\.test resolves to a link-local address/) },
    });
    expect(await ctx.database.db.select().from(webhookSubscriptions)).toEqual([]);
  });

  it("accepts public receivers, stores the canonical URL, and accepts a name that does not resolve yet", async () => {
    const { transport } = fakeDns({ "hooks.example.test": [["93.184.216.34", "2606:2800:220:1::1"]] });
    const { subscription } = await createWebhook({ deps: ctx.deps, caller: admin, input: { url: "HTTPS://Hooks.Example.TEST/x", events: ["escalation.created"] }, transport });
    expect(subscription.url).toBe("https://hooks.example.test/x");
    const later = await createWebhook({ deps: ctx.deps, caller: admin, input: { url: "https://not-yet.example.test/x", events: ["escalation.created"] }, transport });
    expect(later.subscription.url).toBe("https://not-yet.example.test/x");
    expect(await checkWebhookDestination(ctx.deps, "http://8.8.8.8/hook", transport)).toBeInstanceOf(URL);
  });
});

describe("the allow-list for on-premise receivers", () => {
  const withConfig = (config: Record<string, string[]>) => ({ ...ctx.deps, config: { ...ctx.deps.config, ...config } });

  it("allows exactly the listed hosts (any spelling of a listed IP) and addresses in the listed CIDRs", async () => {
    const { transport } = fakeDns({ "hooks.corp.example": [["10.20.1.5"]], "db.corp.example": [["10.30.0.7"]] });
    const hosts = withConfig({ WEBHOOK_ALLOWED_HOSTS: ["127.0.0.1", "hooks.corp.example"] });
    expect((await checkWebhookDestination(hosts, "http://2130706433:8080/x", transport)).host).toBe("127.0.0.1:8080");
    expect(await checkWebhookDestination(hosts, "https://hooks.corp.example/x", transport)).toBeInstanceOf(URL);
    await expect(checkWebhookDestination(hosts, "http://localhost:8080/x", transport)).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
    await expect(checkWebhookDestination(hosts, "http://[::1]:8080/x", transport)).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
    await expect(checkWebhookDestination(hosts, "https://db.corp.example/x", transport)).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });

    const cidrs = withConfig({ WEBHOOK_ALLOW_PRIVATE_CIDRS: ["10.20.0.0/16"] });
    expect(await checkWebhookDestination(cidrs, "https://hooks.corp.example/x", transport)).toBeInstanceOf(URL);
    expect(await checkWebhookDestination(cidrs, "http://10.20.9.9/x", transport)).toBeInstanceOf(URL);
    await expect(checkWebhookDestination(cidrs, "https://db.corp.example/x", transport)).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
    await expect(checkWebhookDestination(cidrs, "http://169.254.169.254/", transport)).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
    await expect(checkWebhookDestination(cidrs, "https://u:p@hooks.corp.example/x", transport)).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
  });

  it("is validated at start-up like every other setting", async () => {
    const { loadConfig, ConfigError } = await import("../../src/config.js");
    expect(loadConfig({}).WEBHOOK_ALLOWED_HOSTS).toEqual([]);
    expect(loadConfig({}).WEBHOOK_ALLOW_PRIVATE_CIDRS).toEqual([]);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_CIDRS: "10.0.0.0/8, fd00::/8" }).WEBHOOK_ALLOW_PRIVATE_CIDRS).toEqual(["10.0.0.0/8", "fd00::/8"]);
    let error: unknown;
    try {
      loadConfig({ WEBHOOK_ALLOW_PRIVATE_CIDRS: "10.0.0.0/8,intranet", WEBHOOK_ALLOWED_HOSTS: "https://hooks.corp/" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as InstanceType<typeof ConfigError>).issues.map((i) => i.field).sort()).toEqual(["WEBHOOK_ALLOWED_HOSTS.0", "WEBHOOK_ALLOW_PRIVATE_CIDRS.1"]);
  });
});

describe("webhook delivery to non-public addresses", () => {
  it("refuses stored subscriptions to private addresses without sending anything, and logs them as refused", async () => {
    const receiver = await startReceiver();
    try {
      const port = new URL(receiver.url).port;
      const subs = await Promise.all([`http://127.0.0.1:${port}/h`, `http://localhost:${port}/h`, `http://2130706433:${port}/h`, `http://[::1]:${port}/h`].map(storedSubscription));
      await publish();
      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 0, retried: 0, failed: 0, refused: 4 });
      expect(receiver.received).toEqual([]);
      for (const sub of subs) {
        const [entry] = await log(sub.id);
        expect(entry).toMatchObject({ status: "failed", attempts: 1, lastStatus: null, nextAttemptAt: null });
        expect(entry?.lastError).toMatch(/^refused, nothing was sent: .+; allow an on-premise receiver with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE_CIDRS$/);
        expect(entry?.lastError).not.toMatch(/ECONN|EHOST|connect/i);
      }
      expect(await deliverWebhooks(ctx.deps)).toEqual({ delivered: 0, retried: 0, failed: 0, refused: 0 }); // not retried
    } finally {
      await receiver.close();
    }
  });

  it("checks the addresses at connect time: a name that passed at creation and rebinds to 127.0.0.1 is refused", async () => {
    const receiver = await startReceiver();
    try {
      const port = new URL(receiver.url).port;
      // First answer (the creation check) is public; every later one is the receiver on loopback.
      const dns = fakeDns({ "rebind.example.test": [["93.184.216.34"], ["127.0.0.1"]] });
      const { subscription } = await createWebhook({
        deps: ctx.deps,
        caller: admin,
        input: { url: `http://rebind.example.test:${port}/h`, events: ["article.published"] },
        transport: dns.transport,
      });
      await publish();
      expect(await deliverWebhooks(ctx.deps, dns.transport)).toEqual({ delivered: 0, retried: 0, failed: 0, refused: 1 });
      expect(dns.calls).toEqual(["rebind.example.test", "rebind.example.test"]);
      expect(receiver.received).toEqual([]);
      expect((await log(subscription.id))[0]?.lastError).toBe(
        "refused, nothing was sent: rebind.example.test resolves to a loopback address; allow an on-premise receiver with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE_CIDRS",
      );
    } finally {
      await receiver.close();
    }
  });

  it("connects to the address it checked (the name exists only in the checked answer)", async () => {
    const receiver = await startReceiver();
    try {
      const port = new URL(receiver.url).port;
      const dns = fakeDns({ "receiver.example.test": [["127.0.0.1"]] });
      await storedSubscription(`http://receiver.example.test:${port}/h`);
      await publish();
      const allowed = { ...ctx.deps, config: { ...ctx.deps.config, WEBHOOK_ALLOW_PRIVATE_CIDRS: ["127.0.0.0/8"] } };
      expect(await deliverWebhooks(allowed, dns.transport)).toEqual({ delivered: 1, retried: 0, failed: 0, refused: 0 });
      expect(receiver.received.map((r) => r.headers.host)).toEqual([`receiver.example.test:${port}`]);
    } finally {
      await receiver.close();
    }
  });

  it("never follows a redirect: a 3xx is a failed attempt, logged without its Location", async () => {
    const target = await startReceiver();
    const redirecting = await startReceiver((_n, res) => res.writeHead(307, { location: `${target.url}?token=secret` }).end("moved"));
    try {
      const allowed = { ...ctx.deps, config: { ...ctx.deps.config, WEBHOOK_ALLOWED_HOSTS: ["127.0.0.1"] } };
      for (const deps of [allowed, { ...allowed, runtime: "workers" as const }]) {
        await ctx.reset();
        const sub = await storedSubscription(redirecting.url);
        await publish();
        expect(await deliverWebhooks(deps)).toEqual({ delivered: 0, retried: 1, failed: 0, refused: 0 });
        const [entry] = await log(sub.id);
        expect(entry).toMatchObject({ status: "pending", lastStatus: 307, lastError: "receiver answered 307; redirects are not followed" });
      }
      expect(redirecting.received).toHaveLength(2);
      expect(target.received).toEqual([]);
    } finally {
      await Promise.all([target.close(), redirecting.close()]);
    }
  });

  it("on Workers judges the URL text only (no DNS there, and no route to private networks)", async () => {
    const workers = { ...ctx.deps, runtime: "workers" as const };
    await expect(checkWebhookDestination(workers, "http://169.254.169.254/")).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
    await expect(checkWebhookDestination(workers, "http://metadata.google.internal/")).rejects.toMatchObject({ code: "WEBHOOK_URL_FORBIDDEN" });
    expect((await checkWebhookDestination(workers, "https://hooks.example.test/x")).href).toBe("https://hooks.example.test/x");
    const sub = await storedSubscription("http://10.1.2.3:8080/h");
    await publish();
    expect(await deliverWebhooks(workers)).toEqual({ delivered: 0, retried: 0, failed: 0, refused: 1 });
    expect((await log(sub.id))[0]?.lastError).toMatch(/^refused, nothing was sent: 10\.1\.2\.3 is a private \(RFC 1918\) address;/);
  });
});

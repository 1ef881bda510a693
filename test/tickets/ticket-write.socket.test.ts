import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { present } from "../support/api.js";
import type { Deps } from "../../src/deps.js";
import { KB, seedArticles } from "../search/fixtures.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { type StartedServer, startServer } from "../support/socket.js";
import { loggedDatabase, writesOf } from "../support/statement-log.js";

// The ticket path in one pass: what one POST /v1/tickets sends to the database, counted by a
// query logger on the app's own connection (over a real socket).
let ctx: TestContext;
let server: StartedServer;
let agent: Record<string, string>;
const log: string[] = [];

beforeAll(async () => {
  // The shipped check interval: the clock stands still, so after the first ticket the cached
  // settings are used without asking the database again (the steady state of a busy instance).
  ctx = await createTestContext({ config: { SETTINGS_CHECK_MS: "1000" } });
  const deps: Deps = { ...ctx.deps, database: loggedDatabase(ctx.database, log) };
  server = await startServer({ deps });
});
afterAll(async () => {
  await server?.close();
  await ctx?.close();
});
beforeEach(async () => {
  await ctx.reset();
  await seedArticles(ctx, [KB.reset!, KB.invoicePayment!]);
  agent = await ctx.auth("agent");
});

async function post(body: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${server.base}/v1/tickets`, {
    method: "POST",
    headers: { ...agent, "content-type": "application/json" },
    body: JSON.stringify({ body, channel: "email", ...extra }),
  });
  expect(res.status, `POST /v1/tickets: ${res.status}`).toBe(201);
  const out = TicketSubmittedSchema.parse(await res.json());
  return { status: res.status, body: { ...out, verdict: present(out.verdict, "the verdict") } };
}

/** One ticket's statements, after a first ticket warmed the instance's caches. */
async function statementsOf(body: string, extra: Record<string, unknown> = {}) {
  await post("Warm-up: the password reset link has expired", { customerRef: "warm@example.com" });
  await post("Warm-up: nothing matches this either, escalate", { customerRef: "warm@example.com" });
  log.length = 0;
  const res = await post(body, extra);
  // The middleware's own (API key lookup, rate-limit counter) are not the ticket path's.
  const statements = log.filter((q) => !/\b(api_keys|rate_limits)\b/.test(q));
  console.info(
    `[round trips] ${res.body.verdict.decision}: ${statements.length} statements + ${log.length - statements.length} of auth and rate limit\n  ${statements.map((q) => q.slice(0, 90)).join("\n  ")}`,
  );
  return { res, statements };
}

describe("POST /v1/tickets writes the decided ticket once", () => {
  it("a ticket that is not escalated is one INSERT: no settings read or seeding, no update", async () => {
    const { res, statements } = await statementsOf("The password reset email never arrives in my inbox");
    expect(res.status).toBe(201);
    expect(res.body.verdict.decision).not.toBe("escalate");
    expect(writesOf(statements)).toEqual(["insert tickets"]);
    expect(statements.some((q) => /"settings"|"signal_phrases"|"deescalation_templates"|"escalation_matrices"/.test(q))).toBe(false);
  });

  it("an escalated ticket is written with its escalation, event and outbox in one go; the verdict names the escalation without an update", async () => {
    const { res, statements } = await statementsOf("Nothing matches this one at all, escalate", { customerRef: "ann@example.com" });
    expect(res.status).toBe(201);
    expect(res.body.verdict.decision).toBe("escalate");
    const writes = writesOf(statements);
    expect(writes).toEqual(["insert tickets", "insert escalations", "insert escalation_events"]);
    expect(writes.filter((w) => w.startsWith("update"))).toEqual([]);
    // What was stored is what was answered: the escalation's id and record are in the stored verdict.
    const [row] = await queryRows<{ status: string; verdict: { escalation: { id: string; record: { id: string } } } }>(
      ctx.database.db,
      sql`select status, verdict from tickets where id = ${res.body.ticket.id}`,
    );
    const [escalation] = await queryRows<{ id: string; ticket_id: string }>(ctx.database.db, sql`select id, ticket_id from escalations where ticket_id = ${res.body.ticket.id}`);
    expect(row?.status).toBe("escalated");
    expect(escalation?.id).toBe(present(res.body.verdict.escalation, "the escalation").id);
    expect(row?.verdict.escalation.id).toBe(escalation?.id);
    expect(row?.verdict.escalation.record.id).toBe(escalation?.id);
    expect(res.body.customerMessage).not.toBeNull();
  });

  it("an escalated ticket's outbox rows are written in the same transaction when someone subscribes", async () => {
    await ctx.database.db.execute(
      sql`insert into webhook_subscriptions (id, url, events, secret, active) values ('whk_test', 'https://hooks.example.com/x', array['escalation.created'], 'secret-secret-secret', true)`,
    );
    const { res, statements } = await statementsOf("Nothing matches this one at all, escalate");
    expect(res.body.verdict.decision).toBe("escalate");
    expect(writesOf(statements)).toEqual(["insert tickets", "insert escalations", "insert escalation_events", "insert webhook_deliveries"]);
    const [delivery] = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from webhook_deliveries where event = 'escalation.created' and position(${res.body.ticket.id} in payload::text) > 0`,
    );
    expect(delivery?.n).toBe(1);
  });
});

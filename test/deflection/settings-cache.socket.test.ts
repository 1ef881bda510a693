import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/access/keys.service.js";
import { thresholdsFrom } from "../../src/deflection/policy.js";
import type { Deps } from "../../src/deps.js";
import { KB, seedArticles } from "../search/fixtures.js";
import { createTestContext, TestClock, testConfig, type TestContext } from "../support/context.js";
import { type StartedServer, startServer } from "../support/socket.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { TeamSchema } from "../../src/teams/teams.schemas.js";
import { present, readJson, rememberRequest } from "../support/api.js";

// Two replicas of the service on one database, each with its own clock and its own cache of
// thresholds, signal phrases and the escalation matrix (SETTINGS_CHECK_MS one minute): a change
// made through A applies on A at once and on B once B's next version check comes round.
const CHECK_MS = 60_000;
let ctx: TestContext;
let a: { server: StartedServer; clock: TestClock };
let b: { server: StartedServer; clock: TestClock };
let keys: { admin: string; agent: string };

async function replica(): Promise<{ server: StartedServer; clock: TestClock }> {
  const clock = new TestClock();
  const deps: Deps = { ...ctx.deps, config: testConfig({ SETTINGS_CHECK_MS: String(CHECK_MS) }), clock };
  return { server: await startServer({ deps }), clock };
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedArticles(ctx, [KB.reset!]);
  keys = {
    admin: (await createApiKey({ deps: ctx.deps, input: { name: "admin", role: "admin" } })).secret,
    agent: (await createApiKey({ deps: ctx.deps, input: { name: "agent", role: "agent" } })).secret,
  };
  a = await replica();
  b = await replica();
});
afterAll(async () => {
  await a?.server.close();
  await b?.server.close();
  await ctx?.close();
});

async function call(on: { server: StartedServer }, method: string, path: string, body: unknown, key: string) {
  const res = await fetch(`${on.server.base}${path}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return rememberRequest(res, ctx.app, method, path);
}
/** A ticket filed on that replica: its verdict. */
async function ticket(on: { server: StartedServer }, body: string) {
  const res = await call(on, "POST", "/v1/tickets", { body, channel: "email" }, keys.agent);
  expect(res.status).toBe(201);
  return present((await readJson(res, TicketSubmittedSchema)).verdict, "the verdict");
}
/** The team the verdict's escalation was routed to. */
const teamOf = (verdict: Awaited<ReturnType<typeof ticket>>) => present(present(verdict.escalation, "the escalation").record, "the escalation record").teamId;
const reset = "I clicked Forgot password and got the confirmation, but the password reset email does not arrive in my inbox.";

describe("settings cached per instance, invalidated across replicas by the version check", () => {
  it("a threshold change on A applies on A at once and on B after B's next check", async () => {
    const before = await ticket(b, reset);
    expect(before.decision).toBe("answer");
    expect((await ticket(a, reset)).decision).toBe("answer");

    const put = await call(a, "PUT", "/v1/settings/thresholds", thresholdsFrom({ answerCustomer: 1, answerAgent: 1, suggest: 0.01 }, "test"), keys.admin);
    expect(put.status).toBe(200);
    // A wrote them: its own cache was dropped with the write.
    expect((await ticket(a, reset)).decision).toBe("suggest");
    // B has not checked yet: it still serves what it cached (at most SETTINGS_CHECK_MS old).
    expect((await ticket(b, reset)).thresholds.answer).toBe(before.thresholds.answer);
    b.clock.advance(CHECK_MS);
    const after = await ticket(b, reset);
    expect(after.thresholds.answer).toBe(1);
    expect(after.decision).toBe("suggest");
  });

  it("a signal phrase added on A is detected on B after B's next check", async () => {
    const text = "The reset email does not arrive and I will write to the ombudsperson about it";
    const kinds = async (on: { server: StartedServer }) => (await ticket(on, text)).signals.map((s) => s.phrase);
    expect(await kinds(b)).not.toContain("write to the ombudsperson*");
    const added = await call(a, "POST", "/v1/settings/signal-phrases", { language: "en", kind: "legal", phrase: "write to the ombudsperson*" }, keys.admin);
    expect(added.status).toBe(201);
    expect(await kinds(a)).toContain("write to the ombudsperson*");
    b.clock.advance(CHECK_MS);
    expect(await kinds(b)).toContain("write to the ombudsperson*");
  });

  it("an escalation-matrix change on A routes B's escalations after B's next check", async () => {
    const nothing = "Nothing in the knowledge base matches this at all, please escalate";
    const first = await ticket(b, nothing);
    expect(first.decision).toBe("escalate");
    const created = await call(a, "POST", "/v1/teams", { name: "Billing specialists", level: 2, levelName: "tier 2" }, keys.admin);
    expect(created.status).toBe(201);
    const teamName = await readJson(created, TeamSchema);
    expect(typeof teamName.id).toBe("string");
    const matrix = await call(
      a,
      "PUT",
      "/v1/escalation-matrix",
      { rules: [{ id: "all-to-billing", target: { team: teamName.id }, sla: { firstResponseMinutes: 30, resolutionMinutes: 240 } }] },
      keys.admin,
    );
    expect(matrix.status).toBe(201);
    expect(teamOf(await ticket(a, nothing))).toBe(teamName.id);
    b.clock.advance(CHECK_MS);
    expect(teamOf(await ticket(b, nothing))).toBe(teamName.id);
  });
});

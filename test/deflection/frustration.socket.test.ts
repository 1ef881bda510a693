import { createReadStream } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { runImport } from "../../src/imports/import.service.js";
import { sampleArticlesFile } from "../../src/imports/sample.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";
import { present, readJson, rememberRequest } from "../support/api.js";
import type { TestContext } from "../support/context.js";
import { type StartedServer, useSocketServer } from "../support/socket.js";

/**
 * The graded policy over a real socket: an angry customer gets a calmer agent (level 2, a brief,
 * decided on the merits), a customer who needs a human goes to a supervisor (level 3), a team whose
 * matrix rule says so hands angry customers up at level 2, and a customer who keeps writing about
 * the same problem is escalated without any phrase.
 */
describe("frustration levels and de-escalation in the ticket path", () => {
  let ctx: TestContext;
  let server: StartedServer;
  let agent: Record<string, string>;
  let admin: Record<string, string>;
  useSocketServer(
    (c, s) => {
      ctx = c;
      server = s;
    },
    { resetEachTest: false },
  );
  beforeEach(async () => {
    await ctx.reset();
    await runImport({
      deps: ctx.deps,
      caller: { name: "sample-data", role: "admin" },
      input: { source: createReadStream(sampleArticlesFile() as string), format: "jsonl", publish: true, sourceKey: "sample-data" },
    });
    agent = { ...(await ctx.auth("agent")), "content-type": "application/json" };
    admin = { ...(await ctx.auth("admin")), "content-type": "application/json" };
  });

  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${server.base}/v1/tickets`, { method: "POST", headers: agent, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    const out = await readJson(rememberRequest(res, ctx.app, "POST", "/v1/tickets"), TicketSubmittedSchema);
    const verdict = present(out.verdict, "the verdict");
    return { ticket: out.ticket, verdict: { ...verdict, frustration: present(verdict.frustration, "the verdict's frustration") } };
  };
  const ANGRY_CS = {
    channel: "chat",
    language: "cs",
    body: "Tohle je SKANDÁL!!! Tlačítko Clock in v aplikaci je zase šedé a nemůžu začít směnu. Mám toho dost.",
  };

  it("an angry Czech customer (level 2) is not sent to a supervisor: decided on the merits, with a brief in Czech", async () => {
    const { verdict } = await post(ANGRY_CS);
    expect(verdict.frustration).toMatchObject({ level: 2, label: "angry" });
    expect(verdict.frustration.evidence.map((e) => e.cue)).toEqual(expect.arrayContaining(["phrase", "punctuation"]));
    expect(verdict.escalation?.type).not.toBe("hierarchical");
    expect(verdict.deescalation).toMatchObject({ language: "cs", level: 2 });
    const brief = present(verdict.deescalation, "the brief");
    expect(brief.opening.length).toBeGreaterThan(10);
    expect(brief.steps.length).toBeGreaterThan(2);
  });

  it("a customer who needs a human now (level 3) is escalated hierarchically, with the handoff brief", async () => {
    const { verdict } = await post({ channel: "email", language: "cs", body: "Chci mluvit s vaším nadřízeným, jinak ruším předplatné. Docházka se neukládá." });
    expect(verdict.frustration.level).toBe(3);
    expect(verdict.escalation).toMatchObject({ type: "hierarchical" });
    expect(verdict.deescalation).toMatchObject({ level: 3, nextStep: { kind: "escalation" } });
    expect(present(verdict.deescalation, "the brief").nextStep.dueAt).toEqual(expect.any(String));
  });

  it("a team whose matrix rule says hierarchicalFromLevel: 2 hands the angry customer to a supervisor", async () => {
    const put = await fetch(`${server.base}/v1/escalation-matrix`, {
      method: "PUT",
      headers: admin,
      body: JSON.stringify({ rules: [{ id: "default", sla: { firstResponseMinutes: 60, resolutionMinutes: 480 }, hierarchicalFromLevel: 2 }] }),
    });
    expect(put.status).toBe(201);
    const { verdict } = await post(ANGRY_CS);
    expect(verdict.frustration.level).toBe(2);
    expect(verdict.escalation).toMatchObject({ type: "hierarchical" });
    expect(present(verdict.escalation, "the escalation").reason).toMatch(/level 2/);
  });

  it("the same customer writing about the same problem again raises the level and escalates past the limit, without a phrase", async () => {
    const body = { channel: "email", customerRef: "cust-42", body: "The Clock in button in the mobile app is grey and I cannot start my shift." };
    const levels: number[] = [];
    const types: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      ctx.clock.advance(60 * 60 * 1000);
      const { verdict } = await post(body);
      levels.push(verdict.frustration.level);
      types.push(verdict.escalation?.type);
    }
    expect(levels).toEqual([0, 1, 2, 3]);
    expect(types[3]).toBe("hierarchical");
    // Another customer with the same words starts calm.
    const other = await post({ ...body, customerRef: "cust-7" });
    expect(other.verdict.frustration).toMatchObject({ level: 0, priorContacts: 0 });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toEvaluation } from "../../src/escalations/replay.evaluator.js";
import { type Evaluate, formatReplay, replayTickets, type ReplayTicket } from "../../src/escalations/replay.service.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const labels = ["calm", "annoyed", "angry", "needs-human"];
const anger = (escalates = true) => ({ kind: "anger", phrase: "ridiculous", matched: "ridiculous", escalates, language: "en" });
const frustration = (level: number) => ({ level, label: labels[level], evidence: [], priorContacts: 0 });

/** Verdicts as the graded policy gives them, keyed by ticket id. */
const verdicts: Record<string, unknown> = {
  angerSuggested: { decision: "suggest", signals: [anger()], frustration: frustration(2) }, // avoided, level 2
  loudAnswered: { decision: "answer", signals: [], frustration: frustration(2) }, // shouting + !!!: avoided, level 2
  quotedAnger: { decision: "answer", signals: [anger()], frustration: frustration(0) }, // anger phrase inside a quote: avoided, level 0
  functional: { decision: "escalate", escalation: { type: "functional" }, signals: [anger()], frustration: frustration(2) }, // tier 1 team: avoided
  annoyed: { decision: "suggest", signals: [{ kind: "frustration", escalates: true }], frustration: frustration(1) }, // the old policy kept it too
  manager: { decision: "escalate", escalation: { type: "hierarchical" }, signals: [{ kind: "manager", escalates: true }], frustration: frustration(3) }, // both escalate
  matrixLevel2: { decision: "escalate", escalation: { type: "hierarchical" }, signals: [anger()], frustration: frustration(2) }, // hierarchicalFromLevel: 2
  angerOff: { decision: "answer", signals: [anger(false)], frustration: frustration(0) }, // an admin turned the phrase off
  legacy: { decision: "answer", signals: [anger()] }, // no frustration level: nothing to compare
  calm: { decision: "answer", signals: [], frustration: frustration(0) },
};
const evaluate: Evaluate = async (ticket) => toEvaluation(verdicts[ticket.id]);
const tickets: ReplayTicket[] = Object.keys(verdicts).map((id) => ({ id, channel: "email", body: id, lang: "en" }));

describe("replay: hierarchical escalations the graded frustration policy avoids", () => {
  it("lists the tickets the old policy sent to a supervisor and the graded one keeps at tier 1, per level", async () => {
    const report = await replayTickets({ deps: ctx.deps, input: { evaluate, tickets } });
    expect(report.hierarchicalAvoided).toEqual({
      total: 4,
      ticketIds: ["angerSuggested", "loudAnswered", "quotedAnger", "functional"],
      byLevel: { 0: 1, 1: 0, 2: 3, 3: 0 },
    });
    expect(report.escalations).toEqual({ functional: 1, hierarchical: 2 });
    expect(formatReplay(report)).toContain(
      "kept at tier 1 by the graded policy (the old one sent every anger/frustration signal to a supervisor): 4 (level 0 1, level 1 0, level 2 3): angerSuggested, loudAnswered, quotedAnger, functional",
    );
  });

  it("reports none when nothing was frustrated", async () => {
    const report = await replayTickets({ deps: ctx.deps, input: { evaluate, tickets: tickets.filter((t) => t.id === "calm" || t.id === "manager") } });
    expect(report.hierarchicalAvoided).toEqual({ total: 0, ticketIds: [], byLevel: { 0: 0, 1: 0, 2: 0, 3: 0 } });
    expect(formatReplay(report)).toMatch(/supervisor\): 0$/m);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalations, tickets, webhookDeliveries } from "../../src/db/schema/index.js";
import { toEvaluation } from "../../src/escalations/replay.evaluator.js";
import { type Evaluate, formatReplay, replayTickets, type ReplayTicket } from "../../src/escalations/replay.service.js";
import { readFileSync } from "node:fs";
import { applyScenario, ScenarioSchema } from "../../src/escalations/replay.setup.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { articleBody } from "../articles/helpers.js";
import { createTeams, standardTeams } from "./support.js";
import { readJson, readProblem } from "../support/api.js";
import { ReplayReportSchema } from "../../src/escalations/replay.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" } }); // webhooks to 127.0.0.1:9 are refused by default
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const t = (id: string, body: string, expected?: ReplayTicket["expected"]): ReplayTicket => ({ id, channel: "email", body, lang: "en", ...(expected ? { expected } : {}) });

/** A stand-in for the deflection decision: keyword rules, so the projection is predictable. */
const evaluate: Evaluate = async (ticket) => {
  const verdict = ticket.body.includes("lawyer")
    ? { decision: "escalate", escalation: { type: "hierarchical" }, signals: [{ kind: "legal", phrase: "lawyer" }], articles: [{ category: "billing" }] }
    : ticket.body.includes("invoice")
      ? { decision: "escalate", escalation: { type: "functional" }, articles: [{ category: "billing" }] }
      : ticket.body.includes("vpn")
        ? { decision: "escalate", escalation: { type: "functional" }, articles: [{ category: "network" }] }
        : { decision: "answer", articles: [{ category: "billing" }] };
  return toEvaluation(verdict);
};

describe("replay simulator", () => {
  it("projects deflection, escalation and load per team and level without writing anything", async () => {
    await createTeams(ctx, standardTeams);
    const report = await replayTickets({
      deps: ctx.deps,
      input: {
        evaluate,
        tickets: [
          t("1", "reset my password", { decision: "answer", articleId: "A1", escalation: "none" }),
          t("2", "invoice wrong", { decision: "escalate", articleId: null, escalation: "functional" }),
          t("3", "invoice twice", { decision: "answer", articleId: "A2", escalation: "none" }),
          t("4", "my lawyer will call", { decision: "escalate", articleId: null, escalation: "hierarchical" }),
          t("5", "vpn down"),
        ],
      },
    });
    expect(report).toMatchObject({
      tickets: 5,
      matrixVersion: null,
      decisions: { answer: 1, suggest: 0, escalate: 4 },
      projectedDeflectionRate: 0.2,
      escalationRate: 0.8,
      escalations: { functional: 3, hierarchical: 1 },
      agreement: { labelled: 4, decision: 0.75, escalationType: 0.75 },
    });
    expect(report.loadByTeam.map((r) => [r.teamName, r.level, r.total])).toEqual([
      ["Billing T1", 1, 2],
      ["Network T1", 1, 1],
      ["Manager", 4, 1],
    ]);
    expect(report.loadByLevel).toEqual([
      { level: 1, total: 3, share: 0.75 },
      { level: 4, total: 1, share: 0.25 },
    ]);
    expect(formatReplay(report)).toContain("projected deflection rate 20.0 %");
    expect(await ctx.database.db.select().from(tickets)).toEqual([]);
    expect(await ctx.database.db.select().from(escalations)).toEqual([]);
  });

  it("loads the documented Nimbus scenario (teams + matrix) through the validated services", async () => {
    const file = JSON.parse(readFileSync(new URL("../../src/escalations/examples/nimbus.matrix.json", import.meta.url), "utf8"));
    await applyScenario(ctx.deps, ScenarioSchema.parse(file));
    const report = await replayTickets({ deps: ctx.deps, input: { evaluate, tickets: [t("1", "my lawyer"), t("2", "invoice"), t("3", "vpn")] } });
    expect(report.matrixVersion).toBe(1);
    expect(report.byRule).toEqual(
      expect.arrayContaining([
        { ruleId: "legal", total: 1 },
        { ruleId: "default", total: 2 },
      ]),
    );
    expect(report.loadByTeam.find((r) => r.teamName === "Support manager")?.total).toBe(1);
  });
});

describe("POST /v1/replay", () => {
  it("runs tickets through the real deflection decision and the matrix, writing nothing", async () => {
    const teams = await createTeams(ctx, [
      { name: "Manager", level: 3, levelName: "manager" },
      { name: "Billing T2", skills: ["billing & invoices"], level: 2, escalatesTo: "Manager" },
    ]);
    expect((await ctx.req("POST", "/v1/articles", articleBody({ state: "published" }), "expert")).status).toBe(201);
    await ctx.req("POST", "/v1/webhooks", { url: "http://127.0.0.1:9/x", events: ["escalation.created"] }, "admin");
    const res = await ctx.req(
      "POST",
      "/v1/replay",
      {
        tickets: [
          {
            id: "T1",
            lang: "en",
            channel: "email",
            subject: "Invoice PDF is blank",
            body: "Our invoice PDF opens blank. If this is not fixed today I will ask our lawyer to take legal action.",
            expected: { decision: "escalate", articleId: null, escalation: "hierarchical" },
          },
          { id: "T2", channel: "chat", body: "Invoice PDF download shows a blank page when I open it from the billing page" },
        ],
      },
      "admin",
    );
    expect(res.status).toBe(200);
    const report = await readJson(res, ReplayReportSchema);
    expect(report.tickets).toBe(2);
    expect(report.decisions.answer + report.decisions.suggest + report.decisions.escalate).toBe(2);
    expect(report.escalations.hierarchical).toBe(1);
    // a legal threat about a billing topic goes to the top of the billing path
    expect(report.loadByTeam).toEqual(expect.arrayContaining([expect.objectContaining({ teamId: teams.Manager, hierarchical: 1 })]));
    expect(report.agreement).toMatchObject({ labelled: 1, decision: 1, escalationType: 1 });
    expect(report.text).toContain("Replayed 2 tickets");
    expect(await ctx.database.db.select().from(tickets)).toEqual([]);
    expect(await ctx.database.db.select().from(escalations)).toEqual([]);
    expect(await ctx.database.db.select().from(webhookDeliveries)).toEqual([]);
  });

  it("rejects a malformed ticket list with field errors", async () => {
    const res = await ctx.req("POST", "/v1/replay", { tickets: [{ id: "x", channel: "fax", body: "" }] }, "admin");
    expect(res.status).toBe(400);
    const body = await readProblem(res);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.errors?.map((e: { field: string }) => e.field).sort()).toEqual(["tickets.0.body", "tickets.0.channel"]);
  });
});

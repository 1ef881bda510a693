import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema/index.js";
import { builtInMatrix, type Matrix, MatrixSchema } from "../../src/escalations/matrix.schemas.js";
import { routeEscalation, type RoutingTeam } from "../../src/escalations/routing.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createTeams, escalate, insertTicket, standardTeams } from "./support.js";
import { readJson } from "../support/api.js";
import { TicketEscalatedSchema } from "../../src/escalations/escalations.routes.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const sla = (fr: number, res: number) => ({ firstResponseMinutes: fr, resolutionMinutes: res });

describe("routeEscalation (pure)", () => {
  const teams: RoutingTeam[] = [
    { id: "t1", name: "Billing T1", skills: ["billing"], level: 1, levelName: "tier 1", escalatesToTeamId: "t2" },
    { id: "t2", name: "Billing T2", skills: ["billing"], level: 2, levelName: "tier 2", escalatesToTeamId: "sup" },
    { id: "sup", name: "Supervisor", skills: [], level: 3, levelName: "supervisor", escalatesToTeamId: null },
  ];
  const matrix: Matrix = {
    version: 3,
    levels: [],
    rules: [
      { id: "default", match: {}, target: {}, sla: sla(60, 480) },
      { id: "billing", match: { category: ["billing"] }, target: {}, sla: sla(30, 240) },
      { id: "billing-urgent-chat", match: { category: ["billing"], priority: ["urgent"], channel: ["chat"] }, target: { teamId: "t2" }, sla: sla(10, 60) },
      { id: "urgent", match: { priority: ["urgent", "high"] }, target: { level: 2 }, sla: sla(15, 120) },
    ],
  };

  it("picks the rule with the most matched fields", () => {
    const r = routeEscalation(matrix, teams, { type: "functional", category: "Billing", priority: "urgent", channel: "chat" });
    expect(r).toMatchObject({ ruleId: "billing-urgent-chat", specificity: 3, teamId: "t2", firstResponseMinutes: 10 });
    expect(routeEscalation(matrix, teams, { type: "functional", category: "billing", priority: "urgent", channel: "email" }).ruleId).toBe("billing");
    expect(routeEscalation(matrix, teams, { type: "functional", category: "network", priority: "high" })).toMatchObject({ ruleId: "urgent", level: 2 });
    expect(routeEscalation(matrix, teams, { type: "functional", category: "network" })).toMatchObject({ ruleId: "default", teamId: "t1" });
  });

  it("falls back to the built-in default with no teams", () => {
    expect(routeEscalation(builtInMatrix, [], { type: "functional" })).toMatchObject({
      ruleId: "default",
      teamId: null,
      level: 1,
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
    });
  });

  it("matches signal rules on the most severe signal", () => {
    const m: Matrix = { ...matrix, rules: [...matrix.rules, { id: "anger", match: { signal: ["anger"] }, target: { teamId: "t2" }, sla: sla(5, 60) }] };
    expect(routeEscalation(m, teams, { type: "hierarchical", signals: ["anger"] })).toMatchObject({ ruleId: "anger", teamId: "t2" });
    // legal outranks anger: the anger rule no longer applies, the default routes a threat to the top
    expect(routeEscalation(m, teams, { type: "hierarchical", signals: ["anger", "legal"] })).toMatchObject({ ruleId: "default", teamId: "sup", via: "top" });
  });
});

describe("escalation matrix API", () => {
  it("stores versions, serves current and old ones, and routes new escalations by the current one", async () => {
    const teams = await createTeams(ctx, standardTeams);
    const builtIn = await readJson(await ctx.req("GET", "/v1/escalation-matrix", undefined, "agent"), MatrixSchema);
    expect(builtIn).toMatchObject({ version: null, builtIn: true });

    const v1 = await ctx.req("PUT", "/v1/escalation-matrix", { rules: [{ id: "default", sla: sla(60, 480) }] }, "admin");
    expect(v1.status).toBe(201);
    expect(await readJson(v1, MatrixSchema)).toMatchObject({ version: 1, builtIn: false, createdBy: "test-admin" });

    const v2 = await ctx.req(
      "PUT",
      "/v1/escalation-matrix",
      {
        rules: [
          { id: "default", sla: sla(60, 480) },
          { id: "vip-billing", match: { category: "billing", priority: ["high", "urgent"] }, target: { team: "Billing T2" }, sla: sla(15, 120) },
          { id: "czech", match: { language: "cs" }, target: { team: "Network T1" }, sla: sla(45, 300) },
        ],
        levels: [{ level: 3, ...sla(120, 240) }],
      },
      "admin",
    );
    expect(v2.status).toBe(201);
    const stored = await readJson(v2, MatrixSchema);
    expect(stored.version).toBe(2);
    expect(stored.rules[1]?.target).toEqual({ team: "Billing T2", teamId: teams["Billing T2"] });

    expect((await readJson(await ctx.req("GET", "/v1/escalation-matrix/1", undefined, "agent"), MatrixSchema)).rules).toHaveLength(1);
    expect((await readJson(await ctx.req("GET", "/v1/escalation-matrix", undefined, "agent"), MatrixSchema)).version).toBe(2);

    const vip = await readJson(await escalate(ctx, (await insertTicket(ctx, { category: "billing", priority: "urgent" })).id), TicketEscalatedSchema);
    expect(vip).toMatchObject({ ruleId: "vip-billing", matrixVersion: 2, teamId: teams["Billing T2"], firstResponseMinutes: 15 });
    const cz = await readJson(await escalate(ctx, (await insertTicket(ctx, { language: "cs" })).id), TicketEscalatedSchema);
    expect(cz).toMatchObject({ ruleId: "czech", teamId: teams["Network T1"] });

    const audit = await ctx.database.db.select().from(auditLog);
    expect(audit.filter((a) => a.action === "matrix.update")).toHaveLength(2);
  });
});

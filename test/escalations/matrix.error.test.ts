import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escalationMatrices } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createTeams, standardTeams } from "./support.js";
import { readProblem } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const sla = { firstResponseMinutes: 60, resolutionMinutes: 480 };
const put = (body: unknown, role: "admin" | "expert" | "agent" = "admin") => ctx.req("PUT", "/v1/escalation-matrix", body, role);

async function expectNothingWritten() {
  expect(await ctx.database.db.select().from(escalationMatrices)).toEqual([]);
}

describe("invalid matrices are rejected and nothing is stored", () => {
  it("names unknown teams", async () => {
    await createTeams(ctx, standardTeams);
    const res = await put({
      rules: [
        { id: "default", sla },
        { id: "a", match: { category: "x" }, target: { team: "Ghost" }, sla },
        { id: "b", match: { product: "y" }, target: { team: "team_nope" }, sla },
      ],
    });
    expect(res.status).toBe(400);
    const body = await readProblem(res);
    expect(body.code).toBe("UNKNOWN_TEAMS");
    expect(body.teams).toEqual(["Ghost", "team_nope"]);
    await expectNothingWritten();
  });

  it("requires a default rule", async () => {
    const body = await readProblem(await put({ rules: [{ id: "a", match: { category: "billing" }, sla }] }));
    expect(body).toMatchObject({ status: 400, code: "INVALID_MATRIX", missing: "default" });
    await expectNothingWritten();
  });

  it("rejects two rules of equal specificity that can match the same ticket", async () => {
    const res = await put({
      rules: [
        { id: "default", sla },
        { id: "billing", match: { category: "billing" }, sla },
        { id: "urgent", match: { priority: "urgent" }, sla },
        { id: "billing-chat", match: { category: "billing", channel: "chat" }, sla },
        { id: "refunds-chat", match: { category: "refunds", channel: "chat" }, sla },
      ],
    });
    const body = await readProblem(res);
    expect(res.status).toBe(400);
    expect(body.code).toBe("INVALID_MATRIX");
    // billing/urgent overlap (a billing ticket can be urgent); billing-chat/refunds-chat never can
    expect(body.conflicts).toEqual([{ rules: ["billing", "urgent"], specificity: 1 }]);
    await expectNothingWritten();
  });

  it("rejects duplicate rule ids and bad shapes with field errors", async () => {
    expect(
      (
        await readProblem(
          await put({
            rules: [
              { id: "default", sla },
              { id: "default", match: { type: "functional" }, sla },
            ],
          }),
        )
      ).code,
    ).toBe("INVALID_MATRIX");
    const bad = await readProblem(await put({ rules: [{ id: "default", sla: { firstResponseMinutes: 0 }, match: { priority: "whenever" } }] }));
    expect(bad.code).toBe("VALIDATION_FAILED");
    expect(bad.errors?.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["rules.0.sla.firstResponseMinutes", "rules.0.sla.resolutionMinutes"]));
    await expectNothingWritten();
  });

  it("answers 404 for a version that does not exist", async () => {
    const res = await ctx.req("GET", "/v1/escalation-matrix/7", undefined, "agent");
    expect(res.status).toBe(404);
    expect((await readProblem(res)).code).toBe("NOT_FOUND");
  });
});

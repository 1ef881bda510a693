import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { ResolveResultSchema } from "../../src/articles/capture.schemas.js";
import { readJson, readProblem } from "../support/api.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createArticleViaApi, insertEscalation, writeCounts } from "./helpers.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const fix = { rootCause: "Stale SSO certificate.", resolution: "1. Upload the renewed certificate.\n2. Sign in again.", visibility: "public" };

describe("capture: who may resolve", () => {
  it("every role on the resolve route: agents and up", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template === "/v1/escalations/{id}/resolve")).toEqual([]);
  });

  it("refuses callers without a key with 401 and writes nothing", async () => {
    const { escalationId } = await insertEscalation(ctx);
    const before = await writeCounts(ctx);
    const res = await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, fix);
    expect(res.status).toBe(401);
    expect((await readProblem(res)).code).toBe("UNAUTHENTICATED");
    expect(await writeCounts(ctx)).toEqual(before);
  });

  it("lets agents capture drafts but not publish (403, nothing written)", async () => {
    const { escalationId } = await insertEscalation(ctx);
    const before = await writeCounts(ctx);
    const res = await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, { ...fix, publish: true }, "agent");
    expect(res.status).toBe(403);
    expect((await readProblem(res)).code).toBe("FORBIDDEN");
    expect(await writeCounts(ctx)).toEqual(before);
  });

  it("does not let an agent link (or learn of) an article it cannot see", async () => {
    const draft = await createArticleViaApi(ctx);
    const { escalationId } = await insertEscalation(ctx);
    const res = await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, { linkArticleId: draft.id }, "agent");
    expect(res.status).toBe(404);
    expect((await readProblem(res)).code).toBe("NOT_FOUND");
  });

  it("never offers an agent a duplicate it may not read", async () => {
    const hidden = await createArticleViaApi(ctx, { title: "SSO certificate renewed", ...fix, state: "validated" });
    await ctx.req("POST", `/v1/articles/${hidden.id}/state`, { state: "archived" }, "expert");
    const visible = await createArticleViaApi(ctx, { title: "SSO certificate renewed", problem: "Login loops after renewal.", ...fix, state: "published" });
    const { escalationId } = await insertEscalation(ctx, { subject: "SSO certificate renewed, login loops" });
    const body = await readJson(await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, fix, "agent"), ResolveResultSchema);
    const ids = body.possibleDuplicates.map((d) => d.articleId);
    expect(ids).toEqual([visible.id]);
  });
});

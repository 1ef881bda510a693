import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { type OpenApiDoc, present } from "../support/api.js";
import { createTestContext, json, type TestContext } from "../support/context.js";

describe("POST /v1/embeddings — access", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  beforeEach(async () => ctx.reset());
  afterAll(async () => ctx.close());

  it("every role: closed to the anonymous portal (401), open to agents and up", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template === "/v1/embeddings")).toEqual([]);
  });

  it("an invalid key is anonymous: 401", async () => {
    const bad = await ctx.req("POST", "/v1/embeddings", { input: "a" }, undefined, { authorization: "Bearer dfl_agent_nope" });
    expect(bad.status).toBe(401);
  });

  it("serves agent, expert and admin keys", async () => {
    for (const role of ["agent", "expert", "admin"] as const) {
      expect((await ctx.req("POST", "/v1/embeddings", { input: "a" }, role)).status).toBe(200);
    }
  });

  it("is documented as agent-and-up in the OpenAPI spec", async () => {
    const spec = await json<OpenApiDoc>(await ctx.req("GET", "/openapi.json"));
    const op = present(spec.paths["/v1/embeddings"]?.post, "POST /v1/embeddings");
    expect(op["x-roles"]).toEqual(["agent", "expert", "admin"]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "409", "503"]));
  });
});

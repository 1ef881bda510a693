import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { readProblem } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ config: { BODY_LIMIT_BYTES: "2048" } });
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("problem+json for bad requests", () => {
  it("answers an unknown route with ROUTE_NOT_FOUND", async () => {
    const res = await ctx.req("GET", "/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await readProblem(res);
    expect(body).toMatchObject({ code: "ROUTE_NOT_FOUND", status: 404 });
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("rejects an invalid API key with 401 even on public routes", async () => {
    const res = await ctx.req("GET", "/health", undefined, undefined, { authorization: "Bearer not-a-key" });
    expect(res.status).toBe(401);
    expect((await readProblem(res)).code).toBe("UNAUTHENTICATED");
  });

  it("rejects a non-JSON body with UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await ctx.req("POST", "/v1/anything", "a=b", "agent", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
    expect((await readProblem(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("rejects a body over the limit with PAYLOAD_TOO_LARGE", async () => {
    const res = await ctx.req("POST", "/v1/anything", JSON.stringify({ text: "x".repeat(5000) }), "agent");
    expect(res.status).toBe(413);
    expect((await readProblem(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAuthMatrix, routeTable } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  // Every portal request of the matrix comes from one address: the portal limit must not answer first.
  ctx = await createTestContext({ config: { PORTAL_RATE_LIMIT_PER_MINUTE: "100000" } });
});
afterAll(async () => ctx.close());

describe("the auth matrix: every role on every route of /openapi.json", () => {
  it("names the roles of every operation", async () => {
    const routes = await routeTable(ctx);
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.find((r) => r.method === "POST" && r.template === "/v1/keys")?.roles).toEqual(["admin"]);
    expect(routes.find((r) => r.method === "GET" && r.template === "/health")?.roles).toContain("portal");
  });

  it("refuses every role a route does not list (401 without a key, 403 naming the allowed roles) and lets the listed ones through", async () => {
    expect(await checkAuthMatrix(ctx)).toEqual([]);
  });
});

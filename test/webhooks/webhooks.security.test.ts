import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookSubscriptions } from "../../src/db/schema/index.js";
import { checkAuthMatrix } from "../support/auth-matrix.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("webhook access", () => {
  it("every role on the webhook routes: admin only (secrets and delivery logs are not for agents or experts)", async () => {
    expect(await checkAuthMatrix(ctx, (r) => r.template.startsWith("/v1/webhooks"))).toEqual([]);
  });

  it("a refused subscription with a valid body writes nothing", async () => {
    const body = { url: "https://example.com/x", events: ["article.published"] };
    expect((await ctx.req("POST", "/v1/webhooks", body, "expert")).status).toBe(403);
    expect((await ctx.req("POST", "/v1/webhooks", body)).status).toBe(401);
    expect(await ctx.database.db.select().from(webhookSubscriptions)).toEqual([]);
  });
});

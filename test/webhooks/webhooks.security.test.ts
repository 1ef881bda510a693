import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookSubscriptions } from "../../src/db/schema/index.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("webhook access", () => {
  it("is admin only: secrets and delivery logs are not for agents or experts", async () => {
    const body = { url: "https://example.com/x", events: ["article.published"] };
    expect((await ctx.req("POST", "/v1/webhooks", body, "expert")).status).toBe(403);
    expect((await ctx.req("GET", "/v1/webhooks", undefined, "agent")).status).toBe(403);
    expect((await ctx.req("GET", "/v1/webhooks/wh_x/deliveries", undefined, "expert")).status).toBe(403);
    expect((await ctx.req("DELETE", "/v1/webhooks/wh_x", undefined, "agent")).status).toBe(403);
    expect((await ctx.req("GET", "/v1/webhooks")).status).toBe(401);
    expect(await ctx.database.db.select().from(webhookSubscriptions)).toEqual([]);
  });
});

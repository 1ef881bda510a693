import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadSampleDataIfEmpty } from "../../src/imports/sample.js";
import { backend, createTestContext, type TestContext } from "../support/context.js";
import { readJson } from "../support/api.js";
import { ArticleListSchema } from "../../src/articles/articles.schemas.js";
import { TicketSubmittedSchema } from "../../src/tickets/tickets.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

describe("SAMPLE_DATA=auto on start", () => {
  it.runIf(backend === "pglite")("fills an empty embedded knowledge base once, published, so a ticket is answered", async () => {
    expect(await loadSampleDataIfEmpty(ctx.deps)).toBe(15);
    expect(await loadSampleDataIfEmpty(ctx.deps)).toBe(0);
    const list = await readJson(await ctx.req("GET", "/v1/articles?state=published&limit=50", undefined, "agent"), ArticleListSchema);
    expect(list.items).toHaveLength(15);
    const verdict = await readJson(
      await ctx.req(
        "POST",
        "/v1/tickets",
        { channel: "api", subject: "Cannot clock in", body: "The clock-in button is greyed out in the mobile app, so I cannot clock in for my shift." },
        "agent",
      ),
      TicketSubmittedSchema,
    );
    expect(verdict.verdict?.decision).toBe("answer");
    expect(verdict.verdict?.matches[0]?.title).toMatch(/clock-in button/i);
  });

  it("leaves a knowledge base that has articles alone, and never loads into a Postgres server", async () => {
    const created = await ctx.req("POST", "/v1/articles", { title: "Own article", problem: "Something breaks", resolution: "Fix it", language: "en" }, "expert");
    expect(created.status).toBe(201);
    expect(await loadSampleDataIfEmpty(ctx.deps)).toBe(0);
    await ctx.reset();
    const off = { ...ctx.deps, config: { ...ctx.deps.config, SAMPLE_DATA: "off" as const } };
    expect(await loadSampleDataIfEmpty(off)).toBe(0);
    if (backend === "postgres") expect(await loadSampleDataIfEmpty(ctx.deps)).toBe(0);
  });
});

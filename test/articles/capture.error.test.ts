import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { escalations } from "../../src/db/schema/index.js";
import { EmbedderUnavailableError } from "../../src/errors.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { createArticleViaApi, insertEscalation, subscribeAll, writeCounts } from "./helpers.js";
import { readJson, readProblem } from "../support/api.js";
import { ResolveResultSchema } from "../../src/articles/capture.schemas.js";
import { ArticleSchema } from "../../src/articles/articles.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.reset();
  await subscribeAll(ctx);
});

const fix = { rootCause: "The mail relay drops messages over 10 MB.", resolution: "1. Raise the relay limit.\n2. Resend.", visibility: "internal" };

async function rejected(escalationId: string, body: unknown, status: number, code: string) {
  const before = await writeCounts(ctx);
  const res = await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, body, "expert");
  expect(res.status, await res.clone().text()).toBe(status);
  const problem = await readProblem(res);
  expect(problem.code).toBe(code);
  expect(await writeCounts(ctx)).toEqual(before);
  return problem;
}

async function articleCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from articles`);
  return Number(row?.n);
}

describe("capture: refused requests write nothing", () => {
  it("answers 404 for an unknown escalation", async () => {
    await rejected("esc_01jq3v7x4bf9stq0v9d0m9n1ke", fix, 404, "NOT_FOUND");
  });

  it("answers 409 ALREADY_RESOLVED on a second resolve, keeping the one article", async () => {
    const { escalationId } = await insertEscalation(ctx);
    const first = await readJson(await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, fix, "expert"), ResolveResultSchema);
    const problem = await rejected(escalationId, fix, 409, "ALREADY_RESOLVED");
    expect(problem.resolutionArticleId).toBe(first.article.id);
    expect(await articleCount()).toBe(1);
  });

  it("two concurrent resolves produce exactly one article and one 409", async () => {
    const { escalationId } = await insertEscalation(ctx);
    await ctx.auth("expert");
    await ctx.auth("admin");
    const [a, b] = await Promise.all([
      ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, fix, "expert"),
      ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, { ...fix, title: "Second" }, "admin"),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await readProblem(loser)).code).toBe("ALREADY_RESOLVED");
    expect(await articleCount()).toBe(1);
    const events = await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from escalation_events where kind = 'resolved'`);
    expect(events[0]?.n).toBe(1);
  });

  it("names missing, empty and oversized fields", async () => {
    const { escalationId } = await insertEscalation(ctx);
    const missing = await rejected(escalationId, { resolution: fix.resolution }, 400, "VALIDATION_FAILED");
    expect(missing.errors?.map((e: { field: string }) => e.field).sort()).toEqual(["rootCause", "visibility"]);
    const empty = await rejected(escalationId, { ...fix, resolution: "  " }, 400, "VALIDATION_FAILED");
    expect(empty.errors?.map((e: { field: string }) => e.field)).toEqual(["resolution"]);
    const huge = await rejected(escalationId, { ...fix, rootCause: "y".repeat(100 * 1024) }, 400, "VALIDATION_FAILED");
    expect(huge.errors?.map((e: { field: string }) => e.field)).toEqual(["rootCause"]);
    const mixed = await rejected(escalationId, { linkArticleId: "art_01jq3v7x4bf9stq0v9d0m9n1ke", rootCause: "x" }, 400, "VALIDATION_FAILED");
    expect(mixed.errors?.[0]?.field).toBe("rootCause");
  });

  it("refuses linking an unknown or archived article and leaves the escalation open", async () => {
    const { escalationId } = await insertEscalation(ctx);
    await rejected(escalationId, { linkArticleId: "art_01jq3v7x4bf9stq0v9d0m9n1ke" }, 404, "NOT_FOUND");
    const old = await createArticleViaApi(ctx);
    await ctx.req("POST", `/v1/articles/${old.id}/state`, { state: "archived" }, "expert");
    await rejected(escalationId, { linkArticleId: old.id }, 409, "CONFLICT");
    const [esc] = await ctx.database.db.select().from(escalations).where(eq(escalations.id, escalationId));
    expect(esc?.status).toBe("open");
  });

  it("rolls the whole capture back when its last step fails", async () => {
    // The escalation.resolved outbox row is written last, after the article, its version, vector
    // and audit, the escalation and ticket updates; make the outbox's clock read throw.
    const clock = ctx.deps.clock;
    const now = clock.now.bind(clock);
    let thrown = 0;
    clock.now = () => {
      if (new Error().stack?.includes("webhooks/outbox")) {
        thrown++;
        throw new Error("crash at the last step");
      }
      return now();
    };
    const { escalationId } = await insertEscalation(ctx);
    try {
      await rejected(escalationId, fix, 500, "INTERNAL");
    } finally {
      clock.now = now;
    }
    expect(thrown).toBe(1);
    const [esc] = await ctx.database.db.select().from(escalations).where(eq(escalations.id, escalationId));
    expect(esc).toMatchObject({ status: "open", resolutionArticleId: null });
    expect(await articleCount()).toBe(0);
    expect((await ctx.req("POST", `/v1/escalations/${escalationId}/resolve`, fix, "expert")).status).toBe(201);
  });

  it("rolls an edit back when re-indexing fails, leaving the article as it was", async () => {
    const article = await createArticleViaApi(ctx);
    const embedder = ctx.deps.embedder;
    const original = embedder.embedPassages.bind(embedder);
    embedder.embedPassages = async () => {
      throw new EmbedderUnavailableError("model went away");
    };
    try {
      const before = await writeCounts(ctx);
      const res = await ctx.req("PATCH", `/v1/articles/${article.id}`, { title: "Changed" }, "expert");
      expect(res.status).toBe(503);
      expect((await readProblem(res)).code).toBe("EMBEDDER_UNAVAILABLE");
      expect(await writeCounts(ctx)).toEqual(before);
    } finally {
      embedder.embedPassages = original;
    }
    const still = await readJson(await ctx.req("GET", `/v1/articles/${article.id}`, undefined, "expert"), ArticleSchema);
    expect(still).toMatchObject({ title: article.title, version: 1 });
  });
});

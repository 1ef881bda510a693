import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { articleBody, createArticleViaApi, writeCounts } from "./helpers.js";
import { readProblem } from "../support/api.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

const huge = "x".repeat(100 * 1024);

/** Sends a request that must be refused, and checks the code and that no row was written. */
async function expectRejected(method: string, path: string, body: unknown, status: number, code: string) {
  const before = await writeCounts(ctx);
  const res = await ctx.req(method, path, body, "expert");
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const problem = await readProblem(res);
  expect(problem.code).toBe(code);
  expect(await writeCounts(ctx)).toEqual(before);
  return problem;
}

describe("articles: unknown ids", () => {
  it("answers 404 NOT_FOUND for an unknown article on every route", async () => {
    const id = "art_01jq3v7x4bf9stq0v9d0m9n1ke";
    for (const [method, path, body] of [
      ["GET", `/v1/articles/${id}`, undefined],
      ["PATCH", `/v1/articles/${id}`, { title: "New" }],
      ["POST", `/v1/articles/${id}/state`, { state: "published" }],
      ["GET", `/v1/articles/${id}/versions`, undefined],
    ] as const) {
      await expectRejected(method, path, body, 404, "NOT_FOUND");
    }
    const a = await createArticleViaApi(ctx);
    await expectRejected("GET", `/v1/articles/${a.id}/versions/7`, undefined, 404, "NOT_FOUND");
  });
});

describe("articles: bad fields", () => {
  it.each(["title", "problem", "resolution"])("refuses an empty or blank %s, naming the field", async (field) => {
    for (const value of ["", "   \n "]) {
      const problem = await expectRejected("POST", "/v1/articles", articleBody({ [field]: value }), 400, "VALIDATION_FAILED");
      expect(problem.errors?.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  it.each(["problem", "rootCause", "resolution", "title"])("refuses a 100 kB %s on create and on update", async (field) => {
    const p1 = await expectRejected("POST", "/v1/articles", articleBody({ [field]: huge }), 400, "VALIDATION_FAILED");
    expect(p1.errors?.map((e: { field: string }) => e.field)).toEqual([field]);
    const a = await createArticleViaApi(ctx);
    const p2 = await expectRejected("PATCH", `/v1/articles/${a.id}`, { [field]: huge }, 400, "VALIDATION_FAILED");
    expect(p2.errors?.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it("refuses unknown languages, too many or too long tags, unknown fields and an empty patch", async () => {
    const lang = await expectRejected("POST", "/v1/articles", articleBody({ language: "xx" }), 400, "VALIDATION_FAILED");
    expect(lang.errors?.[0]?.field).toBe("language");
    const many = await expectRejected("POST", "/v1/articles", articleBody({ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }), 400, "VALIDATION_FAILED");
    expect(many.errors?.[0]?.field).toBe("tags");
    const long = await expectRejected("POST", "/v1/articles", articleBody({ tags: ["ok", "y".repeat(65)] }), 400, "VALIDATION_FAILED");
    expect(long.errors?.[0]?.field).toBe("tags.1");
    const typo = await expectRejected("POST", "/v1/articles", articleBody({ rootcause: "typo" }), 400, "VALIDATION_FAILED");
    expect(typo.detail).toContain("rootcause");
    const a = await createArticleViaApi(ctx);
    await expectRejected("PATCH", `/v1/articles/${a.id}`, { note: "nothing else" }, 400, "VALIDATION_FAILED");
    await expectRejected("POST", "/v1/articles", articleBody({ state: "archived" }), 400, "VALIDATION_FAILED");
  });

  it("refuses a cursor it did not issue and a limit above 100", async () => {
    const bad = await expectRejected("GET", "/v1/articles?cursor=bm90LWEtY3Vyc29y", undefined, 400, "VALIDATION_FAILED");
    expect(bad.errors?.[0]?.field).toBe("cursor");
    const limit = await expectRejected("GET", "/v1/articles?limit=101", undefined, 400, "VALIDATION_FAILED");
    expect(limit.errors?.[0]?.field).toBe("limit");
  });
});

describe("articles: conflicts", () => {
  it("refuses an edit whose expectedVersion is stale with 409 CONFLICT", async () => {
    const a = await createArticleViaApi(ctx);
    await ctx.req("PATCH", `/v1/articles/${a.id}`, { title: "Someone else's edit" }, "expert");
    const problem = await expectRejected("PATCH", `/v1/articles/${a.id}`, { title: "Mine", expectedVersion: 1 }, 409, "CONFLICT");
    expect(problem).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
    await expectRejected("POST", `/v1/articles/${a.id}/state`, { state: "published", expectedVersion: 1 }, 409, "CONFLICT");
  });

  it("refuses invalid transitions with 409 and the allowed targets", async () => {
    const a = await createArticleViaApi(ctx);
    const same = await expectRejected("POST", `/v1/articles/${a.id}/state`, { state: "draft" }, 409, "INVALID_STATE_TRANSITION");
    expect(same).toMatchObject({ from: "draft", to: "draft", allowed: ["validated", "published", "archived"] });
    await ctx.req("POST", `/v1/articles/${a.id}/state`, { state: "published" }, "expert");
    const back = await expectRejected("POST", `/v1/articles/${a.id}/state`, { state: "draft" }, 409, "INVALID_STATE_TRANSITION");
    expect(back.allowed).toEqual(["validated", "archived"]);
    await ctx.req("POST", `/v1/articles/${a.id}/state`, { state: "archived" }, "expert");
    const noReopen = await expectRejected("POST", `/v1/articles/${a.id}/state`, { state: "draft" }, 409, "INVALID_STATE_TRANSITION");
    expect(noReopen).toMatchObject({ from: "archived", allowed: ["draft"], requires: "reopen" });
    const toPublished = await expectRejected("POST", `/v1/articles/${a.id}/state`, { state: "published" }, 409, "INVALID_STATE_TRANSITION");
    expect(toPublished.allowed).toEqual(["draft"]);
    await expectRejected("POST", `/v1/articles/${a.id}/state`, { state: "published", reopen: true }, 400, "VALIDATION_FAILED");
  });
});

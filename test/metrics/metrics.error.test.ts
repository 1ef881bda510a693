import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/context.js";
import { readJson, readProblem } from "../support/api.js";
import { MetricsSchema } from "../../src/metrics/metrics.schemas.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());
beforeEach(async () => ctx.reset());

async function problem(path: string, role: "agent" | "expert" = "agent") {
  const res = await ctx.req("GET", path, undefined, role);
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = await readProblem(res);
  expect(body.code).toBe("VALIDATION_FAILED");
  return body.errors?.map((e: { field: string }) => e.field);
}

describe("GET /v1/metrics rejects bad parameters with VALIDATION_FAILED", () => {
  it("unknown time zone (checked against pg_timezone_names)", async () => {
    expect(await problem("/v1/metrics?tz=Europe/Atlantis")).toEqual(["tz"]);
    expect(await problem("/v1/metrics?tz=CET%27;drop")).toEqual(["tz"]);
  });
  it("from not before to", async () => {
    expect(await problem("/v1/metrics?from=2026-03-02&to=2026-03-02")).toEqual(["from"]);
    expect(await problem("/v1/metrics?from=2026-03-05T00:00:00Z&to=2026-03-02T00:00:00Z")).toEqual(["from"]);
  });
  it("a range longer than two years of days (weeks may span ten years)", async () => {
    expect(await problem("/v1/metrics?from=2023-01-01&to=2026-01-01&bucket=day")).toEqual(["to"]);
    const weeks = await ctx.req("GET", "/v1/metrics?from=2023-01-01&to=2026-01-01&bucket=week", undefined, "agent");
    expect(weeks.status).toBe(200);
    expect((await readJson(weeks, MetricsSchema)).buckets.length).toBe(158);
  });
  it("malformed dates, buckets, groups and windows", async () => {
    expect(await problem("/v1/metrics?from=yesterday")).toContain("from");
    expect(await problem("/v1/metrics?bucket=hour")).toContain("bucket");
    expect(await problem("/v1/metrics?groupBy=customer")).toContain("groupBy");
    expect(await problem("/v1/metrics?window=-1")).toContain("window");
  });
});

describe("insights reject bad parameters", () => {
  it("impact: bad cursor and sort", async () => {
    expect(await problem("/v1/insights/articles?cursor=nonsense")).toEqual(["cursor"]);
    expect(await problem("/v1/insights/articles?sort=newest")).toContain("sort");
    expect(await problem("/v1/insights/articles?limit=0")).toContain("limit");
  });
  it("gaps: range and sizes", async () => {
    expect(await problem("/v1/insights/gaps?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z", "expert")).toEqual(["from"]);
    expect(await problem("/v1/insights/gaps?from=2024-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "expert")).toEqual(["to"]);
    expect(await problem("/v1/insights/gaps?minSize=0", "expert")).toContain("minSize");
    expect(await problem("/v1/insights/gaps?minSimilarity=2", "expert")).toContain("minSimilarity");
  });
});

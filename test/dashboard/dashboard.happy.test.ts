import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe("dashboard page and assets", () => {
  it("serves the shell and its own script and stylesheet", async () => {
    const page = await ctx.req("GET", "/dashboard");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    for (const asset of ["/assets/dashboard.js", "/assets/dashboard.css", "/assets/chart.umd.js"]) expect(html).toContain(asset);
    const js = await ctx.req("GET", "/assets/dashboard.js");
    expect(js.headers.get("content-type")).toContain("text/javascript");
    const script = await js.text();
    expect(script).toContain("/v1/metrics?");
    expect(script).toContain("sessionStorage");
    expect(() => new Function(script)).not.toThrow();
    const css = await ctx.req("GET", "/assets/dashboard.css");
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  it("serves Chart.js from the installed package on Node", async () => {
    const res = await ctx.req("GET", "/assets/chart.umd.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/javascript");
    const body = await res.text();
    expect(body.length).toBeGreaterThan(100_000);
    expect(body).toContain("Chart.js v4");
  });

  it("answers 404 problem+json for Chart.js on Workers, where there is no file system", async () => {
    const app = createApp({ ...ctx.deps, runtime: "workers" });
    const res = await app.request("/assets/chart.umd.js");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await res.json()).code).toBe("NOT_FOUND");
  });
});

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, skipWithoutChromium } from "../support/chromium.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { startServer, type StartedServer } from "../support/socket.js";

let ctx: TestContext;
let server: StartedServer;
let browser: Browser;

describe.skipIf(skipWithoutChromium("docs"))("API reference in headless Chromium", () => {
  beforeAll(async () => {
    ctx = await createTestContext();
    server = await startServer(ctx);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  it("renders the operations from /openapi.json under the app's CSP, asking no other host for anything", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${server.base}/docs`);
    const operation = page.locator(".opblock-summary", { hasText: "/v1/tickets" }).filter({ has: page.locator(".opblock-summary-method", { hasText: "POST" }) });
    await operation.first().waitFor({ timeout: 30_000 });
    expect(await page.locator(".opblock").count()).toBeGreaterThan(40);
    expect(await page.locator(".swagger-ui .info .title").textContent()).toContain("Deflect API");
    await page.screenshot({ path: "/tmp/docs.png" });

    // Opening an operation renders its schemas and examples (more of Swagger UI's code runs).
    await operation.first().click();
    await page.locator(".opblock.is-open .responses-wrapper").first().waitFor();

    const origins = new Set(requested.filter((u) => !u.startsWith("data:")).map((u) => new URL(u).origin));
    expect([...origins]).toEqual([server.base]);
    expect(requested.map((u) => new URL(u).pathname)).toContain("/openapi.json");
    expect(problems).toEqual([]);
  });
});

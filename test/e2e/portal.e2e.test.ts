import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { launchChromium, skipWithoutChromium } from "../support/chromium.js";
import { createTestContext, type TestContext } from "../support/context.js";
import { HIDDEN_MARKERS, seedPortalArticles, type PortalFixture } from "../portal/fixtures.js";

let ctx: TestContext;
let server: ServerType;
let base: string;
let browser: Browser;
let fixture: PortalFixture;

describe.skipIf(skipWithoutChromium("portal"))("portal in headless Chromium", () => {
  beforeAll(async () => {
    ctx = await createTestContext();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: ctx.app.fetch, port: 0, hostname: "127.0.0.1", overrideGlobalObjects: false }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(() => r(undefined)));
    await ctx?.close();
  });
  beforeEach(async () => {
    await ctx.reset();
    fixture = await seedPortalArticles(ctx);
  });

  async function openPortal(locale = "en-US"): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${base}/portal`);
    return { page, errors };
  }

  it('search, open, "didn\'t help" → the ticket reference is shown', async () => {
    const { page, errors } = await openPortal();
    await page.getByLabel("Describe your problem").fill("password reset email does not arrive");
    const first = page.locator("a.result").first();
    await expect.poll(() => first.textContent()).toContain("Password reset email never arrives");
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/matching fix/);
    const body = await page.content();
    for (const m of HIDDEN_MARKERS) expect(body).not.toContain(m);
    await page.screenshot({ path: "/tmp/portal.png", fullPage: true });

    await first.click();
    await page.getByRole("heading", { name: "Password reset email never arrives" }).waitFor();
    expect(await page.locator("#view-article").textContent()).toContain("spam folder");
    await page.screenshot({ path: "/tmp/portal-article.png", fullPage: true });
    await page.getByRole("button", { name: "No, I still need help" }).click();
    await page.getByLabel("Your message").waitFor();
    expect(await page.getByLabel("Your message").inputValue()).toBe("password reset email does not arrive");
    await page.getByLabel("Email (optional, so we can reply)").fill("jane@example.com");
    await page.getByRole("button", { name: "Send" }).click();
    const reference = page.locator("#reference");
    await reference.waitFor();
    const ref = (await reference.textContent()) ?? "";
    expect(ref).toMatch(/^DF-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    // The customer is told who has the case and by when, with the reference (the service's handover message).
    const told = (await page.locator("#view-done p").first().textContent()) ?? "";
    expect(told).toContain(ref);
    expect(told).toMatch(/specialist|supervisor/);
    await page.screenshot({ path: "/tmp/portal-ticket.png", fullPage: true });
    // The agent finds the ticket by what the customer reads out, typed in lower case without hyphens.
    const escalated = await ctx.req("GET", `/v1/tickets/${ref.replace(/-/g, "").toLowerCase()}`, undefined, "agent");
    expect(escalated.status).toBe(200);
    expect((await escalated.json()) as { ticket: { status: string; channel: string; customerRef: string } }).toMatchObject({
      ticket: { status: "escalated", channel: "portal", customerRef: "jane@example.com", reference: ref },
    });
    expect(errors, errors.join("; ")).toEqual([]);
  });

  it("works with the keyboard alone, and switches language without reloading", async () => {
    const { page, errors } = await openPortal("cs-CZ");
    expect(await page.locator("h1").textContent()).toBe("Jak vám můžeme pomoci?");
    await page.keyboard.press("Tab"); // skip link
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.keyboard.type("invoice pdf download", { delay: 20 });
    await page.locator("a.result").first().waitFor();
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(fixture.otherPublicId);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Invoice PDF download fails" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
    // From the focused heading, Shift+Tab reaches the back link and Tab the "Yes" button.
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("back");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Ano, vyřešilo");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).toBe("solid"); // visible focus
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Jsme rádi, že to pomohlo!" }).waitFor();

    const feedback = await queryRows<{ outcome: string; source: string; article_id: string }>(ctx.database.db, sql`select outcome, source, article_id from feedback_events`);
    expect(feedback).toEqual([{ outcome: "resolved", source: "portal", article_id: fixture.otherPublicId }]);

    await page.getByRole("link", { name: "Suomi" }).click();
    expect(await page.locator("h1").textContent()).toBe("Miten voimme auttaa?");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("Hienoa, että se auttoi!");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fi");
    expect(errors, errors.join("; ")).toEqual([]);
  });
});

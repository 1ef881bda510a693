import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../src/embeddings/hashing.js";
import { addArticle, addEscalation, addFeedback, addTicket, HOUR, MIN } from "../metrics/fixtures.js";
import { launchChromium, skipWithoutChromium } from "../support/chromium.js";
import { putSetting } from "../../src/settings/settings.queries.js";
import { CALIBRATION_KEY, type CalibrationReport } from "../../src/deflection/calibration.schemas.js";
import { relevanceFloor, riskControl, riskCurve } from "../../src/deflection/self-calibration.js";
import { createTestContext, type TestContext } from "../support/context.js";

let ctx: TestContext;
let server: ServerType;
let base: string;
let browser: Browser;

/** A stored verdict rating the customer annoyed (1) or angry (2). */
const frustrated = (level: 1 | 2) => ({ decision: "suggest", signals: [], frustration: { level, label: level === 1 ? "annoyed" : "angry", evidence: [], priorContacts: 0 } });

/** Thirty days of traffic ending now: trends, reused and failing articles, and two gap topics. */
async function seed() {
  const now = Date.now();
  ctx.clock.set(new Date(now));
  const good = await addArticle(ctx, { title: "Reset a forgotten password" });
  const weak = await addArticle(ctx, { title: "Change the invoice VAT number" });
  const emb = new HashingEmbedder(ctx.deps.embedder.dims);
  const gaps = [
    "Export to CSV crashes the mobile app",
    "The mobile app crashes when I export CSV",
    "CSV export crash on Android app",
    "Two-factor code SMS never arrives",
    "I do not get the two-factor SMS code",
    "No SMS with my two factor login code",
  ];
  for (let day = 29; day >= 0; day--) {
    const n = 6 + ((day * 7) % 5);
    for (let i = 0; i < n; i++) {
      const created = new Date(now - day * 24 * HOUR - i * 47 * MIN - HOUR);
      const kind = (day + i) % 5;
      if (kind === 0) {
        const text = gaps[(day + i) % gaps.length] as string;
        const angry = i % 4 === 0;
        const id = await addTicket(ctx, {
          createdAt: created,
          decision: "escalate",
          cleanText: text,
          subject: text,
          embedderId: ctx.deps.embedder.id,
          embedding: emb.embedOne(text),
          language: i % 2 ? "en" : "de",
          ...(angry ? { verdict: frustrated(2) } : {}),
        });
        await addEscalation(ctx, id, {
          createdAt: created,
          ...(angry ? { type: "hierarchical" as const, cause: "customer_demand" as const } : i % 3 === 1 ? { cause: "authorisation" as const } : {}),
          acknowledgedAt: new Date(created.getTime() + (20 + i * 9) * MIN),
          resolvedAt: new Date(created.getTime() + (3 + i) * HOUR),
          ...(i % 3 === 0 ? { breachedAt: new Date(created.getTime() + 2 * HOUR) } : {}),
        });
      } else {
        const article = kind === 4 ? weak : good;
        const id = await addTicket(ctx, {
          createdAt: created,
          decision: kind === 3 ? "suggest" : "answer",
          topArticleId: article,
          firstResponseAt: new Date(created.getTime() + (kind === 3 ? 25 * MIN : 4000)),
          ...(kind === 4 && i % 2 === 0 ? { reopenedAt: new Date(created.getTime() + 5 * HOUR), verdict: frustrated(2) } : {}),
          ...(kind === 2 ? { verdict: frustrated(1), language: i % 2 ? "cs" : "en" } : {}),
        });
        if (kind === 1) await addFeedback(ctx, id, article, "resolved", new Date(created.getTime() + HOUR));
        if (kind === 4) await addFeedback(ctx, id, article, "not_resolved", new Date(created.getTime() + HOUR));
      }
    }
  }
}

/** A self-calibration report as the service stores it, from a made-up scored stream (a third wrong below confidence 0.5, none above). */
function calibrationReport(): CalibrationReport {
  const scored = Array.from({ length: 400 }, (_, i) => ({
    confidence: i / 400,
    label: (i < 200 && i % 3 === 0 ? 0 : 1) as 0 | 1,
    weight: 1,
    answerable: !(i < 200 && i % 3 === 0),
  }));
  const curve = riskCurve(scored, 0.2);
  const choice = riskControl(curve, 0.05, 0.2);
  return {
    target: 0.05,
    delta: 0.2,
    threshold: choice.threshold,
    predictedWrongAnswerRate: choice.predictedWrongAnswerRate,
    riskBound: choice.riskBound,
    predictedCoverage: choice.predictedCoverage,
    reached: choice.reached,
    relevanceFloor: relevanceFloor(curve, choice, []),
    curve,
    offTopicConfidences: [0.1, 0.2],
    fittedOn: { articles: 40, queriedArticles: 40, rounds: 10, positives: 300, nearMisses: 300, offTopic: 60, history: 0, unanswerableShare: 0.35 },
    fittedAt: new Date().toISOString(),
    embedderId: "hashing:v1:w1+c3-5:384",
    durationMs: 1000,
    method: "self-calibration",
  };
}

describe.skipIf(skipWithoutChromium("dashboard"))("dashboard in headless Chromium", () => {
  beforeAll(async () => {
    ctx = await createTestContext();
    await seed();
    await putSetting(ctx.database.db, CALIBRATION_KEY, calibrationReport(), "test");
    server = serve({ fetch: ctx.app.fetch, hostname: "127.0.0.1", port: 0, overrideGlobalObjects: false });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await ctx?.close();
  });

  it("asks for a key, then draws both charts, the gaps and the article tables without console errors", async () => {
    const key = ((await ctx.auth("expert")).authorization ?? "").replace("Bearer ", "");
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector("body[data-state=login]");
    await page.fill("#key", key);
    await page.click("#login-form button");
    await page.waitForSelector("body[data-state=ready]", { timeout: 30_000 });

    const drawn = await page.evaluate(() => {
      const w = window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: { data: unknown[] }[] } } | undefined } };
      return ["chart-escalation", "chart-deflection"].map((id) => {
        const canvas = document.getElementById(id) as HTMLCanvasElement;
        const chart = w.Chart.getChart(canvas);
        const px = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < px.length; i += 4) if ((px[i] as number) > 0) inked++;
        return { points: chart?.data.datasets.reduce((n, d) => n + d.data.filter((v) => v !== null).length, 0) ?? 0, inked, width: canvas.width };
      });
    });
    for (const c of drawn) {
      expect(c.points).toBeGreaterThan(20);
      expect(c.width).toBeGreaterThan(200);
      expect(c.inked).toBeGreaterThan(2000);
    }
    // Why tickets escalate: stacked by cause (one dataset per cause present), then by team and agent.
    const causes = await page.evaluate(() => {
      const w = window as unknown as {
        Chart: {
          getChart(c: HTMLCanvasElement): { config: { options: { scales: { y: { stacked: boolean } } } }; data: { datasets: { label: string; data: number[] }[] } } | undefined;
        };
      };
      const chart = w.Chart.getChart(document.getElementById("chart-causes") as HTMLCanvasElement);
      return {
        labels: chart?.data.datasets.map((d) => d.label) ?? [],
        total: chart?.data.datasets.reduce((n, d) => n + d.data.reduce((a, b) => a + b, 0), 0) ?? 0,
        stacked: chart?.config.options.scales.y.stacked,
      };
    });
    expect(causes.labels.map((l) => l.replace(/ \(\d+\)$/, "")).sort()).toEqual(["authorisation", "customer demand", "knowledge gap"]);
    expect(causes.stacked).toBe(true);
    const escalationCount = Number(/(\d+) escalations opened/.exec((await page.locator("#kpis").textContent()) ?? "")?.[1]);
    expect(causes.total).toBeGreaterThan(10);
    expect(causes.total).toBe(escalationCount);
    expect(await page.locator("#causes table").count()).toBe(2);
    expect(await page.locator("#causes table").nth(1).textContent()).toContain("Deflect (automatic)");
    expect(await page.locator("#gaps tbody tr").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator("#top-articles tbody tr").count()).toBe(2);
    expect(await page.locator("#failing-articles tbody tr").first().textContent()).toContain("VAT");
    expect(await page.locator("#kpis .kpi").count()).toBe(9);
    // De-escalated sits beside the escalation rate: a rate, "N of M annoyed/angry customers kept at tier 1", a definition.
    const deesc = page.locator("#kpis .kpi").nth(3);
    expect(await deesc.locator(".label").textContent()).toBe("De-escalated");
    expect(await page.locator("#kpis .kpi").nth(2).locator(".label").textContent()).toBe("Escalation rate");
    const kept = /^(\d+) of (\d+) annoyed\/angry customers kept at tier 1$/.exec((await deesc.locator(".sub").textContent()) ?? "");
    expect(kept).not.toBeNull();
    expect(Number(kept?.[2])).toBeGreaterThan(Number(kept?.[1]));
    expect(Number(kept?.[1])).toBeGreaterThan(0);
    expect(await deesc.locator(".value").textContent()).toBe(`${((Number(kept?.[1]) / Number(kept?.[2])) * 100).toFixed(1)} %`);
    expect(await deesc.getAttribute("title")).toContain("annoyed or angry");
    expect(await page.locator("#deescalation table").count()).toBe(2);
    expect(await page.locator("#deescalation table").first().textContent()).toContain("cs");
    expect(await page.locator("#deescalation table").nth(1).textContent()).toContain("tier 1");
    // The card row adds up: tickets = answered + escalated + other, each card defined in a tooltip.
    const tickets = await page.locator("#kpis .kpi").first();
    const [total, parts] = [Number(await tickets.locator(".value").textContent()), (await tickets.locator(".sub").textContent()) ?? ""];
    const m = /^(\d+) answered \+ (\d+) escalated \+ (\d+) other$/.exec(parts);
    expect(m, parts).not.toBeNull();
    expect(Number(m?.[1]) + Number(m?.[2]) + Number(m?.[3])).toBe(total);
    for (const title of await page.locator("#kpis .kpi").evaluateAll((cards) => cards.map((c) => c.getAttribute("title") ?? ""))) expect(title.length).toBeGreaterThan(20);
    expect(await page.locator("#kpis").textContent()).toContain("Human first response");
    // Answer confidence: the stored curve drawn with its bound, the target and the live point, and what it was fitted on.
    const calibration = await page.evaluate(() => {
      const w = window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: { label: string; data: unknown[] }[] } } | undefined } };
      const chart = w.Chart.getChart(document.getElementById("chart-calibration") as HTMLCanvasElement);
      return chart?.data.datasets.map((d) => [d.label, d.data.length]) ?? [];
    });
    expect(calibration).toEqual([
      ["wrong answers (predicted)", 99],
      ["bound (80.0 % confidence)", 99],
      ["target", 2],
      ["live threshold", 1],
    ]);
    expect(await page.locator("#calibration").textContent()).toMatch(/Answer threshold 0\.\d+: .* wrong answers predicted .*Fitted .* on 40 articles/);
    await page.screenshot({ path: "/tmp/dashboard.png", fullPage: true });
    expect(problems).toEqual([]);
  });

  it("a fresh install says what will appear instead of drawing empty charts", async () => {
    const fresh = await createTestContext();
    const freshServer = serve({ fetch: fresh.app.fetch, hostname: "127.0.0.1", port: 0, overrideGlobalObjects: false });
    await new Promise<void>((resolve) => freshServer.once("listening", () => resolve()));
    try {
      const key = ((await fresh.auth("expert")).authorization ?? "").replace("Bearer ", "");
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(`http://127.0.0.1:${(freshServer.address() as AddressInfo).port}/dashboard`);
      await page.waitForSelector("body[data-state=login]");
      await page.fill("#key", key);
      await page.click("#login-form button");
      await page.waitForSelector("body[data-state=ready]", { timeout: 30_000 });
      for (const id of ["chart-escalation", "chart-deflection"]) {
        expect(await page.locator(`#${id}-empty`).textContent()).toBe("No tickets yet — tickets created through POST /v1/tickets or the portal appear here.");
        expect(await page.locator(`#${id}`).isHidden()).toBe(true);
      }
      expect(await page.locator("#kpis .kpi").first().locator(".sub").textContent()).toBe("0 answered + 0 escalated + 0 other");
      expect(await page.locator("#top-articles").textContent()).toContain("articles that answer tickets appear here");
      expect(await page.locator("#kpis .kpi").nth(3).locator(".sub").textContent()).toBe("0 of 0 annoyed/angry customers kept at tier 1");
      expect(await page.locator("#deescalation").textContent()).toContain("appear here by language and team");
      expect(await page.locator("#chart-causes-empty").textContent()).toContain("No escalations in this period — escalations appear here stacked by cause");
      expect(await page.locator("#chart-causes").isHidden()).toBe(true);
      expect(await page.locator("#chart-calibration-empty").textContent()).toContain("No self-calibration yet (too-small)");
      await page.screenshot({ path: "/tmp/dashboard-empty.png", fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await new Promise((resolve) => freshServer.close(resolve));
      await fresh.close();
    }
  });
});

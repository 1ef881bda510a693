import { z } from "@hono/zod-openapi";
import { BROWSER_ASSETS, serveAsset } from "../browser/assets.js";
import { DomainError } from "../errors.js";
import { EVERYONE } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute } from "../http/route.js";
import { dashboardHtml } from "./page.js";

const text = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });

const pageRoute = defineRoute({
  method: "get",
  path: "/dashboard",
  operationId: "getDashboard",
  tags: ["Dashboard"],
  summary: "Escalation-health dashboard (HTML shell; data comes from the keyed API)",
  description:
    "The page itself carries no data: it asks for an API key, keeps it in sessionStorage and calls /v1/metrics and /v1/insights/* with it, so loading the shell needs no key.",
  roles: EVERYONE,
  responses: { 200: text("text/html", "The dashboard page") },
});

/** One route per asset (exact paths, so other capabilities may serve their own /assets/*). */
const assetRoute = (name: "dashboard.js" | "dashboard.css" | "chart.umd.js", type: string) =>
  defineRoute({
    method: "get",
    path: `/assets/${name}`,
    operationId: `getAsset_${name.replace(/\W/g, "_")}`,
    tags: ["Dashboard"],
    summary: `Dashboard asset ${name}`,
    roles: EVERYONE,
    request: { query: z.object({ v: z.string().max(40).optional() }) },
    responses: { 200: text(type, "The asset"), ...(name === "chart.umd.js" ? {} : { 304: { description: "Not modified" } }) },
    ...(name === "chart.umd.js" ? { errors: { 404: "NOT_FOUND: Chart.js is not bundled on this runtime (Workers)" } } : {}),
  });

/** Loaded lazily and only on Node: the specifier is a variable so bundlers for Workers skip it. */
async function loadChartJs(runtime: string): Promise<string | undefined> {
  if (runtime !== "node") return undefined;
  const specifier = "./assets.node.js";
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as { readChartJs(): Promise<string> };
    return await mod.readChartJs();
  } catch {
    return undefined;
  }
}

const CACHE = "public, max-age=3600";

export function registerDashboardRoutes(app: App): void {
  app.openapi(pageRoute, (c) => {
    c.header("cache-control", "no-store");
    return c.html(dashboardHtml({ js: BROWSER_ASSETS.dashboardJs.hash, css: BROWSER_ASSETS.dashboardCss.hash, chart: c.var.deps.version })) as never;
  });
  app.openapi(assetRoute("dashboard.js", "text/javascript"), (c) => serveAsset(c, BROWSER_ASSETS.dashboardJs, c.req.valid("query").v) as never);
  app.openapi(assetRoute("dashboard.css", "text/css"), (c) => serveAsset(c, BROWSER_ASSETS.dashboardCss, c.req.valid("query").v) as never);
  app.openapi(assetRoute("chart.umd.js", "text/javascript"), async (c) => {
    const chart = await loadChartJs(c.var.deps.runtime);
    if (chart === undefined) throw new DomainError("NOT_FOUND", "Chart.js is not available on this runtime", { asset: "chart.umd.js" });
    return c.body(chart, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": CACHE }) as never;
  });
}

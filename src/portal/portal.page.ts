import { z } from "@hono/zod-openapi";
import { BROWSER_ASSETS, serveAsset } from "../browser/assets.js";
import { EVERYONE } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute } from "../http/route.js";
import { renderPortalPage } from "./portal.html.js";
import { negotiateLanguage } from "../browser/portal/strings.js";

const text = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });

const page = defineRoute({
  method: "get",
  path: "/portal",
  operationId: "getPortalPage",
  tags: ["Portal"],
  summary: "The self-service portal page (language from ?lang= or Accept-Language)",
  roles: EVERYONE,
  request: { query: z.object({ lang: z.string().max(10).optional(), q: z.string().max(500).optional() }) },
  responses: { 200: text("text/html", "The portal") },
});

const assetRoute = (path: "/portal/app.js" | "/portal/app.css", type: string, operationId: string) =>
  defineRoute({
    method: "get",
    path,
    operationId,
    tags: ["Portal"],
    summary: `Portal asset (cached; immutable when requested with ?v=<hash>)`,
    roles: EVERYONE,
    request: { query: z.object({ v: z.string().max(20).optional() }) },
    responses: { 200: text(type, "The asset"), 304: { description: "Not modified" } },
  });

export function registerPortalPageRoutes(app: App): void {
  app.openapi(page, (c) => {
    const { lang, source } = negotiateLanguage(c.req.valid("query").lang, c.req.header("accept-language"));
    c.header("cache-control", "no-cache");
    c.header("vary", "Accept-Language");
    c.header("content-language", lang);
    return c.html(renderPortalPage(lang, source, { js: BROWSER_ASSETS.portalJs.hash, css: BROWSER_ASSETS.portalCss.hash }), 200);
  });
  app.openapi(assetRoute("/portal/app.js", "text/javascript", "getPortalScript"), (c) => serveAsset(c, BROWSER_ASSETS.portalJs, c.req.valid("query").v));
  app.openapi(assetRoute("/portal/app.css", "text/css", "getPortalStyles"), (c) => serveAsset(c, BROWSER_ASSETS.portalCss, c.req.valid("query").v));
}

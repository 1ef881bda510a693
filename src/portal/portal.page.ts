import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { EVERYONE } from "../caller.js";
import type { App, AppEnv } from "../http/env.js";
import { defineRoute } from "../http/route.js";
import { type Asset, PORTAL_ASSETS } from "./portal.assets.js";
import { renderPortalPage } from "./portal.html.js";
import { negotiateLanguage } from "./portal.i18n.js";

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

/** Versioned URLs are immutable; unversioned ones revalidate every few minutes by ETag. */
function serveAsset(c: Context<AppEnv>, asset: Asset, version: string | undefined) {
  const etag = `"${asset.hash}"`;
  const cache = version === asset.hash ? "public, max-age=31536000, immutable" : "public, max-age=300, must-revalidate";
  c.header("cache-control", cache);
  c.header("etag", etag);
  if (c.req.header("if-none-match")?.split(",").some((t) => t.trim() === etag)) return c.body(null, 304);
  return c.body(asset.body, 200, { "content-type": asset.contentType });
}

export function registerPortalPageRoutes(app: App): void {
  app.openapi(page, (c) => {
    const { lang, source } = negotiateLanguage(c.req.valid("query").lang, c.req.header("accept-language"));
    c.header("cache-control", "no-cache");
    c.header("vary", "Accept-Language");
    c.header("content-language", lang);
    return c.html(renderPortalPage(lang, source, { js: PORTAL_ASSETS.js.hash, css: PORTAL_ASSETS.css.hash }), 200);
  });
  app.openapi(assetRoute("/portal/app.js", "text/javascript", "getPortalScript"), (c) =>
    serveAsset(c, PORTAL_ASSETS.js, c.req.valid("query").v),
  );
  app.openapi(assetRoute("/portal/app.css", "text/css", "getPortalStyles"), (c) =>
    serveAsset(c, PORTAL_ASSETS.css, c.req.valid("query").v),
  );
}

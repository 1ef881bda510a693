/**
 * Serving the bundled browser code (scripts/build-browser.mjs → generated/bundles.js) for the
 * portal and the dashboard alike. Server-side: this file is not part of the browser bundles.
 *
 * A page links each asset as `<path>?v=<hash>`: that URL is immutable, so a changed bundle is a
 * new URL; the bare path revalidates every few minutes by ETag.
 */
import type { Context } from "hono";
import { BUNDLES } from "./generated/bundles.js";

export interface Asset {
  body: string;
  contentType: string;
  /** Short content hash (see generated/bundles.d.ts). */
  hash: string;
}

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

export const BROWSER_ASSETS = {
  portalJs: { ...BUNDLES["portal.js"], contentType: JS },
  portalCss: { ...BUNDLES["portal.css"], contentType: CSS },
  dashboardJs: { ...BUNDLES["dashboard.js"], contentType: JS },
  dashboardCss: { ...BUNDLES["dashboard.css"], contentType: CSS },
} as const satisfies Record<string, Asset>;

/** Versioned URLs are immutable; unversioned ones revalidate every few minutes by ETag. */
export function serveAsset(c: Context, asset: Asset, version: string | undefined): Response {
  const etag = `"${asset.hash}"`;
  c.header("cache-control", version === asset.hash ? "public, max-age=31536000, immutable" : "public, max-age=300, must-revalidate");
  c.header("etag", etag);
  if (
    c.req
      .header("if-none-match")
      ?.split(",")
      .some((t) => t.trim() === etag)
  )
    return c.body(null, 304);
  return c.body(asset.body, 200, { "content-type": asset.contentType });
}

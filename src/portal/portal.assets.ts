import { PORTAL_CLIENT_VIEWS_JS } from "./portal.client-views.js";
import { PORTAL_CLIENT_JS } from "./portal.client.js";
import { PORTAL_CSS } from "./portal.css.js";
import { PORTAL_STRINGS } from "./portal.i18n.js";
import { MAX_BODY_CHARS } from "./portal.schemas.js";

export interface Asset {
  body: string;
  contentType: string;
  /** Short content hash: the page links `?v=<hash>`, so a changed asset is a new URL. */
  hash: string;
}

/** FNV-1a, 32 bit, hex: enough to tell versions of a few files apart (not a security hash). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function asset(body: string, contentType: string): Asset {
  return { body, contentType, hash: fnv1a(body) };
}

const script = PORTAL_CLIENT_JS.replace("__VIEWS__", PORTAL_CLIENT_VIEWS_JS)
  .replace("__I18N__", JSON.stringify(PORTAL_STRINGS).replace(/</g, "\\u003c"))
  .replace("__MAX_BODY__", String(MAX_BODY_CHARS));

/** Built once per process: the assets are constants, so their hashes are too. */
export const PORTAL_ASSETS = {
  js: asset(script, "text/javascript; charset=utf-8"),
  css: asset(PORTAL_CSS, "text/css; charset=utf-8"),
} as const;

/**
 * The portal's browser code, bundled by scripts/build-browser.mjs and served as /portal/app.js.
 * Plain DOM, no framework, no inline handlers (CSP `script-src 'self'`). Server text is only ever
 * set through textContent, never parsed as HTML.
 */
import { byId } from "../shared/dom.js";
import { bindLanguageSwitcher, applyInitialLanguage } from "./language.js";
import { bindRouter, route } from "./router.js";
import { bindSearch } from "./search.js";
import { state } from "./state.js";

const script = document.currentScript as HTMLScriptElement | null;
state.apiBase = new URL("api/", script?.src || location.href).pathname;
state.lang = document.documentElement.lang || "en";
const maxBody = Number(byId("view-contact").dataset.maxBody);
if (Number.isFinite(maxBody) && maxBody > 0) state.maxBody = maxBody;

bindSearch();
bindRouter();
bindLanguageSwitcher();
applyInitialLanguage();
route();

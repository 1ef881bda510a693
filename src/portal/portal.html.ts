import { MAX_BODY_CHARS } from "./portal.schemas.js";
import { LANGUAGE_NAMES, PORTAL_LANGUAGES, PORTAL_STRINGS, type PortalLanguage, type PortalStringKey } from "../browser/portal/strings.js";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);

const SEARCH_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false"><circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/></svg>';
const LOGO =
  '<svg viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="9" fill="#fff" fill-opacity=".16"/><path d="M9 16.5 14 21l9-10" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/** The logo as the tab icon, inline (img-src allows data:), so the browser asks for no /favicon.ico. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="9" fill="#3142c9"/><path d="M9 16.5 14 21l9-10" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>')}`;

/**
 * The portal page, rendered in the negotiated language so it reads right before app.js runs.
 * Elements carrying data-i18n are re-labelled by app.js on a language switch; app.js reads the
 * ticket length limit from data-max-body. No inline script or style: the CSP allows neither.
 */
export function renderPortalPage(lang: PortalLanguage, source: "explicit" | "header" | "default", assets: { js: string; css: string }): string {
  const s = PORTAL_STRINGS[lang];
  const t = (key: PortalStringKey) => `data-i18n="${key}">${esc(s[key])}`;
  const langs = PORTAL_LANGUAGES.map(
    (l) => `<a href="?lang=${l}" hreflang="${l}" lang="${l}" data-lang="${l}"${l === lang ? ' aria-current="true"' : ""}>${esc(LANGUAGE_NAMES[l])}</a>`,
  ).join("");
  return `<!doctype html>
<html lang="${lang}" data-lang-source="${source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title data-i18n="pageTitle">${esc(s.pageTitle)}</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="/portal/app.css?v=${assets.css}">
<script src="/portal/app.js?v=${assets.js}" defer></script>
</head>
<body>
<a class="skip" href="#q" ${t("skip")}</a>
<header class="top">
  <div class="bar">
    <div class="brand">${LOGO}<span ${t("pageTitle")}</span></div>
    <nav class="langs" id="langs" aria-label="${esc(s.languageLabel)}">${langs}</nav>
  </div>
  <div class="hero">
    <h1 ${t("heading")}</h1>
    <p ${t("lead")}</p>
  </div>
</header>
<main id="main">
  <form class="card search" id="search" role="search" action="/portal" method="get">
    <label for="q" ${t("searchLabel")}</label>
    <div class="field">${SEARCH_ICON}<input id="q" name="q" type="search" autocomplete="off" spellcheck="true" maxlength="500"
      aria-describedby="q-hint" aria-controls="results" placeholder="${esc(s.searchPlaceholder)}" data-i18n-placeholder="searchPlaceholder"></div>
    <p class="hint" id="q-hint" ${t("searchHint")}</p>
  </form>
  <div class="status" id="status" role="status" aria-live="polite" aria-atomic="true"></div>
  <section id="view-results" class="view" aria-labelledby="status">
    <ul class="results" id="results"></ul>
    <div class="card empty" id="empty" hidden>
      <p ${t("noResultsHint")}</p>
      <p><a class="button" href="#/contact" ${t("contactCta")}</a></p>
    </div>
    <p class="more" id="more" hidden><a href="#/contact" ${t("contactCta")}</a></p>
  </section>
  <section id="view-article" class="view card" hidden aria-live="off"></section>
  <section id="view-contact" class="view card" hidden data-max-body="${MAX_BODY_CHARS}"></section>
  <section id="view-done" class="view card done" hidden></section>
</main>
<footer><span ${t("pageTitle")}</span> · <a href="/docs" ${t("apiLink")}</a></footer>
</body>
</html>`;
}

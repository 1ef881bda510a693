/** The language switcher: re-labels the page and re-renders the open view, without a reload. */
import { byId, closest } from "../shared/dom.js";
import { renderArticle } from "./article.js";
import { renderContact } from "./contact.js";
import { renderDone } from "./done.js";
import { isKnownLanguage } from "./i18n.js";
import { renderResults } from "./search.js";
import { state, t } from "./state.js";

const STORAGE_KEY = "deflect.portal.lang";

export function setLanguage(lang: string, remember: boolean): void {
  if (!isKnownLanguage(lang)) return;
  state.lang = lang;
  document.documentElement.lang = lang;
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.getAttribute("data-i18n") ?? "");
  for (const n of document.querySelectorAll("[data-i18n-placeholder]")) n.setAttribute("placeholder", t(n.getAttribute("data-i18n-placeholder") ?? ""));
  byId("langs").setAttribute("aria-label", t("languageLabel"));
  for (const a of document.querySelectorAll("#langs a")) {
    if (a.getAttribute("data-lang") === lang) a.setAttribute("aria-current", "true");
    else a.removeAttribute("aria-current");
  }
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // private mode
    }
  }
  if (state.lastView === "article" && state.article) renderArticle(state.article.article, state.article.answered);
  else if (state.lastView === "contact") renderContact();
  else if (state.lastView === "done" && state.done) renderDone(state.done);
  else if (state.searched) renderResults();
}

export function bindLanguageSwitcher(): void {
  byId("langs").addEventListener("click", (e) => {
    const a = closest(e.target, "a[data-lang]");
    if (!a) return;
    e.preventDefault();
    setLanguage(a.getAttribute("data-lang") ?? "", true);
    try {
      const url = new URL(location.href);
      url.searchParams.set("lang", state.lang);
      history.replaceState(null, "", url.toString());
    } catch {
      // ignore
    }
  });
}

/**
 * The server rendered the page in the language from ?lang= (explicit), Accept-Language (header)
 * or the default. A remembered choice wins over all but ?lang=; with nothing to go on, the
 * browser's own list decides.
 */
export function applyInitialLanguage(): void {
  const source = document.documentElement.getAttribute("data-lang-source");
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  if (source !== "explicit" && isKnownLanguage(stored)) {
    setLanguage(stored, false);
    return;
  }
  if (source === "default") {
    const prefs = navigator.languages?.length ? navigator.languages : [navigator.language || "en"];
    for (const pref of prefs) {
      const lang = String(pref).toLowerCase().split("-")[0];
      if (isKnownLanguage(lang)) {
        setLanguage(lang, false);
        return;
      }
    }
  }
}

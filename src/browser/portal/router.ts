/** The hash router: #/ (search), #/a/<id> (an article), #/contact. */
import { byId, closest } from "../shared/dom.js";
import { openArticle } from "./article.js";
import { renderContact } from "./contact.js";
import { renderResults } from "./search.js";
import { state } from "./state.js";
import { show } from "./ui.js";

/** `event` is absent on first load: focus then stays at the top (skip link, language switcher). */
export function route(event?: HashChangeEvent): void {
  const hash = location.hash;
  if (hash.startsWith("#/a/")) void openArticle(decodeURIComponent(hash.slice(4)));
  else if (hash === "#/contact") renderContact();
  else {
    show("results");
    renderResults();
    const back = state.returnTo;
    state.returnTo = null;
    // On return focus goes back to the result the customer came from, or to the search box.
    const link = back ? byId("results").querySelector<HTMLElement>(`a[data-id="${back.replace(/["\\]/g, "")}"]`) : null;
    if (event) (link ?? byId("q")).focus();
  }
}

export function bindRouter(): void {
  byId("results").addEventListener("click", (e) => {
    const link = closest(e.target, "a.result");
    if (link) state.returnTo = link.getAttribute("data-id");
  });
  window.addEventListener("hashchange", route);
}

/** The article view and the "did it help?" question under it. */
import { el } from "../shared/dom.js";
import { renderThanks, renderTicket } from "./done.js";
import { type Article, state, t, type TicketAnswer } from "./state.js";
import { api, clearView, errorText, heading, setStatus, show } from "./ui.js";

function section(label: string, text: string | null | undefined, cls?: string): HTMLElement | null {
  return text ? el("div", {}, [el("h3", { text: label }), el("p", { class: `prose${cls ? ` ${cls}` : ""}`, text })]) : null;
}

/** `answered`: the service answered the customer's ticket with this article (a lead line says so). */
export function renderArticle(article: Article, answered: boolean): void {
  const view = clearView("article");
  const h = heading(article.title);
  view.appendChild(el("a", { class: "back", href: "#/", text: `← ${t("back")}` }));
  if (answered) view.appendChild(el("p", { class: "hint", text: t("answeredLead") }));
  view.appendChild(h);
  for (const node of [section(t("problem"), article.problem), section(t("cause"), article.rootCause), section(t("solution"), article.resolution, "fix")]) {
    if (node) view.appendChild(node);
  }
  const err = el("p", { class: "error", role: "alert", hidden: true });
  const yes = el("button", { type: "button", text: t("yes"), onclick: () => void answer(article, true, [yes, no], err) });
  const no = el("button", { type: "button", class: "secondary", text: t("no"), onclick: () => void answer(article, false, [yes, no], err) });
  view.appendChild(
    el("div", { class: "ask", role: "group", "aria-labelledby": "ask-q" }, [el("p", { id: "ask-q", text: t("didItHelp") }), el("div", { class: "actions" }, [yes, no]), err]),
  );
  state.article = { article, answered };
  show("article", h);
}

export async function openArticle(id: string): Promise<void> {
  setStatus(t("searching"), true);
  try {
    renderArticle(await api<Article>("GET", `articles/${encodeURIComponent(id)}`), false);
  } catch (err) {
    location.hash = "#/";
    setStatus(errorText(err));
  }
}

/**
 * Yes or no. With a ticket open it is feedback on that ticket; without one a "yes" records a
 * resolved ticket and a "no" leads to the contact form, remembering which article was tried.
 */
async function answer(article: Article, helped: boolean, buttons: HTMLButtonElement[], err: HTMLElement): Promise<void> {
  for (const b of buttons) b.disabled = true;
  err.hidden = true;
  let pending: Promise<TicketAnswer | null>;
  if (state.ticket) {
    pending = api<TicketAnswer>("POST", `tickets/${encodeURIComponent(state.ticket)}/feedback`, { articleId: article.id, helped });
  } else if (helped) {
    pending = api<TicketAnswer>("POST", "tickets", { body: state.query || article.title, articleId: article.id, helped: true });
  } else {
    state.tried = article.id;
    location.hash = "#/contact";
    return;
  }
  try {
    const res = await pending;
    if (helped) renderThanks();
    else renderTicket(res?.reference ?? null, res);
  } catch (e) {
    for (const b of buttons) b.disabled = false;
    err.textContent = errorText(e);
    err.hidden = false;
  }
}

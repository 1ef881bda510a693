/** The confirmation view: thanks, or the ticket reference and who takes over. */
import { byId, el } from "../shared/dom.js";
import { renderResults } from "./search.js";
import { type DoneView, state, t, type TicketAnswer } from "./state.js";
import { clearView, heading, setStatus, show, svgIcon } from "./ui.js";

const CHECK = "M5 12.5 10 17l9-10";

export function renderDone(done: DoneView): void {
  const view = clearView("done");
  const h = heading(t(done.titleKey));
  const body = done.told || (done.bodyKey ? t(done.bodyKey) : "");
  view.appendChild(el("div", { class: "icon" }, [svgIcon(CHECK)]));
  view.appendChild(h);
  view.appendChild(el("p", { text: body }));
  const reference = done.reference;
  if (reference) {
    const copy = el("button", { type: "button", class: "secondary", text: t("copy") });
    copy.addEventListener("click", () => {
      navigator.clipboard?.writeText(reference).then(
        () => (copy.textContent = t("copied")),
        () => {},
      );
    });
    view.appendChild(el("div", { class: "reference" }, [el("code", { id: "reference", text: reference }), copy]));
  }
  view.appendChild(el("p", {}, [el("button", { type: "button", class: reference ? "linkish" : "", text: t("newSearch"), onclick: reset })]));
  state.done = done;
  show("done", h);
}

export function renderThanks(): void {
  renderDone({ titleKey: "thanksTitle", bodyKey: "thanksBody", reference: null });
}

/** What the service tells the customer when a person takes over (who, by when, in their language), else null. */
export function handoverText(res: TicketAnswer | null | undefined): string | null {
  const parts = [res?.customerMessage, res?.handoverMessage?.text].filter((p): p is string => !!p);
  return parts.length ? parts.join(" ") : null;
}

export function renderTicket(reference: string | null, res: TicketAnswer | null | undefined): void {
  const told = handoverText(res);
  renderDone({ titleKey: "ticketTitle", bodyKey: told ? null : "ticketBody", reference, told });
}

/** Back to an empty search, forgetting the ticket. */
export function reset(): void {
  Object.assign(state, { ticket: null, tried: null, draft: null, query: "", results: [], searched: false });
  const input = byId<HTMLInputElement>("q");
  input.value = "";
  renderResults();
  setStatus("");
  if (location.hash && location.hash !== "#/") location.hash = "#/";
  else {
    show("results");
    input.focus();
  }
}

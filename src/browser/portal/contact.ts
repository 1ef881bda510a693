/** The contact view: the message (prefilled with the search), an optional e-mail, send. */
import { el } from "../shared/dom.js";
import { renderArticle } from "./article.js";
import { checkContact } from "./contact-form.js";
import { renderTicket } from "./done.js";
import { state, t, type TicketAnswer } from "./state.js";
import { api, clearView, errorText, heading, show } from "./ui.js";

export function renderContact(): void {
  const view = clearView("contact");
  const h = heading(t("contactTitle"));
  const msg = el("textarea", { id: "message", name: "message", required: true, "aria-describedby": "message-count" });
  msg.value = state.draft ?? state.query;
  const count = el("p", { class: "counter", id: "message-count" });
  const email = el("input", { id: "email", name: "email", type: "email", autocomplete: "email", inputmode: "email" });
  const err = el("p", { class: "error", role: "alert", hidden: true });
  const send = el("button", { type: "submit", text: t("send") });
  const updateCount = () => {
    count.textContent = t("chars", { n: msg.value.length, max: state.maxBody });
    state.draft = msg.value;
  };
  msg.addEventListener("input", updateCount);
  updateCount();
  const form = el("form", { novalidate: true }, [
    el("div", { class: "form-row" }, [el("label", { for: "message", text: t("messageLabel") }), msg, count]),
    el("div", { class: "form-row" }, [el("label", { for: "email", text: t("emailLabel") }), email]),
    el("div", { class: "actions" }, [send, el("a", { class: "button secondary", href: "#/", text: t("back") })]),
    err,
  ]);
  const fail = (text: string) => {
    err.textContent = text;
    err.hidden = false;
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const body = msg.value.trim();
    const mail = email.value.trim();
    msg.removeAttribute("aria-invalid");
    email.removeAttribute("aria-invalid");
    const problem = checkContact(body, mail, state.maxBody);
    if (problem) {
      const field = problem.field === "message" ? msg : email;
      fail(t(problem.key, { max: state.maxBody }));
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    send.disabled = true;
    send.textContent = t("sending");
    err.hidden = true;
    const payload: { body: string; email?: string; articleId?: string; helped?: boolean } = { body };
    if (mail) payload.email = mail;
    if (state.tried) Object.assign(payload, { articleId: state.tried, helped: false });
    api<TicketAnswer>("POST", "tickets", payload).then(
      (res) => {
        state.ticket = res.ticketId ?? null;
        state.draft = null;
        const fix = res.status === "answered" ? res.fixes?.[0] : undefined;
        if (fix) renderArticle(fix, true);
        else renderTicket(res.reference ?? null, res);
      },
      (e2: unknown) => {
        send.disabled = false;
        send.textContent = t("send");
        fail(errorText(e2));
      },
    );
  });
  view.append(h, el("p", { class: "hint", text: t("contactLead") }), form);
  show("contact", h);
}

/**
 * Second half of /portal/app.js (spliced into portal.client.ts): the article, contact and
 * confirmation views, the hash router and the language switcher.
 */
export const PORTAL_CLIENT_VIEWS_JS = String.raw`
  // ---- article ------------------------------------------------------------------------------
  function heading(text) { return el("h2", { tabindex: "-1", text: text }); }
  function section(label, text, cls) {
    return text ? el("div", {}, [el("h3", { text: label }), el("p", { "class": "prose" + (cls ? " " + cls : ""), text: text })]) : null;
  }
  function renderArticle(a, answered) {
    var v = views.article, h = heading(a.title);
    v.textContent = "";
    v.appendChild(el("a", { "class": "back", href: "#/", text: "← " + t("back") }));
    if (answered) v.appendChild(el("p", { "class": "hint", text: t("answeredLead") }));
    v.appendChild(h);
    [section(t("problem"), a.problem), section(t("cause"), a.rootCause), section(t("solution"), a.resolution, "fix")]
      .forEach(function (n) { if (n) v.appendChild(n); });
    var err = el("p", { "class": "error", role: "alert", hidden: true });
    var yes = el("button", { type: "button", text: t("yes"), onclick: function () { answer(a, true, [yes, no], err); } });
    var no = el("button", { type: "button", "class": "secondary", text: t("no"), onclick: function () { answer(a, false, [yes, no], err); } });
    v.appendChild(el("div", { "class": "ask", role: "group", "aria-labelledby": "ask-q" }, [
      el("p", { id: "ask-q", text: t("didItHelp") }), el("div", { "class": "actions" }, [yes, no]), err
    ]));
    state.last = { view: "article", article: a, answered: answered };
    show("article", h);
  }
  function openArticle(id) {
    setStatus(t("searching"), true);
    api("GET", "articles/" + encodeURIComponent(id)).then(function (a) { renderArticle(a, false); },
      function (err) { location.hash = "#/"; setStatus(errorText(err)); });
  }
  function answer(a, helped, buttons, err) {
    buttons.forEach(function (b) { b.disabled = true; });
    err.hidden = true;
    var done = function (res) { helped ? renderThanks() : renderTicket(res.reference, res); };
    var fail = function (e) { buttons.forEach(function (b) { b.disabled = false; }); err.textContent = errorText(e); err.hidden = false; };
    if (state.ticket) {
      api("POST", "tickets/" + encodeURIComponent(state.ticket) + "/feedback", { articleId: a.id, helped: helped }).then(done, fail);
    } else if (helped) {
      api("POST", "tickets", { body: state.query || a.title, articleId: a.id, helped: true }).then(done, fail);
    } else {
      state.tried = a.id;
      location.hash = "#/contact";
    }
  }

  // ---- contact ------------------------------------------------------------------------------
  function renderContact() {
    var v = views.contact, h = heading(t("contactTitle"));
    var msg = el("textarea", { id: "message", name: "message", required: true, "aria-describedby": "message-count" });
    msg.value = state.draft != null ? state.draft : state.query;
    var count = el("p", { "class": "counter", id: "message-count" });
    var email = el("input", { id: "email", name: "email", type: "email", autocomplete: "email", inputmode: "email" });
    var err = el("p", { "class": "error", role: "alert", hidden: true });
    var send = el("button", { type: "submit", text: t("send") });
    var updateCount = function () { count.textContent = t("chars", { n: msg.value.length, max: MAX_BODY }); state.draft = msg.value; };
    msg.addEventListener("input", updateCount); updateCount();
    var form = el("form", { novalidate: true }, [
      el("div", { "class": "form-row" }, [el("label", { "for": "message", text: t("messageLabel") }), msg, count]),
      el("div", { "class": "form-row" }, [el("label", { "for": "email", text: t("emailLabel") }), email]),
      el("div", { "class": "actions" }, [send, el("a", { "class": "button secondary", href: "#/", text: t("back") })]), err
    ]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = msg.value.trim(), mail = email.value.trim(), problem = null, field = null;
      msg.removeAttribute("aria-invalid"); email.removeAttribute("aria-invalid");
      if (!body) { problem = t("errEmpty"); field = msg; }
      else if (body.length > MAX_BODY) { problem = t("errTooLong", { max: MAX_BODY }); field = msg; }
      else if (mail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail)) { problem = t("errEmail"); field = email; }
      if (problem) { err.textContent = problem; err.hidden = false; field.setAttribute("aria-invalid", "true"); field.focus(); return; }
      send.disabled = true; send.textContent = t("sending"); err.hidden = true;
      var payload = { body: body };
      if (mail) payload.email = mail;
      if (state.tried) { payload.articleId = state.tried; payload.helped = false; }
      api("POST", "tickets", payload).then(function (res) {
        state.ticket = res.ticketId; state.draft = null;
        if (res.status === "answered" && res.fixes && res.fixes.length) renderArticle(res.fixes[0], true);
        else renderTicket(res.reference, res);
      }, function (e2) { send.disabled = false; send.textContent = t("send"); err.textContent = errorText(e2); err.hidden = false; });
    });
    v.textContent = "";
    v.appendChild(h);
    v.appendChild(el("p", { "class": "hint", text: t("contactLead") }));
    v.appendChild(form);
    state.last = { view: "contact" };
    show("contact", h);
  }

  // ---- confirmations ------------------------------------------------------------------------
  function renderDone(title, body, reference) {
    var v = views.done, h = heading(title);
    v.textContent = "";
    v.appendChild(el("div", { "class": "icon" }, [icon("M5 12.5 10 17l9-10")]));
    v.appendChild(h);
    v.appendChild(el("p", { text: body }));
    if (reference) {
      var copy = el("button", { type: "button", "class": "secondary", text: t("copy") });
      copy.addEventListener("click", function () {
        var ok = function () { copy.textContent = t("copied"); };
        if (navigator.clipboard) navigator.clipboard.writeText(reference).then(ok, function () {}); 
      });
      v.appendChild(el("div", { "class": "reference" }, [el("code", { id: "reference", text: reference }), copy]));
    }
    v.appendChild(el("p", {}, [el("button", { type: "button", "class": reference ? "linkish" : "", text: t("newSearch"), onclick: reset })]));
    state.last = { view: "done", title: title, body: body, reference: reference };
    show("done", h);
  }
  function renderThanks() { state.lastDone = ["thanksTitle", "thanksBody", null]; renderDone(t("thanksTitle"), t("thanksBody"), null); }
  // What the service tells the customer when a person takes over (who, by when, in their language), else the generic line.
  function handover(res) {
    var parts = [res && res.customerMessage, res && res.handoverMessage && res.handoverMessage.text].filter(Boolean);
    return parts.length ? parts.join(" ") : null;
  }
  function renderTicket(ref, res) {
    var told = handover(res);
    state.lastDone = ["ticketTitle", told ? null : "ticketBody", ref, told];
    renderDone(t("ticketTitle"), told || t("ticketBody"), ref);
  }
  function reset() {
    state.ticket = null; state.tried = null; state.draft = null; state.query = ""; state.results = []; state.searched = false;
    input.value = ""; renderResults(); setStatus("");
    if (location.hash && location.hash !== "#/") location.hash = "#/"; else { show("results"); input.focus(); }
  }

  // ---- routing ------------------------------------------------------------------------------
  function route(e) {
    var h = location.hash;
    if (h.indexOf("#/a/") === 0) openArticle(decodeURIComponent(h.slice(4)));
    else if (h === "#/contact") renderContact();
    else {
      show("results"); renderResults();
      var back = state.returnTo; state.returnTo = null;
      var link = back && list.querySelector('a[data-id="' + back.replace(/["\\]/g, "") + '"]');
      // On first load focus stays at the top (skip link, language switcher); on return it goes
      // back to the result the customer came from, or to the search box.
      if (e) (link || input).focus();
    }
  }
  list.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.result");
    if (a) state.returnTo = a.getAttribute("data-id");
  });
  window.addEventListener("hashchange", route);

  // ---- language -----------------------------------------------------------------------------
  function setLanguage(lang, remember) {
    if (!I18N[lang]) return;
    state.lang = lang;
    doc.documentElement.lang = lang;
    Array.prototype.forEach.call(doc.querySelectorAll("[data-i18n]"), function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
    Array.prototype.forEach.call(doc.querySelectorAll("[data-i18n-placeholder]"), function (n) { n.setAttribute("placeholder", t(n.getAttribute("data-i18n-placeholder"))); });
    $("langs").setAttribute("aria-label", t("languageLabel"));
    Array.prototype.forEach.call(doc.querySelectorAll("#langs a"), function (a) {
      if (a.getAttribute("data-lang") === lang) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    });
    if (remember) { try { localStorage.setItem("deflect.portal.lang", lang); } catch (e) { /* private mode */ } }
    var last = state.last;
    if (state.lastView === "article" && last && last.article) renderArticle(last.article, last.answered);
    else if (state.lastView === "contact") renderContact();
    else if (state.lastView === "done" && state.lastDone) renderDone(t(state.lastDone[0]), state.lastDone[3] || t(state.lastDone[1]), state.lastDone[2]);
    else if (state.searched) renderResults();
  }
  $("langs").addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-lang]");
    if (!a) return;
    e.preventDefault();
    setLanguage(a.getAttribute("data-lang"), true);
    try { var u = new URL(location.href); u.searchParams.set("lang", state.lang); history.replaceState(null, "", u.toString()); } catch (e2) { /* ignore */ }
  });
  (function initialLanguage() {
    var source = doc.documentElement.getAttribute("data-lang-source"), stored = null;
    try { stored = localStorage.getItem("deflect.portal.lang"); } catch (e) { stored = null; }
    if (source !== "explicit" && stored && I18N[stored]) { setLanguage(stored, false); return; }
    if (source === "default") {
      var prefs = navigator.languages || [navigator.language || "en"];
      for (var i = 0; i < prefs.length; i++) { var p = String(prefs[i]).toLowerCase().split("-")[0]; if (I18N[p]) { setLanguage(p, false); return; } }
    }
  })();
  route();
`;

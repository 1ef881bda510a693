/**
 * The portal's browser code, served as /portal/app.js. Plain DOM, no framework, no inline
 * handlers (CSP). Server text is only ever set through textContent, never parsed as HTML.
 * __I18N__ and __MAX_BODY__ are filled in by portal.assets.ts. Written without template literals
 * so it can live in this String.raw.
 */
export const PORTAL_CLIENT_JS = String.raw`(function () {
  "use strict";
  var I18N = __I18N__;
  var MAX_BODY = __MAX_BODY__;
  var doc = document;
  var script = doc.currentScript;
  var API = new URL("api/", script && script.src ? script.src : location.href).pathname;
  var $ = function (id) { return doc.getElementById(id); };
  var input = $("q"), statusEl = $("status"), list = $("results");
  var views = { results: $("view-results"), article: $("view-article"), contact: $("view-contact"), done: $("view-done") };
  var state = { lang: doc.documentElement.lang || "en", query: "", results: [], searched: false, seq: 0,
    ticket: null, tried: null, lastView: "results", last: null };

  function t(key, vars) {
    var table = I18N[state.lang] || I18N.en;
    var s = table[key] != null ? table[key] : (I18N.en[key] != null ? I18N.en[key] : key);
    if (vars) for (var k in vars) s = s.split("{" + k + "}").join(String(vars[k]));
    return s;
  }
  function plural(base, n) {
    var cat = "other";
    try { cat = new Intl.PluralRules(state.lang).select(n); } catch (e) { /* old browser */ }
    var table = I18N[state.lang] || I18N.en;
    return t(table[base + "_" + cat] != null ? base + "_" + cat : base + "_other", { n: n });
  }
  function el(tag, attrs, children) {
    var node = doc.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") node.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== false && attrs[k] != null) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function icon(path) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = doc.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
    var p = doc.createElementNS(ns, "path");
    p.setAttribute("d", path); p.setAttribute("fill", "none"); p.setAttribute("stroke", "currentColor");
    p.setAttribute("stroke-width", "2.5"); p.setAttribute("stroke-linecap", "round"); p.setAttribute("stroke-linejoin", "round");
    svg.appendChild(p);
    return svg;
  }

  function api(method, path, body) {
    var init = { method: method, headers: { accept: "application/json" } };
    if (body !== undefined) { init.headers["content-type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!res.ok) {
          var err = new Error((data && data.detail) || res.statusText);
          err.status = res.status; err.code = data && data.code;
          throw err;
        }
        return data;
      });
    });
  }
  function errorText(err) {
    if (err && err.code === "RATE_LIMITED") return t("errRate");
    if (err && err.code === "NOT_FOUND") return t("notFound");
    if (err && err.code === "PAYLOAD_TOO_LARGE") return t("errTooLong", { max: MAX_BODY });
    return t("errGeneric");
  }
  function setStatus(text, busy) {
    statusEl.textContent = text || "";
    statusEl.classList.toggle("busy", !!busy);
  }

  function show(name, focusTarget) {
    for (var k in views) views[k].hidden = k !== name;
    $("search").hidden = name !== "results";
    if (name !== "results") setStatus("");
    state.lastView = name;
    if (focusTarget) focusTarget.focus();
  }

  // ---- search -------------------------------------------------------------------------------
  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) { state.seq++; state.results = []; state.searched = false; state.query = q; renderResults(); setStatus(""); return; }
    timer = setTimeout(function () { search(q); }, 250);
  });
  $("search").addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); if (input.value.trim().length >= 2) search(input.value.trim()); });
  function search(q) {
    var seq = ++state.seq;
    setStatus(t("searching"), true);
    api("POST", "search", { query: q }).then(function (data) {
      if (seq !== state.seq) return;
      state.query = q; state.results = (data && data.results) || []; state.searched = true;
      renderResults();
    }).catch(function (err) {
      if (seq === state.seq) setStatus(errorText(err));
    });
  }
  function renderResults() {
    list.textContent = "";
    state.results.forEach(function (r) {
      list.appendChild(el("li", {}, [el("a", { "class": "result", href: "#/a/" + encodeURIComponent(r.id), "data-id": r.id }, [
        el("span", { "class": "result-title", text: r.title }),
        r.snippet ? highlight(r.snippet) : null
      ])]));
    });
    var none = state.searched && state.results.length === 0;
    $("empty").hidden = !none;
    $("more").hidden = state.results.length === 0;
    if (state.searched) setStatus(none ? t("noResults") : plural("results", state.results.length));
  }
  // The search marks matched words «like this»; they become <mark> elements, as text, never HTML.
  function highlight(snippet) {
    var span = el("span", { "class": "result-snippet" });
    snippet.split(/(«[^»]*»)/).forEach(function (part) {
      if (part.charAt(0) === "«" && part.charAt(part.length - 1) === "»") span.appendChild(el("mark", { text: part.slice(1, -1) }));
      else if (part) span.appendChild(doc.createTextNode(part));
    });
    return span;
  }
  function resultLinks() { return Array.prototype.slice.call(list.querySelectorAll("a.result")); }
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && resultLinks().length) { e.preventDefault(); resultLinks()[0].focus(); }
  });
  list.addEventListener("keydown", function (e) {
    var links = resultLinks(), i = links.indexOf(doc.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown") { e.preventDefault(); (links[i + 1] || links[i]).focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); if (i === 0) input.focus(); else links[i - 1].focus(); }
    else if (e.key === "Home") { e.preventDefault(); links[0].focus(); }
    else if (e.key === "End") { e.preventDefault(); links[links.length - 1].focus(); }
    else if (e.key === "Escape") { e.preventDefault(); input.focus(); }
  });
__VIEWS__
})();
`;

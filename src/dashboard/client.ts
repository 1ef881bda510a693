/**
 * The dashboard's browser script, served as /assets/dashboard.js. Plain ES2020, no build step:
 * it reads /v1/metrics and /v1/insights/* (articles, gaps, deescalation, escalation-causes) with the key from sessionStorage and draws with the
 * global Chart from /assets/chart.umd.js. Text from the API is inserted with textContent only.
 * The charts start where the data starts (`fromData`, at least a week), not at the picked range.
 */
export const dashboardJs = String.raw`"use strict";
(function () {
  var KEY = "deflect.apiKey";
  var charts = {};
  var $ = function (id) { return document.getElementById(id); };
  var pct = function (x) { return x === null || x === undefined ? "–" : (x * 100).toFixed(1) + " %"; };
  function duration(s) {
    if (s === null || s === undefined) return "–";
    if (s < 90) return Math.round(s) + " s";
    if (s < 5400) return Math.round(s / 60) + " min";
    if (s < 172800) return (s / 3600).toFixed(1) + " h";
    return (s / 86400).toFixed(1) + " d";
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function api(path) {
    return fetch(path, { headers: { authorization: "Bearer " + sessionStorage.getItem(KEY) } }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) { return { status: res.status, body: body }; });
    });
  }
  function showLogin(message) {
    $("content").hidden = true; $("login").hidden = false;
    $("login-error").textContent = message || "";
    document.body.dataset.state = "login";
  }
  // Every card says what it counts (subtitle, and the full definition as a tooltip), so the
  // numbers can be checked against each other: tickets = answered + escalated + other.
  function kpi(label, value, sub, tone, definition) {
    return el("div", { class: "kpi" + (tone ? " " + tone : ""), title: definition || "" }, [el("div", { class: "label", text: label }), el("div", { class: "value", text: value }), el("div", { class: "sub", text: sub || "" })]);
  }
  function renderKpis(t) {
    var box = $("kpis"); box.replaceChildren();
    var b = t.breakdown, laterEscalated = t.answered - b.answered;
    box.appendChild(kpi("Tickets", String(t.tickets), b.answered + " answered + " + b.escalated + " escalated + " + b.other + " other", "",
      "Tickets created in the range, each counted once: answered by Deflect and never escalated, escalated (at any point), or other (suggested to an agent, or open)."));
    box.appendChild(kpi("Answered by Deflect", String(b.answered), laterEscalated > 0 ? "no human needed · " + laterEscalated + " more answered, then escalated" : "no human needed", "",
      "Tickets Deflect answered automatically with an article at intake and that were never escalated afterwards."));
    box.appendChild(kpi("Escalation rate", pct(t.escalationRate), t.escalated + " of " + t.tickets + " tickets escalated", t.escalationRate > 0.3 ? "bad" : "",
      "Tickets escalated to a person at any point (verdict escalate, or escalated later) ÷ tickets."));
    box.appendChild(kpi("De-escalated", t.frustrated ? pct(t.deescalationRate) : "–", t.deescalated + " of " + t.frustrated + " annoyed/angry customers kept at tier 1", t.frustrated && t.deescalationRate >= 0.7 ? "good" : "",
      "Tickets whose verdict rated the customer annoyed or angry (frustration level 1–2) that were neither escalated hierarchically (to a supervisor, at intake or later, or moved up a level by an agent) nor re-opened within the deflection window ÷ those tickets. " +
      t.confirmedResolvedFrustrated + " of them confirmed resolved. Level 3 (needs a human now: " + t.byLevel[3] + " tickets) goes to a supervisor by design and is not counted."));
    box.appendChild(kpi("Deflection rate", pct(t.deflectionRate), t.deflected + " deflected · " + t.deflectionPending + " still in window", t.deflectionRate >= 0.5 ? "good" : "",
      "Answered tickets not re-opened or escalated within the deflection window ÷ tickets. Tickets whose window is still open count provisionally."));
    box.appendChild(kpi("First contact resolution", pct(t.fcrRate), t.fcr + " resolved at first contact · " + t.confirmedResolutions + " confirmed by customers", "",
      "Answered (automatically, or suggested with a first response), never escalated, never re-opened and never rated not resolved ÷ tickets."));
    var human = t.humanFirstResponseSeconds;
    box.appendChild(kpi("Human first response (median)", duration(human.median), (human.p90 === null ? "" : "p90 " + duration(human.p90) + " · ") + t.humanFirstResponses + " answered by people · " + t.awaitingHumanResponse + " waiting", "",
      "Over tickets Deflect did not answer automatically: time from the ticket to an agent's first response (acknowledging its escalation). Automatic answers are in 'Answered by Deflect'."));
    box.appendChild(kpi("Escalation resolution", duration(t.escalationResolutionSeconds.median), "p90 " + duration(t.escalationResolutionSeconds.p90) + " · " + t.escalations + " escalations opened", "",
      "Median time from opening an escalation to resolving it, over escalations opened in the range and resolved."));
    box.appendChild(kpi("SLA breach rate", pct(t.slaBreachRate), t.slaBreached + " of " + t.escalations + " escalations opened", t.slaBreachRate > 0.1 ? "bad" : "",
      "Escalations opened in the range that breached their SLA ÷ escalations opened in the range (escalations are counted when they are opened, so a ticket from before the range can add one)."));
  }
  var NO_TICKETS = "No tickets yet — tickets created through POST /v1/tickets or the portal appear here.";
  /** A chart card without data says what will appear there instead of drawing an empty axis. */
  function chartEmpty(id, message) {
    var canvas = $(id), note = $(id + "-empty");
    canvas.hidden = !!message;
    note.hidden = !message; note.textContent = message || "";
    if (message && charts[id]) { charts[id].destroy(); delete charts[id]; }
    return !!message;
  }
  function drawChart(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new window.Chart($(id), config);
  }
  var percentAxis = { min: 0, max: 1, ticks: { callback: function (v) { return Math.round(v * 100) + "%"; } }, grid: { color: "#eef1f6" } };
  function renderCharts(m) {
    var empty = m.firstTicketAt === null ? NO_TICKETS : m.totals.tickets === 0 ? "No tickets in this range — the first ticket arrived on " + new Date(m.firstTicketAt).toLocaleDateString() + "." : null;
    if (chartEmpty("chart-escalation", empty) | chartEmpty("chart-deflection", empty)) return;
    var labels = m.buckets.map(function (b) { return b.label; });
    var common = { responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: "index", intersect: false }, plugins: { legend: { position: "bottom" } } };
    drawChart("chart-escalation", { type: "bar", data: { labels: labels, datasets: [
      { type: "line", label: "Escalation rate", data: m.buckets.map(function (b) { return b.tickets ? b.escalationRate : null; }), borderColor: "#d64545", backgroundColor: "#d64545", yAxisID: "rate", tension: 0.25, spanGaps: true },
      { type: "bar", label: "Tickets", data: m.buckets.map(function (b) { return b.tickets; }), backgroundColor: "rgba(48,86,211,.18)", yAxisID: "count" }
    ] }, options: Object.assign({}, common, { scales: { rate: Object.assign({ position: "left" }, percentAxis), count: { position: "right", beginAtZero: true, grid: { display: false } } } }) });
    drawChart("chart-deflection", { type: "line", data: { labels: labels, datasets: [
      { label: "Deflection rate", data: m.buckets.map(function (b) { return b.tickets ? b.deflectionRate : null; }), borderColor: "#1f9d6b", backgroundColor: "rgba(31,157,107,.12)", fill: true, tension: 0.25, spanGaps: true },
      { label: "FCR", data: m.buckets.map(function (b) { return b.tickets ? b.fcrRate : null; }), borderColor: "#3056d3", backgroundColor: "#3056d3", tension: 0.25, spanGaps: true }
    ] }, options: Object.assign({}, common, { scales: { y: percentAxis } }) });
  }
  function table(headers, rows) {
    var head = el("tr", {}, headers.map(function (h) { return el("th", { class: h.num ? "num" : "", text: h.label }); }));
    return el("table", {}, [el("thead", {}, [head]), el("tbody", {}, rows)]);
  }
  function renderGaps(res) {
    var box = $("gaps"); box.replaceChildren();
    if (res.status === 403) { box.appendChild(el("p", { class: "empty", text: "Content gaps are visible to experts and admins." })); return; }
    if (res.status !== 200) { box.appendChild(el("p", { class: "error", text: "Could not load gaps: " + (res.body.detail || res.status) })); return; }
    if (!res.body.topics.length) { box.appendChild(el("p", { class: "empty", text: "No content gaps in this period — escalated tickets that no article matched are grouped here by topic." })); return; }
    box.appendChild(table([{ label: "Topic" }, { label: "Tickets", num: true }, { label: "Trend" }, { label: "Languages" }, { label: "Example" }], res.body.topics.map(function (t) {
      var langs = Object.keys(t.languages).map(function (l) { return el("span", { class: "pill", text: l + " " + t.languages[l] }); });
      var trend = t.trend + (t.changePercent !== null ? " (" + (t.changePercent > 0 ? "+" : "") + t.changePercent + "%)" : "");
      return el("tr", {}, [el("td", { text: t.label }), el("td", { class: "num", text: String(t.size) }), el("td", {}, [el("span", { class: "pill " + t.trend, text: trend })]), el("td", {}, langs), el("td", { class: "example", text: t.examples[0] ? t.examples[0].text : "" })]);
    })));
  }
  /** De-escalation by language and by team, only rows with annoyed or angry customers. */
  function renderDeescalation(res) {
    var box = $("deescalation"); box.replaceChildren();
    if (res.status !== 200) { box.appendChild(el("p", { class: "error", text: "Could not load de-escalation: " + (res.body.detail || res.status) })); return; }
    var langs = res.body.byLanguage.filter(function (r) { return r.frustrated > 0; }), teams = res.body.byTeam.filter(function (r) { return r.frustrated > 0; });
    if (!langs.length) { box.appendChild(el("p", { class: "empty", text: "No annoyed or angry customers in this period — tickets whose verdict rates the customer annoyed or angry (frustration level 1–2) appear here by language and team, with how many were kept at tier 1 beside the escalation rate." })); return; }
    var headers = function (first) { return [{ label: first }, { label: "Annoyed/angry", num: true }, { label: "Kept at tier 1", num: true }, { label: "De-escalation rate", num: true }, { label: "Confirmed resolved", num: true }, { label: "Escalation rate (all tickets)", num: true }]; };
    var row = function (name, r) { return el("tr", {}, [el("td", { text: name }), el("td", { class: "num", text: String(r.frustrated) }), el("td", { class: "num", text: String(r.deescalated) }), el("td", { class: "num", text: pct(r.deescalationRate) }), el("td", { class: "num", text: String(r.confirmedResolvedFrustrated) }), el("td", { class: "num", text: pct(r.escalationRate) + " of " + r.tickets })]); };
    box.appendChild(el("h3", { text: "By language" }));
    box.appendChild(table(headers("Language"), langs.map(function (r) { return row(r.language || "unknown", r); })));
    box.appendChild(el("h3", { text: "By team (of the first escalation)" }));
    box.appendChild(table(headers("Team"), teams.map(function (r) { return row(r.team, r); })));
  }
  var CAUSE_COLORS = { knowledge_gap: "#3056d3", authorisation: "#8e44ad", sla_breach: "#d64545", customer_demand: "#e08a1e", conflict: "#b83280", miscommunication: "#1f9d9d", defect: "#6b7280" };
  var causeName = function (c) { return c.replace(/_/g, " "); };
  /** Why tickets escalate: escalations stacked by cause per bucket, and who they come from (team, agent). */
  function renderCauses(byCause, byTeam, byAgent) {
    var box = $("causes"); box.replaceChildren();
    var failed = [byCause, byTeam, byAgent].filter(function (r) { return r.status !== 200; })[0];
    if (failed) { chartEmpty("chart-causes", "Could not load escalation causes: " + (failed.body.detail || failed.status)); return; }
    if (chartEmpty("chart-causes", byCause.body.totals.escalations === 0 ? "No escalations in this period — escalations appear here stacked by cause (knowledge gap, authorisation, SLA breach, customer demand, conflict, miscommunication, defect), with the teams and agents they come from, so you can see where training or articles would help most." : null)) return;
    var c = byCause.body;
    drawChart("chart-causes", { type: "bar", data: { labels: c.buckets.map(function (b) { return b.label; }), datasets: c.totals.groups.filter(function (g) { return g.escalations > 0; }).map(function (g) {
      var i = c.totals.groups.indexOf(g);
      return { label: causeName(g.key) + " (" + g.escalations + ")", data: c.buckets.map(function (b) { return b.groups[i].escalations; }), backgroundColor: CAUSE_COLORS[g.key] || "#999", stack: "causes" };
    }) }, options: { responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: "index", intersect: false }, plugins: { legend: { position: "bottom" } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } } });
    var headers = function (first) { return [{ label: first }, { label: "Escalations", num: true }, { label: "Share", num: true }, { label: "Escalations per ticket", num: true }]; };
    var row = function (g) { return el("tr", {}, [el("td", { text: g.label }), el("td", { class: "num", text: String(g.escalations) }), el("td", { class: "num", text: pct(g.share) }), el("td", { class: "num", text: pct(g.escalationRate) })]); };
    box.appendChild(el("h3", { text: "By team (current)" }));
    box.appendChild(table(headers("Team"), byTeam.body.totals.groups.map(row)));
    box.appendChild(el("h3", { text: "By agent (who escalated by hand)" }));
    box.appendChild(table(headers("Agent"), byAgent.body.totals.groups.map(row)));
  }
  function renderArticles(id, res, empty) {
    var box = $(id); box.replaceChildren();
    if (res.status !== 200) { box.appendChild(el("p", { class: "error", text: "Could not load articles: " + (res.body.detail || res.status) })); return; }
    var items = res.body.items.filter(function (a) { return id !== "failing-articles" || a.failed > 0; });
    if (!items.length) { box.appendChild(el("p", { class: "empty", text: empty })); return; }
    box.appendChild(table([{ label: "Article" }, { label: "Reused", num: true }, { label: "Avoided", num: true }, { label: "Confirmed", num: true }, { label: "Failed", num: true }], items.map(function (a) {
      var title = el("td", {}, [a.title + " "]);
      if (a.review) title.appendChild(el("span", { class: "pill flag", text: "review" }));
      if (a.state !== "published") title.appendChild(el("span", { class: "pill", text: a.state }));
      return el("tr", {}, [title, el("td", { class: "num", text: String(a.reused) }), el("td", { class: "num", text: String(a.escalationsAvoided) }), el("td", { class: "num", text: String(a.confirmedHelpful) }), el("td", { class: "num", text: String(a.failed) + " (" + pct(a.failureRatio) + ")" })]);
    })));
  }
  function load() {
    if (!sessionStorage.getItem(KEY)) { showLogin(); return; }
    document.body.dataset.state = "loading";
    var days = Number($("range").value), bucket = $("bucket").value, tz = $("tz").value.trim() || "UTC";
    var to = new Date(), from = new Date(to.getTime() - days * 86400000);
    var q = "from=" + encodeURIComponent(from.toISOString()) + "&to=" + encodeURIComponent(to.toISOString());
    Promise.all([
      api("/v1/metrics?" + q + "&bucket=" + bucket + "&tz=" + encodeURIComponent(tz) + "&fromData=true"),
      api("/v1/insights/gaps?" + q + "&limit=10"),
      api("/v1/insights/articles?sort=impact&limit=8"),
      api("/v1/insights/articles?sort=failureRatio&limit=8"),
      api("/v1/insights/deescalation?" + q + "&tz=" + encodeURIComponent(tz)),
      api("/v1/insights/escalation-causes?" + q + "&bucket=" + bucket + "&tz=" + encodeURIComponent(tz) + "&by=cause"),
      api("/v1/insights/escalation-causes?" + q + "&bucket=" + bucket + "&tz=" + encodeURIComponent(tz) + "&by=team"),
      api("/v1/insights/escalation-causes?" + q + "&bucket=" + bucket + "&tz=" + encodeURIComponent(tz) + "&by=agent")
    ]).then(function (r) {
      if (r[0].status === 401) { sessionStorage.removeItem(KEY); showLogin("That key was not accepted."); return; }
      $("login").hidden = true; $("content").hidden = false;
      if (r[0].status !== 200) { $("status").textContent = "Metrics unavailable: " + (r[0].body.detail || r[0].status); document.body.dataset.state = "error"; return; }
      var m = r[0].body;
      $("status").textContent = "Window " + m.windowHours + " h · buckets by " + m.bucket + " in " + m.tz + " · " + new Date(m.from).toLocaleDateString() + " – " + new Date(m.to).toLocaleDateString();
      renderKpis(m.totals); renderCharts(m); renderGaps(r[1]); renderDeescalation(r[4]); renderCauses(r[5], r[6], r[7]);
      renderArticles("top-articles", r[2], "No article has been reused yet — articles that answer tickets appear here, ranked by escalations avoided.");
      renderArticles("failing-articles", r[3], "No article is failing — articles whose answers were re-opened, escalated or rated not resolved appear here.");
      document.body.dataset.state = "ready";
    }).catch(function (err) { $("status").textContent = "Could not reach the API: " + err; document.body.dataset.state = "error"; });
  }
  document.addEventListener("DOMContentLoaded", function () {
    try { $("tz").value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { $("tz").value = "UTC"; }
    if (!$("bucket").value) $("bucket").value = "day";
    $("controls").addEventListener("submit", function (e) { e.preventDefault(); load(); });
    $("range").addEventListener("change", function () { $("bucket").value = Number($("range").value) > 90 ? "week" : "day"; load(); });
    $("bucket").addEventListener("change", load);
    $("signout").addEventListener("click", function () { sessionStorage.removeItem(KEY); showLogin(); });
    $("login-form").addEventListener("submit", function (e) { e.preventDefault(); sessionStorage.setItem(KEY, $("key").value.trim()); $("key").value = ""; load(); });
    load();
  });
})();
`;

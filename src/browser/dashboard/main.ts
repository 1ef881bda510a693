/**
 * The dashboard's browser code, bundled by scripts/build-browser.mjs and served as
 * /assets/dashboard.js. It reads /v1/metrics and /v1/insights/* with the key from sessionStorage
 * and draws with the global Chart from /assets/chart.umd.js. API text goes in by textContent only.
 */
import { problemText } from "../shared/api.js";
import { byId } from "../shared/dom.js";
import { formatDate } from "../shared/format.js";
import { apiGet, apiKey } from "./api.js";
import { CARDS } from "./cards/index.js";
import { renderKpis } from "./kpis.js";
import type { Metrics } from "./metrics.js";
import { dashboardQuery, seriesParams } from "./query.js";
import { renderTrends } from "./trends.js";

type PageState = "loading" | "login" | "ready" | "error";
const setPageState = (state: PageState) => (document.body.dataset.state = state);
const input = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id);

function showLogin(message = ""): void {
  byId("content").hidden = true;
  byId("login").hidden = false;
  byId("login-error").textContent = message;
  setPageState("login");
}

async function load(): Promise<void> {
  if (!apiKey.get()) return showLogin();
  setPageState("loading");
  const q = dashboardQuery(Number(input("range").value), input("bucket").value, input("tz").value.trim() || "UTC");
  const status = byId("status");
  try {
    const [metrics, ...renders] = await Promise.all([apiGet<Metrics>(`/v1/metrics?${q.range}&${seriesParams(q)}&fromData=true`), ...CARDS.map((card) => card.load(q))]);
    if (!metrics.ok && metrics.error.status === 401) {
      apiKey.forget();
      return showLogin("That key was not accepted.");
    }
    byId("login").hidden = true;
    byId("content").hidden = false;
    if (!metrics.ok) {
      status.textContent = `Metrics unavailable: ${problemText(metrics.error)}`;
      return void setPageState("error");
    }
    const m = metrics.data;
    status.textContent = `Window ${m.windowHours} h · buckets by ${m.bucket} in ${m.tz} · ${formatDate(m.from)} – ${formatDate(m.to)}`;
    renderKpis(m.totals);
    renderTrends(m);
    for (const render of renders) render();
    setPageState("ready");
  } catch (err) {
    status.textContent = `Could not reach the API: ${String(err)}`;
    setPageState("error");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const tz = input("tz");
  try {
    tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    tz.value = "UTC";
  }
  if (!input("bucket").value) input("bucket").value = "day";
  byId("controls").addEventListener("submit", (e) => {
    e.preventDefault();
    void load();
  });
  byId("range").addEventListener("change", () => {
    input("bucket").value = Number(input("range").value) > 90 ? "week" : "day";
    void load();
  });
  byId("bucket").addEventListener("change", () => void load());
  byId("signout").addEventListener("click", () => {
    apiKey.forget();
    showLogin();
  });
  byId("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const key = byId<HTMLInputElement>("key");
    apiKey.set(key.value.trim());
    key.value = "";
    void load();
  });
  void load();
});

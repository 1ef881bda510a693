/**
 * The dashboard's HTML shell. It holds no data and no secret: the script asks for an API key,
 * keeps it in sessionStorage (gone when the tab closes) and reads the keyed JSON API, so the
 * page itself can be public. No inline script or style (CSP `script-src 'self'`).
 * `versions`: the `?v=` of each asset (content hashes of the bundles; the service version for Chart.js).
 *
 * Each card's body is an element with an id that a DashboardCard (src/browser/dashboard/cards/)
 * fills in; a new card adds its <article class="card"> here.
 */
export function dashboardHtml(versions: { js: string; css: string; chart: string }): string {
  const v = (s: string) => encodeURIComponent(s);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deflect · Escalation health</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css?v=${v(versions.css)}">
<script src="/assets/chart.umd.js?v=${v(versions.chart)}" defer></script>
<script src="/assets/dashboard.js?v=${v(versions.js)}" defer></script>
</head>
<body data-state="loading">
<header class="top">
  <div class="brand"><span class="logo">◆</span> Deflect <span class="muted">escalation health · <a href="/docs">API reference</a></span></div>
  <form id="controls" class="controls">
    <label>Range <select id="range"><option value="7">7 days</option><option value="30" selected>30 days</option><option value="90">90 days</option><option value="365">12 months</option></select></label>
    <label>Bucket <select id="bucket"><option value="day">day</option><option value="week">week</option><option value="month">month</option></select></label>
    <label>Time zone <input id="tz" size="16" spellcheck="false"></label>
    <button type="submit">Refresh</button>
    <button type="button" id="signout" class="ghost">Forget key</button>
  </form>
</header>
<main>
  <section id="login" class="card login" hidden>
    <h2>Sign in with an API key</h2>
    <p class="muted">The key stays in this tab only (sessionStorage) and is sent as a bearer token to the metrics API. Agents see metrics and articles; experts also see content gaps and the answer-confidence curve.</p>
    <form id="login-form"><input id="key" type="password" autocomplete="off" placeholder="dfl_…" required><button type="submit">Open dashboard</button></form>
    <p id="login-error" class="error" role="alert"></p>
  </section>
  <section id="content" hidden>
    <p id="status" class="muted"></p>
    <div id="kpis" class="kpis"></div>
    <div class="grid2">
      <article class="card"><h2>Escalation rate</h2><p class="muted">Escalated tickets ÷ all tickets, with ticket volume</p><div class="chart"><canvas id="chart-escalation"></canvas><p id="chart-escalation-empty" class="empty" hidden></p></div></article>
      <article class="card"><h2>Deflection and first contact resolution</h2><p class="muted">Answered and not re-opened or escalated within the window</p><div class="chart"><canvas id="chart-deflection"></canvas><p id="chart-deflection-empty" class="empty" hidden></p></div></article>
    </div>
    <article class="card"><h2>Why tickets escalate <span class="muted">— escalations by cause (set by Deflect, corrected by agents): where training or articles would help most</span></h2><div class="chart"><canvas id="chart-causes"></canvas><p id="chart-causes-empty" class="empty" hidden></p></div><div id="causes"></div></article>
    <article class="card"><h2>De-escalation <span class="muted">— annoyed and angry customers kept at tier 1 (not sent to a supervisor, not re-opened within the window)</span></h2><div id="deescalation"></div></article>
    <article class="card"><h2>Content gaps <span class="muted">— escalated tickets no article matched: write these next</span></h2><div id="gaps"></div></article>
    <article class="card"><h2>Answer confidence <span class="muted">— how often an answer would be wrong at each coverage, predicted from this knowledge base (self-calibration), with the live threshold</span></h2><div class="chart"><canvas id="chart-calibration"></canvas><p id="chart-calibration-empty" class="empty" hidden></p></div><div id="calibration"></div></article>
    <div class="grid2">
      <article class="card"><h2>Top articles</h2><p class="muted">Escalations avoided + confirmed − failed</p><div id="top-articles"></div></article>
      <article class="card"><h2>Failing articles</h2><p class="muted">Re-opened, escalated or rated not resolved after use</p><div id="failing-articles"></div></article>
    </div>
  </section>
</main>
</body>
</html>`;
}

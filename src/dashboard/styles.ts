/** Dashboard stylesheet, served as /assets/dashboard.css (CSP forbids inline styles). */
export const dashboardCss = `
:root { --bg:#f5f7fb; --card:#fff; --ink:#17202e; --muted:#637083; --line:#e3e8f0; --accent:#3056d3; --bad:#d64545; --good:#1f9d6b; --warn:#c98a12; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; background:var(--bg); color:var(--ink); }
.top { display:flex; flex-wrap:wrap; gap:12px; align-items:center; justify-content:space-between; padding:14px 24px; background:#101a2e; color:#fff; }
.brand { font-size:18px; font-weight:650; letter-spacing:.2px; }
.brand .logo { color:#7ea2ff; }
.brand .muted { color:#9fb0cc; font-weight:400; margin-left:6px; }
.controls { display:flex; flex-wrap:wrap; gap:10px; align-items:center; }
.controls label { color:#c9d4e8; font-size:12px; display:flex; gap:6px; align-items:center; }
select, input { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; color:var(--ink); }
button { font:inherit; padding:6px 12px; border:0; border-radius:6px; background:var(--accent); color:#fff; cursor:pointer; }
button.ghost { background:transparent; color:#c9d4e8; border:1px solid #3a4a68; }
main { padding:20px 24px 40px; max-width:1400px; margin:0 auto; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:16px 18px; margin-bottom:18px; box-shadow:0 1px 2px rgba(16,26,46,.04); }
.card h2 { margin:0 0 2px; font-size:15px; }
.muted { color:var(--muted); font-weight:400; font-size:12.5px; margin:0 0 10px; }
.grid2 { display:grid; grid-template-columns:repeat(auto-fit,minmax(420px,1fr)); gap:18px; }
.grid2 > .card { margin-bottom:0; }
.grid2 { margin-bottom:18px; }
.chart { position:relative; height:260px; }
.kpis { display:grid; grid-template-columns:repeat(auto-fit,minmax(150px,1fr)); gap:12px; margin-bottom:18px; }
.kpi { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:12px 14px; cursor:help; }
.kpi .label { color:var(--muted); font-size:12px; }
.kpi .value { font-size:24px; font-weight:650; margin-top:2px; }
.kpi .sub { color:var(--muted); font-size:11.5px; }
.kpi.bad .value { color:var(--bad); } .kpi.good .value { color:var(--good); }
table { width:100%; border-collapse:collapse; }
th, td { text-align:left; padding:7px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:500; font-size:12px; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
.pill { display:inline-block; padding:1px 8px; border-radius:999px; font-size:11.5px; background:#eef2fb; color:#34446a; margin-right:4px; }
.pill.new, .pill.rising { background:#fdecec; color:var(--bad); }
.pill.falling { background:#e7f6ef; color:var(--good); }
.pill.flag { background:#fff4dc; color:var(--warn); }
.card h3 { margin:12px 0 4px; font-size:13px; color:var(--muted); font-weight:550; }
.example { color:var(--muted); font-size:12.5px; }
.empty { color:var(--muted); padding:8px 0; }
.chart .empty { position:absolute; inset:0; display:flex; align-items:center; justify-content:center; text-align:center; padding:0 24px; margin:0; }
.chart .empty[hidden] { display:none; }
.error { color:var(--bad); }
.login { max-width:520px; margin:60px auto; }
.login form { display:flex; gap:8px; } .login input { flex:1; }
`;

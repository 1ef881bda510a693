/** The portal's stylesheet, served as /portal/app.css (the CSP forbids inline styles). */
export const PORTAL_CSS = String.raw`
:root {
  color-scheme: light dark;
  --bg: #f5f6fa; --card: #ffffff; --text: #171a26; --muted: #4f5568; --line: #dde0ea;
  --brand: #3142c9; --brand-2: #5b2fc4; --brand-text: #ffffff; --accent-bg: #eef0ff;
  --ok: #146c43; --ok-bg: #e8f6ee; --err: #a4161a; --err-bg: #fdecec; --focus: #f2a900;
  --radius: 14px; --shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 8px 24px rgb(16 24 40 / 8%);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.55;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1016; --card: #171a23; --text: #eceef5; --muted: #b2b7c8; --line: #2a2e3b;
    --brand: #8f9cff; --brand-2: #b18cff; --brand-text: #0e1016; --accent-bg: #1f2340;
    --ok: #7ddba6; --ok-bg: #12291d; --err: #ff9a9a; --err-bg: #311616;
    --shadow: 0 1px 2px rgb(0 0 0 / 40%), 0 8px 24px rgb(0 0 0 / 35%);
  }
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); }
body { min-height: 100vh; display: flex; flex-direction: column; }
a { color: var(--brand); }
[hidden] { display: none !important; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 6px; }
.skip { position: absolute; left: 1rem; top: -4rem; background: var(--card); color: var(--text); padding: .6rem 1rem; border-radius: 8px; z-index: 10; box-shadow: var(--shadow); }
.skip:focus { top: 1rem; }
.top { background: linear-gradient(120deg, #2b39b3, #4b28a8); color: #fff; padding: 1rem 1.25rem 6.5rem; }
.bar { max-width: 760px; margin: 0 auto; display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
.brand { display: flex; align-items: center; gap: .55rem; font-weight: 650; letter-spacing: .01em; }
.brand svg { width: 28px; height: 28px; }
.langs { display: flex; gap: .25rem; flex-wrap: wrap; }
.langs a { color: #fff; text-decoration: none; padding: .3rem .65rem; border-radius: 999px; font-size: .9rem; border: 1px solid rgb(255 255 255 / 35%); }
.langs a:hover { background: rgb(255 255 255 / 14%); }
.langs a[aria-current="true"] { background: #fff; color: #2b39b3; border-color: #fff; font-weight: 600; }
.hero { max-width: 760px; margin: 2rem auto 0; }
.hero h1 { font-size: clamp(1.7rem, 4vw, 2.4rem); line-height: 1.2; margin: 0 0 .4rem; }
.hero p { margin: 0; color: #e6e8ff; max-width: 40rem; }
main { width: 100%; max-width: calc(760px + 2rem); margin: -4.75rem auto 3rem; padding: 0 1rem; flex: 1; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 1.25rem; }
.search label { display: block; font-weight: 600; margin-bottom: .5rem; }
.field { position: relative; }
.field svg { position: absolute; left: .95rem; top: 50%; width: 20px; height: 20px; transform: translateY(-50%); color: var(--muted); pointer-events: none; }
input[type="search"], input[type="email"], textarea {
  width: 100%; font: inherit; color: var(--text); background: var(--card);
  border: 1.5px solid var(--line); border-radius: 10px; padding: .8rem .9rem;
  transition: border-color .15s ease, box-shadow .15s ease;
}
input[type="search"] { padding-left: 2.75rem; font-size: 1.1rem; }
input:focus, textarea:focus { border-color: var(--brand); box-shadow: 0 0 0 4px color-mix(in srgb, var(--brand) 20%, transparent); outline: none; }
input:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
textarea { min-height: 9rem; resize: vertical; }
[aria-invalid="true"] { border-color: var(--err); }
.hint { color: var(--muted); font-size: .875rem; margin: .5rem 0 0; }
.view > .hint { margin: 0 0 1.25rem; }
.status { min-height: 1.6rem; margin: 1rem .25rem .5rem; color: var(--muted); font-size: .95rem; display: flex; align-items: center; gap: .5rem; }
.status.busy::before { content: ""; width: 14px; height: 14px; border-radius: 50%; border: 2px solid var(--line); border-top-color: var(--brand); animation: spin .7s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .status.busy::before { animation: none; } * { transition: none !important; } }
.results { list-style: none; margin: 0; padding: 0; display: grid; gap: .6rem; }
.result { display: block; text-decoration: none; color: inherit; background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: .9rem 1rem; transition: border-color .15s, transform .15s, box-shadow .15s; }
.result:hover { border-color: var(--brand); box-shadow: var(--shadow); transform: translateY(-1px); }
.result:focus-visible { border-color: var(--brand); }
.result-title { display: block; font-weight: 620; color: var(--brand); margin-bottom: .2rem; }
.result-snippet { display: block; color: var(--muted); font-size: .94rem; }
mark { background: color-mix(in srgb, var(--brand) 16%, transparent); color: inherit; border-radius: 3px; padding: 0 .1em; }
.empty { text-align: center; padding: 1.5rem 1rem; }
.empty p { margin: .25rem 0; }
.more { margin: 1rem .25rem; color: var(--muted); font-size: .95rem; }
.view h2 { font-size: 1.45rem; line-height: 1.25; margin: .25rem 0 1rem; }
.view h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 1.25rem 0 .35rem; }
.prose { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.fix { background: var(--accent-bg); border-radius: 10px; padding: .9rem 1rem; }
.ask { margin-top: 1.5rem; padding-top: 1.25rem; border-top: 1px solid var(--line); }
.ask p { font-weight: 600; margin: 0 0 .75rem; }
.actions { display: flex; gap: .6rem; flex-wrap: wrap; }
button, .button {
  font: inherit; font-weight: 600; cursor: pointer; border-radius: 10px; padding: .65rem 1.1rem;
  border: 1.5px solid var(--brand); background: var(--brand); color: var(--brand-text); text-decoration: none; display: inline-block;
}
button.secondary, .button.secondary { background: transparent; color: var(--brand); }
button:hover { filter: brightness(1.08); }
button[disabled] { opacity: .6; cursor: progress; }
.linkish { background: none; border: none; color: var(--brand); padding: .2rem 0; font-weight: 600; text-decoration: underline; }
.back { display: inline-flex; align-items: center; gap: .35rem; font-weight: 600; text-decoration: none; margin-bottom: .5rem; }
.form-row { margin-bottom: 1rem; }
.form-row label { display: block; font-weight: 600; margin-bottom: .35rem; }
.counter { color: var(--muted); font-size: .85rem; margin-top: .3rem; text-align: right; }
.error { color: var(--err); background: var(--err-bg); border-radius: 8px; padding: .6rem .8rem; margin: .75rem 0 0; }
.done { text-align: center; padding: 2rem 1.25rem; }
.done .icon { width: 56px; height: 56px; border-radius: 50%; display: inline-grid; place-items: center; background: var(--ok-bg); color: var(--ok); margin-bottom: .5rem; }
.done .icon svg { width: 28px; height: 28px; }
.reference { display: inline-flex; align-items: center; gap: .5rem; flex-wrap: wrap; justify-content: center; margin: .5rem 0 1.25rem; }
.reference code { font: 600 1.05rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--accent-bg); color: var(--text); padding: .45rem .75rem; border-radius: 8px; overflow-wrap: anywhere; }
footer { text-align: center; color: var(--muted); font-size: .85rem; padding: 1rem; }
`;

/** The search box, the result list and its keyboard navigation. */
import { byId, el } from "../shared/dom.js";
import { splitHighlights } from "./highlight.js";
import { plural, type SearchResult, state, t } from "./state.js";
import { api, errorText, setStatus } from "./ui.js";

const DEBOUNCE_MS = 250;
const MIN_QUERY = 2;

function highlight(snippet: string): HTMLSpanElement {
  return el(
    "span",
    { class: "result-snippet" },
    splitHighlights(snippet).map((part) => (part.marked ? el("mark", { text: part.text }) : part.text)),
  );
}

export function renderResults(): void {
  const list = byId("results");
  list.textContent = "";
  for (const r of state.results) {
    list.appendChild(
      el("li", {}, [
        el("a", { class: "result", href: `#/a/${encodeURIComponent(r.id)}`, "data-id": r.id }, [
          el("span", { class: "result-title", text: r.title }),
          r.snippet ? highlight(r.snippet) : null,
        ]),
      ]),
    );
  }
  const none = state.searched && state.results.length === 0;
  byId("empty").hidden = !none;
  byId("more").hidden = state.results.length === 0;
  if (state.searched) setStatus(none ? t("noResults") : plural("results", state.results.length));
}

async function search(query: string): Promise<void> {
  const seq = ++state.seq;
  setStatus(t("searching"), true);
  try {
    const data = await api<{ results?: SearchResult[] } | null>("POST", "search", { query });
    if (seq !== state.seq) return;
    state.query = query;
    state.results = data?.results ?? [];
    state.searched = true;
    renderResults();
  } catch (err) {
    if (seq === state.seq) setStatus(errorText(err));
  }
}

function resultLinks(): HTMLAnchorElement[] {
  return Array.from(byId("results").querySelectorAll<HTMLAnchorElement>("a.result"));
}

/** Arrow keys, Home and End move through the results; Escape and ArrowUp from the first go back to the box. */
function navigate(e: KeyboardEvent, input: HTMLInputElement): void {
  const links = resultLinks();
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (i < 0) return;
  const target =
    e.key === "ArrowDown"
      ? (links[i + 1] ?? links[i])
      : e.key === "ArrowUp"
        ? i === 0
          ? input
          : links[i - 1]
        : e.key === "Home"
          ? links[0]
          : e.key === "End"
            ? links[links.length - 1]
            : e.key === "Escape"
              ? input
              : undefined;
  if (!target) return;
  e.preventDefault();
  target.focus();
}

export function bindSearch(): void {
  const input = byId<HTMLInputElement>("q");
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < MIN_QUERY) {
      state.seq++;
      state.results = [];
      state.searched = false;
      state.query = q;
      renderResults();
      setStatus("");
      return;
    }
    timer = setTimeout(() => void search(q), DEBOUNCE_MS);
  });
  byId("search").addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    if (input.value.trim().length >= MIN_QUERY) void search(input.value.trim());
  });
  input.addEventListener("keydown", (e) => {
    const first = resultLinks()[0];
    if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    }
  });
  byId("results").addEventListener("keydown", (e) => navigate(e, input));
}

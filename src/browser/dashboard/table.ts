/** Tables and the one-line notes (empty, error) every card uses. */
import { type ApiError, problemText } from "../shared/api.js";
import { el } from "../shared/dom.js";

export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  num?: boolean;
}

export function table(columns: readonly Column[], rows: readonly HTMLTableRowElement[]): HTMLTableElement {
  const head = el(
    "tr",
    {},
    columns.map((c) => el("th", { class: c.num ? "num" : "", text: c.label })),
  );
  return el("table", {}, [el("thead", {}, [head]), el("tbody", {}, rows)]);
}

/** A row of cells; numbers and `{ num }` cells are right-aligned. */
export function row(cells: readonly (string | number | Node | { num: string | number })[]): HTMLTableRowElement {
  return el(
    "tr",
    {},
    cells.map((cell) =>
      typeof cell === "number"
        ? el("td", { class: "num", text: String(cell) })
        : typeof cell === "string"
          ? el("td", { text: cell })
          : cell instanceof Node
            ? el("td", {}, [cell])
            : el("td", { class: "num", text: String(cell.num) }),
    ),
  );
}

/** What a card shows while it has nothing to show: says what will appear there. */
export function emptyNote(text: string): HTMLParagraphElement {
  return el("p", { class: "empty", text });
}

export function errorNote(what: string, error: ApiError): HTMLParagraphElement {
  return el("p", { class: "error", text: `Could not load ${what}: ${problemText(error)}` });
}

/** The portal's page furniture: the API, the status line, switching views, error wording. */
import { type ApiError, fetchJson } from "../shared/api.js";
import { byId, el } from "../shared/dom.js";
import { state, t, type ViewName } from "./state.js";

const VIEWS: readonly ViewName[] = ["results", "article", "contact", "done"];

/** The portal's anonymous JSON API under /portal/api/. */
export function api<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  return fetchJson<T>(state.apiBase + path, body === undefined ? { method } : { method, body });
}

export function errorText(err: unknown): string {
  const code = (err as Partial<ApiError> | null)?.code;
  if (code === "RATE_LIMITED") return t("errRate");
  if (code === "NOT_FOUND") return t("notFound");
  if (code === "PAYLOAD_TOO_LARGE") return t("errTooLong", { max: state.maxBody });
  return t("errGeneric");
}

export function setStatus(text: string, busy = false): void {
  const status = byId("status");
  status.textContent = text;
  status.classList.toggle("busy", busy);
}

/** Shows one view and hides the others; focus moves to the view's heading when given. */
export function show(name: ViewName, focusTarget?: HTMLElement): void {
  for (const view of VIEWS) byId(`view-${view}`).hidden = view !== name;
  byId("search").hidden = name !== "results";
  if (name !== "results") setStatus("");
  state.lastView = name;
  focusTarget?.focus();
}

/** A view's heading: focusable so screen readers announce the new view. */
export function heading(text: string): HTMLHeadingElement {
  return el("h2", { tabindex: "-1", text });
}

/** A view's section, emptied for a fresh render. */
export function clearView(name: ViewName): HTMLElement {
  const view = byId(`view-${name}`);
  view.textContent = "";
  return view;
}

export function svgIcon(path: string): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const p = document.createElementNS(ns, "path");
  for (const [k, v] of Object.entries({ d: path, fill: "none", stroke: "currentColor", "stroke-width": "2.5", "stroke-linecap": "round", "stroke-linejoin": "round" }))
    p.setAttribute(k, v);
  svg.appendChild(p);
  return svg;
}

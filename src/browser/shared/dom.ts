/**
 * DOM building shared by the portal and the dashboard. Server text only ever reaches the page
 * through textContent or text nodes, never through HTML parsing (no innerHTML anywhere).
 */

export type AttrValue = string | number | boolean | null | undefined;
/** `text` sets textContent; `on<event>` adds a listener; false/null/undefined leave it out; true sets it empty. */
export type Attrs = { [name: string]: AttrValue | ((event: Event) => void) };
export type Child = Node | string | null | undefined | false;

/** Builds an element; strings among the children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = value == null ? "" : String(value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (typeof child === "string") node.appendChild(document.createTextNode(child));
    else if (child) node.appendChild(child);
  }
  return node;
}

/** The element with that id; a missing one is a bug in the page shell, so it throws at once. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** The nearest ancestor-or-self of an event target matching the selector. */
export function closest(target: EventTarget | null, selector: string): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(selector) : null;
}

import type { DashboardQuery } from "../query.js";

/**
 * One card of the dashboard below the KPIs and trend charts. `load` starts the card's API reads
 * (all cards read in parallel) and resolves to the function that draws them; the dashboard calls
 * it only once the metrics read has shown the key is good. HTTP errors arrive settled (see
 * apiGet) and are the card's to show; only a network failure rejects.
 */
export interface DashboardCard {
  load(q: DashboardQuery): Promise<() => void>;
}

/** The card's container in the page shell (src/dashboard/page.ts), emptied for a fresh render. */
export function cardBox(id: string): HTMLElement {
  const box = document.getElementById(id);
  if (!box) throw new Error(`#${id} is missing from the dashboard page`);
  box.replaceChildren();
  return box;
}

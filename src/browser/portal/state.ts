/** The portal's one piece of mutable state, and the translation helpers that read its language. */
import { translate, translatePlural } from "./i18n.js";

export interface SearchResult {
  id: string;
  title: string;
  snippet?: string | null;
}

export interface Article {
  id: string;
  title: string;
  problem?: string | null;
  rootCause?: string | null;
  resolution?: string | null;
}

/** POST /portal/api/tickets and …/feedback: what the portal reads of the answer. */
export interface TicketAnswer {
  ticketId?: string;
  reference?: string;
  status?: string;
  fixes?: Article[];
  customerMessage?: string | null;
  handoverMessage?: { text?: string | null } | null;
}

export type ViewName = "results" | "article" | "contact" | "done";

/** The confirmation on screen, kept as keys so a language switch can re-render it. */
export interface DoneView {
  titleKey: string;
  bodyKey: string | null;
  reference: string | null;
  /** What the service told the customer, in their language; shown instead of bodyKey. */
  told?: string | null;
}

export const state = {
  lang: "en",
  /** The API's base path (…/portal/api/), derived from where app.js was loaded. */
  apiBase: "/portal/api/",
  /** The longest message a ticket may carry (data-max-body on #view-contact). */
  maxBody: 5000,
  query: "",
  results: [] as SearchResult[],
  searched: false,
  /** Increments with every search; an answer to an older one is dropped. */
  seq: 0,
  ticket: null as string | null,
  /** The article the customer said did not help, sent along with the ticket. */
  tried: null as string | null,
  draft: null as string | null,
  lastView: "results" as ViewName,
  article: null as { article: Article; answered: boolean } | null,
  done: null as DoneView | null,
  /** The result the customer opened, focused again on the way back. */
  returnTo: null as string | null,
};

export const t = (key: string, vars?: Record<string, string | number>): string => translate(state.lang, key, vars);
export const plural = (base: string, n: number): string => translatePlural(state.lang, base, n);

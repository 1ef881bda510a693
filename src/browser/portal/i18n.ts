/**
 * The portal's strings in the browser: the same table the server renders the page with
 * (src/browser/portal/strings.ts, bundled in), so a language switch never reloads the page.
 */
import { PORTAL_STRINGS, type PortalLanguage } from "./strings.js";
import { interpolate } from "../shared/format.js";

const TABLES: Record<string, Record<string, string | undefined> | undefined> = PORTAL_STRINGS;

export function isKnownLanguage(lang: string | null | undefined): lang is PortalLanguage {
  return !!lang && Object.hasOwn(PORTAL_STRINGS, lang);
}

/** The string in that language, else in English, else the key itself (a missing string shows, never breaks). */
export function translate(lang: string, key: string, vars?: Record<string, string | number>): string {
  const text = TABLES[lang]?.[key] ?? TABLES.en?.[key] ?? key;
  return vars ? interpolate(text, vars) : text;
}

/** `<base>_<plural category>` for n in that language (falls back to `<base>_other`), with {n} filled in. */
export function translatePlural(lang: string, base: string, n: number): string {
  let category: string = "other";
  try {
    category = new Intl.PluralRules(lang).select(n);
  } catch {
    // an unknown locale: "other"
  }
  const key = TABLES[lang]?.[`${base}_${category}`] !== undefined ? `${base}_${category}` : `${base}_other`;
  return translate(lang, key, { n });
}

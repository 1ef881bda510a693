import { eld } from "eld/medium";

/** Postgres text-search configurations by ISO 639-1 code; others use `simple` (no stemming). */
const ftsConfigs: Record<string, string> = {
  en: "english",
  pt: "portuguese",
  fi: "finnish",
  de: "german",
  es: "spanish",
  fr: "french",
  it: "italian",
  nl: "dutch",
  ru: "russian",
  sv: "swedish",
  da: "danish",
  no: "norwegian",
  hu: "hungarian",
  ro: "romanian",
  tr: "turkish",
};

/** Language codes Deflect accepts: ISO 639-1, two lower-case letters. */
export const LanguageCode = /^[a-z]{2}$/;

/**
 * Detects the language of a text with ELD (Efficient Language Detector, n-gram based, 60
 * languages). Returns undefined when the text is too short or ambiguous to say.
 */
export function detectLanguage(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length < 3) return undefined;
  const result = eld.detect(trimmed.slice(0, 4000));
  return result.language || undefined;
}

/** The Postgres text-search configuration for a language (stemming where Postgres has it). */
export function ftsConfigFor(language: string | undefined | null): string {
  return (language && ftsConfigs[language]) || "simple";
}

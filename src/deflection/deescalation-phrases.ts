import { dateTimeFormat } from "../text/date-format.js";

/**
 * The words that fill a template's placeholders, per language: the next step, the team, the time.
 * Code rather than template rows because they are grammar (a weekday after "by" / "ve" / "-na"),
 * not wording an admin curates. A language without an entry here uses English fillers.
 */
export const PLACEHOLDERS = ["next_step", "when", "team", "fix"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface LanguagePhrases {
  /** {when} without a due time. */
  asap: string;
  /** {when} from the formatted due time (weekday already inflected by `weekday`). */
  due: (formatted: string) => string;
  /** The weekday as it reads after `due`'s words (cs "ve středu", fi "keskiviikkona"). */
  weekday?: (name: string) => string;
  /** {team} from a configured team name. */
  team: (name: string) => string;
  /** {team} when no team is known: who takes a functional / hierarchical case, or anyone else. */
  someone: { functional: string; hierarchical: string; other: string };
  /** {fix} when the next step is not a fix. */
  fix: string;
  /** {next_step}, lower-case clauses that may use {team} and {fix}. */
  nextStep: { fix: string; functional: string; hierarchical: string; investigation: string };
}

const named = (word: RegExp, wrap: (n: string) => string) => (name: string) => (word.test(name) ? name : wrap(name));

/** Czech "on <weekday>" (the accusative with v/ve), keyed by the nominative Intl writes. */
export const CS_WEEKDAYS: Record<string, string> = {
  pondělí: "v pondělí",
  úterý: "v úterý",
  středa: "ve středu",
  čtvrtek: "ve čtvrtek",
  pátek: "v pátek",
  sobota: "v sobotu",
  neděle: "v neděli",
};

export const DEESCALATION_PHRASES: Record<string, LanguagePhrases> = {
  en: {
    asap: "as soon as possible",
    due: (s) => `by ${s}`,
    team: named(/\bteam\b/i, (n) => `the ${n} team`),
    someone: { functional: "our specialist team", hierarchical: "a supervisor", other: "our support team" },
    fix: "the solution",
    nextStep: {
      fix: "I'll walk you through the fix “{fix}”",
      functional: "{team} will take over your case",
      hierarchical: "{team} will personally take over your case",
      investigation: "I'm looking into it myself and will get back to you",
    },
  },
  cs: {
    asap: "co nejdříve",
    due: (s) => `nejpozději ${s}`,
    weekday: (w) => CS_WEEKDAYS[w] ?? w,
    team: named(/tým/i, (n) => `tým ${n}`),
    someone: { functional: "specializovaný tým", hierarchical: "vedoucí týmu", other: "náš tým podpory" },
    fix: "řešení",
    nextStep: {
      fix: "provedu vás řešením „{fix}“",
      functional: "váš případ převezme {team}",
      hierarchical: "váš případ osobně převezme {team}",
      investigation: "osobně to prověřím a ozvu se vám",
    },
  },
  fi: {
    asap: "mahdollisimman pian",
    due: (s) => `viimeistään ${s}`,
    weekday: (w) => `${w}na`,
    team: named(/tiimi/i, (n) => (/\s/.test(n) ? `tiimi ${n}` : `${n}-tiimi`)),
    someone: { functional: "asiantuntijatiimimme", hierarchical: "esihenkilömme", other: "tukitiimimme" },
    fix: "ratkaisu",
    nextStep: {
      fix: "käyn kanssasi läpi ratkaisun ”{fix}”",
      functional: "{team} ottaa asiasi hoitaakseen",
      hierarchical: "{team} ottaa asiasi henkilökohtaisesti hoitaakseen",
      investigation: "selvitän asian itse ja palaan sinulle",
    },
  },
  pt: {
    asap: "o quanto antes",
    due: (s) => `até ${s}`,
    team: named(/equipe/i, (n) => `a equipe ${n}`),
    someone: { functional: "um especialista", hierarchical: "um supervisor", other: "nossa equipe de suporte" },
    fix: "a solução",
    nextStep: {
      fix: "vou orientar você na solução “{fix}”",
      functional: "{team} vai assumir o seu caso",
      hierarchical: "{team} vai assumir o seu caso pessoalmente",
      investigation: "vou verificar isso pessoalmente e dar um retorno",
    },
  },
  de: {
    asap: "so schnell wie möglich",
    due: (s) => `bis ${s}`,
    team: named(/team/i, (n) => `das Team ${n}`),
    someone: { functional: "unser Fachteam", hierarchical: "eine Führungskraft", other: "unser Support-Team" },
    fix: "die Lösung",
    nextStep: {
      fix: "ich gehe die Lösung „{fix}“ mit Ihnen durch",
      functional: "{team} übernimmt Ihr Anliegen",
      hierarchical: "{team} übernimmt Ihr Anliegen persönlich",
      investigation: "ich prüfe das selbst und melde mich bei Ihnen",
    },
  },
  es: {
    asap: "lo antes posible",
    due: (s) => `como muy tarde el ${s}`,
    team: named(/equipo/i, (n) => `el equipo ${n}`),
    someone: { functional: "un especialista", hierarchical: "un supervisor", other: "nuestro equipo de soporte" },
    fix: "la solución",
    nextStep: {
      fix: "le acompaño paso a paso con la solución «{fix}»",
      functional: "{team} se hará cargo de su caso",
      hierarchical: "{team} se hará cargo de su caso personalmente",
      investigation: "voy a revisarlo personalmente y le daré una respuesta",
    },
  },
};

/** The phrases of a language, English when it has none. */
export function phrasesFor(language: string): LanguagePhrases {
  return DEESCALATION_PHRASES[language] ?? (DEESCALATION_PHRASES.en as LanguagePhrases);
}

const DUE_FORMAT: Intl.DateTimeFormatOptions = { weekday: "long", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" };

/** {when}: the due time in the language's own words ("by Wednesday, 10:30 AM UTC"), or "as soon as possible". */
export function formatWhen(dueAt: Date | null, language: string): string {
  const p = phrasesFor(language);
  if (!dueAt) return p.asap;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = dateTimeFormat(language, DUE_FORMAT).formatToParts(dueAt);
  } catch {
    parts = dateTimeFormat("en", DUE_FORMAT).formatToParts(dueAt);
  }
  // Plain spaces: ICU puts narrow no-break spaces in some times ("10:30 AM"), which plain-text
  // channels and search boxes mangle.
  const text = parts
    .map((part) => (part.type === "weekday" && p.weekday ? p.weekday(part.value) : part.value))
    .join("")
    .replace(/[\u00a0\u202f]/g, " ");
  return p.due(text);
}

/** Names of `{x}` placeholders that are not known, in order of appearance. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "");
  return names.filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
}

/** Replaces every known placeholder; unknown ones never reach here (rejected on write, skipped on read). */
export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(/\{(next_step|when|team|fix)\}/g, (_, name: Placeholder) => values[name]);
}

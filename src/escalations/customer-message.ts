import { CS_WEEKDAYS } from "../deflection/deescalation-phrases.js";
import { dateTimeFormat } from "../text/date-format.js";
import type { EscalationType } from "./escalation.types.js";

/**
 * What the customer is told at the moment of escalation: who has the case (a specialist or a
 * supervisor, never a team name), by when they will hear back (the escalation's first-response
 * due time in the team's time zone) and the reference to quote. Curated sentences per language,
 * never generated; no internal detail can reach them because none is an input.
 */
export interface CustomerMessage {
  /** The language the text is written in: the ticket's when curated here, else English. */
  language: string;
  text: string;
  /** The first-response due time the text names (ISO 8601). */
  dueAt: string;
  /** The IANA zone the time is written in (the team's calendar; UTC without one). */
  timeZone: string;
}

export interface CustomerMessageInput {
  /** The ticket's language (ISO 639-1, a region suffix is ignored); null when unknown. */
  language: string | null;
  type: EscalationType;
  firstResponseDueAt: Date;
  timeZone: string;
  reference: string;
  now: Date;
}

/** A local time: hour and minute on the team's clock, and its zone's short name in that language. */
interface Clock {
  hour: number;
  minute: number;
  zone: string;
}

interface MessageWording {
  /** The locale whose ICU names (weekday, month, zone) read naturally ("en-GB" gives "CET"). */
  locale: string;
  sentence: Record<EscalationType, string>;
  /** "at 10:00 CET" as it reads after the day words, in the language's own clock style. */
  time: (c: Clock) => string;
  today: (time: string) => string;
  tomorrow: (time: string) => string;
  /** `weekday` as ICU names it; `date` ("13 January") only when the day is a week or more away. */
  day: (weekday: string, time: string, date: string | null) => string;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** Czech writes "ve" before the numbers spoken dvě, tři, čtyři, dvanáct, třináct, čtrnáct, dvacet…. */
const csAt = (h: number) => ([2, 3, 4, 12, 13, 14].includes(h) || h >= 20 ? "ve" : "v");

export const CUSTOMER_MESSAGES: Record<string, MessageWording> = {
  en: {
    locale: "en-GB",
    sentence: {
      functional: "A specialist now has your case and will get back to you {when}. Your reference is {reference}.",
      hierarchical: "A supervisor now has your case personally and will get back to you {when}. Your reference is {reference}.",
    },
    time: (c) => `${pad(c.hour)}:${pad(c.minute)} ${c.zone}`,
    today: (t) => `by ${t} today`,
    tomorrow: (t) => `by ${t} tomorrow`,
    day: (w, t, date) => `by ${w}${date ? ` ${date}` : ""} ${t}`,
  },
  cs: {
    locale: "cs",
    sentence: {
      functional: "Váš případ nyní převzal specialista a ozve se vám nejpozději {when}. Číslo vašeho požadavku je {reference}.",
      hierarchical: "Váš případ nyní osobně převzal vedoucí pracovník a ozve se vám nejpozději {when}. Číslo vašeho požadavku je {reference}.",
    },
    time: (c) => `${csAt(c.hour)} ${c.hour}:${pad(c.minute)} ${c.zone}`,
    today: (t) => `dnes ${t}`,
    tomorrow: (t) => `zítra ${t}`,
    day: (w, t, date) => `${CS_WEEKDAYS[w] ?? w}${date ? ` ${date}` : ""} ${t}`,
  },
  fi: {
    locale: "fi",
    sentence: {
      functional: "Asiantuntija on ottanut asiasi hoitaakseen ja vastaa sinulle viimeistään {when}. Viitenumerosi on {reference}.",
      hierarchical: "Esihenkilö on ottanut asiasi henkilökohtaisesti hoitaakseen ja vastaa sinulle viimeistään {when}. Viitenumerosi on {reference}.",
    },
    time: (c) => `klo ${c.hour}.${pad(c.minute)} (${c.zone})`,
    today: (t) => `tänään ${t}`,
    tomorrow: (t) => `huomenna ${t}`,
    day: (w, t, date) => `${w}na${date ? ` ${date}` : ""} ${t}`,
  },
  pt: {
    locale: "pt",
    sentence: {
      functional: "Um especialista já está cuidando do seu caso e vai responder até {when}. O número de referência do seu pedido é {reference}.",
      hierarchical: "Um supervisor já está cuidando pessoalmente do seu caso e vai responder até {when}. O número de referência do seu pedido é {reference}.",
    },
    time: (c) => `${c.hour === 1 ? "à" : "às"} ${c.hour}:${pad(c.minute)} (${c.zone})`,
    today: (t) => `hoje ${t}`,
    tomorrow: (t) => `amanhã ${t}`,
    day: (w, t, date) => `${w}${date ? `, ${date},` : ""} ${t}`,
  },
  de: {
    locale: "de",
    sentence: {
      functional: "Eine Fachkraft kümmert sich jetzt um Ihr Anliegen und meldet sich spätestens {when} bei Ihnen. Ihre Vorgangsnummer lautet {reference}.",
      hierarchical: "Eine Führungskraft kümmert sich jetzt persönlich um Ihr Anliegen und meldet sich spätestens {when} bei Ihnen. Ihre Vorgangsnummer lautet {reference}.",
    },
    time: (c) => `um ${c.hour}:${pad(c.minute)} Uhr ${c.zone}`,
    today: (t) => `heute ${t}`,
    tomorrow: (t) => `morgen ${t}`,
    day: (w, t, date) => `am ${w}${date ? `, ${date},` : ""} ${t}`,
  },
  es: {
    locale: "es",
    sentence: {
      functional: "Un especialista ya se está ocupando de su caso y le responderá a más tardar {when}. Su número de referencia es {reference}.",
      hierarchical: "Un supervisor ya se está ocupando personalmente de su caso y le responderá a más tardar {when}. Su número de referencia es {reference}.",
    },
    time: (c) => `${c.hour === 1 ? "a la" : "a las"} ${c.hour}:${pad(c.minute)} (${c.zone})`,
    today: (t) => `hoy ${t}`,
    tomorrow: (t) => `mañana ${t}`,
    day: (w, t, date) => `el ${w}${date ? ` ${date}` : ""} ${t}`,
  },
};

/** The curated language for a ticket language: its own when written here, else English. */
export function customerMessageLanguage(language: string | null): string {
  const base = (language ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return base in CUSTOMER_MESSAGES ? base : "en";
}

/** A zone Intl knows, else UTC (a calendar row is data; a bad one must not fail an escalation). */
export function validTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    dateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

function local(at: Date, locale: string, timeZone: string) {
  const parts = dateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "numeric",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const ymd = Date.UTC(Number(get("year")), Number(get("month")) - 1, Number(get("day")));
  return { day: ymd / 86_400_000, hour: Number(get("hour")), minute: Number(get("minute")), zone: get("timeZoneName") };
}

/** {when}: today / tomorrow / weekday (with the date from a week away), the time and zone, in the team's zone. */
export function formatDue(dueAt: Date, now: Date, language: string, timeZone: string): string {
  const w = CUSTOMER_MESSAGES[customerMessageLanguage(language)] as MessageWording;
  const due = local(dueAt, w.locale, timeZone);
  const days = due.day - local(now, w.locale, timeZone).day;
  const time = w.time(due);
  if (days <= 0) return w.today(time);
  if (days === 1) return w.tomorrow(time);
  const name = (o: Intl.DateTimeFormatOptions) => dateTimeFormat(w.locale, { timeZone, ...o }).format(dueAt);
  return w.day(name({ weekday: "long" }), time, days >= 7 ? name({ day: "numeric", month: "long" }) : null);
}

/**
 * The customer's message for an escalation, in their language (else English). Pure: the due time
 * and zone are the escalation's, so the handoff and every response that shows the text agree.
 */
export function customerMessage(input: CustomerMessageInput): CustomerMessage {
  const language = customerMessageLanguage(input.language);
  const timeZone = validTimeZone(input.timeZone);
  const wording = CUSTOMER_MESSAGES[language] as MessageWording;
  const when = formatDue(input.firstResponseDueAt, input.now, language, timeZone);
  const text = wording.sentence[input.type].replace("{when}", when).replace("{reference}", input.reference);
  // ICU's narrow no-break spaces are mangled by plain-text channels; the customer reads plain spaces.
  return { language, text: text.replace(/[\u00a0\u202f]/g, " "), dueAt: input.firstResponseDueAt.toISOString(), timeZone };
}

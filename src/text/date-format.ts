/**
 * Intl.DateTimeFormat objects kept by locale and options: building one costs far more than
 * formatting with it (ICU loads the locale's patterns and the zone's rules), and the ticket path
 * formats due times in the same few locales and zones on every escalation.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
/** Locales × option sets × zones in use stay few; this only bounds a stream of distinct bad input. */
const MAX_KEPT = 1000;

/** `new Intl.DateTimeFormat(locale, options)`, built once per locale and options; throws as the constructor does. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    if (formats.size >= MAX_KEPT) formats.clear();
    formats.set(key, format);
  }
  return format;
}

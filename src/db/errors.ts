/**
 * SQLSTATEs of "the value cannot be stored or compared as that type" (class 22, data exception):
 * out of range, invalid text for the type, NUL or an untranslatable character, too long for the
 * column. The API validates input before any query, so these mean a value reached SQL that
 * validation should have refused; never a broken database. Arithmetic faults of the same class
 * (22012 division by zero, ...) are bugs in a query and stay unmapped.
 */
const INPUT_VALUE_STATES = new Set([
  "22001", // string_data_right_truncation
  "22003", // numeric_value_out_of_range
  "22007", // invalid_datetime_format
  "22008", // datetime_field_overflow
  "22009", // invalid_time_zone_displacement_value
  "22021", // character_not_in_repertoire (NUL in text)
  "22P02", // invalid_text_representation
  "22P05", // untranslatable_character (\u0000 in jsonb)
]);

/**
 * The SQLSTATE of a database error, whichever driver raised it (postgres.js, PGlite) and
 * however wrapped (drizzle's DrizzleQueryError keeps the driver error as `cause`).
 */
export function sqlState(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** True when Postgres refused a value as such (see INPUT_VALUE_STATES), not the query. */
export function isInputValueError(err: unknown): boolean {
  const state = sqlState(err);
  return state !== undefined && INPUT_VALUE_STATES.has(state);
}

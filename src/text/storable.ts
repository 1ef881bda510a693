import type { FieldIssue } from "../errors.js";

/** A NUL, or a UTF-16 surrogate without its other half (no u flag: the regex sees code units). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNSTORABLE_TEXT_MESSAGE = "must not contain NUL characters (\\u0000) or unpaired UTF-16 surrogates";

/**
 * Every string (value or object key) in `value` that Postgres cannot store, by field path
 * (`rules.0.description`). NUL is refused by text and jsonb columns; an unpaired surrogate is
 * refused by jsonb and silently replaced in text. Input is checked with this before any write.
 */
export function findUnstorableText(value: unknown, max = 20): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Iterative, so deeply nested input cannot overflow the stack.
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: "" }];
  while (stack.length > 0 && issues.length < max) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === "string") {
      if (UNSTORABLE.test(v)) issues.push({ field: path || "(body)", message: UNSTORABLE_TEXT_MESSAGE });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: path ? `${path}.${i}` : String(i) }));
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        const child = path ? `${path}.${k}` : k;
        if (UNSTORABLE.test(k)) issues.push({ field: child, message: `key ${UNSTORABLE_TEXT_MESSAGE}` });
        stack.push({ value: item, path: child });
      }
    }
  }
  return issues.sort((a, b) => a.field.localeCompare(b.field));
}

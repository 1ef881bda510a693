import type { ZodError } from "zod";
import { fieldIssuesOf, invalidInput } from "../parse.js";
import { findUnstorableText } from "../text/storable.js";

type ValidationResult = { success: true; data: unknown; target: string } | { success: false; error: ZodError; target: string };

/**
 * The one validation hook of every route (OpenAPIHono's defaultHook), for every target: body,
 * query, path, headers. Zod failures become 400 VALIDATION_FAILED listing each field. Valid input
 * is then checked once for text Postgres cannot store (NUL, unpaired surrogates), which answered
 * 500 from every service that writes or searches text; here it names the field and writes nothing.
 */
export function validationHook(result: ValidationResult): void {
  if (!result.success) {
    throw invalidInput("request", fieldIssuesOf(result.error));
  }
  const unstorable = findUnstorableText(result.data);
  if (unstorable.length > 0) throw invalidInput("request", unstorable);
}

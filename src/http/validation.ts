import type { ZodError } from "zod";
import { type FieldIssue, ValidationError } from "../errors.js";
import { findUnstorableText } from "../text/storable.js";

type ValidationResult = { success: true; data: unknown; target: string } | { success: false; error: ZodError; target: string };

const invalid = (errors: FieldIssue[]) =>
  new ValidationError(`Invalid request: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, errors);

/**
 * The one validation hook of every route (OpenAPIHono's defaultHook), for every target: body,
 * query, path, headers. Zod failures become 400 VALIDATION_FAILED listing each field. Valid input
 * is then checked once for text Postgres cannot store (NUL, unpaired surrogates), which answered
 * 500 from every service that writes or searches text; here it names the field and writes nothing.
 */
export function validationHook(result: ValidationResult): void {
  if (!result.success) {
    throw invalid(result.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(body)", message: i.message })));
  }
  const unstorable = findUnstorableText(result.data);
  if (unstorable.length > 0) throw invalid(unstorable);
}

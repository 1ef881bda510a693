import type { z } from "zod";
import { type FieldIssue, ValidationError } from "./errors.js";

/** Zod issues as the field list of a 400 VALIDATION_FAILED: the dotted path, "(body)" for the whole value. */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(body)", message: i.message }));
}

/** A ValidationError whose message names every field: "Invalid <what>: field: message; …". */
export function invalidInput(what: string, errors: FieldIssue[]): ValidationError {
  return new ValidationError(`Invalid ${what}: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, errors);
}

/**
 * The one place input is checked against a schema outside a route: scripts, imports and other
 * edges call it where the data comes in, so services take typed input and never parse again.
 * Routes get the same errors from the validation hook (http/validation.ts).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(what, fieldIssuesOf(result.error));
}

import { type ArticleContent, ArticleInputSchema } from "../articles/articles.schemas.js";
import { languageOf } from "../articles/articles.service.js";
import { isLanguageCode } from "../articles/language-codes.js";
import { findUnstorableText } from "../text/storable.js";
import type { ImportField } from "./mapping.js";
import type { RowFailure } from "./records.js";

/** One import row, validated with the article service's own schema and ready to write. */
export type ImportRow = ArticleContent & {
  externalId: string;
  /** True when the row had no external id and it was derived from its content. */
  derivedId: boolean;
  resolvedAt: string | null;
  /** Hash of the content and resolvedAt: an unchanged re-import is recognised by it. */
  sourceHash: string;
};

type Raw = Partial<Record<ImportField, unknown>>;
type Result = { row: ImportRow } | { failure: RowFailure };

const TITLE_FROM_PROBLEM_CHARS = 120;

/**
 * Turns a mapped record into an ImportRow or says why it cannot be one. Text is NFC-normalised
 * with LF line ends and trimmed, so the same ticket exported on another OS hashes the same.
 * Title falls back to the problem's first line (chat exports have no subject); language is
 * the given code's primary subtag (`pt-BR` → `pt`) or detected from the text; a row with no
 * external id gets `content:` + a hash of its title and problem (so fixing its resolution later
 * updates the same article, while a different problem makes a new one).
 */
export async function normalizeRow(raw: Raw): Promise<Result> {
  const problems: RowFailure[] = [];
  const text = (field: ImportField): string | undefined => {
    const v = raw[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return cleanText(v) || undefined;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    problems.push({ code: "INVALID_FIELD", reason: `${field} must be text, got ${Array.isArray(v) ? "an array" : typeof v}` });
    return undefined;
  };
  const problem = text("problem");
  const resolution = text("resolution");
  const title = text("title") ?? (problem ? titleFrom(problem) : undefined);
  const missing = [!problem && "problem (or body/description)", !resolution && "resolution"].filter(Boolean);
  if (missing.length > 0) return { failure: { code: "MISSING_FIELD", reason: `missing required field: ${missing.join(", ")}` } };

  let language = text("language")?.toLowerCase().replace(/_/g, "-").split("-")[0];
  if (language !== undefined && !isLanguageCode(language)) {
    return { failure: { code: "UNKNOWN_LANGUAGE", reason: `unknown language code '${String(raw.language)}'; use ISO 639-1 such as en, de, pt` } };
  }
  language ??= languageOf(title ?? "", problem ?? "", resolution ?? "");

  const visibility = text("visibility")?.toLowerCase() ?? "internal";
  if (visibility !== "internal" && visibility !== "public") {
    return { failure: { code: "INVALID_FIELD", reason: `visibility must be 'internal' or 'public', got '${visibility}'` } };
  }
  const tags = tagsOf(raw.tags, problems);
  let resolvedAt: string | null = null;
  const resolvedText = text("resolvedAt");
  if (resolvedText !== undefined) {
    const t = Date.parse(resolvedText);
    if (Number.isNaN(t)) problems.push({ code: "INVALID_FIELD", reason: `resolvedAt '${resolvedText}' is not a date` });
    else resolvedAt = new Date(t).toISOString();
  }
  const externalId = text("externalId");
  const rootCause = text("rootCause") ?? "";
  const category = text("category") ?? null;
  const product = text("product") ?? null;
  if (problems[0]) return { failure: problems[0] };

  const parsed = ArticleInputSchema.safeParse({ title, problem, rootCause, resolution, language, category, product, visibility, tags, externalId });
  if (!parsed.success) return { failure: failureOf(parsed.error.issues) };
  const a = parsed.data;
  const [unstorable] = findUnstorableText(a);
  if (unstorable) return { failure: { code: "INVALID_FIELD", reason: `${unstorable.field} ${unstorable.message}` } };
  const content = {
    title: a.title,
    problem: a.problem,
    rootCause: a.rootCause ?? "",
    resolution: a.resolution,
    language: a.language ?? language,
    category: a.category ?? null,
    product: a.product ?? null,
    visibility: a.visibility ?? "internal",
    tags: a.tags ?? [],
    resolvedAt,
  };
  const sourceHash = await sha256(JSON.stringify(content));
  const id = a.externalId ?? `content:${(await sha256(`${foldForId(content.title)}\n${foldForId(content.problem)}`)).slice(0, 32)}`;
  return { row: { externalId: id, derivedId: a.externalId == null, ...content, sourceHash } };
}

function cleanText(s: string): string {
  return s.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

function titleFrom(problem: string): string {
  const first = problem.split("\n")[0]?.trim() ?? "";
  if (first.length <= TITLE_FROM_PROBLEM_CHARS) return first;
  const cut = first.slice(0, TITLE_FROM_PROBLEM_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function tagsOf(v: unknown, problems: RowFailure[]): string[] {
  if (v === undefined || v === null || v === "") return [];
  const list = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[,;|]/) : undefined;
  if (!list?.every((t) => typeof t === "string")) {
    problems.push({ code: "INVALID_FIELD", reason: "tags must be a list of strings or a comma-separated string" });
    return [];
  }
  return list.map((t) => cleanText(t).toLowerCase()).filter(Boolean);
}

function failureOf(issues: { path: PropertyKey[]; code: string; message: string }[]): RowFailure {
  const issue = issues[0];
  const field = issue?.path.map(String).join(".") || "row";
  const message = `${field}: ${issue?.message ?? "invalid"}`;
  if (issue?.code === "too_big") return { code: "FIELD_TOO_LONG", reason: message };
  if (field === "language") return { code: "UNKNOWN_LANGUAGE", reason: message };
  if (issue?.code === "too_small") return { code: "MISSING_FIELD", reason: message };
  return { code: "INVALID_FIELD", reason: message };
}

function foldForId(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Hex SHA-256 (Web Crypto, so the same code runs on Node and Workers). */
export async function sha256(s: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

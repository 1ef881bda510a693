import { ARTICLE_CONTENT_FIELDS } from "../articles/articles.schemas.js";
import { ValidationError } from "../errors.js";

/** The article fields an import row can fill. */
export const importFields = ["externalId", ...ARTICLE_CONTENT_FIELDS, "resolvedAt"] as const;
export type ImportField = (typeof importFields)[number];

/** Field → source column name, as given by `--map` / `?map=`; unmapped fields use the defaults. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Names a user may write on the left of `--map name=Column`. */
const fieldAliases: Record<string, ImportField> = {
  externalid: "externalId",
  id: "externalId",
  ticketid: "externalId",
  title: "title",
  subject: "title",
  summary: "title",
  problem: "problem",
  body: "problem",
  description: "problem",
  rootcause: "rootCause",
  cause: "rootCause",
  resolution: "resolution",
  solution: "resolution",
  language: "language",
  lang: "language",
  category: "category",
  product: "product",
  visibility: "visibility",
  tags: "tags",
  resolvedat: "resolvedAt",
  resolved: "resolvedAt",
};

/**
 * Column names recognised without a mapping, best first (compared lower-case, letters and
 * digits only, so "Root Cause", "root_cause" and "rootCause" are the same). Covers the shared
 * eval `articles.jsonl` format and common help-desk exports (Zendesk, Jira, Freshdesk CSVs).
 */
const defaultColumns: Record<ImportField, string[]> = {
  externalId: ["externalid", "id", "ticketid", "ticketnumber", "ticket", "issuekey", "key", "caseid", "casenumber", "number", "reference"],
  title: ["title", "subject", "summary", "headline"],
  problem: ["problem", "body", "description", "question", "symptoms", "symptom", "issue", "details", "content", "message", "text"],
  rootCause: ["rootcause", "cause", "diagnosis", "reason"],
  resolution: ["resolution", "solution", "fix", "answer", "resolutionnotes", "resolutiontext", "workaround", "response"],
  language: ["lang", "language", "locale", "languagecode"],
  category: ["category", "topic", "area", "type"],
  product: ["product", "component", "service"],
  visibility: ["visibility"],
  tags: ["tags", "labels", "keywords"],
  resolvedAt: ["resolvedat", "resolved", "resolveddate", "resolutiondate", "closedat", "closed", "closeddate", "solvedat", "solved"],
};

/** Parses `subject=Title,body=Description`; unknown field names are a validation error listing the valid ones. */
export function parseMapping(spec: string | undefined): ColumnMapping {
  const mapping: ColumnMapping = {};
  if (!spec || spec.trim() === "") return mapping;
  const errors: { field: string; message: string }[] = [];
  for (const pair of spec.split(",")) {
    if (pair.trim() === "") continue;
    const eq = pair.indexOf("=");
    const name = eq === -1 ? pair.trim() : pair.slice(0, eq).trim();
    const column = eq === -1 ? "" : pair.slice(eq + 1).trim();
    const field = fieldAliases[norm(name)];
    if (!field) errors.push({ field: `map.${name}`, message: `unknown field; use one of ${Object.keys(fieldAliases).join(", ")}` });
    else if (!column) errors.push({ field: `map.${name}`, message: "give the source column as name=Column" });
    else mapping[field] = column;
  }
  if (errors.length > 0) throw new ValidationError(`Invalid column mapping: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, errors);
  return mapping;
}

/** Which source key fills each field, for the keys one record (or a CSV header) has. */
export type ResolvedColumns = Partial<Record<ImportField, string>>;

/**
 * Resolves the mapping against the keys present: explicit entries first (exact name, then the
 * same name ignoring case and punctuation), then the defaults; a column fills at most one field.
 * `missing` lists explicitly mapped columns that are not there.
 */
export function resolveColumns(keys: string[], mapping: ColumnMapping): { columns: ResolvedColumns; missing: string[] } {
  const columns: ResolvedColumns = {};
  const used = new Set<string>();
  const missing: string[] = [];
  const byNorm = new Map<string, string>();
  for (const k of keys) if (!byNorm.has(norm(k))) byNorm.set(norm(k), k);
  for (const field of importFields) {
    const wanted = mapping[field];
    if (wanted === undefined) continue;
    const key = keys.includes(wanted) ? wanted : byNorm.get(norm(wanted));
    if (key === undefined) missing.push(wanted);
    else {
      columns[field] = key;
      used.add(key);
    }
  }
  for (const field of importFields) {
    if (mapping[field] !== undefined) continue;
    for (const candidate of defaultColumns[field]) {
      const key = byNorm.get(candidate);
      if (key !== undefined && !used.has(key)) {
        columns[field] = key;
        used.add(key);
        break;
      }
    }
  }
  return { columns, missing };
}

/** A CSV header must contain every explicitly mapped column: checked once, before any row. */
export function checkHeader(header: string[], mapping: ColumnMapping): ResolvedColumns {
  const { columns, missing } = resolveColumns(header, mapping);
  if (missing.length > 0) {
    throw new ValidationError(
      `Mapped column(s) not in the CSV header: ${missing.join(", ")}; the header has ${header.join(", ")}`,
      missing.map((m) => ({ field: "map", message: `column '${m}' not found` })),
    );
  }
  return columns;
}

/**
 * Picks the mapped values out of one record. JSON records may differ in their keys, so columns
 * are resolved per distinct key set (cached: exports nearly always repeat one shape).
 */
export function createExtractor(mapping: ColumnMapping) {
  const cache = new Map<string, ResolvedColumns>();
  return (fields: Record<string, unknown>): Partial<Record<ImportField, unknown>> => {
    const keys = Object.keys(fields);
    const signature = keys.join("\u0000");
    let columns = cache.get(signature);
    if (!columns) {
      columns = resolveColumns(keys, mapping).columns;
      if (cache.size < 256) cache.set(signature, columns);
    }
    const out: Partial<Record<ImportField, unknown>> = {};
    for (const field of importFields) {
      const key = columns[field];
      if (key !== undefined) out[field] = fields[key];
    }
    return out;
  };
}

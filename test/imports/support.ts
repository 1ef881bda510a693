import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/database.js";
import { runImport, type RunImportInput } from "../../src/imports/import.service.js";
import type { TestContext } from "../support/context.js";

/** A resolved-ticket row in the shared dev set's articles.jsonl shape. */
export function devRow(i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const topics = ["invoice", "webhook", "password", "export", "mobile", "seat", "sso", "quota"];
  const t = topics[i % topics.length];
  return {
    id: `A${String(i).padStart(4, "0")}`,
    lang: "en",
    title: `Case ${i}: ${t} trouble number ${i * 7919}`,
    problem: `Customer ${i} says the ${t} page shows error E${i * 31} whenever they open record ${i * 97}.`,
    rootCause: `Setting ${i} for ${t} was disabled.`,
    resolution: `1. Open Settings > ${t}.\n2. Enable option ${i}.`,
    category: "Billing & Invoices",
    product: "Nimbus Helpdesk (web)",
    visibility: i % 2 ? "public" : "internal",
    tags: [t, `tag${i}`],
    ...overrides,
  };
}

export const ndjson = (rows: unknown[]) => `${rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n")}\n`;

export function streamOf(text: string, chunkSize = 1000): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return (async function* () {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  })();
}

/** Runs the import service on a string, as the CLI and API do on their streams. */
export function importText(ctx: TestContext, text: string, input: Partial<RunImportInput> = {}) {
  return runImport({
    deps: ctx.deps,
    caller: { name: "test-import", role: "admin" },
    input: { source: streamOf(text), format: "jsonl", ...input },
  });
}

/** What a user would check after an import: articles, versions, vectors (by external id). */
export async function kbSnapshot(ctx: TestContext) {
  return queryRows<{ external_id: string; version: number; state: string; versions: number; vectors: number; updated_at: string }>(
    ctx.database.db,
    sql`select a.external_id, a.version, a.state, a.updated_at::text,
          (select count(*)::int from article_versions v where v.article_id = a.id) as versions,
          (select count(*)::int from article_embeddings e where e.article_id = a.id) as vectors
        from articles a order by a.external_id`,
  );
}

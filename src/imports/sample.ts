import { createReadStream, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasAnyArticle } from "../articles/articles.queries.js";
import type { Deps } from "../deps.js";
import { runImport } from "./import.service.js";

/** The sample knowledge base shipped with the service (15 articles of a fictional SaaS). */
export function sampleArticlesFile(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, "seed", "sample-articles.jsonl");
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * SAMPLE_DATA=auto on the embedded database: a knowledge base with no articles at all gets the
 * sample articles, published, through the normal import path (so they are versioned, indexed and
 * embedded like any import; re-running `npm run seed` later finds them unchanged). Never touches
 * a Postgres server's data, and never a knowledge base that has articles.
 */
export async function loadSampleDataIfEmpty(deps: Deps): Promise<number> {
  if (deps.config.SAMPLE_DATA !== "auto" || deps.database.kind !== "pglite") return 0;
  if (await hasAnyArticle(deps.database.db)) return 0;
  const file = sampleArticlesFile();
  if (!file) {
    deps.logger.warn("sample knowledge base not found; starting empty", { expected: "seed/sample-articles.jsonl" });
    return 0;
  }
  const state = await runImport({
    deps,
    caller: { name: "sample-data", role: "admin" },
    input: { source: createReadStream(file), format: "jsonl", publish: true, sourceKey: "sample-data" },
  });
  deps.logger.info("loaded the sample knowledge base into the empty embedded database", {
    articles: state.created,
    file,
    disable: "SAMPLE_DATA=off",
  });
  return state.created;
}

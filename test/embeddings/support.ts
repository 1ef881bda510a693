import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../../src/db/database.js";
import { articles } from "../../src/db/schema/index.js";
import { newId } from "../../src/db/ids.js";
import type { IndexableArticle } from "../../src/articles/articles.schemas.js";
import { indexArticle } from "../../src/articles/indexing.js";
import type { Embedder } from "../../src/embeddings/embedder.js";
import { writeTestModel } from "../../src/embeddings/testmodel/write.js";

/** A fresh copy of the generated test model in its own temp folder named `name`. */
export function makeModelDir(name = "static-model", dims = 64): string {
  const dir = join(mkdtempSync(join(tmpdir(), "deflect-model-")), name);
  writeTestModel(dir, dims);
  return dir;
}

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}

export function norm(v: number[]): number {
  return Math.sqrt(cosine(v, v));
}

const TOPICS = [
  ["Password reset link expired", "The reset e-mail link says expired", "Token lifetime 15 minutes", "Request a new link and open it within 15 minutes"],
  ["Printer offline after update", "Printer shows offline on Windows", "Driver replaced by update", "Reinstall the vendor driver"],
  ["Faktura se nestáhne", "Stažení faktury skončí chybou", "Vypršela relace", "Odhlaste se a znovu přihlaste"],
  ["Salasana unohtunut", "En pääse kirjautumaan", "Tili lukittu", "Avaa tili asetuksista"],
] as const;

/** Inserts `n` articles, each written with its search representation by `embedder` (the real indexArticle). */
export async function insertArticles(database: Database, embedder: Embedder, n: number): Promise<IndexableArticle[]> {
  const out: IndexableArticle[] = [];
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const [title, problem, rootCause, resolution] = TOPICS[i % TOPICS.length] as readonly string[];
      const article: IndexableArticle = {
        id: newId("article"),
        title: `${title} #${i}`,
        problem: problem as string,
        rootCause: rootCause as string,
        resolution: resolution as string,
        language: i % 4 === 2 ? "cs" : i % 4 === 3 ? "fi" : "en",
        category: "account",
        product: null,
        tags: i % 2 ? ["login", "e-mail"] : [],
      };
      await tx.insert(articles).values({ ...article, state: "published", visibility: "public" });
      await indexArticle(tx, embedder, article);
      out.push(article);
    }
  });
  return out;
}

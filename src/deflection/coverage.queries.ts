import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db/database.js";

/**
 * How much of the query an article explains: the IDF-weighted share of the query's terms found in
 * the article's search vector (stemmed or `simple`). Terms no article has (df = 0) weigh most —
 * they are what the knowledge base does not cover ("Telegram", "Finvoice"), the mark of a
 * near-miss that shares only the generic words with the best article.
 */
export async function termCoverage(db: Executor, p: { scope: SQL; config: string; terms: string[]; ids: string[] }): Promise<Map<string, number>> {
  if (p.terms.length === 0 || p.ids.length === 0) return new Map();
  const termArray = sql`array[${sql.join(
    p.terms.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  const idArray = sql`array[${sql.join(
    p.ids.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  const rows = await queryRows<{ id: string; coverage: number }>(
    db,
    sql`with terms as (
          select t, to_tsquery(${p.config}::regconfig, t) || to_tsquery('simple', t) as q from unnest(${termArray}) as t
        ),
        n as (select count(*)::float8 as n from articles a where ${p.scope}),
        w as (
          select terms.q, ln(1 + (n.n - df.df + 0.5) / (df.df + 0.5)) as idf
            from terms, n,
                 lateral (select count(*)::float8 as df from articles a where a.search_tsv @@ terms.q and ${p.scope}) df
           where numnode(terms.q) > 0
        )
        select a.id, coalesce(sum(w.idf) filter (where a.search_tsv @@ w.q) / nullif(sum(w.idf), 0), 0) as coverage
          from articles a cross join w
         where a.id = any(${idArray})
         group by a.id`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.coverage)]));
}

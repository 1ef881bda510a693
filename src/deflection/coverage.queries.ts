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

/** A query term's tsquery in `config` (stemmed) or `simple`, as termCoverage builds it. */
function termQueries(config: string, terms: string[]): SQL {
  const termArray = sql`array[${sql.join(
    terms.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  return sql`select u.t, u.ord, to_tsquery(${config}::regconfig, u.t) || to_tsquery('simple', u.t) as q from unnest(${termArray}) with ordinality as u(t, ord)`;
}

/** How many articles in `scope` there are: the N of termCoverage's IDF. */
export async function scopeArticleCount(db: Executor, scope: SQL): Promise<number> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::float8 as n from articles a where ${scope}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Per term, how many articles in `scope` contain it (stemmed or `simple`), or null when the term
 * makes no query (a stop word): the df of termCoverage's IDF, term by term.
 */
export async function termDocumentFrequencies(db: Executor, p: { scope: SQL; config: string; terms: string[] }): Promise<Map<string, number | null>> {
  if (p.terms.length === 0) return new Map();
  const rows = await queryRows<{ t: string; df: number | null }>(
    db,
    sql`with terms as (${termQueries(p.config, p.terms)})
        select terms.t, case when numnode(terms.q) > 0
                             then (select count(*)::float8 from articles a where a.search_tsv @@ terms.q and ${p.scope}) end as df
          from terms`,
  );
  return new Map(rows.map((r) => [r.t, r.df === null ? null : Number(r.df)]));
}

/** Per article of `ids`, which of the terms (in order) its search vector contains. */
export async function termMatches(db: Executor, p: { config: string; terms: string[]; ids: string[] }): Promise<Map<string, boolean[]>> {
  if (p.terms.length === 0 || p.ids.length === 0) return new Map();
  const idArray = sql`array[${sql.join(
    p.ids.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  const rows = await queryRows<{ id: string; hits: boolean[] | string }>(
    db,
    sql`with terms as (${termQueries(p.config, p.terms)})
        select a.id, array_agg(a.search_tsv @@ terms.q order by terms.ord) as hits
          from articles a cross join terms
         where a.id = any(${idArray})
         group by a.id`,
  );
  return new Map(rows.map((r) => [r.id, booleanArray(r.hits)]));
}

/** A boolean[] from raw SQL: postgres.js parses it, PGlite's raw rows may carry the `{t,f}` literal. */
function booleanArray(value: boolean[] | string): boolean[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter((v) => v !== "")
    .map((v) => v === "t" || v === "true");
}

import { createArticle, updateArticle, type Actor } from "../articles/articles.service.js";
import { changeArticleState } from "../articles/articles.state.js";
import { passageText } from "../articles/indexing.js";
import type { Tx } from "../db/database.js";
import type { Deps } from "../deps.js";
import { DomainError } from "../errors.js";
import type { PrecomputedEmbedder } from "./batch-embedder.js";
import { type ExistingArticle, findArticlesByExternalIds, type ImportAdvance } from "./imports.queries.js";
import type { ImportLedger } from "./ledger.js";
import type { ImportRow } from "./normalize.js";
import type { RowFailure } from "./records.js";

/** A row reported because it nearly repeats (or exactly repeats the id of) an earlier row of the same import. */
export type ImportNote =
  | { kind: "similar"; line: number; externalId: string; similarToLine: number; similarToExternalId: string; similarity: number }
  | { kind: "duplicate"; line: number; externalId: string; firstLine: number };

export type BatchEntry = { line: number; endLine: number } & ({ failure: RowFailure } | { row: ImportRow; note?: ImportNote } | { duplicate: ImportNote });

export interface BatchContext {
  deps: Deps;
  caller: Actor;
  ledger: ImportLedger;
  publish: boolean;
  dryRun: boolean;
  embedder: PrecomputedEmbedder;
}

type Plan = { entry: BatchEntry & { row: ImportRow }; existing?: ExistingArticle };

/**
 * Writes one batch: finds which rows are new, changed or unchanged (by external id and source
 * hash), embeds the passages of the new and changed ones in ONE embedder call, then in ONE
 * transaction writes the articles through the article services (versions, index, vectors,
 * audit) and advances the import's counters and last_line. A row the services refuse is
 * rolled back to its savepoint and reported; anything else aborts the whole batch, which then
 * leaves no trace and is redone by a rerun.
 */
export async function writeBatch(ctx: BatchContext, entries: BatchEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const delta: ImportAdvance = { lastLine: 0, read: entries.length, created: 0, updated: 0, skipped: 0, failed: 0, errors: [], nearDuplicates: [] };
  for (const e of entries) delta.lastLine = Math.max(delta.lastLine, e.endLine);
  const plans: Plan[] = [];
  for (const e of entries) {
    if ("failure" in e) {
      delta.failed++;
      delta.errors.push({ line: e.line, ...e.failure });
    } else if ("duplicate" in e) {
      delta.skipped++;
      delta.nearDuplicates.push(e.duplicate);
    } else {
      if (e.note) delta.nearDuplicates.push(e.note);
      plans.push({ entry: e });
    }
  }
  const db = ctx.deps.database.db;
  const existing = await findArticlesByExternalIds(
    db,
    plans.map((p) => p.entry.row.externalId),
  );
  const toWrite: Plan[] = [];
  for (const p of plans) {
    p.existing = existing.get(p.entry.row.externalId);
    if (p.existing && p.existing.sourceHash === p.entry.row.sourceHash) delta.skipped++;
    else toWrite.push(p);
  }

  if (ctx.dryRun) {
    for (const p of toWrite) p.existing ? delta.updated++ : delta.created++;
    const written = ctx.ledger.recording ? await db.transaction((tx) => ctx.ledger.commit(tx, delta)) : await ctx.ledger.commit(db, delta);
    ctx.ledger.apply(written);
    return;
  }

  ctx.embedder.clear();
  await ctx.embedder.precompute(toWrite.map((p) => passageText({ id: "", ...p.entry.row })));
  // Rows were validated with the services' own schema, so a refusal is rare: write the batch
  // without per-row savepoints (each costs a round trip) and only if one row is refused redo
  // the batch with a savepoint per row, reporting the refused row and keeping the others.
  const base = { ...delta, errors: [...delta.errors] };
  let written: ImportAdvance;
  try {
    written = await db.transaction(async (tx) => {
      for (const p of toWrite) await writeRow(ctx, tx, p);
      for (const p of toWrite) p.existing ? delta.updated++ : delta.created++;
      return ctx.ledger.commit(tx, delta);
    });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code === "CONFLICT") throw err;
    const retry: ImportAdvance = { ...base, errors: [...base.errors] };
    written = await db.transaction(async (tx) => {
      for (const p of toWrite) {
        try {
          await tx.transaction((sp) => writeRow(ctx, sp, p));
          p.existing ? retry.updated++ : retry.created++;
        } catch (rowErr) {
          if (!(rowErr instanceof DomainError)) throw rowErr;
          retry.failed++;
          retry.errors.push({ line: p.entry.line, code: "REJECTED", reason: rowErr.message });
        }
      }
      return ctx.ledger.commit(tx, retry);
    });
  }
  ctx.ledger.apply(written);
}

async function writeRow(ctx: BatchContext, tx: Tx, { entry, existing }: Plan): Promise<void> {
  const { row } = entry;
  const deps = { ...ctx.deps, embedder: ctx.embedder };
  const fields = {
    title: row.title,
    problem: row.problem,
    rootCause: row.rootCause,
    resolution: row.resolution,
    language: row.language,
    category: row.category,
    product: row.product,
    tags: row.tags,
    visibility: row.visibility,
    externalId: row.externalId,
    sourceHash: row.sourceHash,
  };
  const note = `import ${ctx.ledger.id} line ${entry.line}${row.resolvedAt ? ` (resolved ${row.resolvedAt})` : ""}`;
  if (!existing) {
    await createArticle({ deps, input: { ...fields, state: ctx.publish ? "published" : "draft" }, caller: ctx.caller, tx });
    return;
  }
  await updateArticle({ deps, id: existing.id, input: { ...fields, note }, caller: ctx.caller, tx });
  if (ctx.publish && (existing.state === "draft" || existing.state === "validated")) {
    await changeArticleState({ deps, id: existing.id, input: { state: "published", note }, caller: ctx.caller, tx });
  }
}

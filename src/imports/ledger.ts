import { recordAudit } from "../audit/audit.js";
import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { ConflictError } from "../errors.js";
import type { Caller } from "../caller.js";
import { advanceImport, finishImport, findResumableImport, type ImportAdvance, type ImportRecord, insertImport, reopenImport } from "./imports.queries.js";
import type { ImportFormat } from "./records.js";

/** At most this many row errors and near-duplicate notes are kept per import (counts stay exact). */
export const MAX_NOTES = 1000;

export interface LedgerOptions {
  format: ImportFormat;
  publish: boolean;
  dryRun: boolean;
  /** Identifies the input (path + content hash, or a client's key): a rerun resumes its import. */
  sourceKey?: string | null;
  /** False only for a CLI dry run: nothing at all is written, the status lives in memory. */
  record: boolean;
}

/**
 * The progress of one import: the `imports` row (or, for a CLI dry run, the same shape in
 * memory). Each batch's counts and `last_line` are written in that batch's transaction, so
 * after a crash the row says exactly which lines are in the database.
 */
export class ImportLedger {
  private constructor(
    private readonly deps: Pick<Deps, "database" | "clock">,
    readonly state: ImportRecord,
    /** The line after which this run starts: 0 for a new import, last_line when resuming. */
    readonly resumedFrom: number,
    private readonly record: boolean,
  ) {}

  /** Resumes the unfinished import of the same source, or starts (and audits) a new one. */
  static async open(deps: Pick<Deps, "database" | "clock">, caller: Pick<Caller, "name" | "role">, o: LedgerOptions): Promise<ImportLedger> {
    const now = deps.clock.now();
    const db = deps.database.db;
    if (o.record && !o.dryRun && o.sourceKey) {
      const previous = await findResumableImport(db, o.sourceKey);
      if (previous) {
        await reopenImport(db, previous.id, now);
        return new ImportLedger(deps, { ...previous, status: "running" }, previous.lastLine, true);
      }
    }
    const row: ImportRecord = {
      id: newId("import"),
      sourceKey: o.sourceKey ?? null,
      format: o.format,
      status: "running",
      publish: o.publish,
      dryRun: o.dryRun,
      lastLine: 0,
      read: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      failed: 0,
      errors: [],
      nearDuplicates: [],
      createdBy: caller.name,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    if (!o.record) return new ImportLedger(deps, row, 0, false);
    const created = await deps.database.db.transaction(async (tx) => {
      const inserted = await insertImport(tx, row);
      await recordAudit(tx, caller, "import.started", "import", inserted.id, { format: o.format, publish: o.publish, dryRun: o.dryRun }, now);
      return inserted;
    });
    return new ImportLedger(deps, created, 0, true);
  }

  get id(): string {
    return this.state.id;
  }

  /** Whether progress is written to the `imports` table (everything but a CLI dry run). */
  get recording(): boolean {
    return this.record;
  }

  /**
   * Writes a batch's outcome inside the batch's transaction and returns it as written (notes
   * capped); pass that to `apply` once the transaction has committed. Throws CONFLICT when
   * another process moved this import on meanwhile, which rolls the batch back.
   */
  async commit(tx: Executor, delta: ImportAdvance): Promise<ImportAdvance> {
    const errorsRoom = Math.max(0, MAX_NOTES - (this.state.errors as unknown[]).length);
    const notesRoom = Math.max(0, MAX_NOTES - (this.state.nearDuplicates as unknown[]).length);
    const capped = { ...delta, errors: delta.errors.slice(0, errorsRoom), nearDuplicates: delta.nearDuplicates.slice(0, notesRoom) };
    if (this.record) {
      const ok = await advanceImport(tx, this.state.id, this.state.lastLine, capped, this.deps.clock.now());
      if (!ok) throw new ConflictError(`import ${this.state.id} was advanced by another process; rerun to resume it`, { importId: this.state.id });
    }
    return capped;
  }

  /** Applies a committed batch to the in-memory copy. */
  apply(d: ImportAdvance): void {
    const at = this.deps.clock.now();
    const s = this.state;
    s.lastLine = d.lastLine;
    s.read += d.read;
    s.created += d.created;
    s.updated += d.updated;
    s.skipped += d.skipped;
    s.failed += d.failed;
    s.errors = [...(s.errors as unknown[]), ...d.errors];
    s.nearDuplicates = [...(s.nearDuplicates as unknown[]), ...d.nearDuplicates];
    s.updatedAt = at;
  }

  async finish(status: "completed" | "failed", error?: { line: number | null; code: string; reason: string }): Promise<void> {
    const now = this.deps.clock.now();
    if (this.record) await finishImport(this.deps.database.db, this.state.id, status, now, error);
    this.state.status = status;
    this.state.updatedAt = now;
    this.state.finishedAt = status === "completed" ? now : null;
    if (error) this.state.errors = [...(this.state.errors as unknown[]), error];
  }
}

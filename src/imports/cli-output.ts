import cliProgress from "cli-progress";
import type { ImportRecord } from "./imports.queries.js";
import { type ImportStatus, presentImport } from "./imports.schemas.js";

/** How many failed rows and near-duplicates the summary lists before pointing at the API. */
const LIST_LIMIT = 20;

/**
 * The CLI's progress display on stderr: a bar over the file's bytes (so percent and ETA are
 * right before the row count is known) with the row rate and running counts. Without a TTY
 * (CI logs, pipes) it prints one line every few seconds instead of redrawing; `perBatch`
 * prints one line per committed batch.
 */
export class ImportProgress {
  private readonly bar: cliProgress.SingleBar;
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private readAtStart = 0;
  private state: ImportRecord | undefined;

  constructor(
    private readonly totalBytes: number,
    private readonly bytesRead: () => number,
    private readonly perBatch: boolean,
  ) {
    this.bar = new cliProgress.SingleBar({
      format: "importing |{bar}| {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted} | created {created} updated {updated} skipped {skipped} failed {failed}",
      barCompleteChar: "\u2588",
      barIncompleteChar: "\u2591",
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
      fps: 5,
    });
  }

  start(state: ImportRecord, resumedFrom: number): void {
    this.readAtStart = state.read;
    this.state = state;
    if (resumedFrom > 0) process.stderr.write(`resuming import ${state.id} after line ${resumedFrom} (${state.read} rows already done)\n`);
    this.bar.start(Math.max(1, this.totalBytes), 0, this.payload());
    this.timer = setInterval(() => this.bar.update(Math.min(this.bytesRead(), this.totalBytes), this.payload()), 250);
    this.timer.unref();
  }

  update(state: ImportRecord): void {
    this.state = state;
    this.bar.update(Math.min(this.bytesRead(), this.totalBytes), this.payload());
    if (this.perBatch) {
      process.stderr.write(
        `\ncommitted through line ${state.lastLine}: read ${state.read}, created ${state.created}, updated ${state.updated}, skipped ${state.skipped}, failed ${state.failed}\n`,
      );
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.state) this.bar.update(Math.min(this.bytesRead(), this.totalBytes), this.payload());
    this.bar.stop();
  }

  /** Rows per second of this run (rows resumed from an earlier run are not counted). */
  rate(): number {
    const seconds = (performance.now() - this.started) / 1000;
    return seconds > 0 ? ((this.state?.read ?? 0) - this.readAtStart) / seconds : 0;
  }

  private payload() {
    const s = this.state;
    return {
      rows: s?.read ?? 0,
      rate: Math.round(this.rate()),
      created: s?.created ?? 0,
      updated: s?.updated ?? 0,
      skipped: s?.skipped ?? 0,
      failed: s?.failed ?? 0,
    };
  }
}

/** The end-of-run report on stdout: counts, then failed rows and near-duplicates by line. */
export function formatSummary(record: ImportRecord, opts: { seconds: number; rowsPerSecond: number; dryRun: boolean }): string {
  const s: ImportStatus = presentImport(record);
  const out: string[] = [];
  const verb = opts.dryRun ? "would be " : "";
  out.push(`${opts.dryRun ? "dry run" : "import"} ${s.id}: ${s.status} in ${opts.seconds.toFixed(1)} s (${Math.round(opts.rowsPerSecond)} rows/s)`);
  out.push(`  read      ${s.read}`);
  out.push(`  created   ${s.created}${s.created ? ` ${verb}(${s.publish ? "published" : "draft"})` : ""}`);
  out.push(`  updated   ${s.updated}${s.updated ? ` ${verb}(new versions)` : ""}`);
  out.push(`  skipped   ${s.skipped} (unchanged ${s.skippedUnchanged}, duplicate external id ${s.skippedDuplicate})`);
  out.push(`  failed    ${s.failed}`);
  out.push(`  near-duplicates ${s.nearDuplicates.length}`);
  if (s.errors.length > 0) {
    out.push("failed rows:");
    for (const e of s.errors.slice(0, LIST_LIMIT)) out.push(`  ${e.line === null ? "import" : `line ${e.line}`}: ${e.code} ${e.reason}`);
    if (s.errors.length > LIST_LIMIT) out.push(`  … ${s.errors.length - LIST_LIMIT} more (GET /v1/imports/${s.id})`);
  }
  if (s.duplicates.length > 0) {
    out.push("duplicate external ids (skipped):");
    for (const d of s.duplicates.slice(0, LIST_LIMIT)) out.push(`  line ${d.line}: ${d.externalId} (first on line ${d.firstLine})`);
  }
  if (s.nearDuplicates.length > 0) {
    out.push("near-duplicates (imported, not merged):");
    for (const n of s.nearDuplicates.slice(0, LIST_LIMIT)) {
      out.push(`  line ${n.line} (${n.externalId}) ~ line ${n.similarToLine} (${n.similarToExternalId}): similarity ${n.similarity}`);
    }
    if (s.nearDuplicates.length > LIST_LIMIT) out.push(`  … ${s.nearDuplicates.length - LIST_LIMIT} more (GET /v1/imports/${s.id})`);
  }
  return `${out.join("\n")}\n`;
}

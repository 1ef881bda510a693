/**
 * `npm run make-test-model -- <dir> [--dims 64]`: writes the tiny offline test model (see
 * src/embeddings/testmodel/write.ts). Point MODEL_DIR at <dir> to serve it with EMBEDDER=transformers.
 */
import { resolve } from "node:path";
import { writeTestModel } from "../src/embeddings/testmodel/write.js";

const args = process.argv.slice(2);
const dimsAt = args.indexOf("--dims");
const dims = dimsAt >= 0 ? Number(args[dimsAt + 1]) : 64;
const dir = args.find((a, i) => !a.startsWith("--") && (dimsAt < 0 || i !== dimsAt + 1));
if (!dir || !Number.isInteger(dims) || dims < 4 || dims > 4096) {
  console.error("usage: npm run make-test-model -- <dir> [--dims 64]");
  process.exit(2);
}
const info = writeTestModel(resolve(dir), dims);
console.log(`wrote test model to ${info.dir}: ${info.vocabSize} tokens × ${info.dims} dims (${info.files.join(", ")})`);
console.log(`use it with: EMBEDDER=transformers MODEL_DIR=${info.dir}`);

/**
 * `npm run make-test-model -- <dir> [--dims 64]`: writes the tiny offline test model (see
 * src/embeddings/testmodel/write.ts). Point MODEL_DIR at <dir> to serve it with EMBEDDER=transformers.
 */
import { resolve } from "node:path";
import { writeTestModel } from "../src/embeddings/testmodel/write.js";
import { parseCli } from "./lib/cli.js";

const { values, positionals } = parseCli({
  command: "npm run make-test-model",
  summary: "Writes the tiny offline test model (transformers.js folder layout, hashed n-gram table) into <dir>.",
  positionals: [{ name: "<dir>", help: "folder to write (config.json, tokenizer.json, onnx/…)" }],
  flags: { dims: { type: "number", value: "N", min: 4, max: 4096, default: 64, help: "embedding dimensions" } },
  env: {},
  examples: ["npm run make-test-model -- .cache/test-model && EMBEDDER=transformers MODEL_DIR=.cache/test-model npm start"],
});
const info = writeTestModel(resolve(positionals[0] as string), values.dims);
console.log(`wrote test model to ${info.dir}: ${info.vocabSize} tokens × ${info.dims} dims (${info.files.join(", ")})`);
console.log(`use it with: EMBEDDER=transformers MODEL_DIR=${info.dir}`);

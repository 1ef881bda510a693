// Reads esbuild's metafile of the Worker bundle: fails when a Node-only module got in, prints sizes.
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const metaPath = process.argv[2];
if (!metaPath) throw new Error("usage: check-bundle.mjs <meta.json>");
const meta = JSON.parse(readFileSync(metaPath, "utf8"));
const forbidden = [
  /node_modules\/@electric-sql\//,
  /node_modules\/@xenova\//,
  /node_modules\/onnxruntime/,
  /node_modules\/sharp\//,
  /node_modules\/swagger-ui-dist\//,
  /node_modules\/prom-client\//,
  /\.node\.ts$/,
  /src\/db\/client\.ts$/,
  /src\/embeddings\/(transformers|node-factory)\.ts$/,
  /src\/entry\/node\.ts$/,
  /^node:fs/,
];
const inputs = Object.keys(meta.inputs);
const bad = inputs.filter((i) => forbidden.some((re) => re.test(i)));
const nodeImports = new Set();
for (const info of Object.values(meta.inputs)) for (const imp of info.imports ?? []) if (imp.external && /^(node:)?fs/.test(imp.path)) nodeImports.add(imp.path);
for (const out of Object.keys(meta.outputs)) {
  if (!out.endsWith(".js")) continue;
  const file = join(dirname(metaPath), out.split("/").pop());
  const bytes = statSync(file).size;
  const gz = gzipSync(readFileSync(file)).length;
  console.log(`bundle ${out}: ${(bytes / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB, ${inputs.length} modules`);
}
const largest = Object.entries(meta.inputs)
  .sort((a, b) => b[1].bytes - a[1].bytes)
  .slice(0, 8);
console.log("largest inputs:", largest.map(([p, i]) => `${p.replace(/.*node_modules\//, "")} ${(i.bytes / 1024).toFixed(0)}K`).join(", "));
if (bad.length > 0 || nodeImports.size > 0) {
  console.error("Node-only code reachable from the Worker:", [...bad, ...nodeImports].join(", "));
  process.exit(1);
}

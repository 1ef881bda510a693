// npm start: runs the compiled service (dist/), building it first only when its sources changed.
//
// A build (the browser bundles with esbuild, then tsc, about a minute on 2 cores) happens on the
// first start after install and after a change to src/ (browser code and its CSS included),
// scripts/, the tsconfigs or package-lock.json; every other start goes straight to
// node (a few seconds, most of it opening the database and the embedder). The stamp is a SHA-256
// of those inputs' contents, not their times, so a checkout or a copy does not force a rebuild and
// an edit always does. Plain JavaScript on purpose: it must run before anything is compiled.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const USAGE = `usage: npm run start   (or: npm start)

Starts the Deflect service (HTTP on HOST:PORT, default 127.0.0.1:3000), building dist/ first when
the sources changed since the last build. On the first start with an empty database it loads the
sample knowledge base (SAMPLE_DATA=auto) and writes the first admin API key to <DATA_DIR>/admin-key
(FIRST_ADMIN_KEY=file). It takes no arguments: configuration is environment variables only.

environment: (every one, with its default: .env.example)
  PORT, HOST          where to listen (3000, 127.0.0.1)
  DATABASE_URL        a Postgres server; unset: the embedded database under DATA_DIR (./data)
  EMBEDDER, MODEL_DIR the embedder (transformers) and a local model folder
  LOG_LEVEL           info (JSON lines on stderr)

example:
  PORT=8080 DATA_DIR=/var/lib/deflect npm start`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`unknown argument '${args[0]}' (npm start takes no arguments; configure with environment variables)\n${USAGE}`);
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = join(root, "dist", ".build-stamp");
const entry = join(root, "dist", "src", "entry", "node.js");
const bundles = join(root, "dist", "src", "browser", "generated", "bundles.js");

/** SHA-256 over the build's inputs, in a stable order: paths and contents. */
function sourceHash() {
  const hash = createHash("sha256");
  const files = ["tsconfig.json", "tsconfig.build.json", "package-lock.json"].map((f) => join(root, f));
  const walk = (dir) => {
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, item.name);
      if (item.isDirectory()) walk(path);
      else if (/\.(ts|mts|cts|mjs|json|css)$/.test(item.name)) files.push(path);
    }
  };
  walk(join(root, "src"));
  walk(join(root, "scripts"));
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const wanted = sourceHash();
const built = existsSync(stampFile) && existsSync(entry) && existsSync(bundles) ? readFileSync(stampFile, "utf8").trim() : "";
if (built !== wanted) {
  console.error(built ? "npm start: sources changed since the last build; building (esbuild, tsc)…" : "npm start: first start; building dist/ (esbuild, tsc)…");
  rmSync(stampFile, { force: true });
  // The browser bundles as a module that dist/ imports (scripts/build-browser.mjs explains why).
  const { buildBrowserBundles, GENERATED_DIST } = await import("./build-browser.mjs");
  try {
    await buildBrowserBundles([GENERATED_DIST]);
  } catch (err) {
    console.error(`npm start: bundling the browser code failed (see above); nothing was started\n${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
  const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (tsc.status !== 0) {
    console.error("npm start: the build failed (see above); nothing was started");
    process.exit(tsc.status ?? 1);
  }
  writeFileSync(stampFile, `${wanted}\n`);
}
await import(pathToFileURL(entry).href);

// npm run dev: the service from src/ under `tsx watch` (restarted on every change). --help is
// answered here, before tsx starts watching (a watcher never exits, even after the help text).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const USAGE = `usage: npm run dev

Runs the service from src/ with tsx and restarts it on every change (npm start runs the build);
esbuild re-bundles the browser code (src/browser/) on every change to it.
It takes no arguments: configuration is environment variables only.

environment: (every one, with its default: .env.example)
  PORT, HOST, DATABASE_URL, DATA_DIR, EMBEDDER, MODEL_DIR, LOG_LEVEL

example:
  PORT=8080 npm run dev`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`unknown argument '${args[0]}' (configure the service with environment variables)\n${USAGE}`);
  process.exit(2);
}
// The browser bundles first (src/browser/generated/bundles.js, which the service imports), then
// esbuild keeps rebuilding them on every change under src/browser; tsx restarts on the new module.
const { watchBrowserBundles } = await import("./build-browser.mjs");
const bundler = await watchBrowserBundles();
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const child = spawn(process.execPath, [tsx, "watch", "src/entry/node.ts"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  void bundler.dispose().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});

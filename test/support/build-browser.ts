import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * The tests import src/ directly, and src/browser/assets.ts imports the generated browser
 * bundles: build them once per run (esbuild, well under a second), as npm start and dev do.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, "../..");
  execFileSync(process.execPath, [join(root, "scripts/build-browser.mjs")], { cwd: root, stdio: "inherit" });
}

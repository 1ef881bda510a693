import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: Promise<string> | undefined;

/**
 * Chart.js's UMD build from the installed `chart.js` package, read once. Node only: the Workers
 * bundle never loads this module (the asset route imports it lazily and answers 404 there).
 */
export function readChartJs(): Promise<string> {
  cached ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("chart.js");
    return readFile(join(dirname(entry), "chart.umd.js"), "utf8");
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

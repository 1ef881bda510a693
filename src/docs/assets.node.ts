import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The files of the installed `swagger-ui-dist` package that /docs serves. */
export type SwaggerUiFile = "swagger-ui-bundle.js" | "swagger-ui.css";

const cache = new Map<SwaggerUiFile, Promise<string>>();

/**
 * A file of the installed `swagger-ui-dist` package, read once per process. Node only: the
 * Workers bundle never loads this module (docs.routes.ts imports it lazily and answers 404 there).
 */
export function readSwaggerUiFile(name: SwaggerUiFile): Promise<string> {
  let file = cache.get(name);
  if (!file) {
    file = (async () => {
      const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
      return readFile(join(dir, name), "utf8");
    })();
    file.catch(() => cache.delete(name));
    cache.set(name, file);
  }
  return file;
}

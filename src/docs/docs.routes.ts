import { z } from "@hono/zod-openapi";
import { DomainError } from "../errors.js";
import { EVERYONE } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute } from "../http/route.js";
import type { SwaggerUiFile } from "./assets.node.js";
import { docsHtml, docsInitJs } from "./docs.page.js";

const text = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });
const NOT_ON_WORKERS = "NOT_FOUND: Swagger UI is not bundled on this runtime (Workers); read /openapi.json";

const pageRoute = defineRoute({
  method: "get",
  path: "/docs",
  operationId: "getApiReference",
  tags: ["System"],
  summary: "API reference (Swagger UI over this service's /openapi.json), fully offline",
  description:
    "Swagger UI from the installed swagger-ui-dist package: its script, stylesheet and init script come from this service, the spec from /openapi.json; nothing is fetched from another host. Node only (on Workers: 404, read /openapi.json).",
  roles: EVERYONE,
  responses: { 200: text("text/html", "The reference page") },
  errors: { 404: NOT_ON_WORKERS },
});

const referenceRoute = defineRoute({
  method: "get",
  path: "/reference",
  operationId: "getReferenceRedirect",
  tags: ["System"],
  summary: "Redirects to /docs",
  roles: EVERYONE,
  responses: { 302: { description: "To /docs", headers: { location: { schema: { type: "string" } } } } },
});

const assetRoute = (name: SwaggerUiFile | "init.js", type: string) =>
  defineRoute({
    method: "get",
    path: `/docs/${name}`,
    operationId: `getDocsAsset_${name.replace(/\W/g, "_")}`,
    tags: ["System"],
    summary: `API reference asset ${name}`,
    roles: EVERYONE,
    responses: { 200: text(type, "The asset") },
    ...(name === "init.js" ? {} : { errors: { 404: NOT_ON_WORKERS } }),
  });

/** Loaded lazily and only on Node: the specifier is a variable so bundlers for Workers skip it. */
async function loadSwaggerUiFile(runtime: string, name: SwaggerUiFile): Promise<string | undefined> {
  if (runtime !== "node") return undefined;
  const specifier = "./assets.node.js";
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as { readSwaggerUiFile(name: SwaggerUiFile): Promise<string> };
    return await mod.readSwaggerUiFile(name);
  } catch {
    return undefined;
  }
}

const notOnThisRuntime = (asset: string) => new DomainError("NOT_FOUND", "The API reference page is served by the Node service only; the contract is at /openapi.json", { asset });

const CACHE = "public, max-age=3600";
const JS = "text/javascript; charset=utf-8";

export function registerDocsRoutes(app: App): void {
  app.openapi(pageRoute, (c) => {
    if (c.var.deps.runtime !== "node") throw notOnThisRuntime("docs");
    c.header("cache-control", "no-cache");
    return c.html(docsHtml(c.var.deps.version)) as never;
  });
  app.openapi(referenceRoute, (c) => c.redirect("/docs", 302) as never);
  app.openapi(assetRoute("init.js", "text/javascript"), (c) => c.body(docsInitJs, 200, { "content-type": JS, "cache-control": CACHE }) as never);
  for (const [name, type] of [
    ["swagger-ui-bundle.js", JS],
    ["swagger-ui.css", "text/css; charset=utf-8"],
  ] as const) {
    app.openapi(assetRoute(name, type.split(";")[0] ?? type), async (c) => {
      const body = await loadSwaggerUiFile(c.var.deps.runtime, name);
      if (body === undefined) throw notOnThisRuntime(name);
      return c.body(body, 200, { "content-type": type, "cache-control": CACHE }) as never;
    });
  }
}

/**
 * The layer order of src/ (docs/ARCHITECTURE.md draws it), checked by `npm run depcheck` in CI.
 * Lowest first: a folder may import its own layer and the layers below, never one above.
 */
const LAYERS = [
  { name: "kernel", paths: ["src/(caller|config|deps|errors|parse|logger|telemetry|background)\\.ts$", "src/db/"] },
  { name: "foundations", paths: ["src/text/", "src/embeddings/", "src/settings/", "src/audit/", "src/http/"] },
  { name: "webhooks", paths: ["src/webhooks/"] },
  { name: "articles", paths: ["src/articles/"] },
  { name: "search", paths: ["src/search/"] },
  { name: "deflection", paths: ["src/deflection/"] },
  { name: "workflow", paths: ["src/teams/", "src/escalations/", "src/tickets/"] },
  { name: "metrics", paths: ["src/metrics/", "src/imports/"] },
  { name: "access", paths: ["src/access/", "src/health/", "src/observability/", "src/docs/"] },
  { name: "pages", paths: ["src/portal/", "src/dashboard/"] },
  { name: "app", paths: ["src/app\\.ts$"] },
  { name: "entry", paths: ["src/entry/"] },
];

const group = (paths) => `^(${paths.join("|")})`;

/** One rule per layer: nothing in it imports a layer above it. */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  severity: "error",
  comment: `${layer.name} sits below ${LAYERS.slice(i + 1)
    .map((l) => l.name)
    .join(", ")} (docs/ARCHITECTURE.md)`,
  from: { path: group(layer.paths) },
  to: {
    path: group(LAYERS.slice(i + 1).flatMap((l) => l.paths)),
    // The Embedder interface is part of Deps: deps.ts names its type, nothing more.
    ...(layer.name === "kernel" ? { pathNot: "^src/embeddings/embedder\\.ts$" } : {}),
  },
}));

module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      severity: "error",
      comment: "Folders depend on each other one way: move the thing to its owner (docs/ARCHITECTURE.md).",
      scope: "folder",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "no-module-cycles",
      severity: "error",
      comment: "Modules import each other one way; a type-only import (typeof import(...)) does not run.",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only", "type-import"] } },
    },
    ...layerRules,
    {
      name: "http-only-at-the-edge",
      severity: "error",
      comment: "Services, queries and schemas take typed input and know nothing of HTTP: only routes, pages, middleware and entries import src/http.",
      from: {
        path: "^src/",
        pathNot: "^src/(http/|app\\.ts$|entry/)|\\.(routes|page|api)\\.ts$|^src/access/(auth|ratelimit)\\.ts$",
      },
      to: { path: "^src/http/" },
    },
    {
      name: "no-src-to-outside",
      severity: "error",
      comment: "The service does not import scripts or tests.",
      from: { path: "^src/" },
      to: { path: "^(scripts|test)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".mts", ".js", ".mjs"],
    },
  },
};

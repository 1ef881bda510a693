/**
 * The API reference page: Swagger UI from the installed package, reading this service's own
 * /openapi.json. No inline script or style (CSP `script-src 'self'`), nothing from another host:
 * no CDN, no fonts, no validator badge.
 */
export function docsHtml(version: string): string {
  const v = encodeURIComponent(version);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deflect · API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/swagger-ui.css?v=${v}">
<script src="/docs/swagger-ui-bundle.js?v=${v}" defer></script>
<script src="/docs/init.js?v=${v}" defer></script>
</head>
<body>
<noscript>The API reference needs JavaScript; the machine-readable contract is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
</body>
</html>`;
}

interface SwaggerUiGlobal {
  SwaggerUIBundle(options: Record<string, unknown>): unknown;
}

/**
 * Runs in the browser (serialised with toString, so it may use nothing from this module and
 * declares no inner functions). The spec URL is resolved against the page's, so a path prefix
 * in front of the service keeps working.
 */
function initSwaggerUi(): void {
  const w = window as unknown as SwaggerUiGlobal;
  w.SwaggerUIBundle({
    url: new URL("openapi.json", location.href).pathname,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    tryItOutEnabled: false,
    displayRequestDuration: true,
  });
}

/** The init script served as /docs/init.js (external file: the CSP forbids inline scripts). */
export const docsInitJs = `"use strict";\n(${initSwaggerUi.toString()})();\n`;

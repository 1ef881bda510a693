import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { Admission, admit } from "./http/middleware/admission.js";
import { registerKeyRoutes } from "./access/keys.routes.js";
import { rateLimit } from "./access/ratelimit.js";
import { registerArticleRoutes } from "./articles/articles.routes.js";
import { registerCaptureRoutes } from "./articles/capture.routes.js";
import { registerDashboardRoutes } from "./dashboard/dashboard.routes.js";
import { registerCalibrationRoutes } from "./deflection/calibration.routes.js";
import type { Deps } from "./deps.js";
import { registerDocsRoutes } from "./docs/docs.routes.js";
import { registerEmbeddingRoutes } from "./embeddings/embeddings.routes.js";
import { registerCauseRoutes } from "./escalations/causes.routes.js";
import { registerEscalationRoutes } from "./escalations/escalations.routes.js";
import { registerHealthRoutes } from "./health/health.routes.js";
import { registerProbeRoutes } from "./health/probes.routes.js";
import type { App, AppEnv } from "./http/env.js";
import { handleError } from "./http/errors.js";
import { accessLog } from "./http/middleware/access-log.js";
import { resolveCaller, type SocketAddress } from "./access/auth.js";
import { limitBody } from "./http/middleware/body-limit.js";
import { httpMetrics } from "./http/middleware/http-metrics.js";
import { metricsToken } from "./http/middleware/metrics-token.js";
import { requireJsonBody } from "./http/middleware/content-type.js";
import { answerUnrouted } from "./http/not-found.js";
import { validationHook } from "./http/validation.js";
import { registerImportRoutes } from "./imports/imports.routes.js";
import { registerMetricsRoutes } from "./metrics/metrics.routes.js";
import { registerPrometheusRoutes } from "./observability/prometheus.routes.js";
import { registerPortalApiRoutes } from "./portal/portal.api.js";
import { registerPortalPageRoutes } from "./portal/portal.page.js";
import { registerSearchRoutes } from "./search/search.routes.js";
import { registerDeescalationTemplateRoutes } from "./deflection/deescalation-templates.routes.js";
import { registerTeamRoutes } from "./teams/teams.routes.js";
import { registerTicketRoutes } from "./tickets/tickets.routes.js";
import { registerWebhookRoutes } from "./webhooks/webhooks.routes.js";
import { registerAuditRoutes } from "./audit/audit.routes.js";
import { registerSettingsRoutes } from "./deflection/settings.routes.js";
import { registerMatrixRoutes } from "./escalations/matrix.routes.js";
import { registerPauseRoutes } from "./escalations/pause.routes.js";
import { registerReplayRoutes } from "./escalations/replay.routes.js";
import { registerCauseInsightRoutes } from "./metrics/causes.routes.js";
import { registerDeescalationRoutes } from "./metrics/deescalation.routes.js";
import { registerFeedbackRoutes } from "./metrics/feedback.routes.js";
import { registerInsightRoutes } from "./metrics/insights.routes.js";
import { registerCalendarRoutes } from "./teams/calendar.routes.js";

export interface AppOptions {
  /** How to read the peer address on this runtime; absent in tests (app.request has no socket). */
  socketAddress?: SocketAddress;
}

/**
 * The whole HTTP API, runtime-neutral: Node's entry and the Workers entry both call this with
 * their own Deps. Nothing here reads the environment or opens connections.
 */
export function createApp(deps: Deps, options: AppOptions = {}): App {
  // validationHook: zod failures and text Postgres cannot store (NUL, lone surrogates) → 400.
  const app: App = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", requestId({ headerName: "x-request-id" }));
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set("logger", deps.logger.child({ requestId: c.var.requestId }));
    await next();
  });
  app.use("*", accessLog());
  app.use("*", httpMetrics());
  app.use(
    "*",
    secureHeaders({
      xFrameOptions: "DENY",
      xContentTypeOptions: "nosniff",
      referrerPolicy: "strict-origin-when-cross-origin",
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  if (deps.config.CORS_ORIGINS.length > 0) {
    app.use(
      "*",
      cors({
        origin: deps.config.CORS_ORIGINS,
        allowHeaders: ["content-type", "authorization", "x-api-key", "x-request-id"],
        exposeHeaders: ["x-request-id", "retry-after"],
        maxAge: 600,
      }),
    );
  }
  // Import bodies stream: src/imports enforces IMPORT_BODY_LIMIT_BYTES on the bytes it reads.
  app.use("*", limitBody(deps.config.BODY_LIMIT_BYTES, ["/v1/imports"]));
  app.use("*", requireJsonBody(["/v1/imports"]));
  // The embedded database runs one query at a time: bound how many requests wait for it (PGLITE_*).
  // Before authentication and the rate limit, which query it too: a request waits for its turn once,
  // and a refused one has cost the database nothing.
  const pglite = new Admission({
    concurrency: deps.config.PGLITE_CONCURRENCY,
    queueMax: deps.config.PGLITE_QUEUE_MAX,
    waitMs: deps.config.PGLITE_WAIT_MS,
    retryAfterSeconds: 1,
  });
  const admitted = admit(pglite, [
    { method: "POST", prefix: "/v1/tickets" },
    { method: "POST", prefix: "/v1/search" },
    { method: "POST", prefix: "/portal/api/" },
  ]);
  app.use("*", async (c, next) => (deps.database.kind === "pglite" ? admitted(c, next) : next()));
  app.use("*", metricsToken(resolveCaller(options.socketAddress ?? (() => undefined))));
  app.use("*", rateLimit());

  // The routing table: every route group of the API, in registration order (it is the order of
  // /openapi.json's paths). A capability never mounts another's routes; they are all named here.
  // Operations and health
  registerHealthRoutes(app); //            /health, /health/details
  registerProbeRoutes(app); //             /health/live, /health/ready
  registerEmbeddingRoutes(app); //         /v1/embeddings
  // Knowledge base
  registerArticleRoutes(app); //           /v1/articles
  registerCaptureRoutes(app); //           /v1/escalations/{id}/resolve: the fix becomes an article
  registerSearchRoutes(app); //            /v1/search
  // Tickets and the deflection policy
  registerTicketRoutes(app); //            /v1/tickets
  registerSettingsRoutes(app); //          /v1/settings: thresholds, signal phrases
  registerDeescalationTemplateRoutes(app); // /v1/settings/deescalation-templates
  registerCalibrationRoutes(app); //       /v1/deflection/calibration: self-calibration, target, refit
  // Escalations and teams
  registerMatrixRoutes(app); //            /v1/escalation-matrix
  registerReplayRoutes(app); //            /v1/replay: a matrix against past tickets
  registerPauseRoutes(app); //             /v1/escalations/{id}/pause|resume, /v1/tickets/{id}/reply
  registerEscalationRoutes(app); //        /v1/escalations lifecycle
  registerCauseRoutes(app); //             /v1/escalations/{id}/cause
  registerCauseInsightRoutes(app); //      /v1/insights/escalation-causes
  registerCalendarRoutes(app); //          /v1/teams/{id}/calendar
  registerTeamRoutes(app); //              /v1/teams
  registerWebhookRoutes(app); //           /v1/webhooks
  // Metrics and insights
  registerMetricsRoutes(app); //           /v1/metrics
  registerFeedbackRoutes(app); //          /v1/tickets/{id}/feedback
  registerInsightRoutes(app); //           /v1/insights/articles, /v1/insights/gaps
  registerDeescalationRoutes(app); //      /v1/insights/deescalation
  registerPrometheusRoutes(app); //        /metrics (Prometheus)
  // Access
  registerKeyRoutes(app); //               /v1/keys
  registerAuditRoutes(app); //             /v1/audit
  registerImportRoutes(app); //            /v1/imports
  // Pages
  registerPortalPageRoutes(app); //        /portal and its assets
  registerPortalApiRoutes(app); //         /portal/api: search, articles, tickets, feedback, reply
  registerDashboardRoutes(app); //         /dashboard
  registerDocsRoutes(app); //              /docs, /reference

  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from `npm run keys -- create` or POST /v1/keys; its role decides what the route allows.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Deflect API",
      version: deps.version,
      description: "Knowledge-base-driven escalation deflection. Errors are application/problem+json with a stable `code`.",
    },
  });

  app.notFound(answerUnrouted(app));
  app.onError(handleError);
  return app;
}

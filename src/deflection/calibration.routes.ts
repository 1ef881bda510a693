import { z } from "@hono/zod-openapi";
import { ADMIN_ONLY, EXPERT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { CalibrationReportSchema } from "./calibration.schemas.js";
import { calibrationState, requestRefit, setTarget } from "./calibration.state.js";
import { loadThresholds } from "./policy.js";

export const CalibrationStateSchema = z
  .object({
    state: z.enum(["current", "due", "off", "pinned", "too-small", "failed"]).openapi({
      description:
        "current: fitted to this knowledge base; due: a refit runs within a minute; off: SELF_CALIBRATION=false; pinned: thresholds set by hand or by a labelled calibration; too-small: under 20 articles (the shipped profile serves); failed: the last attempt could not fit (reason)",
    }),
    reason: z.string(),
    target: z.number().openapi({ description: "The wrong-answer rate the answer threshold holds" }),
    live: z.object({
      answerThreshold: z.number().openapi({ description: "Answer threshold in force on customer-facing channels" }),
      source: z.string().nullable(),
    }),
    report: CalibrationReportSchema.nullable().openapi({ description: "The last self-calibration: risk–coverage curve, chosen threshold and what it was fitted on" }),
  })
  .openapi("CalibrationState");

export const TargetSchema = z
  .object({ targetWrongRate: z.number().min(0.001).max(0.5).openapi({ description: "Share of answers that may be wrong, e.g. 0.05", example: 0.05 }) })
  .strict()
  .openapi("CalibrationTarget");

const getRoute = defineRoute({
  method: "get",
  path: "/v1/deflection/calibration",
  operationId: "getCalibration",
  tags: ["settings"],
  summary: "The self-calibration: risk–coverage curve, live threshold, predicted wrong-answer rate and coverage, what it was fitted on and when",
  roles: EXPERT_UP,
  responses: { 200: jsonContent(CalibrationStateSchema, "Calibration state") },
});
const putTargetRoute = defineRoute({
  method: "put",
  path: "/v1/deflection/calibration/target",
  operationId: "putCalibrationTarget",
  tags: ["settings"],
  summary: "Set the target wrong-answer rate; the answer threshold is re-chosen on the stored curve at once (audited)",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(TargetSchema) },
  responses: { 200: jsonContent(CalibrationStateSchema, "Calibration state with the new threshold") },
});
const refitRoute = defineRoute({
  method: "post",
  path: "/v1/deflection/calibration/refit",
  operationId: "refitCalibration",
  tags: ["settings"],
  summary: "Ask for a self-calibration now (runs in the background within a minute; replaces hand-set thresholds) (audited)",
  roles: ADMIN_ONLY,
  responses: { 202: jsonContent(CalibrationStateSchema, "Refit requested") },
});

async function stateOf(deps: Parameters<typeof calibrationState>[0]) {
  const [state, thresholds] = await Promise.all([calibrationState(deps), loadThresholds(deps.database.db, deps.embedder)]);
  return { ...state, live: { answerThreshold: thresholds.answer.portal, source: thresholds.source ?? null } };
}

/** GET /v1/deflection/calibration, PUT …/target, POST …/refit. */
export function registerCalibrationRoutes(app: App): void {
  app.openapi(getRoute, async (c) => c.json(await stateOf(c.var.deps), 200));
  app.openapi(putTargetRoute, async (c) => {
    await setTarget(c.var.deps, c.req.valid("json").targetWrongRate, c.var.caller);
    return c.json(await stateOf(c.var.deps), 200);
  });
  app.openapi(refitRoute, async (c) => {
    await requestRefit(c.var.deps, c.var.caller);
    return c.json(await stateOf(c.var.deps), 202);
  });
}

import { z } from "@hono/zod-openapi";
import { PG_INTEGER_MAX } from "../db/limits.js";
import { NotFoundError } from "../errors.js";
import { ADMIN_ONLY, AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { getCurrentMatrix, getMatrixVersion } from "./matrix.queries.js";
import { MatrixSchema, PutMatrixSchema } from "./matrix.schemas.js";
import { putMatrix, toMatrixDto } from "./matrix.service.js";

const tags = ["Escalation matrix"];

const getCurrent = defineRoute({
  method: "get",
  path: "/v1/escalation-matrix",
  operationId: "getEscalationMatrix",
  tags,
  summary: "The matrix in force (builtIn: true when none was ever configured)",
  roles: AGENT_UP,
  responses: { 200: jsonContent(MatrixSchema, "Current matrix") },
});

const getVersion = defineRoute({
  method: "get",
  path: "/v1/escalation-matrix/{version}",
  operationId: "getEscalationMatrixVersion",
  tags,
  summary: "One stored matrix version",
  roles: AGENT_UP,
  request: {
    params: z.object({
      version: z.coerce
        .number()
        .int()
        .min(1)
        .max(PG_INTEGER_MAX)
        .openapi({ param: { name: "version", in: "path" } }),
    }),
  },
  responses: { 200: jsonContent(MatrixSchema, "That version") },
  errors: { 404: "NOT_FOUND" },
});

const put = defineRoute({
  method: "put",
  path: "/v1/escalation-matrix",
  operationId: "putEscalationMatrix",
  tags,
  summary: "Store a new matrix version",
  description:
    "Rules match on category, product, priority, language, channel, signal (the most severe detected kind) and type; the rule with the most " +
    "matched fields wins. 400 UNKNOWN_TEAMS names teams that do not exist; 400 INVALID_MATRIX for a missing default rule (empty match), " +
    "two rules of equal specificity that can match one ticket (`conflicts`), a cyclic team path (`cycle`) or duplicate ids/levels.",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(PutMatrixSchema) },
  responses: { 201: jsonContent(MatrixSchema, "Stored as the new current version") },
});

export function registerMatrixRoutes(app: App): void {
  app.openapi(getCurrent, async (c) => c.json(toMatrixDto(await getCurrentMatrix(c.var.deps.database.db)), 200));
  app.openapi(getVersion, async (c) => {
    const { version } = c.req.valid("param");
    const matrix = await getMatrixVersion(c.var.deps.database.db, version);
    if (!matrix) throw new NotFoundError("escalation matrix version", String(version));
    return c.json(toMatrixDto(matrix), 200);
  });
  app.openapi(put, async (c) => {
    const matrix = await putMatrix({ deps: c.var.deps, caller: c.var.caller, input: c.req.valid("json") });
    return c.json(toMatrixDto(matrix), 201);
  });
}

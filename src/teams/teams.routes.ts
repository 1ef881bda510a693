import { z } from "@hono/zod-openapi";
import { NotFoundError } from "../errors.js";
import { ADMIN_ONLY, AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { CreateTeamSchema, PatchTeamSchema, TeamSchema } from "./teams.schemas.js";
import { getTeam, listTeams } from "./teams.queries.js";
import { createTeam, patchTeam, removeTeam, toTeamDto } from "./teams.service.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const tags = ["Teams"];

const createRoute = defineRoute({
  method: "post",
  path: "/v1/teams",
  operationId: "createTeam",
  tags,
  summary: "Create a team (a node of the escalation path)",
  description: "400 UNKNOWN_TEAMS when escalatesToTeamId names no team; 400 INVALID_MATRIX when the path would be cyclic (the cycle is named) or not go up a level.",
  roles: ADMIN_ONLY,
  request: { body: jsonBody(CreateTeamSchema) },
  responses: { 201: jsonContent(TeamSchema, "Created") },
  errors: { 409: "CONFLICT: a team with this name exists" },
});

/** GET /v1/teams */
export const TeamListSchema = z.object({ teams: z.array(TeamSchema) });

const listRoute = defineRoute({
  method: "get",
  path: "/v1/teams",
  operationId: "listTeams",
  tags,
  summary: "List teams by level",
  roles: AGENT_UP,
  responses: { 200: jsonContent(TeamListSchema, "Teams, lowest level first") },
});

const getRoute = defineRoute({
  method: "get",
  path: "/v1/teams/{id}",
  operationId: "getTeam",
  tags,
  summary: "One team",
  roles: AGENT_UP,
  request: { params: IdParams },
  responses: { 200: jsonContent(TeamSchema, "The team") },
  errors: { 404: "NOT_FOUND" },
});

const patchRoute = defineRoute({
  method: "patch",
  path: "/v1/teams/{id}",
  operationId: "updateTeam",
  tags,
  summary: "Change a team's name, skills, level or escalation path",
  roles: ADMIN_ONLY,
  request: { params: IdParams, body: jsonBody(PatchTeamSchema) },
  responses: { 200: jsonContent(TeamSchema, "Updated") },
  errors: { 404: "NOT_FOUND", 409: "CONFLICT: name taken" },
});

const deleteRoute = defineRoute({
  method: "delete",
  path: "/v1/teams/{id}",
  operationId: "deleteTeam",
  tags,
  summary: "Delete a team nothing routes to",
  roles: ADMIN_ONLY,
  request: { params: IdParams },
  responses: { 204: { description: "Deleted" } },
  errors: { 404: "NOT_FOUND", 409: "CONFLICT: other teams or matrix rules still route to it" },
});

/** Admin API for teams and tiers; reads are open to agents (they reassign to teams). */
export function registerTeamRoutes(app: App): void {
  app.openapi(createRoute, async (c) => {
    const team = await createTeam({ deps: c.var.deps, caller: c.var.caller, input: c.req.valid("json") });
    return c.json(toTeamDto(team), 201);
  });
  app.openapi(listRoute, async (c) => c.json({ teams: (await listTeams(c.var.deps.database.db)).map(toTeamDto) }, 200));
  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const team = await getTeam(c.var.deps.database.db, id);
    if (!team) throw new NotFoundError("team", id);
    return c.json(toTeamDto(team), 200);
  });
  app.openapi(patchRoute, async (c) => {
    const team = await patchTeam({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id, patch: c.req.valid("json") } });
    return c.json(toTeamDto(team), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    await removeTeam({ deps: c.var.deps, caller: c.var.caller, input: { id: c.req.valid("param").id } });
    return c.body(null, 204);
  });
}

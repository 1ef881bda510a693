import { z } from "@hono/zod-openapi";
import { ADMIN_ONLY, AGENT_UP } from "../caller.js";
import type { App } from "../http/env.js";
import { defineRoute, jsonBody, jsonContent } from "../http/route.js";
import { PutCalendarSchema, TeamCalendarSchema } from "./calendar.schemas.js";
import { putTeamCalendar, readTeamCalendar, toCalendarDto } from "./calendar.service.js";

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
const VersionParams = IdParams.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "version", in: "path" } }),
});
const tags = ["Teams"];

const putRoute = defineRoute({
  method: "put",
  path: "/v1/teams/{id}/calendar",
  operationId: "putTeamCalendar",
  tags,
  summary: "Store a new version of the team's business hours (time zone, weekly hours, holidays)",
  description:
    "Each PUT stores a new version (audited); escalations keep the version their due times were computed with. " +
    "400 VALIDATION_FAILED names the field: unknown time zone, bad time, inverted or overlapping intervals, a week with no working time, a bad or duplicate holiday, more than 366 holidays.",
  roles: ADMIN_ONLY,
  request: { params: IdParams, body: jsonBody(PutCalendarSchema) },
  responses: { 200: jsonContent(TeamCalendarSchema, "The stored version") },
  errors: { 404: "NOT_FOUND: no such team" },
});

const getRoute = defineRoute({
  method: "get",
  path: "/v1/teams/{id}/calendar",
  operationId: "getTeamCalendar",
  tags,
  summary: "The team's calendar in force, with its version",
  roles: AGENT_UP,
  request: { params: IdParams },
  responses: { 200: jsonContent(TeamCalendarSchema, "The calendar in force") },
  errors: { 404: "NOT_FOUND: the team has no calendar (its SLAs count around the clock)" },
});

const versionRoute = defineRoute({
  method: "get",
  path: "/v1/teams/{id}/calendar/versions/{version}",
  operationId: "getTeamCalendarVersion",
  tags,
  summary: "One stored version of the team's calendar",
  roles: AGENT_UP,
  request: { params: VersionParams },
  responses: { 200: jsonContent(TeamCalendarSchema, "That version") },
  errors: { 404: "NOT_FOUND" },
});

/** Business-hours calendars of teams: admins write, agents read (they see why a due time is where it is). */
export function registerCalendarRoutes(app: App): void {
  app.openapi(putRoute, async (c) => {
    const row = await putTeamCalendar({ deps: c.var.deps, caller: c.var.caller, input: { teamId: c.req.valid("param").id, calendar: c.req.valid("json") } });
    return c.json(toCalendarDto(row), 200);
  });
  app.openapi(getRoute, async (c) => c.json(toCalendarDto(await readTeamCalendar({ deps: c.var.deps, input: { teamId: c.req.valid("param").id } })), 200));
  app.openapi(versionRoute, async (c) => {
    const { id, version } = c.req.valid("param");
    return c.json(toCalendarDto(await readTeamCalendar({ deps: c.var.deps, input: { teamId: id, version } })), 200);
  });
}

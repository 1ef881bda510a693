import type { z } from "@hono/zod-openapi";
import { type Problem, ProblemSchema } from "../../src/http/errors.js";
import type { App } from "../../src/http/env.js";

/**
 * Reading answers the way the API documents them. `ctx.req` remembers which request each
 * Response answered; `readJson(res, Schema)` finds the route of that method and path in the app's
 * route table (the definitions `defineRoute` registered), checks that the route documents the
 * status with that very schema, and parses the body with it: the value is typed, and a test
 * cannot read a body with a schema the route does not promise. A body that does not match fails
 * the test with the route, the status and every zod issue.
 */

export interface Sent {
  app: App;
  method: string;
  /** The path as sent, query string included. */
  path: string;
}

interface ResponseSpec {
  content?: Record<string, { schema?: unknown }>;
}

interface RouteSpec {
  method: string;
  path: string;
  responses: Record<string, ResponseSpec>;
}

const sentBy = new WeakMap<Response, Sent>();
const tables = new WeakMap<App, { spec: RouteSpec; pattern: RegExp; literals: number }[]>();

/** Called by `ctx.req`: ties a Response to the request it answers. */
export function rememberRequest(res: Response, app: App, method: string, path: string): Response {
  sentBy.set(res, { app, method: method.toUpperCase(), path });
  return res;
}

function routesOf(app: App) {
  let table = tables.get(app);
  if (!table) {
    table = app.openAPIRegistry.definitions.flatMap((d) => {
      if (d.type !== "route") return [];
      const spec = d.route as unknown as RouteSpec;
      const segments = spec.path.split("/");
      const pattern = new RegExp(`^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))).join("/")}$`);
      return [{ spec, pattern, literals: segments.filter((s) => !s.startsWith("{")).length }];
    });
    tables.set(app, table);
  }
  return table;
}

/** The route definition that answers `method path` (the most literal one when several match), or undefined. */
export function findRoute(app: App, method: string, path: string): RouteSpec | undefined {
  const bare = path.split("?")[0] ?? path;
  const matches = routesOf(app).filter((r) => r.spec.method.toUpperCase() === method.toUpperCase() && r.pattern.test(bare));
  matches.sort((a, b) => b.literals - a.literals);
  return matches[0]?.spec;
}

function sentOf(res: Response, helper: string): Sent {
  const sent = sentBy.get(res);
  if (!sent) throw new Error(`${helper} reads a Response of ctx.req (it knows the route); this one was made elsewhere`);
  return sent;
}

async function bodyText(res: Response, where: string): Promise<unknown> {
  return parseText(await res.text(), where, res.status, res.headers.get("content-type") ?? "");
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.length > 0 ? i.path.join(".") : "(body)"}: ${i.message}`).join("\n");
}

/**
 * Parses a JSON answer with `schema`, which must be the schema the route documents for this
 * status (application/json). Fails naming the route when the status is not documented, when the
 * route documents another schema, or when the body does not match.
 */
export async function readJson<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  const sent = sentOf(res, "readJson");
  const text = await res.text();
  return parseDocumented({ ...sent, status: res.status, type: res.headers.get("content-type") ?? "", text }, schema);
}

/**
 * The check behind `readJson`, for an answer read some other way (a raw socket): `method path`
 * of `app` must document `status` as application/json with `schema`, and `text` must match it.
 */
export function parseDocumented<S extends z.ZodType>(answer: Sent & { status: number; type: string; text: string }, schema: S): z.output<S> {
  const { status, type, text } = answer;
  const where = `${answer.method} ${answer.path}`;
  const route = findRoute(answer.app, answer.method, answer.path);
  if (!route) throw new Error(`${where}: no route of the API answers this (status ${status})`);
  const documented = route.responses[String(status)];
  if (!documented) {
    throw new Error(
      `${where}: answered ${status}, which ${route.method.toUpperCase()} ${route.path} does not document (it documents ${Object.keys(route.responses).join(", ")}): ${text.slice(0, 500)}`,
    );
  }
  const routeSchema = documented.content?.["application/json"]?.schema;
  if (routeSchema === undefined)
    throw new Error(`${where}: ${route.path} documents ${status} as ${Object.keys(documented.content ?? {}).join(", ") || "no body"}, not application/json`);
  if (routeSchema !== schema) throw new Error(`${where}: the test reads ${status} with a schema ${route.path} does not document for it (read it with the route's own schema)`);
  if (!type.startsWith("application/json")) throw new Error(`${where}: ${status} came as "${type}", documented as application/json: ${text.slice(0, 500)}`);
  const parsed = schema.safeParse(parseText(text, where, status, type));
  if (!parsed.success) throw new Error(`${where}: the ${status} body does not match the route's schema:\n${describeIssues(parsed.error)}`);
  return parsed.data;
}

function parseText(text: string, where: string, status: number, type: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${where}: expected JSON, got ${status} ${type || "(no content type)"}: ${text.slice(0, 500)}`);
  }
}

/**
 * Parses an application/problem+json answer with ProblemSchema. When a route answers the request,
 * the status must be one it documents (routes list every problem they give); an unrouted path
 * (404 ROUTE_NOT_FOUND, 405) has no route to ask.
 */
export async function readProblem(res: Response): Promise<Problem> {
  const sent = sentOf(res, "readProblem");
  const where = `${sent.method} ${sent.path}`;
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json"))
    throw new Error(`${where}: expected application/problem+json, got ${res.status} "${type}": ${(await res.text()).slice(0, 500)}`);
  const route = findRoute(sent.app, sent.method, sent.path);
  const body = await bodyText(res, where);
  if (route && !route.responses[String(res.status)]) {
    throw new Error(
      `${where}: answered problem ${res.status} ${JSON.stringify(body).slice(0, 300)}, which ${route.method.toUpperCase()} ${route.path} does not document (it documents ${Object.keys(route.responses).join(", ")})`,
    );
  }
  const parsed = ProblemSchema.safeParse(body);
  if (!parsed.success) throw new Error(`${where}: the ${res.status} problem does not match ProblemSchema:\n${describeIssues(parsed.error)}`);
  if (parsed.data.status !== res.status) throw new Error(`${where}: answered ${res.status} with a problem saying status ${parsed.data.status}`);
  return parsed.data;
}

/**
 * `readJson`, and the body's text as sent. A schema's parse drops keys it does not declare, so a
 * test that checks what an answer does NOT say (no internal field, no hidden article) reads the text.
 */
export async function readJsonText<S extends z.ZodType>(res: Response, schema: S): Promise<{ body: z.output<S>; text: string }> {
  const text = await res.clone().text();
  return { body: await readJson(res, schema), text };
}

/** The JSON object at `path` (e.g. "results", 0) in `text`, every key exactly as sent. */
export function objectAt(text: string, ...path: (string | number)[]): Record<string, unknown> {
  let at: unknown = JSON.parse(text);
  for (const key of path) at = at !== null && typeof at === "object" ? (at as Record<string | number, unknown>)[key] : undefined;
  if (at === null || typeof at !== "object" || Array.isArray(at)) throw new Error(`no JSON object at ${path.join(".") || "(body)"} in ${text.slice(0, 300)}`);
  return at as Record<string, unknown>;
}

/** The keys of the JSON object at `path` in `text`, exactly as sent. */
export function keysAt(text: string, ...path: (string | number)[]): string[] {
  return Object.keys(objectAt(text, ...path));
}

/** The value, or a failed test naming what was missing: for a row or field the test needs in order to go on. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${value}`);
  return value;
}

/** A schema of /openapi.json, as far as tests read it. */
export interface OpenApiSchema {
  type?: string | string[];
  description?: string;
  example?: unknown;
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  $ref?: string;
}

/** One operation of /openapi.json. */
export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  "x-roles"?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: OpenApiSchema }[];
  requestBody?: { content: Record<string, { schema?: OpenApiSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: OpenApiSchema }> }>;
}

/**
 * /openapi.json, typed as far as tests read it. It is a document, not an operation's answer, so it
 * is read with `json<OpenApiDoc>(res)`; paths and operations are lookups that may be missing.
 */
export interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Partial<Record<"get" | "post" | "put" | "patch" | "delete", OpenApiOperation>>>;
  components: { schemas: Record<string, OpenApiSchema>; securitySchemes?: Record<string, unknown> };
}

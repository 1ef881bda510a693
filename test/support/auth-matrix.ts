import type { KeyRole } from "../../src/access/keys.service.js";
import { EVERYONE, type Role } from "../../src/caller.js";
import { json, type TestContext } from "./context.js";

/** One operation of the route table, as /openapi.json states it. */
export interface RouteAuth {
  method: string;
  /** The path with every parameter filled in (`{id}` → `x`, `{version}` → `1`). */
  path: string;
  /** The path as the document names it. */
  template: string;
  roles: readonly Role[];
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every operation of the API with the roles it allows (`x-roles`), read from the generated document. */
export async function routeTable(ctx: Pick<TestContext, "req">): Promise<RouteAuth[]> {
  const doc = await json<{ paths: Record<string, Partial<Record<string, { "x-roles"?: Role[] }>>> }>(await ctx.req("GET", "/openapi.json"));
  return Object.entries(doc.paths).flatMap(([template, ops]) =>
    METHODS.flatMap((method) => {
      const op = ops[method];
      if (!op) return [];
      if (!op["x-roles"]) throw new Error(`${method.toUpperCase()} ${template} has no x-roles: every route is made with defineRoute`);
      const path = template.replace(/\{version\}/g, "1").replace(/\{[^}]+\}/g, "x");
      return [{ method: method.toUpperCase(), path, template, roles: op["x-roles"] }];
    }),
  );
}

/** The answer of a refused role, or null when the role reaches the handler. */
function denialFor(route: RouteAuth, role: Role): { status: number; code: string } | null {
  if (route.roles.includes(role)) return null;
  return role === "portal" ? { status: 401, code: "UNAUTHENTICATED" } : { status: 403, code: "FORBIDDEN" };
}

/**
 * Sends every role (no key = portal, and a key of each other role) to every route `filter` keeps,
 * and returns what did not hold, as lines to compare with []: a role the route does not list gets
 * 401 UNAUTHENTICATED (no key) or 403 FORBIDDEN naming the allowed roles, as problem+json; a role
 * it lists gets past the role check (any answer but 401 and 403). Bodies are `{}`, parameters
 * placeholders: the listed roles may meet 400 or 404, never a write.
 */
export async function checkAuthMatrix(ctx: Pick<TestContext, "req">, filter: (r: RouteAuth) => boolean = () => true): Promise<string[]> {
  const routes = (await routeTable(ctx)).filter(filter);
  if (routes.length === 0) return ["no route matched the filter"];
  const failures: string[] = [];
  for (const route of routes) {
    for (const role of EVERYONE) {
      const body = route.method === "GET" || route.method === "DELETE" ? undefined : {};
      const res = await ctx.req(route.method, route.path, body, role === "portal" ? undefined : (role as KeyRole));
      const denial = denialFor(route, role);
      const where = `${route.method} ${route.template} as ${role}`;
      if (!denial) {
        if (res.status === 401 || res.status === 403) failures.push(`${where}: ${res.status}, expected to pass the role check`);
        await res.body?.cancel();
        continue;
      }
      const type = res.headers.get("content-type") ?? "";
      const problem = type.startsWith("application/problem+json") ? await json<{ code?: string; allowed?: Role[] }>(res) : undefined;
      if (res.status !== denial.status || problem?.code !== denial.code) {
        failures.push(`${where}: ${res.status} ${problem?.code ?? type}, expected ${denial.status} ${denial.code}`);
      } else if (denial.status === 403 && JSON.stringify(problem.allowed) !== JSON.stringify(route.roles)) {
        failures.push(`${where}: 403 names allowed ${JSON.stringify(problem.allowed)}, the route lists ${JSON.stringify(route.roles)}`);
      }
    }
  }
  return failures;
}

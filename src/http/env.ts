import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../deps.js";
import type { Logger } from "../logger.js";

export type Role = "portal" | "agent" | "expert" | "admin";

/** Who is calling: an API key's owner, or the anonymous self-service portal. */
export interface Caller {
  role: Role;
  /** Key name, or "portal" for anonymous portal visitors; recorded in the audit log. */
  name: string;
  keyId?: string;
  /** Client address, used for per-IP limits on the portal. */
  ip: string;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    logger: Logger;
    caller: Caller;
  };
};

export type App = OpenAPIHono<AppEnv>;

export const AGENT_UP = ["agent", "expert", "admin"] as const satisfies readonly Role[];
export const EXPERT_UP = ["expert", "admin"] as const satisfies readonly Role[];
export const ADMIN_ONLY = ["admin"] as const satisfies readonly Role[];
export const EVERYONE = ["portal", "agent", "expert", "admin"] as const satisfies readonly Role[];

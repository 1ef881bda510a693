/**
 * Who is calling, and the role sets routes grant access to. Services, queries and routes all
 * need these, so they live at the bottom of the layer order beside `Deps`, not in `http/`.
 */
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

export const AGENT_UP = ["agent", "expert", "admin"] as const satisfies readonly Role[];
export const EXPERT_UP = ["expert", "admin"] as const satisfies readonly Role[];
export const ADMIN_ONLY = ["admin"] as const satisfies readonly Role[];
export const EVERYONE = ["portal", "agent", "expert", "admin"] as const satisfies readonly Role[];

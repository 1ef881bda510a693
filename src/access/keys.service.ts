import type { Deps } from "../deps.js";
import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Caller, Role } from "../caller.js";
import { recordAudit } from "../audit/audit.js";
import {
  countActiveAdminKeys,
  getActiveKeyByHash,
  getKeyById,
  insertApiKey,
  listKeys,
  lockFirstKeyCreation,
  noKeysEver,
  revokeKey,
  touchKey,
  type ApiKeyRow,
} from "./keys.queries.js";

export type KeyRole = Exclude<Role, "portal">;
export type { ApiKeyRow } from "./keys.queries.js";

/** Who performs a key change: an admin key over the API, or the operator at the CLI. */
export type KeyActor = Pick<Caller, "name" | "role">;

/** What may be shown about a key: never the hash, never the secret. */
export interface KeyView {
  id: string;
  name: string;
  role: KeyRole;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revoked: boolean;
}

/** SHA-256 hex of a key: keys are 256-bit random, so a fast hash is enough (no brute force). */
export async function hashKey(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The public face of a key row; the only shape keys leave the service in. */
export function toKeyView(key: ApiKeyRow): KeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    revoked: key.revokedAt !== null,
  };
}

/**
 * Creates a key; the returned secret is the only time it exists in clear text. With an actor the
 * key and its audit row are written in one transaction (API and CLI); without one (test
 * fixtures) no audit row is written.
 */
export async function createApiKey({
  deps,
  input,
  actor,
}: {
  deps: Pick<Deps, "database"> & Partial<Pick<Deps, "clock">>;
  input: { name: string; role: KeyRole };
  actor?: KeyActor;
}): Promise<{ key: ApiKeyRow; secret: string }> {
  const made = await newSecret(input.role);
  const now = deps.clock?.now();
  const key = await deps.database.db.transaction((tx) => insertKeyAudited(tx, input, made, actor, now));
  return { key, secret: made.secret };
}

/**
 * The first admin key of a database that has never had a key, made once however many processes
 * start at the same time (an advisory lock serialises them; the others find a key and get
 * undefined). Keys that were all revoked do not make a database new again.
 */
export async function createFirstAdminKey({ deps }: { deps: Pick<Deps, "database"> & Partial<Pick<Deps, "clock">> }): Promise<{ key: ApiKeyRow; secret: string } | undefined> {
  const made = await newSecret("admin");
  const now = deps.clock?.now();
  const input = { name: "First admin key (made at first start)", role: "admin" as const };
  const key = await deps.database.db.transaction(async (tx) => {
    await lockFirstKeyCreation(tx);
    if (!(await noKeysEver(tx))) return undefined;
    return insertKeyAudited(tx, input, made, { name: "first start", role: "admin" }, now);
  });
  return key ? { key, secret: made.secret } : undefined;
}

async function newSecret(role: KeyRole): Promise<{ secret: string; hash: string }> {
  const secret = `dfl_${role}_${randomSecret()}`;
  return { secret, hash: await hashKey(secret) };
}

async function insertKeyAudited(
  tx: Executor,
  input: { name: string; role: KeyRole },
  made: { secret: string; hash: string },
  actor: KeyActor | undefined,
  now: Date | undefined,
): Promise<ApiKeyRow> {
  const created = await insertApiKey(tx, {
    id: newId("apiKey"),
    name: input.name,
    role: input.role,
    prefix: made.secret.slice(0, 14),
    hash: made.hash,
    ...(now ? { createdAt: now } : {}),
  });
  if (actor) await recordAudit(tx, actor, "key.create", "api_key", created.id, { name: created.name, role: created.role, prefix: created.prefix }, now);
  return created;
}

/** Every key, newest first, as views (no hashes). */
export async function listApiKeys({ deps }: { deps: Pick<Deps, "database"> }): Promise<KeyView[]> {
  return (await listKeys(deps.database.db)).map(toKeyView);
}

/**
 * Revokes a key at once (the next request with it is a 401). Idempotent: revoking a revoked key
 * answers it unchanged. Over the API the last active admin key cannot revoke itself out of
 * existence (`keepAnAdmin`), since only the CLI could then make a new one.
 */
export async function revokeApiKey({
  deps,
  input,
  actor,
}: {
  deps: Pick<Deps, "database" | "clock">;
  input: { id: string; keepAnAdmin: boolean };
  actor: KeyActor;
}): Promise<KeyView> {
  return deps.database.db.transaction(async (tx) => {
    const existing = await getKeyById(tx, input.id);
    if (!existing) throw new NotFoundError("api_key", input.id);
    if (existing.revokedAt) return toKeyView(existing);
    if (input.keepAnAdmin && existing.role === "admin" && (await countActiveAdminKeys(tx)) <= 1) {
      throw new ConflictError("This is the last active admin key; create another admin key before revoking it", {
        reason: "LAST_ADMIN_KEY",
      });
    }
    const now = deps.clock.now();
    const revoked = await revokeKey(tx, input.id, now);
    if (!revoked) throw new NotFoundError("api_key", input.id);
    await recordAudit(tx, actor, "key.revoke", "api_key", revoked.id, { name: revoked.name, role: revoked.role, prefix: revoked.prefix }, now);
    return toKeyView(revoked);
  });
}

/** Looks a presented secret up; revoked and unknown keys both answer undefined. */
export async function authenticateKey(deps: Pick<Deps, "database" | "clock">, secret: string): Promise<ApiKeyRow | undefined> {
  const key = await getActiveKeyByHash(deps.database.db, await hashKey(secret));
  if (!key) return undefined;
  const now = deps.clock.now();
  // Last-used precision of a minute is enough and spares a write on every request.
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) await touchKey(deps.database.db, key.id, now);
  return key;
}

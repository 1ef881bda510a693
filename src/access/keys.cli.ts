import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { readFile } from "node:fs/promises";
import { createDb, migrateDb } from "../db/client.js";
import { DataDirBusyError, runningService } from "../db/data-dir-lock.js";
import { systemClock } from "../deps.js";
import { DomainError } from "../errors.js";
import { adminKeyFile } from "./first-key.node.js";
import { createApiKey, listApiKeys, revokeApiKey, toKeyView, type KeyActor, type KeyRole, type KeyView } from "./keys.service.js";

export const KEYS_USAGE = `usage: npm run keys -- create --role agent|expert|admin --name "Helpdesk integration" [--json | --secret-only]
       npm run keys -- list [--json]
       npm run keys -- revoke <key id>

Makes, lists and revokes API keys. Opens the database of DATABASE_URL, or the embedded one under
DATA_DIR; when the running service holds the embedded database, goes through its admin API instead.

options:
  --role          agent, expert or admin (create)
  --name          who or what uses the key, 1–100 characters (create)
  --json          print JSON (the new key with its secret; the list)
  --secret-only   print only the new key's secret
  -h, --help      this text

environment:
  DATABASE_URL        a Postgres server; unset: the embedded database under DATA_DIR
  DATA_DIR            default ./data
  DEFLECT_ADMIN_KEY   the admin key to use through a running service (default: <DATA_DIR>/admin-key)

example:
  export AGENT=$(npm run -s keys -- create --role agent --name "Tier 1 - Ana" --secret-only)`;

const roles: readonly KeyRole[] = ["agent", "expert", "admin"];

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  table?(rows: Record<string, unknown>[]): void;
}

class UsageError extends Error {}

function operator(): KeyActor {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    /* no passwd entry in some containers */
  }
  return { name: `cli:${user}`, role: "admin" };
}

/**
 * `npm run keys`: the operator's door to API keys, and the only way to make the first admin key
 * (POST /v1/keys needs one). Opens the configured database (DATABASE_URL or the embedded one under
 * DATA_DIR), migrated. Arguments are checked before the database is opened. Returns the exit
 * code: 0 done, 1 refused (unknown key…), 2 usage or configuration error.
 */
export async function runKeysCli(argv: string[], env: Record<string, unknown>, io: CliIo): Promise<number> {
  let command: string | undefined;
  let rest: string[];
  let values: { role?: string; name?: string; json?: boolean; "secret-only"?: boolean; help?: boolean };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: "string" },
        name: { type: "string" },
        json: { type: "boolean", default: false },
        "secret-only": { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    });
    values = parsed.values;
    [command, ...rest] = parsed.positionals;
    if (values.help) {
      io.out(KEYS_USAGE);
      return 0;
    }
    if (!command) throw new UsageError("");
    if (values.json && values["secret-only"]) throw new UsageError("--json and --secret-only exclude each other");
    if (command === "create") {
      if (!values.role || !roles.includes(values.role as KeyRole)) throw new UsageError(`--role must be one of ${roles.join(", ")}`);
      const name = values.name?.trim();
      if (!name || name.length > 100) throw new UsageError("--name is required (1–100 characters)");
    } else if (command === "revoke") {
      if (!rest[0]) throw new UsageError("revoke needs a key id");
    } else if (command !== "list") throw new UsageError(`unknown command '${command}'`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.err(`${message ? `${message}\n` : ""}${KEYS_USAGE}`);
    return 2;
  }

  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    throw err;
  }
  const request: KeysRequest =
    command === "create"
      ? { command, input: { name: (values.name ?? "").trim(), role: values.role as KeyRole } }
      : command === "revoke"
        ? { command, id: rest[0] ?? "" }
        : { command: "list" };
  let keys: KeysBackend;
  try {
    keys = await openDatabaseBackend(config);
  } catch (err) {
    if (!(err instanceof DataDirBusyError)) throw err;
    const service = runningService(err.dir);
    if (!service) {
      io.err(`error: ${err.message}`);
      return 3;
    }
    const secret = (env.DEFLECT_ADMIN_KEY as string | undefined)?.trim() || (await readAdminKeyFile(config.DATA_DIR));
    if (!secret) {
      io.err(
        `the running service (pid ${service.pid}, ${service.url}) holds the embedded database; to manage keys through it, ` +
          `give an admin key: DEFLECT_ADMIN_KEY=<admin key> npm run keys -- ... (the first one is in ${adminKeyFile(config.DATA_DIR)} unless it was removed)`,
      );
      return 2;
    }
    keys = serviceBackend(service.url, secret);
  }
  try {
    print(await keys.run(request), values, io);
    return 0;
  } catch (err) {
    if (err instanceof DomainError || err instanceof ServiceRefusal) {
      io.err(err.message);
      return 1;
    }
    throw err;
  } finally {
    await keys.close();
  }
}

type KeysRequest = { command: "create"; input: { name: string; role: KeyRole } } | { command: "list" } | { command: "revoke"; id: string };

type KeysResult = { command: "create"; key: KeyView; secret: string } | { command: "list"; keys: KeyView[] } | { command: "revoke"; key: KeyView };

/** Where the keys are: the database itself, or the running service that holds it. */
interface KeysBackend {
  run(request: KeysRequest): Promise<KeysResult>;
  close(): Promise<void>;
}

async function openDatabaseBackend(config: Config): Promise<KeysBackend> {
  const database = await createDb(config);
  const deps = { database, clock: systemClock };
  const actor = operator();
  let migrated = false;
  return {
    async run(request) {
      if (!migrated) await migrateDb(database);
      migrated = true;
      if (request.command === "create") {
        const { key, secret } = await createApiKey({ deps, input: request.input, actor });
        return { command: "create", key: toKeyView(key), secret };
      }
      if (request.command === "list") return { command: "list", keys: await listApiKeys({ deps }) };
      const key = await revokeApiKey({ deps, input: { id: request.id, keepAnAdmin: false }, actor });
      return { command: "revoke", key };
    },
    close: () => database.close(),
  };
}

/** A problem+json answer of the service, as the CLI reports it. */
class ServiceRefusal extends Error {}

/**
 * The running service's admin API (POST/GET /v1/keys, DELETE /v1/keys/{id}). It keeps the last
 * active admin key from being revoked, as the API always does; the audit names the admin key used.
 */
function serviceBackend(baseUrl: string, secret: string): KeysBackend {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(new URL(path, baseUrl), {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body ? { "content-type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new ServiceRefusal(`the running service at ${baseUrl} did not answer: ${err instanceof Error ? err.message : err}`);
    }
    const payload = (await res.json().catch(() => undefined)) as { code?: string; detail?: string; title?: string } | undefined;
    if (!res.ok) throw new ServiceRefusal(`${res.status} ${payload?.code ?? ""}: ${payload?.detail ?? payload?.title ?? res.statusText} (from the service at ${baseUrl})`);
    return payload;
  };
  return {
    async run(request) {
      if (request.command === "create") {
        const created = (await call("POST", "/v1/keys", request.input)) as KeyView & { secret: string };
        const { secret: made, ...key } = created;
        return { command: "create", key, secret: made };
      }
      if (request.command === "list") return { command: "list", keys: ((await call("GET", "/v1/keys")) as { keys: KeyView[] }).keys };
      return { command: "revoke", key: (await call("DELETE", `/v1/keys/${encodeURIComponent(request.id)}`)) as KeyView };
    },
    close: async () => {},
  };
}

async function readAdminKeyFile(dataDir: string): Promise<string | undefined> {
  try {
    return (await readFile(adminKeyFile(dataDir), "utf8")).trim() || undefined;
  } catch {
    return undefined;
  }
}

function print(result: KeysResult, values: { json?: boolean; "secret-only"?: boolean }, io: CliIo): void {
  if (result.command === "create") {
    const { key, secret } = result;
    if (values["secret-only"]) io.out(secret);
    else if (values.json) io.out(JSON.stringify({ ...key, secret }));
    else {
      io.out(`created ${key.role} key ${key.id} (${key.name})\n\n  ${secret}\n`);
      io.out("This secret is shown once and cannot be recovered. Send it as 'Authorization: Bearer <key>'.");
    }
  } else if (result.command === "list") {
    const { keys } = result;
    if (values.json) io.out(JSON.stringify(keys));
    else if (keys.length === 0) io.out('no keys yet: npm run keys -- create --role admin --name "..."');
    else {
      const rows = keys.map((k) => ({
        id: k.id,
        prefix: k.prefix,
        role: k.role,
        name: k.name,
        created: k.createdAt,
        lastUsed: k.lastUsedAt ?? "never",
        revoked: k.revokedAt ?? "",
      }));
      if (io.table) io.table(rows);
      else for (const r of rows) io.out(Object.values(r).join("  "));
    }
  } else {
    const { key } = result;
    io.out(`revoked ${key.role} key ${key.id} (${key.name}) at ${key.revokedAt}`);
  }
}

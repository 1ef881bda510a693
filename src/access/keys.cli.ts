import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { createDbOrExit, migrateDb } from "../db/client.js";
import { systemClock } from "../deps.js";
import { DomainError } from "../errors.js";
import { createApiKey, listApiKeys, revokeApiKey, toKeyView, type KeyActor, type KeyRole } from "./keys.service.js";

export const KEYS_USAGE = `usage:
  npm run keys -- create --role agent|expert|admin --name "Helpdesk integration" [--json]
  npm run keys -- list [--json]
  npm run keys -- revoke <key id>`;

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
  let values: { role?: string; name?: string; json?: boolean; help?: boolean };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: "string" }, name: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
    });
    values = parsed.values;
    [command, ...rest] = parsed.positionals;
    if (values.help || !command) throw new UsageError("");
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
  const database = await createDbOrExit(config);
  const deps = { database, clock: systemClock };
  const actor = operator();
  try {
    await migrateDb(database);
    if (command === "create") {
      const input = { name: (values.name ?? "").trim(), role: values.role as KeyRole };
      const { key, secret } = await createApiKey({ deps, input, actor });
      if (values.json) io.out(JSON.stringify({ ...toKeyView(key), secret }));
      else {
        io.out(`created ${key.role} key ${key.id} (${key.name})\n\n  ${secret}\n`);
        io.out("This secret is shown once and cannot be recovered. Send it as 'Authorization: Bearer <key>'.");
      }
    } else if (command === "list") {
      const keys = await listApiKeys({ deps });
      if (values.json) io.out(JSON.stringify(keys));
      else if (keys.length === 0) io.out('no keys yet: npm run keys -- create --role admin --name "..."');
      else {
        const rows = keys.map((k) => ({ id: k.id, prefix: k.prefix, role: k.role, name: k.name, created: k.createdAt, lastUsed: k.lastUsedAt ?? "never", revoked: k.revokedAt ?? "" }));
        if (io.table) io.table(rows);
        else for (const r of rows) io.out(Object.values(r).join("  "));
      }
    } else {
      const key = await revokeApiKey({ deps, input: { id: rest[0] ?? "", keepAnAdmin: false }, actor });
      io.out(`revoked ${key.role} key ${key.id} (${key.name}) at ${key.revokedAt}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

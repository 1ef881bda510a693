import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Deps } from "../deps.js";
import { createFirstAdminKey } from "./keys.service.js";

/** Where the first admin key is written: inside the data folder, like Jenkins' initialAdminPassword. */
export function adminKeyFile(dataDir: string): string {
  return resolve(join(dataDir, "admin-key"));
}

/**
 * First start on a database that has never had a key: make an admin key and write its secret to
 * `<DATA_DIR>/admin-key`, readable by the owner only. Returns the file, or undefined when the
 * database already had keys (the file of an earlier first start is left as it is). The key is in
 * the database before the file exists; should the write fail, the key is revoked by nobody and the
 * error says how to make another (npm run keys), so nothing half-done is hidden.
 */
export async function writeFirstAdminKey(deps: Pick<Deps, "database" | "clock" | "config">): Promise<string | undefined> {
  if (deps.config.FIRST_ADMIN_KEY === "off") return undefined;
  const made = await createFirstAdminKey({ deps });
  if (!made) return undefined;
  const file = adminKeyFile(deps.config.DATA_DIR);
  try {
    await mkdir(deps.config.DATA_DIR, { recursive: true });
    await rm(file, { force: true });
    await writeFile(file, `${made.secret}\n`, { mode: 0o600, flag: "wx" });
    await chmod(file, 0o600);
  } catch (err) {
    throw new Error(
      `made the first admin key ${made.key.id} but could not write it to ${file} (${err instanceof Error ? err.message : err}); ` +
        `revoke it with \`npm run keys -- revoke ${made.key.id}\` and make another with \`npm run keys -- create --role admin --name …\``,
    );
  }
  return file;
}

import { loadConfig } from "../src/config.js";
import { createDbOrExit, migrateDb } from "../src/db/client.js";
import { DATABASE_ENV, parseCli } from "./lib/cli.js";

/** `npm run migrate`: applies committed migrations to the configured database and exits. */
parseCli({
  command: "npm run migrate",
  summary: "Applies the committed migrations (drizzle/) to the configured database and exits.",
  flags: {},
  env: DATABASE_ENV,
  examples: ["DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB npm run migrate"],
});
const config = loadConfig(process.env);
const database = await createDbOrExit(config);
try {
  await migrateDb(database);
  console.log(`migrations applied (${database.kind}${config.DATABASE_URL ? "" : `, ${config.DATA_DIR}/pglite`})`);
} finally {
  await database.close();
}

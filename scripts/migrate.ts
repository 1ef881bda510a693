import { loadConfig } from "../src/config.js";
import { createDbOrExit, migrateDb } from "../src/db/client.js";

/** `npm run migrate`: applies committed migrations to the configured database and exits. */
const config = loadConfig(process.env);
const database = await createDbOrExit(config);
try {
  await migrateDb(database);
  console.log(`migrations applied (${database.kind}${config.DATABASE_URL ? "" : `, ${config.DATA_DIR}/pglite`})`);
} finally {
  await database.close();
}

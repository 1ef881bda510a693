import { runKeysCli } from "../src/access/keys.cli.js";

/** `npm run keys -- create|list|revoke …`: see src/access/keys.cli.ts. */
process.exitCode = await runKeysCli(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  table: (rows) => console.table(rows),
});

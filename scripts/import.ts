import { runImportCli } from "../src/imports/cli.js";

/** `npm run import -- <file> [--format jsonl|csv] [--publish] [--dry-run] [--map ...]`: see IMPORT_USAGE. */
process.exitCode = await runImportCli(process.argv.slice(2));

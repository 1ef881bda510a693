import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { connectPostgres } from "../../src/db/database.js";
import { migrateDb, openPglite } from "../../src/db/client.js";
import type { TestProject } from "vitest/node";

/**
 * Migrates once per run: a PGlite data directory dumped to a tarball that each test file loads,
 * and on the real server a template database that each test file clones. Test files then start
 * from a migrated, empty database in a fraction of the time.
 */
export default async function setup(project: TestProject) {
  const backend = project.config.env?.DEFLECT_TEST_BACKEND ?? "pglite";
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  if (backend === "pglite") {
    const dir = join(tmpdir(), `deflect-test-${runId}`);
    mkdirSync(dir, { recursive: true });
    const database = await openPglite();
    await migrateDb(database);
    const dump = await database.pglite!.dumpDataDir("none");
    const file = join(dir, "template.tar");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide("pgliteTemplate", file);
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is required for the postgres project");
  const template = `deflect_tpl_${runId}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const templateUrl = withDatabase(url, template);
  const database = connectPostgres(templateUrl, { max: 2 }); // migrateDb holds one connection for its advisory lock;
  await migrateDb(database);
  await database.close();
  project.provide("postgresTemplate", template);
  return async () => {
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`deflect_t_${runId}%`} or datname = ${template}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

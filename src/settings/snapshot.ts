import { eq } from "drizzle-orm";
import type { Executor, Tx } from "../db/database.js";
import { settingsVersion } from "../db/schema/index.js";
import type { Deps } from "../deps.js";

type SnapshotDeps = Pick<Deps, "database" | "clock" | "config">;

interface Snapshot {
  /** settings_version as last read; undefined before the first check. */
  version: number | null | undefined;
  /** deps.clock time of the last check (ms). */
  checkedAt: number;
  /** The check in flight, shared by every caller that needs it. */
  checking: Promise<void> | undefined;
  /** name → value loaded at `version`. Replaced (never cleared) on a change, so a load in flight lands in the old map. */
  values: Map<string, Promise<unknown>>;
}

/** Per service instance (deps): on Workers an isolate, on Node an app; never shared between replicas. */
const snapshots = new WeakMap<object, Snapshot>();

/** The version row: null when missing (a database emptied by TRUNCATE before its next write). */
export async function readSettingsVersion(db: Executor): Promise<number | null> {
  const [row] = await db.select({ version: settingsVersion.version }).from(settingsVersion).where(eq(settingsVersion.id, 1)).limit(1);
  return row ? Number(row.version) : null;
}

function snapshotOf(deps: SnapshotDeps): Snapshot {
  let snap = snapshots.get(deps);
  if (!snap) {
    snap = { version: undefined, checkedAt: Number.NEGATIVE_INFINITY, checking: undefined, values: new Map() };
    snapshots.set(deps, snap);
  }
  return snap;
}

/**
 * Reads settings_version at most every SETTINGS_CHECK_MS (deps.clock) and drops every cached value
 * when it moved. The version is read before any value is loaded, so a value is never newer-looking
 * than its data: a write that commits in between only causes one more reload.
 */
async function checkVersion(deps: SnapshotDeps, snap: Snapshot): Promise<void> {
  const now = deps.clock.now().getTime();
  if (snap.version !== undefined && now - snap.checkedAt < deps.config.SETTINGS_CHECK_MS && now >= snap.checkedAt) return;
  snap.checking ??= readSettingsVersion(deps.database.db)
    .then((version) => {
      if (version !== snap.version) {
        snap.version = version;
        snap.values = new Map();
      }
      snap.checkedAt = now;
    })
    .finally(() => {
      snap.checking = undefined;
    });
  await snap.checking;
}

/**
 * A value derived from cached tables (settings, signal phrases, de-escalation templates, the
 * escalation matrix, teams), loaded once per instance and version. Correct across replicas: the
 * database's settings_version (bumped by triggers in the writing transaction) is checked at most
 * every SETTINGS_CHECK_MS, and this instance's own writes call invalidateSettings. Inside another
 * transaction (`db` not the instance's database: replay's what-if settings, a write's own reads)
 * the value is loaded from that transaction, never cached.
 */
export async function cachedSetting<T>(deps: SnapshotDeps, name: string, load: (db: Executor) => Promise<T>, db?: Executor): Promise<T> {
  const own = deps.database.db;
  if (db !== undefined && db !== own) return load(db);
  const snap = snapshotOf(deps);
  await checkVersion(deps, snap);
  const values = snap.values;
  let value = values.get(name) as Promise<T> | undefined;
  if (!value) {
    value = load(own);
    values.set(name, value);
    // A failed load is not remembered: the next caller tries again.
    value.catch(() => {
      if (values.get(name) === value) values.delete(name);
    });
  }
  return value;
}

/** This instance wrote a cached table: the next read checks the version (and reloads) whatever the interval. */
export function invalidateSettings(deps: object): void {
  const snap = snapshots.get(deps);
  if (!snap) return;
  snap.values = new Map();
  snap.version = undefined;
  snap.checkedAt = Number.NEGATIVE_INFINITY;
}

/** A transaction that writes cached tables: this instance drops what it cached once it ends (committed or not). */
export async function writeSettings<T>(deps: Pick<Deps, "database">, write: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await deps.database.db.transaction(write);
  } finally {
    invalidateSettings(deps);
  }
}

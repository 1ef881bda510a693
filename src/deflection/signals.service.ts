import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { recordAudit } from "../audit/audit.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { Caller } from "../caller.js";
import { getSetting, putSetting } from "../settings/settings.queries.js";
import { cachedSetting, invalidateSettings } from "../settings/snapshot.js";
import { phraseProblem } from "../text/signals.js";
import { defaultSignalRows, SIGNAL_KINDS, type SignalKind } from "./signal-defaults.js";
import { deleteSignalPhrase, findSignalPhrase, insertSignalPhrases, listSignalPhrases, lockSignalSeeding, type SignalPhraseRow } from "./signals.queries.js";

const SEEDED_KEY = "signals.defaultsSeeded";

/**
 * Seeds the default phrases once (first use of an empty installation), under an advisory lock so
 * two replicas never seed twice. Recorded in settings: an admin who deletes every phrase later
 * gets an empty list, not the defaults back.
 */
export async function ensureSignalPhrasesSeeded(deps: Pick<Deps, "database">): Promise<void> {
  if (await getSetting(deps.database.db, SEEDED_KEY)) return;
  await deps.database.db.transaction(async (tx) => {
    await lockSignalSeeding(tx);
    if (await getSetting(tx, SEEDED_KEY)) return;
    const existing = await listSignalPhrases(tx);
    if (existing.length === 0)
      await insertSignalPhrases(
        tx,
        defaultSignalRows().map((r) => ({ id: newId("signal"), ...r })),
      );
    await putSetting(tx, SEEDED_KEY, true, "system");
  });
}

/**
 * The enabled phrases the detector uses, once per instance and settings version (cachedSetting):
 * the defaults are seeded on the first load, not looked for on every ticket.
 */
export async function loadSignalPhrases(deps: Pick<Deps, "database" | "clock" | "config">, db?: Executor): Promise<SignalPhraseRow[]> {
  return cachedSetting(
    deps,
    "signals.phrases",
    async (from) => {
      await ensureSignalPhrasesSeeded(deps);
      return listSignalPhrases(from, { enabledOnly: true });
    },
    db,
  );
}

export interface NewSignalPhrase {
  language: string;
  kind: SignalKind;
  phrase: string;
  enabled?: boolean;
}

/** Adds a phrase (audited). A phrase the syntax cannot compile is a validation error; a duplicate a conflict. */
export async function addSignalPhrase(args: { deps: Deps; input: NewSignalPhrase; caller: Caller }): Promise<SignalPhraseRow> {
  const { deps, input, caller } = args;
  const problem = phraseProblem(input.phrase);
  if (problem) throw new ValidationError(`phrase ${problem}`, [{ field: "phrase", message: problem }]);
  if (!(SIGNAL_KINDS as readonly string[]).includes(input.kind)) {
    throw new ValidationError("unknown kind", [{ field: "kind", message: `one of ${SIGNAL_KINDS.join(", ")}` }]);
  }
  await ensureSignalPhrasesSeeded(deps);
  const phrase = input.phrase.trim();
  return deps.database.db
    .transaction(async (tx) => {
      const dup = await findSignalPhrase(tx, { language: input.language, kind: input.kind, phrase });
      if (dup) throw new ConflictError("This phrase already exists", { id: dup.id });
      const [row] = await insertSignalPhrases(tx, [
        { id: newId("signal"), language: input.language, kind: input.kind, phrase, enabled: input.enabled ?? true, createdAt: deps.clock.now() },
      ]);
      if (!row) throw new Error("insert returned no row");
      await recordAudit(tx, caller, "signal_phrase.create", "signal_phrase", row.id, { language: row.language, kind: row.kind, phrase: row.phrase }, deps.clock.now());
      return row;
    })
    .finally(() => invalidateSettings(deps));
}

/** Removes a phrase (audited); unknown id → NOT_FOUND. */
export async function removeSignalPhrase(args: { deps: Deps; id: string; caller: Caller }): Promise<void> {
  const { deps, id, caller } = args;
  await deps.database.db
    .transaction(async (tx) => {
      const row = await deleteSignalPhrase(tx, id);
      if (!row) throw new NotFoundError("signal phrase", id);
      await recordAudit(tx, caller, "signal_phrase.delete", "signal_phrase", id, { language: row.language, kind: row.kind, phrase: row.phrase }, deps.clock.now());
    })
    .finally(() => invalidateSettings(deps));
}

import { recordAudit } from "../audit/audit.js";
import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { Caller } from "../caller.js";
import { getSetting, putSetting } from "../settings/settings.queries.js";
import { cachedSetting, writeSettings } from "../settings/snapshot.js";
import { defaultDeescalationRows } from "./deescalation-defaults.js";
import { PLACEHOLDERS, unknownPlaceholders } from "./deescalation-phrases.js";
import {
  countDeescalationTemplates,
  type DeescalationPart,
  type DeescalationTemplateRow,
  deleteDeescalationTemplate,
  findDeescalationTemplate,
  insertDeescalationTemplates,
  listDeescalationTemplates,
  lockDeescalationSeeding,
  nextDeescalationPosition,
} from "./deescalation.queries.js";

const SEEDED_KEY = "deescalation.defaultsSeeded";
/** Parts that may apply to every level (level null); the others are written per level. */
export const ALL_LEVEL_PARTS: readonly DeescalationPart[] = ["step", "ownership", "avoid"];

/**
 * Seeds the curated defaults once (first use), under an advisory lock so two replicas never seed
 * twice. Recorded in settings: an admin who deletes every template later keeps an empty table.
 */
export async function ensureDeescalationTemplatesSeeded(deps: Pick<Deps, "database">): Promise<void> {
  if (await getSetting(deps.database.db, SEEDED_KEY)) return;
  await writeSettings(deps, async (tx) => {
    await lockDeescalationSeeding(tx);
    if (await getSetting(tx, SEEDED_KEY)) return;
    if ((await countDeescalationTemplates(tx)) === 0) {
      await insertDeescalationTemplates(
        tx,
        defaultDeescalationRows().map((r) => ({ id: newId("deescalationTemplate"), ...r })),
      );
    }
    await putSetting(tx, SEEDED_KEY, true, "system");
  });
}

/** The enabled templates briefs are composed from, once per instance and settings version (seeding the defaults on the first load). */
export async function loadDeescalationTemplates(deps: Pick<Deps, "database" | "clock" | "config">, db?: Executor): Promise<DeescalationTemplateRow[]> {
  return cachedSetting(
    deps,
    "deescalation.templates",
    async (from) => {
      await ensureDeescalationTemplatesSeeded(deps);
      return listDeescalationTemplates(from, { enabledOnly: true });
    },
    db,
  );
}

export interface NewDeescalationTemplate {
  language: string;
  part: DeescalationPart;
  /** 1–3 (checked at the edge and by the table), or null for every level. */
  level?: number | null;
  text: string;
  enabled?: boolean;
  position?: number;
}

/**
 * Adds a template (audited). Only {next_step}, {when}, {team} and {fix} may appear in braces, so a
 * brief never shows an unfilled placeholder; technique, opening and customer are per level.
 */
export async function addDeescalationTemplate(args: { deps: Deps; input: NewDeescalationTemplate; caller: Caller }): Promise<DeescalationTemplateRow> {
  const { deps, input, caller } = args;
  const text = input.text.trim();
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    const message = `unknown placeholder ${unknown.map((n) => `{${n}}`).join(", ")}; known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`;
    throw new ValidationError(`text: ${message}`, [{ field: "text", message }]);
  }
  const level = input.level ?? null;
  if (level === null && !ALL_LEVEL_PARTS.includes(input.part)) {
    const message = `a ${input.part} template needs a level (1, 2 or 3); only ${ALL_LEVEL_PARTS.join(", ")} may apply to every level`;
    throw new ValidationError(`level: ${message}`, [{ field: "level", message }]);
  }
  await ensureDeescalationTemplatesSeeded(deps);
  return writeSettings(deps, async (tx) => {
    const dup = await findDeescalationTemplate(tx, { language: input.language, part: input.part, level, text });
    if (dup) throw new ConflictError("This template already exists", { id: dup.id });
    const position = input.position ?? (await nextDeescalationPosition(tx, { language: input.language, part: input.part }));
    const [row] = await insertDeescalationTemplates(tx, [
      { id: newId("deescalationTemplate"), language: input.language, part: input.part, level, text, enabled: input.enabled ?? true, position, createdAt: deps.clock.now() },
    ]);
    if (!row) throw new Error("insert returned no row");
    await recordAudit(
      tx,
      caller,
      "deescalation_template.create",
      "deescalation_template",
      row.id,
      { language: row.language, part: row.part, level: row.level, text: row.text },
      deps.clock.now(),
    );
    return row;
  });
}

/** Removes a template (audited); unknown id → NOT_FOUND. */
export async function removeDeescalationTemplate(args: { deps: Deps; id: string; caller: Caller }): Promise<void> {
  const { deps, id, caller } = args;
  await writeSettings(deps, async (tx) => {
    const row = await deleteDeescalationTemplate(tx, id);
    if (!row) throw new NotFoundError("de-escalation template", id);
    await recordAudit(
      tx,
      caller,
      "deescalation_template.delete",
      "deescalation_template",
      id,
      { language: row.language, part: row.part, level: row.level, text: row.text },
      deps.clock.now(),
    );
  });
}

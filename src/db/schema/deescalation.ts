import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";

/** The parts of a de-escalation brief; `customer` is the one customer-facing sentence. */
export const deescalationParts = ["technique", "step", "opening", "ownership", "avoid", "customer"] as const;

/**
 * Curated de-escalation wording per language, part and frustration level (1 annoyed, 2 angry,
 * 3 needs a human now; null = every level). Briefs are assembled from these rows, never generated;
 * admins edit them through /v1/settings/deescalation-templates.
 */
export const deescalationTemplates = pgTable(
  "deescalation_templates",
  {
    id: text().primaryKey(),
    language: text().notNull(),
    part: text({ enum: deescalationParts }).notNull(),
    level: integer(),
    /** May contain {next_step}, {when}, {team}, {fix}; nothing else in braces. */
    text: text().notNull(),
    enabled: boolean().notNull().default(true),
    /** Lower first: the first enabled row of a part is the one a brief uses. */
    position: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("deescalation_templates_lang_part_idx").on(t.language, t.part), check("deescalation_templates_level_check", sql`${t.level} is null or ${t.level} between 1 and 3`)],
);

import { type DefaultTemplateRow, defaultDeescalationRows, type DeescalationLevel } from "./deescalation-defaults.js";
import { fillPlaceholders, formatWhen, phrasesFor, type Placeholder, unknownPlaceholders } from "./deescalation-phrases.js";
import type { DeescalationPart, DeescalationTemplateRow } from "./deescalation.queries.js";
import { type DeescalationBrief, type Verdict, VerdictSchema } from "./verdict.schemas.js";

export { loadDeescalationTemplates } from "./deescalation.service.js";
export type { DeescalationLevel } from "./deescalation-defaults.js";

/** What the customer will get next; `dueAt` is the escalation's first-response due time once it exists. */
export type BriefNextStep =
  | { kind: "fix"; title: string }
  | { kind: "escalation"; type: "functional" | "hierarchical"; teamName: string | null; dueAt: Date | null }
  | { kind: "investigation" };

export type BriefTemplate = Pick<DeescalationTemplateRow, "id" | "language" | "part" | "level" | "text" | "enabled" | "position">;

export interface ComposeBriefInput {
  /** The customer's language (ISO 639-1, a region suffix is ignored); null when unknown. */
  language: string | null;
  level: DeescalationLevel;
  /** Signal kinds behind the level (manager, churn…); recorded by the caller, the wording does not vary by kind yet. */
  kinds: string[];
  nextStep: BriefNextStep;
  templates: BriefTemplate[];
}

/** Parts a brief needs exactly one of; without them in the customer's language the brief is English. */
const SINGLE_PARTS = ["technique", "opening", "ownership", "customer"] as const satisfies readonly DeescalationPart[];

/** Usable rows of one language, part and level: enabled, no unknown placeholder; own level before level null, then position. */
function candidates(templates: BriefTemplate[], language: string, part: DeescalationPart, level: DeescalationLevel): BriefTemplate[] {
  return templates
    .filter((t) => t.enabled && t.language === language && t.part === part && (t.level === level || t.level === null))
    .filter((t) => unknownPlaceholders(t.text).length === 0)
    .sort((a, b) => (a.level === null ? 1 : 0) - (b.level === null ? 1 : 0) || a.position - b.position || a.id.localeCompare(b.id));
}

/** Lists (steps, avoid) keep position order across own-level and every-level rows. */
const byPosition = (rows: BriefTemplate[]) => [...rows].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));

function builtin(part: DeescalationPart, level: DeescalationLevel): DefaultTemplateRow[] {
  return defaultDeescalationRows().filter((r) => r.language === "en" && r.part === part && (r.level === level || r.level === null));
}

function normaliseLanguage(language: string | null): string {
  return (language ?? "").trim().toLowerCase().split(/[-_]/)[0] || "en";
}

/**
 * The agent's de-escalation brief, assembled from curated templates (never generated): in the
 * customer's language when every part exists for it at this level, else in English (and
 * `language` says so). Deterministic: the first usable template per part by position. If an
 * admin removed a part in English too, the shipped English default stands in (not in templateIds).
 */
export function composeBrief(input: ComposeBriefInput): DeescalationBrief {
  const { level, templates } = input;
  const wanted = normaliseLanguage(input.language);
  const complete = (lang: string) => SINGLE_PARTS.every((p) => candidates(templates, lang, p, level).length > 0);
  const language = complete(wanted) ? wanted : "en";
  const used: string[] = [];
  const values = placeholderValues(input.nextStep, language);
  const fill = (text: string) => capitalise(fillPlaceholders(text, values));

  const one = (part: DeescalationPart): string => {
    const row = candidates(templates, language, part, level)[0] ?? (language === "en" ? undefined : candidates(templates, "en", part, level)[0]);
    if (row) {
      used.push(row.id);
      return fill(row.text);
    }
    return fill(builtin(part, level)[0]?.text ?? "");
  };
  const list = (part: DeescalationPart): string[] => {
    const rows = byPosition(candidates(templates, language, part, level));
    used.push(...rows.map((r) => r.id));
    return rows.map((r) => fill(r.text));
  };

  const technique = one("technique");
  const steps = list("step");
  const opening = one("opening");
  const ownership = one("ownership");
  const avoid = list("avoid");
  const customerMessage = one("customer");
  const dueAt = input.nextStep.kind === "escalation" && input.nextStep.dueAt ? input.nextStep.dueAt.toISOString() : null;
  return {
    language,
    level,
    technique,
    steps,
    opening,
    ownership,
    avoid,
    nextStep: { kind: input.nextStep.kind, text: `${capitalise(values.next_step)} — ${values.when}`, dueAt },
    customerMessage,
    templateIds: used,
  };
}

function placeholderValues(step: BriefNextStep, language: string): Record<Placeholder, string> {
  const p = phrasesFor(language);
  const team = step.kind === "escalation" ? (step.teamName ? p.team(step.teamName) : p.someone[step.type]) : p.someone.other;
  const fix = step.kind === "fix" ? step.title : p.fix;
  const clause = step.kind === "escalation" ? p.nextStep[step.type] : p.nextStep[step.kind];
  const when = formatWhen(step.kind === "escalation" ? step.dueAt : null, language);
  return { team, fix, when, next_step: fillPlaceholders(clause, { team, fix, when, next_step: "" }) };
}

const capitalise = (s: string) => (s.length > 0 ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : s);

/** The escalation facts a brief needs: who takes over and by when. */
export interface EscalationDue {
  type: "functional" | "hierarchical";
  teamName: string | null;
  firstResponseDueAt: Date | null;
}

/**
 * Recomposes the verdict's brief once the escalation exists, so "when" is its first-response due
 * time and "who" its team. A verdict without frustration or without a brief is returned as is.
 */
export function withEscalationDue(verdict: Verdict, escalation: EscalationDue, templates: BriefTemplate[]): Verdict {
  const brief = verdict.deescalation;
  if (!brief || !verdict.frustration) return verdict;
  const level = Math.min(3, Math.max(1, brief.level)) as DeescalationLevel;
  const kinds = [...new Set(verdict.frustration.evidence.filter((e) => e.kind && !e.discounted).map((e) => e.kind as string))];
  const deescalation = composeBrief({
    language: verdict.language ?? brief.language,
    level,
    kinds,
    nextStep: { kind: "escalation", type: escalation.type, teamName: escalation.teamName, dueAt: escalation.firstResponseDueAt },
    templates,
  });
  return { ...verdict, deescalation };
}

/**
 * For a verdict read back from a ticket (any release's shape): the brief recomposed for an
 * escalation's due time, or nothing when the stored verdict has no frustration or no brief.
 */
export function storedBriefFor(stored: unknown, templates: BriefTemplate[]): ((due: EscalationDue) => DeescalationBrief | null | undefined) | undefined {
  const verdict = briefedVerdict(stored);
  return verdict && ((due) => withEscalationDue(verdict, due, templates).deescalation);
}

/** A stored verdict that carries frustration and a brief, parsed; undefined otherwise. */
export function briefedVerdict(stored: unknown): Verdict | undefined {
  const parsed = VerdictSchema.safeParse(stored);
  return parsed.success && parsed.data.frustration && parsed.data.deescalation ? parsed.data : undefined;
}

import type { TicketOutcome } from "./eval-run.js";

/**
 * Scoring of ../shared/eval/dev/README.md. One choice the README leaves open: `suggest` (shown to
 * the agent, not the customer) counts as answering with its top article — the agent acts on it,
 * so a wrong suggestion is a wrong answer and a right one is coverage.
 */
export const answered = (o: TicketOutcome) => o.decision === "answer" || o.decision === "suggest";
const expectsAnswer = (o: TicketOutcome) => o.ticket.expected.decision === "answer";
const rightArticle = (o: TicketOutcome) => o.ranked[0] !== undefined && o.ranked[0] === o.ticket.expected.articleId;
export const correctAnswer = (o: TicketOutcome) => answered(o) && expectsAnswer(o) && rightArticle(o);
export const wrongAnswer = (o: TicketOutcome) => answered(o) && !correctAnswer(o);
const correct = (o: TicketOutcome) => (expectsAnswer(o) ? correctAnswer(o) : o.decision === "escalate" && o.escalation === o.ticket.expected.escalation);
const crossLanguage = (o: TicketOutcome) => expectsAnswer(o) && o.articleLang !== undefined && o.articleLang !== o.ticket.lang;

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

export interface Summary {
  count: number;
  answered: number;
  answeredDirectly: number;
  suggested: number;
  correct: number;
  accuracy: number | null;
  wrongAnswers: number;
  wrongAnswerRate: number | null;
  coverage: number | null;
  functionalRecall: number | null;
  hierarchicalRecall: number | null;
  crossLanguageTop1: number | null;
  top1: number | null;
  recallAt5: number | null;
}

export function summarise(outcomes: TicketOutcome[]): Summary {
  const ans = outcomes.filter(answered);
  const answerable = outcomes.filter(expectsAnswer);
  const fun = outcomes.filter((o) => o.ticket.expected.escalation === "functional");
  const hier = outcomes.filter((o) => o.ticket.expected.escalation === "hierarchical");
  const cross = outcomes.filter(crossLanguage);
  const wrong = ans.filter(wrongAnswer).length;
  return {
    count: outcomes.length,
    answered: ans.length,
    answeredDirectly: outcomes.filter((o) => o.decision === "answer").length,
    suggested: outcomes.filter((o) => o.decision === "suggest").length,
    correct: outcomes.filter(correct).length,
    accuracy: ratio(outcomes.filter(correct).length, outcomes.length),
    wrongAnswers: wrong,
    wrongAnswerRate: ratio(wrong, ans.length),
    coverage: ratio(answerable.filter(correctAnswer).length, answerable.length),
    functionalRecall: ratio(fun.filter((o) => o.decision === "escalate" && o.escalation === "functional").length, fun.length),
    hierarchicalRecall: ratio(hier.filter((o) => o.decision === "escalate" && o.escalation === "hierarchical").length, hier.length),
    crossLanguageTop1: ratio(cross.filter(rightArticle).length, cross.length),
    top1: ratio(answerable.filter(rightArticle).length, answerable.length),
    recallAt5: ratio(answerable.filter((o) => o.ranked.slice(0, 5).includes(o.ticket.expected.articleId ?? "")).length, answerable.length),
  };
}

export function perLanguage(outcomes: TicketOutcome[]): Record<string, Summary> {
  const langs = [...new Set(outcomes.map((o) => o.ticket.lang ?? "??"))].sort();
  return Object.fromEntries(langs.map((l) => [l, summarise(outcomes.filter((o) => (o.ticket.lang ?? "??") === l))]));
}

export interface RiskCoverageRow {
  threshold: number;
  answered: number;
  wrong: number;
  risk: number | null;
  coverage: number | null;
}

/**
 * Risk–coverage of a confidence threshold, for tickets the signals did not escalate: answering
 * everything with confidence ≥ t, how many answers are wrong (risk) and how many answerable
 * tickets are answered right (coverage). `confidenceOf` lets calibrate score a new model.
 */
export function riskCoverage(outcomes: TicketOutcome[], thresholds: number[], confidenceOf: (o: TicketOutcome) => number = (o) => o.confidence): RiskCoverageRow[] {
  const eligible = outcomes.filter((o) => o.escalation !== "hierarchical");
  const answerable = outcomes.filter(expectsAnswer).length;
  return thresholds.map((t) => {
    const ans = eligible.filter((o) => o.ranked.length > 0 && confidenceOf(o) >= t);
    const right = ans.filter((o) => expectsAnswer(o) && rightArticle(o)).length;
    return { threshold: t, answered: ans.length, wrong: ans.length - right, risk: ratio(ans.length - right, ans.length), coverage: ratio(right, answerable) };
  });
}

export function formatTable(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: unknown) => (v === null || v === undefined ? "–" : typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(widths[i] ?? 0)).join("  ");
  return [line(cols), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n");
}

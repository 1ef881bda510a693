import { readFileSync } from "node:fs";
import { z } from "zod";
import { assessFrustration } from "../../src/deflection/frustration.js";
import { defaultSignalRows } from "../../src/deflection/signal-defaults.js";
import { cleanMessage } from "../../src/text/clean.js";
import { detectSignals } from "../../src/text/signals.js";

/** One message of a frustration set (test/fixtures/frustration/README.md). */
export const FrustrationTicketSchema = z.object({
  id: z.string(),
  lang: z.string(),
  channel: z.string(),
  body: z.string().min(1),
  level: z.number().int().min(0).max(3),
  kinds: z.array(z.string()),
  repeat: z.boolean(),
  note: z.string().optional(),
});
export type FrustrationTicket = z.infer<typeof FrustrationTicketSchema>;

export interface LevelScore {
  level: number;
  n: number;
  predicted: number;
  correct: number;
  precision: number | null;
  recall: number | null;
}

export interface FrustrationScore {
  count: number;
  exact: number;
  accuracy: number;
  /** rows: labelled level, columns: predicted level */
  confusion: number[][];
  levels: LevelScore[];
  /** Level 3 (needs a human now) found among the labelled level-3 messages. */
  hierarchicalRecall: number;
  /** Messages labelled below 3 that were predicted 3: the customers a supervisor would get for nothing. */
  falseHierarchicalRate: number;
  misses: { id: string; lang: string; level: number; predicted: number; note?: string }[];
}

export function readFrustrationSet(path: string): FrustrationTicket[] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = FrustrationTicketSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/**
 * Scores the detector the service runs (clean → the default signal phrases over the author's
 * words → assessFrustration), with no contact history: a set's `repeat` is what the text says.
 */
export function scoreFrustration(tickets: FrustrationTicket[]): FrustrationScore {
  const phrases = defaultSignalRows().map((r, i) => ({ id: `default-${i}`, enabled: true, createdAt: new Date(0), ...r }));
  const confusion = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const misses: FrustrationScore["misses"] = [];
  for (const t of tickets) {
    const cleaned = cleanMessage(t.body, null);
    const signals = detectSignals(cleaned.authorText, phrases);
    const { level } = assessFrustration({ authorText: cleaned.authorText, signals, priorContacts: 0, policy: { repeatEscalateAfter: 0 }, language: t.lang, channel: t.channel });
    const row = confusion[t.level] as number[];
    row[level] = (row[level] ?? 0) + 1;
    if (level !== t.level) misses.push({ id: t.id, lang: t.lang, level: t.level, predicted: level, ...(t.note ? { note: t.note } : {}) });
  }
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
  const levels = [0, 1, 2, 3].map((level) => {
    const n = (confusion[level] as number[]).reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + (row[level] as number), 0);
    const correct = (confusion[level] as number[])[level] as number;
    return { level, n, predicted, correct, precision: ratio(correct, predicted), recall: ratio(correct, n) };
  });
  const exact = levels.reduce((a, l) => a + l.correct, 0);
  const below = tickets.filter((t) => t.level < 3).length;
  const falseH = confusion.slice(0, 3).reduce((a, row) => a + (row[3] as number), 0);
  return {
    count: tickets.length,
    exact,
    accuracy: ratio(exact, tickets.length) ?? 0,
    confusion,
    levels,
    hierarchicalRecall: ratio(levels[3]?.correct ?? 0, levels[3]?.n ?? 0) ?? 0,
    falseHierarchicalRate: ratio(falseH, below) ?? 0,
    misses,
  };
}

import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The labelled-set format of ../shared/eval/<set>/README.md: articles.jsonl (the knowledge base)
 * and tickets.jsonl (tickets with the expected outcome). Shared by eval, calibrate, import and
 * replay, so every tool reads the same files the same way.
 */
export const EvalArticleSchema = z.object({
  id: z.string().min(1),
  lang: z.string().regex(/^[a-z]{2}$/),
  title: z.string().min(1),
  problem: z.string().min(1),
  rootCause: z.string().default(""),
  resolution: z.string().min(1),
  category: z.string().nullish(),
  product: z.string().nullish(),
  visibility: z.enum(["public", "internal"]).default("public"),
  tags: z.array(z.string()).default([]),
});

export const EvalTicketSchema = z.object({
  id: z.string().min(1),
  lang: z.string().optional(),
  channel: z.enum(["email", "chat", "phone", "portal", "social", "api"]),
  subject: z.string().nullish(),
  body: z.string().min(1),
  /** When the ticket came in (replay projects SLA due times from it); optional. */
  createdAt: z.iso.datetime({ offset: true }).optional(),
  expected: z.object({
    decision: z.enum(["answer", "escalate"]),
    articleId: z.string().nullable(),
    escalation: z.enum(["none", "functional", "hierarchical"]),
  }),
  note: z.string().optional(),
});

export type EvalArticle = z.infer<typeof EvalArticleSchema>;
export type EvalTicket = z.infer<typeof EvalTicketSchema>;

/** Reads a JSONL file, validating every line; the error names the file, line and field. */
export function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}:${i + 1}: ${issue?.path.join(".") || "(line)"}: ${issue?.message ?? "invalid"}`);
    }
    out.push(parsed.data);
  });
  return out;
}

export const readEvalArticles = (path: string) => readJsonl(path, EvalArticleSchema);
export const readEvalTickets = (path: string) => readJsonl(path, EvalTicketSchema);

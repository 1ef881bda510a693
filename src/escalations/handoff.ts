import type { DeescalationBrief } from "../deflection/verdict.schemas.js";
import type { CustomerMessage } from "./customer-message.js";
import type { EarlierTicket } from "./escalations.queries.js";
import type { RouteResult } from "./routing.js";

export interface HandoffSignal {
  kind: string;
  phrase: string;
  language?: string;
}

export interface HandoffMatch {
  articleId: string;
  title: string;
  score: number;
  rejected?: boolean;
}

/** What the agent needs from the de-escalation brief, in the customer's language (brief.language). */
export type HandoffDeescalation = Pick<DeescalationBrief, "level" | "language" | "technique" | "opening" | "ownership" | "avoid">;

export interface Handoff {
  /** The reference the customer quotes (DF-7K3Q-92): an escalation is talked about by it. */
  ticketReference: string;
  gist: string;
  subject: string | null;
  language: string | null;
  channel: string;
  priority: string;
  category: string | null;
  product: string | null;
  customerRef: string | null;
  type: string;
  reason: string;
  tried: string | null;
  signals: HandoffSignal[];
  articles: { suggested: HandoffMatch[]; rejected: HandoffMatch[]; noneMatched: boolean };
  /** `reference` is absent from handoffs written before tickets had references. */
  earlierTickets: { ticketId: string; reference?: string; subject: string | null; status: string; decision: string | null; createdAt: string }[];
  routing: { teamId: string | null; teamName: string | null; level: number; levelName: string | null; ruleId: string; matrixVersion: number | null };
  sla: { firstResponseDueAt: string; resolutionDueAt: string; firstResponseMinutes: number; resolutionMinutes: number };
  /** The customer is annoyed or angry (level 1–3); absent when calm or before the de-escalation assist. */
  deescalation?: HandoffDeescalation;
  /** What the customer was told at escalation (from sla.firstResponseDueAt); absent on handoffs written before issue 22. */
  customerMessage?: CustomerMessage;
  text: string;
}

/** The first sentences of the cleaned text, at most ~300 characters: what the ticket is about. */
export function gistOf(cleanText: string, maxChars = 300): string {
  const flat = cleanText.replace(/\s+/g, " ").trim();
  if (flat.length <= maxChars) return flat;
  const sentences = flat.match(/[^.!?]+[.!?]+(\s|$)/g) ?? [];
  let gist = "";
  for (const s of sentences.slice(0, 3)) {
    if ((gist + s).length > maxChars) break;
    gist += s;
  }
  gist = gist.trim();
  return gist.length > 0 ? gist : `${flat.slice(0, maxChars - 1).trimEnd()}…`;
}

export interface HandoffInput {
  ticket: {
    reference: string;
    subject: string | null;
    cleanText: string;
    language: string | null;
    channel: string;
    priority: string;
    category: string | null;
    product: string | null;
    customerRef: string | null;
  };
  type: string;
  reason: string;
  notes?: string | null;
  signals: HandoffSignal[];
  matches: HandoffMatch[];
  earlier: EarlierTicket[];
  route: RouteResult;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  /** The brief composed with this escalation's team and due time; kept only for level 1–3. */
  deescalation?: DeescalationBrief | null;
  /** The customer's message, composed from this same firstResponseDueAt. */
  customerMessage?: CustomerMessage;
}

/** Everything tier 1 knows, so the customer is never asked again: structured, plus readable text. */
export function buildHandoff(input: HandoffInput): Handoff {
  const { ticket, route } = input;
  const rejected = input.matches.filter((m) => m.rejected);
  const suggested = input.matches.filter((m) => !m.rejected);
  const handoff: Omit<Handoff, "text"> = {
    ticketReference: ticket.reference,
    gist: gistOf(ticket.cleanText),
    subject: ticket.subject,
    language: ticket.language,
    channel: ticket.channel,
    priority: ticket.priority,
    category: ticket.category,
    product: ticket.product,
    customerRef: ticket.customerRef,
    type: input.type,
    reason: input.reason,
    tried: input.notes ?? null,
    signals: input.signals,
    articles: { suggested, rejected, noneMatched: input.matches.length === 0 },
    earlierTickets: input.earlier.map((t) => ({
      ticketId: t.id,
      reference: t.reference,
      subject: t.subject,
      status: t.status,
      decision: t.decision,
      createdAt: t.createdAt.toISOString(),
    })),
    routing: {
      teamId: route.teamId,
      teamName: route.teamName,
      level: route.level,
      levelName: route.levelName,
      ruleId: route.ruleId,
      matrixVersion: route.matrixVersion,
    },
    sla: {
      firstResponseDueAt: input.firstResponseDueAt.toISOString(),
      resolutionDueAt: input.resolutionDueAt.toISOString(),
      firstResponseMinutes: route.firstResponseMinutes,
      resolutionMinutes: route.resolutionMinutes,
    },
    ...(input.deescalation && input.deescalation.level >= 1 ? { deescalation: pickBrief(input.deescalation) } : {}),
    ...(input.customerMessage ? { customerMessage: input.customerMessage } : {}),
  };
  return { ...handoff, text: handoffText(handoff) };
}

function pickBrief(b: DeescalationBrief): HandoffDeescalation {
  return { level: b.level, language: b.language, technique: b.technique, opening: b.opening, ownership: b.ownership, avoid: b.avoid };
}

const LEVEL_NAMES: Record<number, string> = { 1: "annoyed", 2: "angry", 3: "needs a human now" };

/** The brief as handoff lines: the technique, what to say first and how to own it, what to avoid. */
function deescalationLines(d: HandoffDeescalation): string[] {
  return [
    `De-escalation (level ${d.level}, ${LEVEL_NAMES[d.level] ?? "upset"}; wording in ${d.language}): ${d.technique}`,
    `Open with: "${d.opening}"`,
    `Own it: "${d.ownership}"`,
    `Avoid: ${d.avoid.join(" ")}`,
  ];
}

const fmtMatch = (m: HandoffMatch) => `"${m.title}" (${m.articleId}, score ${m.score.toFixed(2)})`;

/** The same facts as a few lines an agent reads in a ticket view or a chat notification. */
export function handoffText(h: Omit<Handoff, "text">): string {
  const where = h.routing.teamName
    ? `${h.routing.teamName} (level ${h.routing.level}${h.routing.levelName ? `, ${h.routing.levelName}` : ""})`
    : `level ${h.routing.level} (no team configured)`;
  const facts = [
    h.language && `language ${h.language}`,
    `channel ${h.channel}`,
    `priority ${h.priority}`,
    h.category && `category ${h.category}`,
    h.product && `product ${h.product}`,
  ]
    .filter(Boolean)
    .join(", ");
  const lines = [
    `${h.type === "hierarchical" ? "Hierarchical" : "Functional"} escalation to ${where}: ${h.reason}`,
    `Customer says: ${h.subject ? `[${h.subject}] ` : ""}${h.gist}`,
    `Ticket ${h.ticketReference}: ${facts}.`,
    h.signals.length > 0 ? `Signals: ${h.signals.map((s) => `${s.kind} ("${s.phrase}")`).join(", ")}.` : "Signals: none detected.",
    h.articles.noneMatched
      ? "Articles: none matched."
      : [
          h.articles.suggested.length > 0 && `Articles suggested: ${h.articles.suggested.map(fmtMatch).join("; ")}.`,
          h.articles.rejected.length > 0 && `Articles rejected by the customer: ${h.articles.rejected.map(fmtMatch).join("; ")}.`,
        ]
          .filter(Boolean)
          .join(" "),
    h.tried ? `Already tried: ${h.tried}` : "Already tried: nothing recorded.",
    h.earlierTickets.length > 0
      ? `Earlier tickets of this customer: ${h.earlierTickets.map((t) => `${t.reference ?? t.ticketId} (${t.status}, ${t.createdAt.slice(0, 10)})`).join(", ")}.`
      : "Earlier tickets of this customer: none.",
    `SLA: first response by ${h.sla.firstResponseDueAt}, resolution by ${h.sla.resolutionDueAt}.`,
    ...(h.customerMessage ? [`Customer was told (${h.customerMessage.language}, times in ${h.customerMessage.timeZone}): "${h.customerMessage.text}"`] : []),
    ...(h.deescalation ? deescalationLines(h.deescalation) : []),
  ];
  return lines.join("\n");
}

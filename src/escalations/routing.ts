import type { EscalationType } from "./escalation.types.js";
import { type Matrix, type MatrixMatch, type MatrixRule, signalKinds, threatKinds } from "./matrix.schemas.js";

export interface RoutingTeam {
  id: string;
  name: string;
  skills: string[];
  level: number;
  levelName: string;
  escalatesToTeamId: string | null;
}

export interface RouteInput {
  type: EscalationType;
  category?: string | null;
  product?: string | null;
  priority?: string | null;
  language?: string | null;
  channel?: string | null;
  /** Detected signal kinds; the most severe one is what rules match on. */
  signals?: string[];
}

export interface RouteResult {
  matrixVersion: number | null;
  ruleId: string;
  specificity: number;
  teamId: string | null;
  teamName: string | null;
  level: number;
  levelName: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** How the rule's SLA minutes count (the rule's sla.clock, default calendar). */
  slaClock: "calendar" | "business";
  /** The most severe signal, or null. */
  signal: string | null;
  /** How the team was chosen: explicit, skill, up, top or none. */
  via: "team" | "skill" | "up" | "top" | "level" | "none";
}

const matchKeys = ["category", "product", "priority", "language", "channel", "signal", "type"] as const;

/** legal > churn > review > manager > insult > anger: one value, so rules on signals never overlap. */
export function primarySignal(signals: readonly string[] | undefined): string | null {
  for (const kind of signalKinds) if (signals?.includes(kind)) return kind;
  return null;
}

export function specificity(match: MatrixMatch): number {
  return matchKeys.filter((k) => match[k] !== undefined).length;
}

function ruleMatches(match: MatrixMatch, input: RouteInput, signal: string | null): boolean {
  const value = (v: string | null | undefined) => (v ? v.toLowerCase() : null);
  const values: Record<(typeof matchKeys)[number], string | null> = {
    category: value(input.category),
    product: value(input.product),
    priority: value(input.priority),
    language: value(input.language),
    channel: value(input.channel),
    signal,
    type: input.type,
  };
  return matchKeys.every((k) => {
    const want = match[k];
    if (want === undefined) return true;
    const have = values[k];
    if (have === null) return false;
    return Array.isArray(want) ? want.includes(have) : want === have;
  });
}

/** The matching rule with the most matched fields; validation guarantees no tie, order breaks one anyway. */
export function selectRule(matrix: Matrix, input: RouteInput): MatrixRule {
  const signal = primarySignal(input.signals);
  let best: MatrixRule | undefined;
  for (const rule of matrix.rules) {
    if (!ruleMatches(rule.match, input, signal)) continue;
    if (!best || specificity(rule.match) > specificity(best.match)) best = rule;
  }
  if (!best) throw new Error("the escalation matrix has no default rule");
  return best;
}

/** The lowest-level team whose skills name the ticket's category or product. */
function skillTeam(teams: RoutingTeam[], input: RouteInput, level?: number): RoutingTeam | undefined {
  const wanted = [input.category, input.product].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  return teams
    .filter((t) => (level === undefined || t.level === level) && t.skills.some((s) => wanted.includes(s.toLowerCase())))
    .sort((a, b) => a.level - b.level || a.name.localeCompare(b.name))[0];
}

/** Follows escalatesToTeamId to the top; stops on a cycle (validation rejects those). */
export function pathFrom(teams: RoutingTeam[], start: RoutingTeam): RoutingTeam[] {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const path = [start];
  let current = start;
  while (current.escalatesToTeamId) {
    const next = byId.get(current.escalatesToTeamId);
    if (!next || path.includes(next)) break;
    path.push(next);
    current = next;
  }
  return path;
}

function lowestTeam(teams: RoutingTeam[]): RoutingTeam | undefined {
  return [...teams].sort((a, b) => a.level - b.level || a.name.localeCompare(b.name))[0];
}

/**
 * Pure routing: picks the most specific rule, then the team. Functional escalations go to the team
 * whose skills fit; hierarchical ones one level up that team's path, or to its top for threats
 * (legal, churn, review). Used by escalation creation and by the replay simulator alike.
 */
export function routeEscalation(matrix: Matrix, teams: RoutingTeam[], input: RouteInput): RouteResult {
  const rule = selectRule(matrix, input);
  const signal = primarySignal(input.signals);
  const base = {
    matrixVersion: matrix.version,
    ruleId: rule.id,
    specificity: specificity(rule.match),
    firstResponseMinutes: rule.sla.firstResponseMinutes,
    resolutionMinutes: rule.sla.resolutionMinutes,
    slaClock: rule.sla.clock ?? "calendar",
    signal,
  };
  const at = (team: RoutingTeam | undefined, via: RouteResult["via"], level: number): RouteResult =>
    team
      ? { ...base, teamId: team.id, teamName: team.name, level: team.level, levelName: team.levelName, via }
      : { ...base, teamId: null, teamName: null, level, levelName: null, via: "none" };

  const explicit = rule.target.teamId ?? rule.target.team;
  if (explicit) {
    const team = teams.find((t) => t.id === explicit || t.name === explicit);
    return at(team, "team", rule.target.level ?? 1);
  }
  if (rule.target.level !== undefined) {
    const level = rule.target.level;
    const team = skillTeam(teams, input, level) ?? lowestTeam(teams.filter((t) => t.level === level));
    return at(team, "level", level);
  }
  const threat = signal !== null && threatKinds.includes(signal);
  const route = rule.target.route ?? (input.type === "functional" ? "skill" : threat ? "top" : "up");
  const start = skillTeam(teams, input) ?? lowestTeam(teams);
  if (!start) return at(undefined, "none", route === "skill" ? 1 : route === "up" ? 2 : 3);
  if (route === "skill") return at(start, "skill", start.level);
  const path = pathFrom(teams, start);
  const target = route === "up" ? (path[1] ?? start) : (path[path.length - 1] ?? start);
  return at(target, route, target.level);
}

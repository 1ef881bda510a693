import { DomainError } from "../errors.js";
import { findCycle } from "../teams/path.js";
import type { TeamRow } from "../teams/teams.queries.js";
import type { MatrixMatch, MatrixRule, PutMatrix } from "./matrix.schemas.js";
import { specificity } from "./routing.js";

const keys = ["category", "product", "priority", "language", "channel", "signal", "type"] as const;

/** Two rules can match one input when every field both constrain shares a value. */
function canOverlap(a: MatrixMatch, b: MatrixMatch): boolean {
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    if (x === undefined || y === undefined) return true;
    const xs: string[] = Array.isArray(x) ? x : [x];
    const ys: string[] = Array.isArray(y) ? y : [y];
    return xs.some((v) => ys.includes(v));
  });
}

/**
 * Checks a matrix against the teams and returns it with team references resolved to ids.
 * Rejects (400): unknown teams (named), no default rule, duplicate rule ids, two rules of equal
 * specificity that can match the same input (ambiguous), cyclic team paths, duplicate levels.
 */
export function validateMatrix(doc: PutMatrix, teams: TeamRow[]): { rules: MatrixRule[]; levels: PutMatrix["levels"] } {
  const unknown = [...new Set(doc.rules.map((r) => r.target.team).filter((t): t is string => !!t && !teams.some((x) => x.id === t || x.name === t)))];
  if (unknown.length > 0) throw new DomainError("UNKNOWN_TEAMS", `Rules reference unknown teams: ${unknown.join(", ")}`, { teams: unknown });

  const ids = doc.rules.map((r) => r.id);
  const dupIds = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (dupIds.length > 0) throw new DomainError("INVALID_MATRIX", `Duplicate rule ids: ${dupIds.join(", ")}`, { rules: dupIds });

  if (!doc.rules.some((r) => specificity(r.match) === 0)) {
    throw new DomainError("INVALID_MATRIX", "A default rule (empty match) is required so every escalation is routed", { missing: "default" });
  }
  const conflicts: { rules: [string, string]; specificity: number }[] = [];
  doc.rules.forEach((a, i) => {
    for (const b of doc.rules.slice(i + 1)) {
      if (specificity(a.match) === specificity(b.match) && canOverlap(a.match, b.match)) {
        conflicts.push({ rules: [a.id, b.id], specificity: specificity(a.match) });
      }
    }
  });
  if (conflicts.length > 0) {
    throw new DomainError("INVALID_MATRIX", `Ambiguous rules (same specificity, can match the same ticket): ${conflicts.map((c) => c.rules.join(" / ")).join("; ")}`, {
      conflicts,
    });
  }
  const cycle = findCycle(teams);
  if (cycle) throw new DomainError("INVALID_MATRIX", `The escalation path is cyclic: ${cycle.join(" → ")}`, { cycle });

  const levels = doc.levels.map((l) => l.level);
  const dupLevels = [...new Set(levels.filter((l, i) => levels.indexOf(l) !== i))];
  if (dupLevels.length > 0) throw new DomainError("INVALID_MATRIX", `Levels listed twice: ${dupLevels.join(", ")}`, { levels: dupLevels });

  const rules: MatrixRule[] = doc.rules.map((r) => {
    const team = r.target.team ? teams.find((t) => t.id === r.target.team || t.name === r.target.team) : undefined;
    return { ...r, target: { ...r.target, ...(team ? { team: team.name, teamId: team.id } : {}) } };
  });
  return { rules, levels: [...doc.levels].sort((a, b) => a.level - b.level) };
}

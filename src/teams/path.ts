/** Minimal team shape for path checks. */
export interface PathNode {
  id: string;
  name: string;
  escalatesToTeamId: string | null;
}

/**
 * Finds a cycle in the escalation paths (each team points at most one level up), returning the
 * team names along it, first name repeated at the end (`["A", "B", "A"]`), or null.
 */
export function findCycle(teams: PathNode[]): string[] | null {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const done = new Set<string>();
  for (const start of teams) {
    const seen: string[] = [];
    let current: PathNode | undefined = start;
    while (current && !done.has(current.id)) {
      const at = seen.indexOf(current.id);
      if (at >= 0) {
        const ids = [...seen.slice(at), current.id];
        return ids.map((id) => byId.get(id)?.name ?? id);
      }
      seen.push(current.id);
      current = current.escalatesToTeamId ? byId.get(current.escalatesToTeamId) : undefined;
    }
    for (const id of seen) done.add(id);
  }
  return null;
}

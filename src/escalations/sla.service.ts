import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import { enqueueWebhookEvent } from "../webhooks/outbox.js";
import type { EscalationRow } from "./escalation.types.js";
import { getEscalation, insertEvent, updateEscalation } from "./escalations.queries.js";
import { moveUpOneLevel } from "./levelup.js";
import { escalationPayload } from "./presenters.js";
import type { StoredSlaPoints } from "./sla.clock.js";
import { claimDueSlaEscalations, slaCheckpoints, slaDedupKey, type SlaTimer } from "./sla.queries.js";

export interface SweepResult {
  warnings: number;
  breaches: number;
  levelUps: number;
  escalations: number;
}

const BATCH = 25;
const MAX_BATCHES = 200;

interface Checkpoint {
  timer: SlaTimer;
  percent: number;
  minutes: number;
  dueAt: Date;
}

/**
 * Checkpoints of the current SLA run that are due at `now`, earliest first: the instants stored
 * when the clock started or resumed (business hours, pauses), or for rows older than those the
 * percentages of wall-clock minutes from slaStartedAt. A paused clock has none.
 */
export function dueCheckpoints(esc: EscalationRow, now: Date): Checkpoint[] {
  if (esc.status === "waiting_customer" || esc.status === "waiting_third_party" || esc.status === "resolved") return [];
  const out: Checkpoint[] = [];
  const timers: [SlaTimer, number | null][] = [
    ["first_response", esc.acknowledgedAt ? null : esc.firstResponseMinutes],
    ["resolution", esc.resolutionMinutes],
  ];
  const stored = (esc.slaCheckpoints as StoredSlaPoints | null)?.points;
  for (const [timer, minutes] of timers) {
    if (minutes === null) continue;
    for (const percent of slaCheckpoints) {
      const point = stored?.find((p) => p.timer === timer && p.percent === percent);
      if (stored && !point) continue;
      const dueAt = point ? new Date(point.dueAt) : new Date(esc.slaStartedAt.getTime() + (minutes * 60_000 * percent) / 100);
      if (dueAt <= now) out.push({ timer, percent, minutes, dueAt });
    }
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.percent - b.percent);
}

/**
 * Fires the due checkpoints of one locked escalation. Each event insert carries a dedup key, so a
 * checkpoint another sweeper already fired is a no-op (no second webhook, no second level-up).
 */
export async function fireCheckpoints(tx: Executor, deps: Deps, esc: EscalationRow, result: SweepResult): Promise<void> {
  const now = deps.clock.now();
  let current = esc;
  for (const cp of dueCheckpoints(esc, now)) {
    const breach = cp.percent >= 100;
    const detail = { timer: cp.timer, percent: cp.percent, minutes: cp.minutes, dueAt: cp.dueAt.toISOString(), level: current.level };
    const event = await insertEvent(tx, {
      id: newId("escalationEvent"),
      escalationId: esc.id,
      kind: breach ? "sla_breached" : "sla_warning",
      dedupKey: slaDedupKey(cp.timer, cp.percent, esc.slaStartedAt),
      fromLevel: current.level,
      fromTeamId: current.teamId,
      actor: "sla-sweep",
      detail,
      createdAt: now,
    });
    if (!event) continue;
    if (!breach) {
      result.warnings += 1;
      await enqueueWebhookEvent(tx, deps, "escalation.sla_warning", escalationPayload(current, { sla: detail }));
      continue;
    }
    result.breaches += 1;
    if (!current.breachedAt) current = await updateEscalation(tx, esc.id, { breachedAt: now, updatedAt: now });
    const timerName = cp.timer === "first_response" ? "first-response" : "resolution";
    const moved = await moveUpOneLevel(tx, deps, current, {
      actor: "sla-sweep",
      trigger: "sla_breach",
      reason: `${timerName} SLA of ${cp.minutes} min breached at level ${current.level}`,
      detail: { timer: cp.timer, dueAt: cp.dueAt.toISOString() },
    });
    await enqueueWebhookEvent(
      tx,
      deps,
      "escalation.sla_breached",
      escalationPayload(moved ?? current, { sla: detail, movedTo: moved ? { teamId: moved.teamId, level: moved.level } : null }),
    );
    if (moved) {
      result.levelUps += 1;
      return; // a new SLA run started; its checkpoints are due later
    }
  }
}

/**
 * One pass of the SLA timers: claims due escalations in short transactions (FOR UPDATE SKIP
 * LOCKED), so several replicas can sweep at once and an interrupted sweep loses nothing: what did
 * not commit is due again next time, what did is never fired twice.
 */
export async function runSlaSweep(deps: Deps): Promise<SweepResult> {
  const result: SweepResult = { warnings: 0, breaches: 0, levelUps: 0, escalations: 0 };
  for (let i = 0; i < MAX_BATCHES; i++) {
    // counted per batch and added only once the batch committed
    const batch: SweepResult = { warnings: 0, breaches: 0, levelUps: 0, escalations: 0 };
    const claimed = await deps.database.db.transaction(async (tx) => {
      const ids = await claimDueSlaEscalations(tx, deps.clock.now(), BATCH);
      for (const id of ids) {
        const esc = await getEscalation(tx, id);
        if (esc && esc.status !== "resolved") await fireCheckpoints(tx, deps, esc, batch);
      }
      return ids.length;
    });
    result.warnings += batch.warnings;
    result.breaches += batch.breaches;
    if (batch.breaches > 0) deps.telemetry?.slaBreached(batch.breaches);
    result.levelUps += batch.levelUps;
    result.escalations += claimed;
    if (claimed < BATCH) break;
  }
  return result;
}

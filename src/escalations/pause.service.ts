import type { Executor } from "../db/database.js";
import { newId } from "../db/ids.js";
import type { Deps } from "../deps.js";
import type { Caller } from "../caller.js";
import type { EscalationRow } from "./escalation.types.js";
import { insertEvent, updateEscalation } from "./escalations.queries.js";
import { assertAllowed, withLocked } from "./escalations.service.js";
import { consumedUntil, loadEscalationCalendar, scheduleSla } from "./sla.clock.js";

type Ctx = { deps: Pick<Deps, "database" | "clock">; caller: Pick<Caller, "name" | "role"> };
export type WaitingOn = "customer" | "third_party";

/**
 * Stops the SLA clock while the next step is the customer's or a third party's: the SLA minutes
 * used so far (in the escalation's clock) are carried in slaConsumedMinutes; the sweep fires
 * nothing while paused.
 */
export async function pauseEscalation({ deps, caller, input }: Ctx & { input: { id: string; waitingOn: WaitingOn; note?: string } }): Promise<EscalationRow> {
  return withLocked(deps, input.id, async (tx, esc) => {
    assertAllowed(esc, "pause");
    const now = deps.clock.now();
    const consumed = consumedUntil(await loadEscalationCalendar(tx, esc), esc, now);
    const row = await updateEscalation(tx, esc.id, {
      status: input.waitingOn === "customer" ? "waiting_customer" : "waiting_third_party",
      pausedAt: now,
      slaConsumedMinutes: consumed,
      updatedAt: now,
    });
    await insertEvent(tx, {
      id: newId("escalationEvent"),
      escalationId: esc.id,
      kind: "paused",
      actor: caller.name,
      detail: { waitingOn: input.waitingOn, fromStatus: esc.status, slaConsumedMinutes: consumed, ...(input.note ? { note: input.note } : {}) },
      createdAt: now,
    });
    return row;
  });
}

/**
 * Restarts a paused clock: back to acknowledged (if it was) or open, the paused wall-clock minutes
 * added to pausedMinutes, and the due times recomputed from now with the consumed SLA minutes
 * carried, so they move later by exactly the working time that passed while paused.
 * The caller holds the row lock.
 */
export async function resumeLocked(tx: Executor, now: Date, esc: EscalationRow, actor: string, trigger: "manual" | "customer_reply"): Promise<EscalationRow> {
  assertAllowed(esc, "resume");
  const pausedFor = esc.pausedAt ? Math.round((now.getTime() - esc.pausedAt.getTime()) / 60_000) : 0;
  const cal = await loadEscalationCalendar(tx, esc);
  const sla = scheduleSla(cal, now, esc.slaConsumedMinutes, esc.firstResponseMinutes ?? 60, esc.resolutionMinutes ?? 480);
  const row = await updateEscalation(tx, esc.id, {
    status: esc.acknowledgedAt ? "acknowledged" : "open",
    pausedAt: null,
    pausedMinutes: esc.pausedMinutes + pausedFor,
    slaSegmentStartedAt: now,
    firstResponseDueAt: sla.firstResponseDueAt,
    resolutionDueAt: sla.resolutionDueAt,
    slaCheckpoints: sla.slaCheckpoints,
    updatedAt: now,
  });
  await insertEvent(tx, {
    id: newId("escalationEvent"),
    escalationId: esc.id,
    kind: "resumed",
    actor,
    detail: {
      trigger,
      fromStatus: esc.status,
      pausedMinutes: pausedFor,
      firstResponseDueAt: sla.firstResponseDueAt.toISOString(),
      resolutionDueAt: sla.resolutionDueAt.toISOString(),
    },
    createdAt: now,
  });
  return row;
}

export async function resumeEscalation({ deps, caller, input }: Ctx & { input: { id: string } }): Promise<EscalationRow> {
  return withLocked(deps, input.id, (tx, esc) => resumeLocked(tx, deps.clock.now(), esc, caller.name, "manual"));
}

import type { escalations, escalationTypes } from "../db/schema/escalations.js";

export type EscalationType = (typeof escalationTypes)[number];
export type EscalationRow = typeof escalations.$inferSelect;

import { typeid } from "typeid-js";

/** Entity prefixes: an id names its kind and sorts by creation time (TypeID, UUIDv7 inside). */
export const idPrefixes = {
  article: "art",
  articleEvent: "aev",
  ticket: "tkt",
  escalation: "esc",
  escalationEvent: "eev",
  team: "team",
  feedback: "fb",
  apiKey: "key",
  audit: "aud",
  signal: "sig",
  job: "job",
  webhook: "wh",
  delivery: "dlv",
  import: "imp",
  rule: "rule",
  deescalationTemplate: "dtpl",
  teamCalendar: "tcal",
} as const;

export type Entity = keyof typeof idPrefixes;

export function newId(entity: Entity): string {
  return typeid(idPrefixes[entity]).toString();
}

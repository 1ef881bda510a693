/** De-escalation by language and by team, only rows with annoyed or angry customers. */
import { el } from "../../shared/dom.js";
import { formatPercent } from "../../shared/format.js";
import { apiGet } from "../api.js";
import { type Column, emptyNote, errorNote, row, table } from "../table.js";
import { cardBox, type DashboardCard } from "./card.js";

interface DeescalationRow {
  frustrated: number;
  deescalated: number;
  deescalationRate: number | null;
  confirmedResolvedFrustrated: number;
  escalationRate: number | null;
  tickets: number;
}

interface Deescalation {
  byLanguage: (DeescalationRow & { language: string | null })[];
  byTeam: (DeescalationRow & { team: string })[];
}

const columns = (first: string): Column[] => [
  { label: first },
  { label: "Annoyed/angry", num: true },
  { label: "Kept at tier 1", num: true },
  { label: "De-escalation rate", num: true },
  { label: "Confirmed resolved", num: true },
  { label: "Escalation rate (all tickets)", num: true },
];

const toRow = (name: string, r: DeescalationRow) =>
  row([
    name,
    r.frustrated,
    r.deescalated,
    { num: formatPercent(r.deescalationRate) },
    r.confirmedResolvedFrustrated,
    { num: `${formatPercent(r.escalationRate)} of ${r.tickets}` },
  ]);

export const deescalationCard: DashboardCard = {
  async load(q) {
    const res = await apiGet<Deescalation>(`/v1/insights/deescalation?${q.range}&tz=${encodeURIComponent(q.tz)}`);
    return () => {
      const box = cardBox("deescalation");
      if (!res.ok) return void box.appendChild(errorNote("de-escalation", res.error));
      const languages = res.data.byLanguage.filter((r) => r.frustrated > 0);
      const teams = res.data.byTeam.filter((r) => r.frustrated > 0);
      if (!languages.length) {
        box.appendChild(
          emptyNote(
            "No annoyed or angry customers in this period — tickets whose verdict rates the customer annoyed or angry (frustration level 1–2) appear here by language and team, with how many were kept at tier 1 beside the escalation rate.",
          ),
        );
        return;
      }
      box.append(
        el("h3", { text: "By language" }),
        table(
          columns("Language"),
          languages.map((r) => toRow(r.language || "unknown", r)),
        ),
        el("h3", { text: "By team (of the first escalation)" }),
        table(
          columns("Team"),
          teams.map((r) => toRow(r.team, r)),
        ),
      );
    };
  },
};

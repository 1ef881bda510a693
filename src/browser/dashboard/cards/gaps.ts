/** Content gaps: escalated tickets no article matched, grouped by topic (experts and admins). */
import { el } from "../../shared/dom.js";
import { apiGet } from "../api.js";
import { emptyNote, errorNote, table } from "../table.js";
import { cardBox, type DashboardCard } from "./card.js";

interface GapTopic {
  label: string;
  size: number;
  trend: string;
  changePercent: number | null;
  languages: Record<string, number>;
  examples: { text: string }[];
}

export const gapsCard: DashboardCard = {
  async load(q) {
    const res = await apiGet<{ topics: GapTopic[] }>(`/v1/insights/gaps?${q.range}&limit=10`);
    return () => {
      const box = cardBox("gaps");
      if (!res.ok && res.error.status === 403) return void box.appendChild(emptyNote("Content gaps are visible to experts and admins."));
      if (!res.ok) return void box.appendChild(errorNote("gaps", res.error));
      if (!res.data.topics.length) return void box.appendChild(emptyNote("No content gaps in this period — escalated tickets that no article matched are grouped here by topic."));
      const rows = res.data.topics.map((t) => {
        const languages = Object.entries(t.languages).map(([lang, n]) => el("span", { class: "pill", text: `${lang} ${n}` }));
        const trend = t.trend + (t.changePercent !== null ? ` (${t.changePercent > 0 ? "+" : ""}${t.changePercent}%)` : "");
        return el("tr", {}, [
          el("td", { text: t.label }),
          el("td", { class: "num", text: String(t.size) }),
          el("td", {}, [el("span", { class: `pill ${t.trend}`, text: trend })]),
          el("td", {}, languages),
          el("td", { class: "example", text: t.examples[0]?.text ?? "" }),
        ]);
      });
      box.appendChild(table([{ label: "Topic" }, { label: "Tickets", num: true }, { label: "Trend" }, { label: "Languages" }, { label: "Example" }], rows));
    };
  },
};

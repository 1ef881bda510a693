/** Top and failing articles: one card definition, two instances (sorted by impact, by failure ratio). */
import { el } from "../../shared/dom.js";
import { formatPercent } from "../../shared/format.js";
import { apiGet } from "../api.js";
import { emptyNote, errorNote, row, table } from "../table.js";
import { cardBox, type DashboardCard } from "./card.js";

interface ArticleImpact {
  title: string;
  state: string;
  review: boolean;
  reused: number;
  escalationsAvoided: number;
  confirmedHelpful: number;
  failed: number;
  failureRatio: number | null;
}

function articlesCard(id: string, sort: "impact" | "failureRatio", empty: string, keep: (a: ArticleImpact) => boolean = () => true): DashboardCard {
  return {
    async load() {
      const res = await apiGet<{ items: ArticleImpact[] }>(`/v1/insights/articles?sort=${sort}&limit=8`);
      return () => {
        const box = cardBox(id);
        if (!res.ok) return void box.appendChild(errorNote("articles", res.error));
        const items = res.data.items.filter(keep);
        if (!items.length) return void box.appendChild(emptyNote(empty));
        const rows = items.map((a) => {
          const title = el("td", {}, [`${a.title} `]);
          if (a.review) title.appendChild(el("span", { class: "pill flag", text: "review" }));
          if (a.state !== "published") title.appendChild(el("span", { class: "pill", text: a.state }));
          const tr = row([a.reused, a.escalationsAvoided, a.confirmedHelpful, { num: `${a.failed} (${formatPercent(a.failureRatio)})` }]);
          tr.prepend(title);
          return tr;
        });
        box.appendChild(
          table([{ label: "Article" }, { label: "Reused", num: true }, { label: "Avoided", num: true }, { label: "Confirmed", num: true }, { label: "Failed", num: true }], rows),
        );
      };
    },
  };
}

export const topArticlesCard = articlesCard("top-articles", "impact", "No article has been reused yet — articles that answer tickets appear here, ranked by escalations avoided.");

export const failingArticlesCard = articlesCard(
  "failing-articles",
  "failureRatio",
  "No article is failing — articles whose answers were re-opened, escalated or rated not resolved appear here.",
  (a) => a.failed > 0,
);

import { chartFigure, moneyAxis, PALETTE } from "../../charts";
import { h } from "../../dom";
import { money, moneyShort, monthLabel, t } from "../../i18n";
import type { Evolution } from "./load";
import { card } from "./parts";

/** Two years of monthly billing and its trend; not shown when it could not be read. */
export function evolutionCard(evolution: Evolution | Error): HTMLElement | null {
  if (evolution instanceof Error) return null;
  const months = evolution.total.months;
  const dir = evolution.total.trend.direction;
  return card(
    t("evolutionTitle"),
    "evolution",
    h(
      "p",
      { class: "muted small" },
      `${t("evolutionLead")} · `,
      h("span", { class: `trend ${dir}` }, dir === "up" ? t("trendUp") : dir === "down" ? t("trendDown") : t("trendFlat")),
    ),
    chartFigure(
      t("evolutionTitle"),
      months.map((m) => `${monthLabel(m.month)} ${moneyShort(m.taxable_base)}`).join("; "),
      {
        type: "line",
        data: {
          labels: months.map((m) => monthLabel(m.month)),
          datasets: [
            {
              label: t("total"),
              data: months.map((m) => Number(m.taxable_base)),
              borderColor: PALETTE[0],
              backgroundColor: "rgba(15, 76, 92, 0.12)",
              fill: true,
              tension: 0.25,
              pointRadius: 3,
            },
          ],
        },
        options: {
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (c) => money(c.parsed.y as number) } },
          },
          scales: { y: moneyAxis() },
        },
      },
      { head: [t("month"), t("amount")], rows: months.map((m) => [monthLabel(m.month, true), money(m.taxable_base)]) },
    ),
  );
}

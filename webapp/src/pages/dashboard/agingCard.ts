import { chartFigure, moneyAxis } from "../../charts";
import { money, t } from "../../i18n";
import type { Aging } from "./load";
import { card } from "./parts";

/** What is owed by how late it is; not shown when it could not be read. */
export function agingCard(aging: Aging | Error): HTMLElement | null {
  if (aging instanceof Error) return null;
  const total: Record<string, string | undefined> = aging.total;
  const buckets: Array<[string, string, string]> = [
    ["current", t("agingCurrent"), "#2e8b57"],
    ["1-30", t("aging1"), "#e0a21f"],
    ["31-60", t("aging2"), "#e07a1f"],
    ["61-90", t("aging3"), "#c4512b"],
    ["over_90", t("aging4"), "#9e1f2b"],
  ];
  return card(
    t("agingTitle"),
    "aging",
    chartFigure(
      t("agingTitle"),
      buckets.map(([k, label]) => `${label} ${money(total[k])}`).join("; "),
      {
        type: "bar",
        data: {
          labels: buckets.map((b) => b[1]),
          datasets: [{ data: buckets.map(([k]) => Number(total[k] ?? 0)), backgroundColor: buckets.map((b) => b[2]) }],
        },
        options: {
          indexAxis: "y",
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => money(c.parsed.x as number) } } },
          scales: { x: moneyAxis(), y: { grid: { display: false } } },
        },
      },
      { head: [t("agingTitle"), t("amount")], rows: buckets.map(([k, label]) => [label, money(total[k])]) },
    ),
  );
}

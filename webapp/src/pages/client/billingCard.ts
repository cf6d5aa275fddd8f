import { errorBox } from "../../app";
import { chartFigure, moneyAxis, PALETTE } from "../../charts";
import { money, monthLabel, t } from "../../i18n";
import type { Evolution } from "./load";
import { section } from "./parts";

/** The client's billing, month by month, over two years. */
export function billingCard(evolution: Evolution | Error): HTMLElement {
  if (evolution instanceof Error) return section(t("billingChart"), "billing", errorBox(evolution));
  const months = evolution.clients[0]?.months ?? [];
  return section(
    t("billingChart"),
    "billing",
    chartFigure(
      t("billingChart"),
      months.map((m) => `${monthLabel(m.month)} ${money(m.taxable_base)}`).join("; "),
      {
        type: "bar",
        data: {
          labels: months.map((m) => monthLabel(m.month)),
          datasets: [{ label: t("taxableBase"), data: months.map((m) => Number(m.taxable_base)), backgroundColor: PALETTE[0] }],
        },
        options: { plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => money(c.parsed.y as number) } } }, scales: { y: moneyAxis() } },
      },
      { head: [t("month"), t("amount")], rows: months.map((m) => [monthLabel(m.month, true), money(m.taxable_base)]) },
    ),
  );
}

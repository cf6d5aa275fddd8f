import { h } from "../../dom";
import { money, moneyShort, monthLabel, t } from "../../i18n";
import type { Evolution } from "./load";
import { card, delta, failed } from "./parts";

/** This month's billing against last month and the same month a year before. */
export function billingMonthCard(evolution: Evolution | Error): HTMLElement {
  if (evolution instanceof Error) return card(t("billingMonth"), "kpi", failed(evolution));
  const months = evolution.total.months;
  const current = months[months.length - 1];
  const previous = months[months.length - 2];
  const yearBefore = months[months.length - 13];
  const cur = Number(current?.taxable_base ?? 0);
  return card(
    t("billingMonth"),
    "kpi",
    h("p", { class: "big", "data-testid": "billing-month" }, money(cur)),
    delta(cur, Number(previous?.taxable_base ?? 0), t("vsPrevMonth", { p: moneyShort(previous?.taxable_base ?? 0) })),
    yearBefore
      ? h("p", { class: "muted small" }, t("vsSameMonth", { p: moneyShort(yearBefore.taxable_base), m: monthLabel(yearBefore.month, true) }))
      : null,
  );
}

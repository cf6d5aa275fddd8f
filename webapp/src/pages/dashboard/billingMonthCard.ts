import { h } from "../../dom";
import { dayRange, money, moneyShort, monthLabel, t } from "../../i18n";
import type { Evolution } from "./load";
import { card, delta, failed } from "./parts";

/** This month so far against the same days of last month (1st to the same day, clamped to
 * last month's length: analytics' `month_to_date`), and the same month a year before. */
export function billingMonthCard(evolution: Evolution | Error): HTMLElement {
  if (evolution instanceof Error) return card(t("billingMonth"), "kpi", failed(evolution));
  const months = evolution.total.months;
  const yearBefore = months[months.length - 13];
  const soFar = evolution.month_to_date;
  const cur = Number(soFar.taxable_base);
  return card(
    t("billingMonth"),
    "kpi",
    h("p", { class: "big", "data-testid": "billing-month" }, money(cur)),
    delta(
      cur,
      Number(soFar.compare_taxable_base),
      t("vsSameDays", { p: moneyShort(soFar.compare_taxable_base), r: dayRange(soFar.compare_from, soFar.compare_to) }),
    ),
    yearBefore
      ? h("p", { class: "muted small" }, t("vsSameMonth", { p: moneyShort(yearBefore.taxable_base), m: monthLabel(yearBefore.month, true) }))
      : null,
  );
}

import { h } from "../../dom";
import { money, moneyShort, t } from "../../i18n";
import type { Portfolio } from "./load";
import { card, delta, failed } from "./parts";

/** The year's billing so far against the same days of last year. */
export function billingYearCard(ytd: Portfolio | Error, prevYtd: Portfolio | Error, year: string): HTMLElement {
  if (ytd instanceof Error || prevYtd instanceof Error) {
    return card(t("billingYear"), "kpi", failed(ytd instanceof Error ? ytd : (prevYtd as Error)));
  }
  const cur = Number(ytd.totals.taxable_base);
  const prev = Number(prevYtd.totals.taxable_base);
  return card(
    t("billingYear"),
    "kpi",
    h("p", { class: "big", "data-testid": "billing-year" }, money(cur)),
    delta(cur, prev, t("vsPrevYear", { p: moneyShort(prev), y: Number(year) - 1 })),
  );
}

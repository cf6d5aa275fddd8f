import { h } from "../../dom";
import { money, t } from "../../i18n";
import type { Aging } from "./load";
import { card, failed } from "./parts";

/** What is overdue, of all that is owed. */
export function overdueCard(aging: Aging | Error): HTMLElement {
  if (aging instanceof Error) return card(t("overdueTotal"), "kpi", failed(aging));
  const a: Record<string, string | undefined> = aging.total;
  const overdue = ["1-30", "31-60", "61-90", "over_90"].reduce((s, k) => s + Number(a[k] ?? 0), 0);
  const outstanding = overdue + Number(a.current ?? 0);
  return card(
    t("overdueTotal"),
    `kpi ${overdue > 0 ? "warn" : ""}`,
    h("p", { class: "big", "data-testid": "overdue-total" }, money(overdue)),
    h("p", { class: "muted small" }, `${t("outstanding")}: ${money(outstanding)}`),
  );
}

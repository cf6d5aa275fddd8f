import { h } from "../../dom";
import { money, pct, t } from "../../i18n";
import type { Portfolio } from "./load";

/** The client's billing of the last twelve months, its share and its ABC class. */
export function billing12Card(portfolio: Portfolio | Error, id: string): HTMLElement {
  const mine = portfolio instanceof Error ? undefined : portfolio.items.find((i) => i.client_id === id);
  return h(
    "section",
    { class: "card kpi" },
    h("h2", null, t("billing12")),
    h("p", { class: "big" }, money(mine?.taxable_base ?? 0)),
    h("p", { class: "muted small" }, `${t("share")}: ${pct(mine?.share_fraction ?? 0)} · ${t("abc")}: ${mine?.abc ?? "—"}`),
  );
}

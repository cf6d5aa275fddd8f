import { h } from "../../dom";
import { money, t } from "../../i18n";
import type { Behaviour } from "./load";

/** What the client owes overdue, of all it owes. */
export function overdueCard(behaviour: Behaviour): HTMLElement {
  const b = behaviour.total;
  return h(
    "section",
    { class: `card kpi ${Number(b.overdue) > 0 ? "warn" : ""}` },
    h("h2", null, t("overdueTotal")),
    h("p", { class: "big", "data-testid": "client-overdue" }, money(b.overdue)),
    h("p", { class: "muted small" }, `${t("outstanding")}: ${money(b.outstanding)}`),
  );
}

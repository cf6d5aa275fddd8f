import { h } from "../../dom";
import { num, pct, t } from "../../i18n";
import type { Behaviour } from "./load";

/** How the client pays: on time, days late, DSO. */
export function behaviourCard(behaviour: Behaviour): HTMLElement {
  const b = behaviour.total;
  return h(
    "section",
    { class: "card kpi", id: "behaviour", "aria-labelledby": "behaviour-h" },
    h("h2", { id: "behaviour-h" }, t("behaviour")),
    h("p", { class: "big" }, pct(b.on_time_fraction)),
    h("p", { class: "muted small" }, `${t("onTime")} · ${t("avgLate")}: ${b.avg_days_late ? t("days", { d: num(b.avg_days_late) }) : "—"} · DSO ${b.dso_days ? num(b.dso_days) : "—"}`),
  );
}

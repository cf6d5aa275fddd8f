import { h } from "../../dom";
import { pct, t } from "../../i18n";
import type { Satisfaction } from "./load";

/** The client's CSAT and NPS over the last year. */
export function satisfactionCard(satisfaction: Satisfaction): HTMLElement {
  const s = satisfaction.total;
  return h(
    "section",
    { class: "card kpi", id: "satisfaction", "aria-labelledby": "satisfaction-h" },
    h("h2", { id: "satisfaction-h" }, t("satisfaction")),
    h("p", { class: "big" }, s.csat.satisfied_share_fraction ? pct(s.csat.satisfied_share_fraction) : "—"),
    h("p", { class: "muted small" }, `${t("csat")} · ${t("answers", { n: s.csat.responses })} · ${t("nps")}: ${s.nps.score ?? "—"} (${t("answers", { n: s.nps.responses })})`),
  );
}

import { h, meter } from "../../dom";
import { pct, t } from "../../i18n";
import type { LateRisk } from "./load";
import { section } from "./parts";

type Feature = LateRisk["clients"][number]["reasons"][number]["feature"];

/** How likely the client is to pay more than 30 days late: the score as a bar, and the reasons
 * that move it most (each one's contribution to the log-odds, for the curious, in its title). */
export function riskCard(risk: LateRisk): HTMLElement {
  const score = risk.clients[0];
  if (!score) return section(t("lateRisk"), "late-risk", h("p", { class: "muted" }, t("lateRiskNone")));
  const p = Number(score.probability_fraction);
  const shown = score.reasons.filter((r) => Number(r.contribution) !== 0).slice(0, 3);
  return section(
    t("lateRisk"),
    "late-risk",
    h("p", { class: "big", "data-testid": "late-risk" }, pct(score.probability_fraction)),
    meter(p, p >= 0.5 ? "bad" : ""),
    h("p", { class: "muted small" }, score.invoice_id ? t("lateRiskOfInvoice") : t("lateRiskOfNew")),
    shown.length
      ? h(
          "ul",
          { class: "plain" },
          shown.map((r) =>
            h(
              "li",
              { title: `${Number(r.contribution) > 0 ? "+" : ""}${r.contribution}` },
              h("strong", null, `${Number(r.contribution) > 0 ? "▲" : "▼"} ${t(`risk_${r.feature satisfies Feature}`)}`),
              ": ",
              r.detail,
            ),
          ),
        )
      : h("p", { class: "muted small" }, t("lateRiskPrior")),
    risk.model.fitted ? null : h("p", { class: "muted small" }, t("lateRiskDefault")),
  );
}

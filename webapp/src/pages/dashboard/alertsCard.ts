import { h } from "../../dom";
import { date, monthLabel, pct, t } from "../../i18n";
import type { Alerts, AtRisk } from "./load";
import { card, failed, type NameOf } from "./parts";

/** The latest alerts (about clients, and the tenant's expiring certificate) and the clients at risk. */
export function alertsCard(alerts: Alerts | Error, atRisk: AtRisk | Error, nameOf: NameOf): HTMLElement {
  const alertItems: HTMLElement[] = [];
  if (!(alerts instanceof Error)) {
    for (const a of alerts.items) {
      if (a.client_id === null) {
        // About the tenant, not a client: the certificate its VERI*FACTU records are sent with.
        const details = a.details;
        if (a.kind !== "certificate_expiring" || !("holder_nif" in details)) continue;
        const holder = details.holder_name || details.holder_nif;
        const text = t("alertCertificate", { name: holder, days: Math.trunc(Number(a.value)), on: date(details.not_after) });
        alertItems.push(h("li", { class: `alert-${a.kind}` }, text, h("span", { class: "muted small" }, date(a.raised_at))));
        continue;
      }
      const params = { name: nameOf(a.client_id), v: pct(a.value), th: pct(a.threshold), period: monthLabel(a.period, true) };
      const text =
        a.kind === "concentration" ? t("alertConcentration", params) : a.kind === "top_client_drop" ? t("alertDrop", params) : t("alertLate", params);
      alertItems.push(h("li", { class: `alert-${a.kind}` }, h("a", { href: `#/clients/${a.client_id}` }, text), h("span", { class: "muted small" }, date(a.raised_at))));
    }
  }
  return card(
    t("alertsTitle"),
    "alerts",
    alerts instanceof Error ? failed(alerts) : alertItems.length ? h("ul", { class: "alert-list", "data-testid": "alerts" }, alertItems) : h("p", { class: "muted" }, t("none")),
    atRisk instanceof Error || !atRisk.items.length
      ? null
      : h(
          "div",
          null,
          h("h3", null, t("atRiskTitle")),
          h(
            "ul",
            { class: "plain" },
            atRisk.items.slice(0, 4).map((r) =>
              h(
                "li",
                null,
                h("a", { href: `#/clients/${r.client_id}` }, r.legal_name ?? "—"),
                " ",
                r.reasons.map((reason) => h("span", { class: "chip", title: reason.detail }, t(`reason_${reason.rule}` as Parameters<typeof t>[0]))),
                r.late_payment_probability_fraction === null
                  ? null
                  : h("span", { class: "muted small", title: r.late_payment_top_reason?.detail ?? "" }, ` ${t("reason_late_payment_risk")}: ${pct(r.late_payment_probability_fraction)}`),
              ),
            ),
          ),
        ),
  );
}

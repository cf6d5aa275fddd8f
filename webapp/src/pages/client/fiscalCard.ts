import type { Client } from "../../api";
import { errorBox } from "../../app";
import { h } from "../../dom";
import { date, t } from "../../i18n";
import type { Version } from "./load";
import { dl, section } from "./parts";

/** The client's fiscal data in force, and its history of versions. */
export function fiscalCard(client: Client, history: Version[] | Error): HTMLElement {
  const addr = client.fiscal_address;
  return section(
    t("fiscalData"),
    "fiscal",
    dl([
      [t("legalName"), client.legal_name],
      [t("tradeName"), client.trade_name],
      [t("taxId"), client.tax_id],
      [t("street"), addr ? `${addr.street ?? ""}, ${addr.postal_code ?? ""} ${addr.city ?? ""}${addr.province ? ` (${addr.province})` : ""}, ${addr.country ?? client.country}` : null],
      [t("email"), client.email],
      [t("phone"), client.phone],
      [t("paymentTerms"), t("termsDays", { d: client.payment_terms.days }) + (client.payment_terms.instalments > 1 ? ` × ${client.payment_terms.instalments}` : "")],
      [t("validFrom"), date(client.valid_from)],
    ]),
    history instanceof Error
      ? errorBox(history)
      : h(
          "details",
          { open: history.length > 1 },
          h("summary", null, `${t("history")} (${history.length})`),
          h(
            "table",
            { class: "data compact" },
            h("thead", null, h("tr", null, [t("version"), t("validFrom"), t("reason"), t("changed")].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              null,
              [...history].reverse().map((v) =>
                h("tr", null, h("td", null, String(v.version)), h("td", null, date(v.valid_from)), h("td", null, v.reason ?? "—"), h("td", { class: "small" }, v.changed_fields.join(", "))),
              ),
            ),
          ),
        ),
  );
}

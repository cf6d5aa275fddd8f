import { ApiError } from "../../api";
import { verifactuBadge } from "../../app";
import { h } from "../../dom";
import { date, t } from "../../i18n";
import type { RejectedRecords } from "./load";
import { card, failed } from "./parts";

/** VERI*FACTU records the AEAT rejected and nobody corrected yet. Hidden for someone who may not
 * read invoices (403); a failure to load is shown as one. */
export function verifactuRejectedCard(rejected: RejectedRecords | Error): HTMLElement | null {
  if (rejected instanceof ApiError && rejected.status === 403) return null;
  return card(
    t("vfRejectedTitle"),
    "verifactu-rejected",
    rejected instanceof Error
      ? failed(rejected)
      : rejected.items.length
        ? h(
            "div",
            null,
            h("p", { class: "muted small" }, t("vfRejectedLead")),
            h(
              "ul",
              { class: "plain vf-rejected", "data-testid": "verifactu-rejected" },
              rejected.items.map((r) =>
                h(
                  "li",
                  null,
                  h("a", { href: `#/invoices/${r.invoice_id}` }, r.number),
                  " ",
                  verifactuBadge(r.status),
                  " ",
                  h("span", { class: "muted small" }, date(r.issue_date)),
                  r.error ? h("p", { class: "small" }, t("vfError", { c: r.error.code ?? "—", d: r.error.description ?? "" })) : null,
                ),
              ),
            ),
          )
        : h("p", { class: "muted", "data-testid": "verifactu-rejected-none" }, t("vfNoneRejected")),
  );
}

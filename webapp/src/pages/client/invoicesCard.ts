import { errorBox } from "../../app";
import { h } from "../../dom";
import { date, money, t, tv } from "../../i18n";
import type { Invoices } from "./load";
import { section } from "./parts";

/** The client's invoices, newest first (drafts, without a date, on top). */
export function invoicesCard(invoices: Invoices | Error): HTMLElement {
  return section(
    t("invoices"),
    "invoices",
    invoices instanceof Error
      ? errorBox(invoices)
      : invoices.items.length
        ? h(
            "div",
            { class: "table-wrap scroll" },
            h(
              "table",
              { class: "data compact" },
              h("thead", null, h("tr", null, [t("number"), t("issueDate"), t("totalToPay"), t("status")].map((c) => h("th", { scope: "col" }, c)))),
              h(
                "tbody",
                null,
                [...invoices.items]
                  .sort((a, b) => (b.issue_date ?? "9999").localeCompare(a.issue_date ?? "9999"))
                  .map((i) =>
                    h(
                      "tr",
                      null,
                      h("td", null, h("a", { href: `#/invoices/${i.id}` }, i.number ?? t("inv_draft"))),
                      h("td", null, date(i.issue_date)),
                      h("td", { class: "num" }, money(i.totals.total)),
                      h("td", null, h("span", { class: `badge inv-${i.status}` }, tv("inv_", i.status))),
                    ),
                  ),
              ),
            ),
          )
        : h("p", { class: "muted" }, t("none")),
  );
}

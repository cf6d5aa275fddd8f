import { errorBox } from "../../app";
import { h } from "../../dom";
import { date, money, t, tv } from "../../i18n";
import type { Payments, Receivables } from "./load";
import { section } from "./parts";

/** What the client owes and settled, and the payments it made. */
export function receivablesCard(receivables: Receivables | Error, payments: Payments | Error): HTMLElement {
  return section(
    t("receivables"),
    "receivables",
    receivables instanceof Error
      ? errorBox(receivables)
      : h(
          "div",
          { class: "table-wrap scroll" },
          h(
            "table",
            { class: "data compact" },
            h("thead", null, h("tr", null, [t("number"), t("dueDate"), t("amount"), t("outstanding"), t("status")].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              null,
              receivables.items.map((r) => {
                const late = r.instalments.some((i) => i.days_overdue > 0);
                return h(
                  "tr",
                  { class: late ? "late" : "" },
                  h("td", null, h("a", { href: `#/invoices/${r.invoice_id}` }, r.invoice_number)),
                  h("td", null, date(r.instalments[0]?.due_on)),
                  h("td", { class: "num" }, money(r.amount)),
                  h("td", { class: "num" }, money(r.outstanding)),
                  h("td", null, h("span", { class: `badge rs-${late ? "overdue" : r.status}` }, late ? `${tv("rs_", "overdue")} (${r.instalments[0]?.days_overdue ?? 0} d)` : tv("rs_", r.status))),
                );
              }),
            ),
          ),
        ),
    payments instanceof Error
      ? errorBox(payments)
      : h(
          "details",
          null,
          h("summary", null, `${t("payments")} (${payments.items.length}${payments.next_cursor ? "+" : ""})`),
          h(
            "ul",
            { class: "plain" },
            payments.items.map((p) => h("li", null, `${date(p.paid_on)} · ${p.invoice_number} · ${money(p.amount)} · ${tv("m_", p.method)}${p.reversed ? " ✕" : ""}`)),
          ),
        ),
  );
}

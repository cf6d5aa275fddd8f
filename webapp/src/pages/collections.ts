import { type Answer, api, settle } from "../api";
import { h, meter } from "../dom";
import { date, money, t, tv } from "../i18n";
import type { Ctx } from "../app";

type LateInterestRates = Answer<"/v1/collections/late-interest/rates">;

/** A half-year without its statutory rate yet: said, with how an operator adds it; never an error. */
function missingRateNotice(rates: LateInterestRates | Error): HTMLElement | null {
  if (rates instanceof Error || !rates.rate_missing) return null;
  const from = rates.rate_missing.half_year_start;
  return h(
    "section",
    { class: "notice warn", role: "status", "data-testid": "late-rate-missing" },
    h("p", null, t("lateRateMissing", { from: date(from) })),
    h("p", { class: "muted small" }, t("lateRateHowTo", { from })),
  );
}

export async function collectionsPage(ctx: Ctx): Promise<void> {
  const [receivables, clients, rates] = await Promise.all([
    // What is owed, oldest first (the longest owed come first if there are more than 500).
    api.get<"/v1/receivables">("/v1/receivables", { status: ["open", "partially_paid"], limit: 500 }),
    api.get<"/v1/clients">("/v1/clients", { limit: 500, status: "" }),
    // The page works without it (an older gateway): the notice is then simply not shown.
    settle(api.get<"/v1/collections/late-interest/rates">("/v1/collections/late-interest/rates")),
  ]);
  if (!ctx.alive()) return;
  const names = new Map(clients.items.map((c) => [c.id, c.legal_name]));
  const open = receivables.items
    .filter((r) => Number(r.outstanding) > 0)
    .map((r) => ({ r, late: Math.max(0, ...r.instalments.map((i) => i.days_overdue)) }))
    .sort((a, b) => b.late - a.late || Number(b.r.outstanding) - Number(a.r.outstanding));
  const worst = Math.max(1, ...open.map((o) => Number(o.r.outstanding)));
  ctx.main.append(
    h("h1", null, t("collectionsTitle")),
    missingRateNotice(rates) ?? "",
    h(
      "section",
      { class: "card", "aria-labelledby": "open-h" },
      h("h2", { id: "open-h" }, `${t("openReceivables")} (${open.length})`),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "data" },
          h("thead", null, h("tr", null, [t("number"), t("client"), t("issueDate"), t("dueDate"), t("outstanding"), t("status"), t("actions")].map((c) => h("th", { scope: "col" }, c)))),
          h(
            "tbody",
            null,
            open.map(({ r, late }) =>
              h(
                "tr",
                { class: late ? "late" : "" },
                h("td", null, h("a", { href: `#/invoices/${r.invoice_id}` }, r.invoice_number)),
                h("td", null, h("a", { href: `#/clients/${r.client_id}` }, (r.client_id && names.get(r.client_id)) || "—")),
                h("td", null, date(r.issue_date)),
                h("td", null, date(r.instalments.find((i) => Number(i.outstanding) > 0)?.due_on)),
                h("td", { class: "num" }, money(r.outstanding), meter(Number(r.outstanding) / worst, late ? "bad" : "")),
                h("td", null, h("span", { class: `badge rs-${late ? "overdue" : r.status}` }, late ? `${tv("rs_", "overdue")} · ${t("daysLate", { d: late })}` : tv("rs_", r.status))),
                h("td", null, h("a", { class: "button small", href: `#/invoices/${r.invoice_id}` }, t("recordPayment"))),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

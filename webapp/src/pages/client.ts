import { api, type Client, errorText, type Evolution, type Invoice, type Page, type Payment, type Portfolio, type Receivable, settle } from "../api";
import { chartFigure, moneyAxis, PALETTE } from "../charts";
import { field, h, options } from "../dom";
import { date, dateTime, money, monthLabel, num, pct, t, tv } from "../i18n";
import { errorBox, type Ctx } from "../main";
import { addDays, shiftMonth, today } from "../util";

interface Version {
  version: number;
  valid_from: string;
  recorded_at: string;
  changed_by: string;
  reason: string | null;
  changed_fields: string[];
}
interface Doc {
  id: string;
  kind: string;
  title: string;
  filename: string;
  size_bytes: number;
  created_at: string;
}
interface TimelineItem {
  id: string;
  kind: string;
  occurred_at: string;
  title: string;
}
interface BehaviourOne {
  total: {
    outstanding: string;
    overdue: string;
    dso_days: string | null;
    on_time_ratio: string | null;
    avg_days_late: string | null;
    instalments_due: number;
    trend: { direction: string };
  };
}
interface Scores {
  csat: { responses: number; satisfied_share: string | null; average: string | null };
  nps: { responses: number; score: string | null };
}
interface Satisfaction {
  total: Scores;
}

function section(title: string, id: string, ...body: Array<Node | null>): HTMLElement {
  return h("section", { class: "card", id, "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, title), ...body);
}

function dl(rows: Array<[string, Node | string | null]>): HTMLElement {
  return h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, v ?? "—")]));
}

export async function clientPage(ctx: Ctx): Promise<void> {
  const id = ctx.params.id;
  const day = today();
  const thisMonth = day.slice(0, 7);
  const [client, history, docs, invoices, receivables, payments, behaviour, satisfaction, timeline, evolution, portfolio] =
    await Promise.all([
      api.get<Client>(`/v1/clients/${id}`),
      settle(api.get<Version[]>(`/v1/clients/${id}/history`)),
      settle(api.get<Page<Doc>>(`/v1/clients/${id}/documents`)),
      settle(api.get<Page<Invoice>>("/v1/invoices", { client_id: id, order: "newest", limit: 100 })),
      // What the client owes (newest first), then the six it settled last.
      settle(
        Promise.all([
          api.get<Page<Receivable>>("/v1/receivables", { client_id: id, status: ["open", "partially_paid"], limit: 100 }),
          api.get<Page<Receivable>>("/v1/receivables", { client_id: id, status: "settled", order: "newest", limit: 6 }),
        ]).then(([owed, settled]): Page<Receivable> => ({
          items: [...owed.items].sort((a, b) => b.issue_date.localeCompare(a.issue_date)).concat(settled.items),
        })),
      ),
      settle(api.get<Page<Payment>>("/v1/payments", { client_id: id, order: "newest", limit: 30 })),
      settle(api.get<BehaviourOne>("/v1/analytics/payment-behaviour", { client_id: id, weeks: 1 })),
      settle(api.get<Satisfaction>("/v1/analytics/satisfaction", { client_id: id, from: addDays(day, -364), to: day })),
      settle(api.get<Page<TimelineItem>>(`/v1/clients/${id}/timeline`, { limit: 25 })),
      settle(api.get<Evolution>("/v1/analytics/evolution", { client_id: id, from: shiftMonth(thisMonth, -23), to: thisMonth })),
      settle(api.get<Portfolio>("/v1/analytics/portfolio", { from: addDays(day, -364), to: day, limit: 5000 })),
    ]);
  if (!ctx.alive()) return;
  const fail = (e: Error) => errorBox(e);

  const mine = portfolio instanceof Error ? undefined : portfolio.items.find((i) => i.client_id === id);
  const addr = client.fiscal_address;
  ctx.main.append(
    h(
      "div",
      { class: "page-head" },
      h(
        "div",
        null,
        h("p", { class: "crumbs" }, h("a", { href: "#/clients" }, t("clientsTitle"))),
        h("h1", null, client.legal_name, " ", h("span", { class: `badge st-${client.status}` }, tv("st_", client.status))),
        h("p", { class: "muted" }, `${client.tax_id} · ${tv("kind_", client.kind)}`, client.tags.map((x) => h("span", { class: "chip" }, x))),
      ),
      h(
        "div",
        { class: "head-actions" },
        h("a", { class: "button primary", href: `#/invoices/new?client=${id}` }, t("newInvoice")),
        h("a", { class: "button secondary", href: `#/crm?client=${id}` }, t("logInteraction")),
      ),
    ),
  );

  // The API warns (does not refuse) about data stored before a rule: say it where it is seen.
  if (client.warnings?.length) {
    ctx.main.appendChild(h("div", { class: "notice warn", "data-testid": "client-warnings" }, client.warnings.map((w) => h("p", null, w))));
  }

  const kpis = h("div", { class: "kpis" });
  ctx.main.appendChild(kpis);
  kpis.append(
    h("section", { class: "card kpi" }, h("h2", null, t("billing12")), h("p", { class: "big" }, money(mine?.taxable_base ?? 0)), h("p", { class: "muted small" }, `${t("share")}: ${pct(mine?.share ?? 0)} · ${t("abc")}: ${mine?.abc ?? "—"}`)),
  );
  if (!(behaviour instanceof Error)) {
    const b = behaviour.total;
    kpis.append(
      h("section", { class: `card kpi ${Number(b.overdue) > 0 ? "warn" : ""}` }, h("h2", null, t("overdueTotal")), h("p", { class: "big", "data-testid": "client-overdue" }, money(b.overdue)), h("p", { class: "muted small" }, `${t("outstanding")}: ${money(b.outstanding)}`)),
      h(
        "section",
        { class: "card kpi", id: "behaviour", "aria-labelledby": "behaviour-h" },
        h("h2", { id: "behaviour-h" }, t("behaviour")),
        h("p", { class: "big" }, pct(b.on_time_ratio)),
        h("p", { class: "muted small" }, `${t("onTime")} · ${t("avgLate")}: ${b.avg_days_late ? t("days", { d: num(b.avg_days_late) }) : "—"} · DSO ${b.dso_days ? num(b.dso_days) : "—"}`),
      ),
    );
  }
  if (!(satisfaction instanceof Error)) {
    const s = satisfaction.total;
    kpis.append(
      h(
        "section",
        { class: "card kpi", id: "satisfaction", "aria-labelledby": "satisfaction-h" },
        h("h2", { id: "satisfaction-h" }, t("satisfaction")),
        h("p", { class: "big" }, s.csat.satisfied_share ? pct(s.csat.satisfied_share) : "—"),
        h("p", { class: "muted small" }, `${t("csat")} · ${t("answers", { n: s.csat.responses })} · ${t("nps")}: ${s.nps.score ?? "—"} (${t("answers", { n: s.nps.responses })})`),
      ),
    );
  }

  const grid = h("div", { class: "client-grid" });
  ctx.main.appendChild(grid);

  // Billing over time.
  if (evolution instanceof Error) grid.appendChild(section(t("billingChart"), "billing", fail(evolution)));
  else {
    const months = evolution.clients[0]?.months ?? [];
    grid.appendChild(
      section(
        t("billingChart"),
        "billing",
        chartFigure(
          t("billingChart"),
          months.map((m) => `${monthLabel(m.month)} ${money(m.taxable_base)}`).join("; "),
          {
            type: "bar",
            data: {
              labels: months.map((m) => monthLabel(m.month)),
              datasets: [{ label: t("taxableBase"), data: months.map((m) => Number(m.taxable_base)), backgroundColor: PALETTE[0] }],
            },
            options: { plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => money(c.parsed.y as number) } } }, scales: { y: moneyAxis() } },
          },
          { head: [t("month"), t("amount")], rows: months.map((m) => [monthLabel(m.month, true), money(m.taxable_base)]) },
        ),
      ),
    );
  }

  // Fiscal data and its history.
  grid.appendChild(
    section(
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
        ? fail(history)
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
    ),
  );

  // Invoices.
  grid.appendChild(
    section(
      t("invoices"),
      "invoices",
      invoices instanceof Error
        ? fail(invoices)
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
                  [...invoices.items].sort((a, b) => (b.issue_date ?? "9999").localeCompare(a.issue_date ?? "9999")).map((i) =>
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
    ),
  );

  // Receivables and payments.
  grid.appendChild(
    section(
      t("receivables"),
      "receivables",
      receivables instanceof Error
        ? fail(receivables)
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
        ? fail(payments)
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
    ),
  );

  // Documents: list, download, upload.
  const docList = h("ul", { class: "plain docs" });
  const renderDocs = (items: Doc[]) => {
    docList.replaceChildren(
      ...items.map((d) =>
        h(
          "li",
          null,
          h("span", { class: "chip" }, tv("doc_", d.kind)),
          " ",
          d.title,
          " ",
          h("span", { class: "muted small" }, `${d.filename} · ${num(d.size_bytes / 1024)} KB · ${date(d.created_at)}`),
          " ",
          h("a", { href: `/v1/clients/${id}/documents/${d.id}/content`, download: d.filename }, t("download")),
        ),
      ),
    );
    if (!items.length) docList.appendChild(h("li", { class: "muted" }, t("none")));
  };
  if (!(docs instanceof Error)) renderDocs(docs.items);
  const docTitle = h("input", { name: "title", type: "text", required: true });
  const docKind = options(h("select", { name: "kind" }), ["contract", "quote", "invoice", "delivery_note", "other"].map((k): [string, string] => [k, tv("doc_", k)]), "contract");
  const docFile = h("input", { name: "file", type: "file", required: true });
  const docMsg = h("p", { class: "form-message", role: "status" });
  const upload = h(
    "form",
    {
      class: "inline-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const file = docFile.files?.[0];
        if (!file) return;
        const body = new FormData();
        body.set("title", docTitle.value.trim() || file.name);
        body.set("kind", docKind.value);
        body.set("file", file, file.name);
        try {
          await api.post(`/v1/clients/${id}/documents`, body);
          docMsg.textContent = t("uploaded");
          upload.reset();
          renderDocs((await api.get<Page<Doc>>(`/v1/clients/${id}/documents`)).items);
        } catch (err) {
          docMsg.textContent = errorText(err);
        }
      },
    },
    field(t("docTitle"), docTitle),
    field(t("docKind"), docKind),
    field(t("docFile"), docFile),
    h("button", { type: "submit", class: "secondary" }, t("upload")),
    docMsg,
  );
  grid.appendChild(section(t("documents"), "documents", docs instanceof Error ? fail(docs) : docList, upload));

  // Timeline.
  grid.appendChild(
    section(
      t("timeline"),
      "timeline",
      timeline instanceof Error
        ? fail(timeline)
        : h(
            "ol",
            { class: "timeline" },
            timeline.items.map((i) => h("li", { class: `tl-${i.kind}` }, h("time", { datetime: i.occurred_at }, dateTime(i.occurred_at)), h("span", null, i.title))),
          ),
    ),
  );
}

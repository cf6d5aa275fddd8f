import { api, ApiError, errorText, idempotencyKey, type Invoice, type InvoiceVerifactu, type Line } from "../api";
import { append, field, h, options } from "../dom";
import { date, dateTime, money, num, t, tv } from "../i18n";
import { type Ctx, errorBox, navigate, verifactuBadge } from "../app";
import { daysBetween, today } from "../util";

export async function invoicesPage(ctx: Ctx): Promise<void> {
  const status = options(h("select", { name: "status" }), [
    ["", t("all")],
    ["draft", t("inv_draft")],
    ["issued", t("inv_issued")],
    ["cancelled", t("inv_cancelled")],
  ], ctx.query.get("status") ?? "");
  const body = h("tbody");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("more"));
  let cursor: string | null = null;
  let asked = 0; // answers to an older question are dropped (a search typed while loading)
  const clients = new Map<string, string>();
  const clientPage = await api.get<"/v1/clients">("/v1/clients", { limit: 500, status: "" });
  for (const c of clientPage.items) clients.set(c.id, c.legal_name);

  async function load(reset: boolean): Promise<void> {
    asked += 1;
    const mine = asked;
    if (reset) cursor = null;
    const page = await api.get<"/v1/invoices">("/v1/invoices", { status: status.value, order: "newest", limit: 50, cursor });
    if (!ctx.alive() || mine !== asked) return;
    if (reset) body.replaceChildren();
    for (const i of page.items) {
      body.appendChild(
        h(
          "tr",
          null,
          h("td", null, h("a", { href: `#/invoices/${i.id}` }, i.number ?? t("inv_draft"))),
          h("td", null, date(i.issue_date)),
          h("td", null, i.client_id ? h("a", { href: `#/clients/${i.client_id}` }, clients.get(i.client_id) ?? i.recipient?.legal_name ?? "—") : "—"),
          h("td", { class: "num" }, money(i.totals.taxable_base)),
          h("td", { class: "num" }, money(i.totals.total)),
          h("td", null, h("span", { class: `badge inv-${i.status}` }, tv("inv_", i.status))),
          h("td", null, i.verifactu_status ? verifactuBadge(i.verifactu_status) : "—"),
        ),
      );
    }
    cursor = page.next_cursor ?? null;
    more.hidden = !cursor;
  }
  status.addEventListener("change", () => void load(true).catch((e) => ctx.main.appendChild(errorBox(e))));
  more.addEventListener("click", () => void load(false).catch((e) => ctx.main.appendChild(errorBox(e))));
  ctx.main.append(
    h("div", { class: "page-head" }, h("h1", null, t("invoicesTitle")), h("a", { class: "button primary", href: "#/invoices/new" }, t("newInvoice"))),
    h("div", { class: "filters" }, field(t("status"), status)),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data" },
        h("caption", { class: "sr-only" }, t("invoicesTitle")),
        h("thead", null, h("tr", null, [t("number"), t("issueDate"), t("client"), t("taxableBase"), t("totalToPay"), t("status"), t("verifactu")].map((c) => h("th", { scope: "col" }, c)))),
        body,
      ),
    ),
    more,
  );
  await load(true);
}

// The permanent rates, and the temporary ones of 2022-2024 so that invoices of those years can be
// entered; the API accepts each temporary rate only on dates in its window (docs/compliance.md).
const VAT_RATES = ["21", "10", "7.5", "5", "4", "2", "0"];
const VAT_LABELS: Record<string, string> = { "7.5": "7,5 % (2024)", "5": "5 % (2022-2024)", "2": "2 % (2024)" };

function lineRow(index: number, onRemove: (row: HTMLElement) => void, line?: Partial<Line>): HTMLElement {
  const n = index + 1;
  const description = h("input", { name: "description", type: "text", required: true, value: line?.description ?? "" });
  const quantity = h("input", { name: "quantity", type: "number", step: "0.001", min: "0", required: true, value: line?.quantity ?? "1" });
  const price = h("input", { name: "unit_price", type: "number", step: "0.01", required: true, value: line?.unit_price ?? "" });
  const vat = options(h("select", { name: "vat_rate" }), VAT_RATES.map((rate): [string, string] => [rate, VAT_LABELS[rate] ?? `${rate} %`]), line?.vat_rate ?? "21");
  const row: HTMLElement = h(
    "fieldset",
    { class: "line-row" },
    h("legend", { class: "sr-only" }, `${t("lines")} ${n}`),
    field(t("description"), description),
    field(t("quantity"), quantity),
    field(t("unitPrice"), price),
    field(t("vatRate"), vat),
    h("button", { type: "button", class: "icon-button", "aria-label": t("removeLine", { n }), onclick: () => onRemove(row) }, "✕"),
  );
  return row;
}

export async function newInvoicePage(ctx: Ctx): Promise<void> {
  const [clientsPage, series] = await Promise.all([
    api.get<"/v1/clients">("/v1/clients", { limit: 500, status: "active" }),
    api.get<"/v1/series">("/v1/series", { limit: 500 }),
  ]);
  if (!ctx.alive()) return;
  const client = options(
    h("select", { name: "client_id", required: true }),
    [["", t("chooseClient")], ...clientsPage.items.map((c): [string, string] => [c.id, `${c.legal_name} (${c.tax_id})`])],
    ctx.query.get("client") ?? "",
  );
  const seriesSel = options(
    h("select", { name: "series" }),
    series.items.filter((s) => s.kind !== "rectifying").map((s): [string, string] => [s.code, s.code]),
  );
  const issueDate = h("input", { name: "issue_date", type: "date", value: today() });
  // The day the tax accrued, when it is not the issue date: it decides which VAT rates apply.
  const operationDate = h("input", { name: "operation_date", type: "date" });
  const lines = h("div", { class: "lines" });
  const remove = (row: HTMLElement) => {
    if (lines.children.length > 1) row.remove();
  };
  lines.appendChild(lineRow(0, remove));
  const message = h("p", { class: "form-message", role: "alert" });
  const form = h(
    "form",
    {
      class: "card",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = "";
        const body = {
          client_id: client.value,
          series: seriesSel.value,
          issue_date: issueDate.value || null,
          operation_date: operationDate.value || null,
          lines: [...lines.querySelectorAll("fieldset")].map((row) => ({
            description: (row.querySelector("[name=description]") as HTMLInputElement).value.trim(),
            quantity: (row.querySelector("[name=quantity]") as HTMLInputElement).value,
            unit_price: (row.querySelector("[name=unit_price]") as HTMLInputElement).value,
            vat_rate: (row.querySelector("[name=vat_rate]") as HTMLSelectElement).value,
          })),
        };
        try {
          const draft = await api.post<"/v1/invoices">("/v1/invoices", body, { "Idempotency-Key": idempotencyKey() });
          navigate(`/invoices/${draft.id}`);
        } catch (err) {
          message.textContent = errorText(err);
        }
      },
    },
    h("div", { class: "form-grid" }, field(t("client"), client), field(t("series"), seriesSel), field(t("issueDate"), issueDate), field(t("operationDate"), operationDate)),
    h("h2", null, t("lines")),
    lines,
    h("button", { type: "button", class: "secondary", onclick: () => lines.appendChild(lineRow(lines.children.length, remove)) }, t("addLine")),
    h("div", { class: "form-actions" }, message, h("a", { class: "button secondary", href: "#/invoices" }, t("cancel")), h("button", { type: "submit", class: "primary" }, t("saveDraft"))),
  );
  ctx.main.append(h("h1", null, t("newInvoice")), form);
}

function paper(inv: Invoice): HTMLElement {
  const party = (title: string, p: Invoice["issuer"]) =>
    h(
      "div",
      { class: "party" },
      h("h3", null, title),
      p ? [h("strong", null, p.legal_name), h("div", null, p.tax_id), h("div", null, `${p.address?.street ?? ""}, ${p.address?.postal_code ?? ""} ${p.address?.city ?? ""}`)] : "—",
    );
  return h(
    "article",
    { class: "paper", "aria-label": t("preview") },
    h("header", null, h("h2", null, inv.number ? `${t("number")} ${inv.number}` : t("inv_draft")), h("p", null, `${t("issueDate")}: ${date(inv.issue_date ?? today())}`)),
    h("div", { class: "parties" }, party(t("issuer"), inv.issuer), party(t("recipient"), inv.recipient)),
    h(
      "table",
      { class: "data compact" },
      h("thead", null, h("tr", null, [t("description"), t("quantity"), t("unitPrice"), t("vatRate"), t("amount")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        null,
        inv.lines.map((l) => h("tr", null, h("td", null, l.description), h("td", { class: "num" }, num(l.quantity)), h("td", { class: "num" }, money(l.unit_price)), h("td", { class: "num" }, `${l.vat_rate} %`), h("td", { class: "num" }, money(l.amount ?? Number(l.quantity) * Number(l.unit_price))))),
      ),
    ),
    h(
      "dl",
      { class: "totals" },
      h("dt", null, t("taxableBase")),
      h("dd", null, money(inv.totals.taxable_base)),
      h("dt", null, t("vat")),
      h("dd", null, money(inv.totals.vat)),
      h("dt", null, t("totalToPay")),
      h("dd", { class: "grand", "data-testid": "invoice-total" }, money(inv.totals.total)),
    ),
    inv.due_dates?.length ? h("p", { class: "muted small" }, `${t("dueDate")}: ${inv.due_dates.map((d) => `${date(d.due_on)} (${money(d.amount)})`).join(", ")}`) : null,
  );
}

export async function invoicePage(ctx: Ctx): Promise<void> {
  const id = ctx.params.id;
  const inv = await api.get<"/v1/invoices/{invoice_id}">(`/v1/invoices/${id}`);
  if (inv.status === "draft") {
    // A draft has no fiscal snapshots yet: the preview shows the parties as they are today.
    const [issuer, client] = await Promise.all([
      api.get<"/v1/issuer">("/v1/issuer").catch(() => null),
      inv.client_id ? api.get<"/v1/clients/{client_id}">(`/v1/clients/${inv.client_id}`).catch(() => null) : Promise.resolve(null),
    ]);
    if (issuer) inv.issuer = { legal_name: issuer.legal_name, tax_id: issuer.tax_id, country: issuer.country, address: issuer.fiscal_address };
    if (client) {
      const at = client.fiscal_address;
      inv.recipient = { legal_name: client.legal_name, tax_id: client.tax_id, country: client.country, address: at ? { ...at, country: at.country ?? client.country } : null };
    }
  }
  if (!ctx.alive()) return;
  const head = h(
    "div",
    { class: "page-head" },
    h(
      "div",
      null,
      h("p", { class: "crumbs" }, h("a", { href: "#/invoices" }, t("invoicesTitle")), inv.client_id ? [" · ", h("a", { href: `#/clients/${inv.client_id}` }, inv.recipient?.legal_name ?? t("client"))] : null),
      h("h1", null, inv.number ?? t("inv_draft"), " ", h("span", { class: `badge inv-${inv.status}` }, tv("inv_", inv.status))),
    ),
  );
  ctx.main.appendChild(head);
  const layout = h("div", { class: "invoice-layout" });
  ctx.main.appendChild(layout);

  if (inv.status === "draft") {
    const message = h("p", { class: "form-message", role: "alert" });
    const issue = h("button", { type: "button", class: "primary" }, t("issue"));
    const key = idempotencyKey();
    issue.addEventListener("click", async () => {
      issue.disabled = true;
      try {
        const done = await api.post<"/v1/invoices/{invoice_id}/issue">(`/v1/invoices/${id}/issue`, undefined, { "Idempotency-Key": key });
        sessionStorage.setItem("cartera.flash", t("issued", { n: done.number ?? "" }));
        navigate(`/invoices/${id}`);
      } catch (err) {
        issue.disabled = false;
        message.textContent = errorText(err);
      }
    });
    const del = h("button", {
      type: "button",
      class: "secondary",
      onclick: async () => {
        await api.del<"/v1/invoices/{invoice_id}">(`/v1/invoices/${id}`);
        navigate("/invoices");
      },
    }, t("deleteDraft"));
    layout.append(
      h("section", { class: "card", "aria-labelledby": "prev-h" }, h("h2", { id: "prev-h" }, t("preview")), h("p", { class: "muted small" }, t("draftPreviewNote")), paper(inv)),
      h("section", { class: "card side" }, h("h2", null, t("actions")), issue, del, message),
    );
    return;
  }

  const flash = sessionStorage.getItem("cartera.flash");
  if (flash) {
    sessionStorage.removeItem("cartera.flash");
    head.appendChild(h("p", { class: "notice ok", role: "status" }, flash));
  }
  if (inv.status === "cancelled") {
    // No longer a valid invoice: no printout, nothing to collect; the paper stays for reference.
    layout.append(
      h("section", { class: "card", "aria-labelledby": "prev-h" }, h("h2", { id: "prev-h" }, t("preview")), paper(inv)),
      h(
        "div",
        { class: "side-stack" },
        h(
          "section",
          { class: "card side" },
          h("p", { class: "notice warn", "data-testid": "cancelled-notice" }, t("cancelledOn", { d: date(inv.cancelled_at), r: inv.cancellation?.reason ?? "" })),
        ),
        verifactuCard(ctx, inv),
      ),
    );
    return;
  }
  // The PDF the API made, shown from a blob: URL (fetched with the session cookie).
  const frameBox = h("div", { class: "pdf-box" }, h("p", { class: "muted" }, t("loading")));
  const pdfLink = h("a", { class: "button secondary", href: `/v1/invoices/${id}/pdf`, download: `${inv.number}.pdf` }, t("downloadPdf"));
  layout.append(
    h("section", { class: "card", "aria-labelledby": "pdf-h" }, h("h2", { id: "pdf-h" }, t("pdfPreview")), frameBox, paper(inv)),
  );
  void api
    .blob(`/v1/invoices/${id}/pdf`)
    .then((blob) => {
      if (!ctx.alive()) return;
      const src = URL.createObjectURL(new Blob([blob], { type: "application/pdf" }));
      frameBox.replaceChildren(h("iframe", { src, title: `${t("pdfPreview")} ${inv.number}`, class: "pdf" }));
    })
    .catch((e) => frameBox.replaceChildren(errorBox(e)));

  const side = h("section", { class: "card side", "aria-labelledby": "pay-h" }, h("h2", { id: "pay-h" }, t("recordPayment")), pdfLink, facturaeDownload(inv));
  // The side column: payment, the AEAT's answer, cancellation (one above the other).
  const sideStack = h("div", { class: "side-stack" }, side, verifactuCard(ctx, inv));
  layout.appendChild(sideStack);
  if (!inv.rectifies_id && !inv.rectifications?.length) sideStack.appendChild(cancelCard(inv));
  const receivable = (await api.get<"/v1/receivables">("/v1/receivables", { invoice_id: id }).catch(() => null))?.items[0];
  if (!ctx.alive()) return;
  const outstanding = receivable ? receivable.outstanding : inv.totals.total;
  const due = receivable?.instalments.find((i) => Number(i.outstanding) > 0)?.due_on ?? inv.due_dates?.[0]?.due_on;
  if (receivable && Number(receivable.outstanding) <= 0) {
    side.appendChild(h("p", { class: "notice ok" }, `${tv("rs_", receivable.status)} · ${t("paid")}: ${money(receivable.paid)}`));
    return;
  }
  if (due) side.appendChild(h("p", { class: "muted small" }, `${t("dueDate")}: ${date(due)} · ${t("outstanding")}: ${money(outstanding)}`));
  const amount = h("input", { name: "amount", type: "number", step: "0.01", min: "0.01", required: true, value: outstanding });
  const paidOn = h("input", { name: "paid_on", type: "date", required: true, value: today() });
  const method = options(h("select", { name: "method" }), ["transfer", "direct_debit", "card", "cash", "cheque", "other"].map((m): [string, string] => [m, tv("m_", m)]));
  const reference = h("input", { name: "reference", type: "text" });
  const message = h("p", { class: "form-message", role: "status" });
  const key = idempotencyKey();
  side.appendChild(
    h(
      "form",
      {
        class: "stack-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          message.textContent = "";
          try {
            await api.post<"/v1/payments">("/v1/payments",
              { invoice_id: id, amount: amount.value, paid_on: paidOn.value, method: method.value, reference: reference.value.trim() || null },
              { "Idempotency-Key": key },
            );
            const late = due ? daysBetween(due, paidOn.value) : 0;
            message.textContent = `${t("paymentRecorded")} ${late > 0 ? t("paymentLate", { d: late }) : ""}`;
            message.className = late > 0 ? "form-message notice warn" : "form-message notice ok";
            (e.target as HTMLFormElement).querySelector("button")?.setAttribute("disabled", "");
          } catch (err) {
            message.textContent = errorText(err);
          }
        },
      },
      field(t("amount"), amount),
      field(t("paidOn"), paidOn),
      field(t("method"), method),
      field(t("reference"), reference),
      h("button", { type: "submit", class: "primary" }, t("recordPayment")),
      message,
    ),
  );
}

// An invoice issued by mistake is cancelled with a reason (the API refuses rectified and
// rectifying invoices, so the card is not offered for those).
function cancelCard(inv: Invoice): HTMLElement {
  const reason = h("textarea", { name: "reason", rows: "2", required: true, maxlength: "500" });
  const message = h("p", { class: "form-message", role: "alert" });
  const key = idempotencyKey();
  const form = h(
    "form",
    {
      class: "stack-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = "";
        const button = form.querySelector("button");
        button?.setAttribute("disabled", "");
        try {
          const done = await api.post<"/v1/invoices/{invoice_id}/cancel">(`/v1/invoices/${inv.id}/cancel`, { reason: reason.value.trim() }, { "Idempotency-Key": key });
          sessionStorage.setItem("cartera.flash", t("cancelled", { n: done.number ?? "" }));
          navigate(`/invoices/${inv.id}`);
        } catch (err) {
          button?.removeAttribute("disabled");
          message.textContent = errorText(err);
        }
      },
    },
    h("p", { class: "muted small" }, t("cancelInvoiceLead")),
    field(t("cancelReason"), reason),
    h("button", { type: "submit", class: "secondary danger" }, t("cancelInvoice")),
    message,
  );
  return h("details", { class: "card side cancel-invoice" }, h("summary", null, t("cancelInvoice")), form);
}

/** The VERI*FACTU status of an invoice's last record, as a badge (list, invoice, dashboard). */
const WAITING: readonly string[] = ["pending", "sent"];
const CORRECTABLE: readonly string[] = ["rejected", "accepted_with_errors"];
const HELD: readonly string[] = ["accepted", "accepted_with_errors"];

// What the AEAT answered to the invoice's last record: the CSV once accepted, its code and
// description when it rejected the record or accepted it with errors, and the correction that
// sends it again. While the record waits, the card asks again every few seconds.
function verifactuCard(ctx: Ctx, inv: Invoice): HTMLElement {
  const body = h("div", { "data-testid": "verifactu" });
  const card = h("section", { class: "card verifactu", "aria-labelledby": "vf-h" }, h("h2", { id: "vf-h" }, t("verifactu")), body);
  const paint = (vf: InvoiceVerifactu | null | undefined): void => {
    if (!vf) {
      body.replaceChildren(h("p", { class: "muted small" }, t("vfPendingNote")));
      return;
    }
    body.replaceChildren();
    append(body, [
      h("p", null, h("span", { class: "muted small" }, `${t("vfStatus")}: `), verifactuBadge(vf.status)),
      vf.kind === "anulacion" ? h("p", { class: "muted small" }, t("vfCancellation")) : null,
      // The CSV is the request's: shown only for a record the AEAT registered.
      vf.csv && HELD.includes(vf.status)
        ? h("dl", { class: "vf-csv" }, h("dt", null, t("vfCsv")), h("dd", { "data-testid": "verifactu-csv" }, vf.csv))
        : null,
      vf.error && CORRECTABLE.includes(vf.status)
        ? h(
            "p",
            { class: `notice ${vf.status === "rejected" ? "error" : "warn"}`, "data-testid": "verifactu-error" },
            t("vfError", { c: vf.error.code ?? "—", d: vf.error.description ?? "" }),
          )
        : null,
      WAITING.includes(vf.status) ? h("p", { class: "muted small" }, t("vfPendingNote")) : null,
      vf.attempts > 0 && WAITING.includes(vf.status) ? h("p", { class: "muted small" }, t("vfAttempts", { n: vf.attempts })) : null,
      vf.answered_at ? h("p", { class: "muted small" }, t("vfAnsweredAt", { t: dateTime(vf.answered_at) })) : null,
      CORRECTABLE.includes(vf.status) ? correctForm(inv) : null,
    ]);
  };
  paint(inv.verifactu);
  const poll = (): void => {
    if (!ctx.alive()) return;
    void api
      .get<"/v1/invoices/{invoice_id}">(`/v1/invoices/${inv.id}`)
      .then((fresh) => {
        if (!ctx.alive()) return;
        paint(fresh.verifactu);
        if (fresh.verifactu && WAITING.includes(fresh.verifactu.status)) setTimeout(poll, 3000);
      })
      .catch(() => setTimeout(poll, 10000));
  };
  if (inv.verifactu && WAITING.includes(inv.verifactu.status)) setTimeout(poll, 3000);
  return card;
}

function correctForm(inv: Invoice): HTMLElement {
  const message = h("p", { class: "form-message", role: "alert" });
  const key = idempotencyKey();
  const button = h("button", { type: "button", class: "primary" }, t("vfCorrect"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    message.textContent = "";
    try {
      await api.post<"/v1/invoices/{invoice_id}/verifactu/correction">(`/v1/invoices/${inv.id}/verifactu/correction`, undefined, { "Idempotency-Key": key });
      sessionStorage.setItem("cartera.flash", t("vfCorrected"));
      navigate(`/invoices/${inv.id}`);
    } catch (err) {
      button.disabled = false;
      message.textContent = errorText(err);
    }
  });
  return h("div", { class: "stack-form" }, h("p", { class: "muted small" }, t("vfCorrectLead")), button, message);
}

/** Save a Blob under a file name (an <a download> on an object URL). */
function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const link = h("a", { href, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** FacturaE for FACe: signed with the issuer's certificate. Without one the API answers 409 with
 * what to do; that message is shown, with the unsigned file offered on purpose (FACe refuses it). */
function facturaeDownload(inv: Invoice): HTMLElement {
  const message = h("p", { class: "form-message", role: "status", "data-testid": "facturae-message" });
  const unsigned = h("button", { type: "button", class: "secondary", hidden: true, "data-testid": "facturae-unsigned" }, t("downloadFacturaeUnsigned"));
  const signed = h("button", { type: "button", class: "secondary", "data-testid": "facturae-signed" }, t("downloadFacturae"));
  const fileName = inv.number ?? inv.id;
  signed.addEventListener("click", () => {
    message.textContent = "";
    api
      .blob(`/v1/invoices/${inv.id}/facturae`)
      .then((blob) => saveBlob(blob, `${fileName}.xsig`))
      .catch((e) => {
        message.textContent = errorText(e);
        unsigned.hidden = !(e instanceof ApiError && e.status === 409);
      });
  });
  unsigned.addEventListener("click", () => {
    api
      .blob(`/v1/invoices/${inv.id}/facturae?signed=false`)
      .then((blob) => saveBlob(blob, `${fileName}.xml`))
      .catch((e) => {
        message.textContent = errorText(e);
      });
  });
  return h("div", { class: "facturae" }, signed, unsigned, message);
}

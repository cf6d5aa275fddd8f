import type { Client } from "../../api";
import { h } from "../../dom";
import { t, tv } from "../../i18n";

/** The client's name, status, tax id and tags, and what to do next. */
export function clientHead(client: Client): HTMLElement {
  const id = client.id;
  return h(
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
  );
}

/** The API warns (does not refuse) about data stored before a rule: said where it is seen. */
export function warningsNotice(client: Client): HTMLElement | null {
  if (!client.warnings?.length) return null;
  return h("div", { class: "notice warn", "data-testid": "client-warnings" }, client.warnings.map((w) => h("p", null, w)));
}

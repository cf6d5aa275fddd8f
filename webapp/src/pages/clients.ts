import { api, errorText } from "../api";
import { field, h, options } from "../dom";
import { t, tv } from "../i18n";
import { errorBox, type Ctx, navigate } from "../app";

const KINDS = ["company", "self_employed", "individual", "public_administration", "foreign"];

export async function clientsPage(ctx: Ctx): Promise<void> {
  const q = h("input", { type: "search", name: "q", value: ctx.query.get("q") ?? "", placeholder: t("searchClients") });
  const status = options(h("select", { name: "status" }), [
    ["active", t("st_active")],
    ["archived", t("st_archived")],
    ["", t("all")],
  ], ctx.query.get("status") ?? "active");
  const kind = options(h("select", { name: "kind" }), [["", t("all")], ...KINDS.map((k): [string, string] => [k, tv("kind_", k)])], ctx.query.get("kind") ?? "");
  const tag = h("input", { type: "text", name: "tag", value: ctx.query.get("tag") ?? "" });
  const count = h("p", { class: "muted", "aria-live": "polite" });
  const body = h("tbody");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("more"));
  let cursor: string | null = null;
  let asked = 0; // answers to an older question are dropped (a search typed while loading)

  async function load(reset: boolean): Promise<void> {
    asked += 1;
    const mine = asked;
    if (reset) cursor = null;
    const page = await api.get<"/v1/clients">("/v1/clients", {
      q: q.value.trim(),
      status: status.value,
      kind: kind.value,
      tag: tag.value.trim(),
      limit: 50,
      cursor,
    });
    if (!ctx.alive() || mine !== asked) return;
    if (reset) body.replaceChildren();
    for (const c of page.items) {
      body.appendChild(
        h(
          "tr",
          null,
          h("td", null, h("a", { href: `#/clients/${c.id}` }, c.legal_name), c.trade_name && c.trade_name !== c.legal_name ? h("div", { class: "muted small" }, c.trade_name) : null),
          h("td", { class: "mono" }, c.tax_id),
          h("td", null, tv("kind_", c.kind)),
          h("td", null, c.fiscal_address?.city ?? "—"),
          h("td", null, c.tags.map((x) => h("span", { class: "chip" }, x))),
          h("td", null, h("span", { class: `badge st-${c.status}` }, tv("st_", c.status))),
        ),
      );
    }
    cursor = page.next_cursor ?? null;
    more.hidden = !cursor;
    count.textContent = t("clientsCount", { n: page.total ?? body.children.length });
  }

  more.addEventListener("click", () => void load(false).catch((e) => ctx.main.appendChild(errorBox(e))));
  const form = h(
    "form",
    {
      class: "filters",
      role: "search",
      onsubmit: (e: Event) => {
        e.preventDefault();
        void load(true).catch((err) => ctx.main.appendChild(errorBox(err)));
      },
    },
    field(t("search"), q),
    field(t("status"), status),
    field(t("kind"), kind),
    field(t("tag"), tag),
    h("button", { type: "submit", class: "primary" }, t("search")),
  );
  for (const select of [status, kind]) select.addEventListener("change", () => form.requestSubmit());
  ctx.main.append(
    h(
      "div",
      { class: "page-head" },
      h("h1", null, t("clientsTitle")),
      h(
        "div",
        { class: "head-actions" },
        h("a", { class: "button secondary", href: "/v1/clients/export?format=csv", download: "clientes.csv" }, t("exportCsv")),
        h("a", { class: "button primary", href: "#/clients/new" }, t("newClient")),
      ),
    ),
    form,
    count,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "data" },
        h("caption", { class: "sr-only" }, t("clientsTitle")),
        h("thead", null, h("tr", null, [t("legalName"), t("taxId"), t("kind"), t("city"), t("tags"), t("status")].map((c) => h("th", { scope: "col" }, c)))),
        body,
      ),
    ),
    more,
  );
  await load(true);
}

export function newClientPage(ctx: Ctx): void {
  const input = (name: string, type = "text", required = false) => h("input", { name, type, required, autocomplete: "off" });
  const legal = input("legal_name", "text", true);
  const trade = input("trade_name");
  const kind = options(h("select", { name: "kind", required: true }), KINDS.map((k): [string, string] => [k, tv("kind_", k)]), "company");
  const taxId = input("tax_id", "text", true);
  const country = input("country");
  country.value = "ES";
  const street = input("street");
  const postal = input("postal_code");
  const city = input("city");
  const province = input("province");
  const email = input("email", "email");
  const phone = input("phone", "tel");
  const days = h("input", { name: "payment_days", type: "number", min: "0", max: "60", value: "30" });
  const tags = input("tags");
  const notes = h("textarea", { name: "notes", rows: "3" });
  const message = h("p", { class: "form-message", role: "alert" });
  const form = h(
    "form",
    {
      class: "card form-grid",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = "";
        const body: Record<string, unknown> = {
          legal_name: legal.value.trim(),
          trade_name: trade.value.trim() || null,
          kind: kind.value,
          tax_id: taxId.value.trim(),
          country: country.value.trim().toUpperCase() || "ES",
          email: email.value.trim() || null,
          phone: phone.value.trim() || null,
          payment_terms: { days: Number(days.value || 0) },
          tags: tags.value.split(",").map((x) => x.trim()).filter(Boolean),
          notes: notes.value.trim() || null,
        };
        if (street.value.trim()) {
          body.fiscal_address = {
            street: street.value.trim(),
            postal_code: postal.value.trim(),
            city: city.value.trim(),
            province: province.value.trim() || null,
            country: country.value.trim().toUpperCase() || "ES",
          };
        }
        try {
          const made = await api.post<"/v1/clients">("/v1/clients", body);
          navigate(`/clients/${made.id}`);
        } catch (err) {
          message.textContent = errorText(err);
        }
      },
    },
    field(t("legalName"), legal),
    field(t("tradeName"), trade),
    field(t("kind"), kind),
    field(t("taxId"), taxId),
    field(t("street"), street),
    field(t("postalCode"), postal),
    field(t("city"), city),
    field(t("province"), province),
    field(t("country"), country),
    field(t("email"), email),
    field(t("phone"), phone),
    field(t("paymentDays"), days),
    field(t("tags"), tags, t("tagsHint")),
    field(t("notes"), notes),
    h("div", { class: "form-actions" }, message, h("a", { class: "button secondary", href: "#/clients" }, t("cancel")), h("button", { type: "submit", class: "primary" }, t("save"))),
  );
  ctx.main.append(h("h1", null, t("newClient")), form);
  legal.focus();
}

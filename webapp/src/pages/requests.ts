import { api, errorText, idempotencyKey, type SupportRequest } from "../api";
import { field, h, options } from "../dom";
import { dateTime, t, tv } from "../i18n";
import type { Ctx } from "../app";

const STATES = ["open", "in_progress", "waiting_on_client", "resolved", "closed"];

export async function requestsPage(ctx: Ctx): Promise<void> {
  const [requests, clients] = await Promise.all([
    api.get<"/v1/requests">("/v1/requests", { limit: 200 }),
    api.get<"/v1/clients">("/v1/clients", { limit: 500, status: "active" }),
  ]);
  if (!ctx.alive()) return;
  const names = new Map(clients.items.map((c) => [c.id, c.legal_name]));
  const status = h("p", { class: "form-message", role: "status", "aria-live": "polite" });
  const board = h("div", { class: "board" });
  const items = [...requests.items];

  function card(r: SupportRequest): HTMLElement {
    const breached = r.sla_breached || (!["resolved", "closed"].includes(r.status) && r.sla_due_at !== null && Date.parse(r.sla_due_at) < Date.now());
    const target = options(
      h("select", { name: "status", "aria-label": `${t("moveTo")}: ${r.subject}` }),
      STATES.filter((s) => s !== r.status).map((s): [string, string] => [s, tv("rq_", s)]),
    );
    return h(
      "article",
      { class: `req-card pr-${r.priority} ${breached ? "breached" : ""}`, "data-request-id": r.id },
      h("h3", null, r.subject),
      h("p", { class: "small" }, h("a", { href: `#/clients/${r.client_id}` }, names.get(r.client_id) ?? "—")),
      h(
        "p",
        { class: "small muted" },
        h("span", { class: `chip pr-${r.priority}` }, tv("pr_", r.priority)),
        " ",
        r.sla_due_at ? t("slaDue", { t: dateTime(r.sla_due_at) }) : "",
        breached ? h("strong", { class: "bad" }, ` · ${t("breached")}`) : null,
      ),
      h(
        "form",
        {
          class: "move-form",
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              const moved = await api.post<"/v1/requests/{request_id}/status">(`/v1/requests/${r.id}/status`, { status: target.value });
              const at = items.findIndex((x) => x.id === r.id);
              items[at] = moved;
              status.textContent = t("requestMoved", { s: tv("rq_", moved.status) });
              draw();
            } catch (err) {
              status.textContent = errorText(err);
            }
          },
        },
        target,
        h("button", { type: "submit", class: "small" }, t("move")),
      ),
    );
  }

  function draw(): void {
    board.replaceChildren(
      ...STATES.map((s) => {
        const here = items.filter((r) => r.status === s);
        return h(
          "section",
          { class: "column", "aria-labelledby": `col-${s}` },
          h("h2", { id: `col-${s}` }, `${tv("rq_", s)} (${here.length})`),
          here.slice(0, s === "closed" ? 8 : 50).map(card),
        );
      }),
    );
  }
  draw();

  const client = options(h("select", { name: "client_id", required: true }), [["", t("chooseClient")], ...clients.items.map((c): [string, string] => [c.id, c.legal_name])]);
  const subject = h("input", { name: "subject", type: "text", required: true });
  const description = h("textarea", { name: "description", rows: "2", required: true });
  const priority = options(h("select", { name: "priority" }), ["normal", "low", "high", "urgent"].map((p): [string, string] => [p, tv("pr_", p)]));
  const form = h(
    "form",
    {
      class: "card form-grid",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          const made = await api.post<"/v1/requests">(
            "/v1/requests",
            { client_id: client.value, subject: subject.value.trim(), description: description.value.trim(), priority: priority.value },
            { "Idempotency-Key": idempotencyKey() },
          );
          items.unshift(made);
          status.textContent = t("requestCreated");
          form.reset();
          draw();
        } catch (err) {
          status.textContent = errorText(err);
        }
      },
    },
    field(t("client"), client),
    field(t("subject"), subject),
    field(t("priority"), priority),
    field(t("description"), description),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "primary" }, t("newRequest"))),
  );
  ctx.main.append(h("h1", null, t("requestsPageTitle")), status, board, h("details", { class: "new-request" }, h("summary", null, t("newRequest")), form));
}

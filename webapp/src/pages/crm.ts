import { api, errorText, idempotencyKey, type Interaction } from "../api";
import { field, h, options } from "../dom";
import { dateTime, t, tv } from "../i18n";
import type { Ctx } from "../app";

const CHANNELS = ["phone", "email", "whatsapp", "in_person", "video_call", "web_form", "other"];
const OUTCOMES = ["resolved", "follow_up", "opportunity", "complaint", "no_answer", "lost"];

function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export async function crmPage(ctx: Ctx): Promise<void> {
  const chosen = ctx.query.get("client") ?? "";
  const [clients, recent] = await Promise.all([
    api.get<"/v1/clients">("/v1/clients", { limit: 500, status: "active" }),
    api.get<"/v1/interactions">("/v1/interactions", { limit: 30, client_id: chosen }),
  ]);
  if (!ctx.alive()) return;
  const names = new Map(clients.items.map((c) => [c.id, c.legal_name]));
  const client = options(
    h("select", { name: "client_id", required: true }),
    [["", t("chooseClient")], ...clients.items.map((c): [string, string] => [c.id, c.legal_name])],
    chosen,
  );
  const channel = options(h("select", { name: "channel" }), CHANNELS.map((c): [string, string] => [c, tv("ch_", c)]));
  const direction = options(h("select", { name: "direction" }), [["outbound", t("dir_outbound")], ["inbound", t("dir_inbound")]]);
  const when = h("input", { name: "occurred_at", type: "datetime-local", required: true, value: localNow() });
  const contact = h("input", { name: "contact_name", type: "text" });
  const summary = h("textarea", { name: "summary", rows: "3", required: true });
  const outcome = options(h("select", { name: "outcome" }), OUTCOMES.map((o): [string, string] => [o, tv("oc_", o)]));
  const message = h("p", { class: "form-message", role: "status" });
  const list = h("ol", { class: "timeline" });
  const renderList = (items: Interaction[]) =>
    list.replaceChildren(
      ...items.map((i) =>
        h(
          "li",
          null,
          h("time", { datetime: i.occurred_at }, dateTime(i.occurred_at)),
          h("span", null, h("a", { href: `#/clients/${i.client_id}` }, names.get(i.client_id) ?? "—"), ` · ${tv("ch_", i.channel)} · ${tv("dir_", i.direction)} · `, h("span", { class: `chip oc-${i.outcome}` }, tv("oc_", i.outcome)), h("div", null, i.summary)),
        ),
      ),
    );
  renderList(recent.items);
  const form = h(
    "form",
    {
      class: "card form-grid",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = "";
        try {
          await api.post<"/v1/interactions">(
            "/v1/interactions",
            {
              client_id: client.value,
              channel: channel.value,
              direction: direction.value,
              occurred_at: new Date(when.value).toISOString(),
              contact_name: contact.value.trim() || null,
              summary: summary.value.trim(),
              outcome: outcome.value,
              handled_by: ctx.me.user?.name ?? null,
            },
            { "Idempotency-Key": idempotencyKey() },
          );
          message.textContent = t("interactionLogged");
          summary.value = "";
          renderList((await api.get<"/v1/interactions">("/v1/interactions", { limit: 30, client_id: chosen })).items);
        } catch (err) {
          message.textContent = errorText(err);
        }
      },
    },
    field(t("client"), client),
    field(t("channel"), channel),
    field(t("direction"), direction),
    field(t("occurredAt"), when),
    field(t("contactName"), contact),
    field(t("outcome"), outcome),
    field(t("summary"), summary),
    h("div", { class: "form-actions" }, message, h("button", { type: "submit", class: "primary" }, t("logInteraction"))),
  );
  ctx.main.append(
    h("h1", null, t("crmTitle")),
    h("h2", null, t("logInteraction")),
    form,
    h("section", { class: "card", "aria-labelledby": "recent-h" }, h("h2", { id: "recent-h" }, t("recentInteractions")), list),
  );
}

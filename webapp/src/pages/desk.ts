import { type Answer, api, switchTenant } from "../api";
import { h, meter } from "../dom";
import { money, t, tv } from "../i18n";
import type { Ctx } from "../app";

type DeskLine = Answer<"/v1/desk">["lines"][number];

/** A count as a badge: green at zero, red when something waits for a person. */
function countBadge(label: string, value: number | null | undefined, bad = true): HTMLElement {
  const tone = value === null || value === undefined ? "" : value > 0 && bad ? "rs-overdue" : "st-active";
  return h("span", { class: `badge ${tone}`, title: label }, `${label}: ${value ?? "—"}`);
}

function figure(label: string, value: string | null | undefined, fraction?: number): HTMLElement {
  return h(
    "div",
    { class: "desk-figure" },
    h("span", { class: "muted small" }, label),
    h("strong", { class: "num" }, value === null || value === undefined ? "—" : money(value)),
    fraction === undefined ? "" : meter(fraction),
  );
}

function card(line: DeskLine, current: string, biggest: number): HTMLElement {
  const vat = line.tax.vat_total;
  const overdue = line.overdue.amount;
  return h(
    "section",
    { class: "card", "data-testid": "desk-line", "aria-labelledby": `desk-${line.tenant_id}` },
    h(
      "h2",
      { id: `desk-${line.tenant_id}` },
      line.name,
      " ",
      line.role ? h("span", { class: "badge" }, tv("role_", line.role)) : "",
    ),
    h(
      "p",
      null,
      countBadge(t("deskRejected"), line.verifactu.rejected),
      " ",
      countBadge(t("deskWaiting"), line.verifactu.waiting, false),
      " ",
      countBadge(t("deskOverdueClients"), line.overdue.clients),
      " ",
      countBadge(t("desk347"), line.modelo_347.declarable, false),
    ),
    figure(t("deskOverdue"), overdue, overdue ? Number(overdue) / biggest : undefined),
    figure(`${t("deskVat")} ${line.tax.quarter}T ${line.tax.year}`, vat, vat ? Number(vat) / biggest : undefined),
    figure(t("deskIrpf"), line.tax.irpf_withheld_total),
    line.needs_human.length
      ? h(
          "ul",
          { class: "desk-needs" },
          line.needs_human.map((n) => h("li", null, h("span", { class: "badge rs-overdue" }, String(n.count)), " ", tv("deskNeed_", n.reason))),
        )
      : h("p", { class: "muted small" }, t("deskNothing")),
    line.unavailable.length ? h("p", { class: "notice warn small" }, t("deskUnavailable", { parts: line.unavailable.join(", ") })) : "",
    line.tenant_id === current
      ? ""
      : h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              await switchTenant(line.tenant_id);
              location.hash = "#/";
              location.reload();
            },
          },
          t("deskOpen"),
        ),
  );
}

export async function deskPage(ctx: Ctx): Promise<void> {
  const desk = await api.get<"/v1/desk">("/v1/desk");
  if (!ctx.alive()) return;
  const biggest = Math.max(
    1,
    ...desk.lines.flatMap((l) => [Number(l.overdue.amount ?? 0), Number(l.tax.vat_total ?? 0)]),
  );
  ctx.main.append(
    h("h1", null, t("deskTitle")),
    h("p", { class: "muted" }, t("deskLead", { n: desk.lines.length })),
    h("div", { class: "desk-grid" }, desk.lines.map((line) => card(line, ctx.me.tenant_id, biggest))),
  );
}

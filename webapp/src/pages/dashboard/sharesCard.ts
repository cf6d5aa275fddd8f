import { chartFigure, GREY, PALETTE } from "../../charts";
import { h } from "../../dom";
import { money, num, pct, t } from "../../i18n";
import type { Portfolio } from "./load";
import { card, failed, type NameOf } from "./parts";

/** Who matters: each client's share of the last twelve months, and the concentration warning. */
export function sharesCard(portfolio: Portfolio | Error, nameOf: NameOf, threshold: number): HTMLElement {
  if (portfolio instanceof Error) return card(t("sharesTitle"), "wide", failed(portfolio));
  const items = portfolio.items;
  const shownShare = items.reduce((s, i) => s + Number(i.share_fraction), 0);
  const labels = items.map((i) => nameOf(i.client_id));
  const values = items.map((i) => Number(i.share_fraction));
  if (portfolio.totals.clients > items.length && shownShare < 0.9999) {
    labels.push(t("others"));
    values.push(Math.max(0, 1 - shownShare));
  }
  const top = items[0];
  const top1 = Number(portfolio.concentration.top1_share_fraction ?? 0);
  const warn = top && top1 > threshold;
  const body: Array<Node | null> = [h("p", { class: "muted small" }, `${t("sharesLead")} · ${money(portfolio.totals.taxable_base)}`)];
  if (items.length) {
    body.push(
      chartFigure(
        t("sharesTitle"),
        labels.map((l, i) => `${l} ${pct(values[i])}`).join("; "),
        {
          type: "doughnut",
          data: {
            labels: labels.map((l) => (l.length > 30 ? `${l.slice(0, 29)}…` : l)),
            datasets: [
              {
                data: values,
                backgroundColor: labels.map((_, i) => (i < items.length ? PALETTE[i % PALETTE.length] : GREY)),
                borderColor: "#fff",
                borderWidth: 2,
              },
            ],
          },
          options: {
            // @ts-expect-error: a doughnut option, missing from the generic configuration type
            cutout: "58%",
            plugins: {
              legend: { position: window.innerWidth < 700 ? "bottom" : "right", labels: { boxWidth: 12 } },
              tooltip: { callbacks: { label: (c) => `${c.label}: ${pct(c.parsed as number)}` } },
            },
          },
        },
        { head: [t("client"), t("share"), t("amount")], rows: items.map((i) => [nameOf(i.client_id), pct(i.share_fraction), money(i.taxable_base)]) },
      ),
    );
    body.push(
      h(
        "p",
        { class: warn ? "notice warn" : "notice ok", role: warn ? "alert" : null, "data-testid": "concentration" },
        warn ? t("concentrationWarn", { name: nameOf(top.client_id), share: pct(top1), th: pct(threshold) }) : t("concentrationOk", { th: pct(threshold) }),
      ),
      h(
        "p",
        { class: "muted small" },
        `${t("top5", { share: pct(portfolio.concentration.top5_share_fraction) })} · ${t("hhi", { v: num(portfolio.concentration.hhi_fraction) })}`,
      ),
    );
  } else body.push(h("p", { class: "muted" }, t("noData")));
  return card(t("sharesTitle"), "shares", ...body);
}

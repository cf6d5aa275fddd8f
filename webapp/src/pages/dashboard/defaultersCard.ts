import { h, meter } from "../../dom";
import { invoicesCount, money, t } from "../../i18n";
import type { Defaulters } from "./load";
import { card } from "./parts";

/** The clients who owe the most overdue; not shown when they could not be read. */
export function defaultersCard(defaulters: Defaulters | Error): HTMLElement | null {
  if (defaulters instanceof Error) return null;
  const worst = Math.max(1, ...defaulters.items.map((d) => Number(d.overdue)));
  return card(
    t("defaultersTitle"),
    "defaulters",
    defaulters.items.length
      ? h(
          "ul",
          { class: "rank-list", "data-testid": "defaulters" },
          defaulters.items.slice(0, 6).map((d) =>
            h(
              "li",
              null,
              h("a", { href: `#/clients/${d.client_id}` }, d.legal_name),
              h("span", { class: "amount bad" }, money(d.overdue)),
              meter(Number(d.overdue) / worst, "bad"),
              h("span", { class: "muted small" }, `${t("daysLate", { d: d.days_late })} · ${invoicesCount(d.invoices.length)}`),
            ),
          ),
        )
      : h("p", { class: "muted" }, t("none")),
  );
}

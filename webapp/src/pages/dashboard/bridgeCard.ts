import { h } from "../../dom";
import { money, t } from "../../i18n";
import type { Bridge } from "./load";
import { card, type NameOf } from "./parts";

type BridgeGroup = Bridge["new"];

/** Gained and lost: the revenue bridge from the year before to the last twelve months; not
 * shown when it could not be read. */
export function bridgeCard(bridge: Bridge | Error, nameOf: NameOf): HTMLElement | null {
  if (bridge instanceof Error) return null;
  const group = (label: string, g: BridgeGroup, tone: string) =>
    h(
      "div",
      { class: `bridge-group ${tone}` },
      h("h3", null, `${label}: ${g.clients}`, h("span", { class: "amount" }, money(g.amount))),
      g.items.length
        ? h(
            "ul",
            { class: "plain" },
            g.items.slice(0, 4).map((i) =>
              h("li", null, i.client_id ? h("a", { href: `#/clients/${i.client_id}` }, nameOf(i.client_id)) : t("unnamed"), " ", h("span", { class: "muted" }, money(i.change))),
            ),
          )
        : null,
    );
  return card(
    t("gainedLost"),
    "bridge",
    h("p", { class: "muted small" }, `${t("gainedLostLead")} · ${money(bridge.opening)} → ${money(bridge.closing)}`),
    h(
      "div",
      { class: "bridge-grid" },
      group(t("gained"), bridge.new, "good"),
      group(t("lost"), bridge.lost, "bad"),
      group(t("grew"), bridge.growth, "good"),
      group(t("shrank"), bridge.shrinkage, "bad"),
    ),
  );
}

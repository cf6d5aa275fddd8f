import { ApiError } from "../../api";
import { h } from "../../dom";
import { money, num, t } from "../../i18n";
import type { Modelo347 } from "./load";
import { card, failed } from "./parts";

/** Last year's Modelo 347. It says, every time, that purchases are not in it: the return declares
 * them too. Hidden for someone who may not read it (403). */
export function modelo347Card(m347: Modelo347 | Error, year: string): HTMLElement | null {
  if (m347 instanceof ApiError && m347.status === 403) return null;
  return card(
    t("m347Title", { y: Number(year) - 1 }),
    "m347",
    m347 instanceof Error
      ? failed(m347)
      : m347.files_through_sii
        ? h("p", { class: "muted" }, t("m347Sii"))
        : h(
            "div",
            { "data-testid": "m347" },
            h("p", null, t("m347Count", { n: num(m347.items.length) })),
            h(
              "ul",
              { class: "plain" },
              m347.items.slice(0, 4).map((i) => h("li", null, i.name || i.tax_id, " ", h("span", { class: "muted" }, money(i.total)))),
            ),
          ),
    h("p", { class: "notice small", "data-testid": "m347-sales-only" }, t("m347SalesOnly")),
  );
}

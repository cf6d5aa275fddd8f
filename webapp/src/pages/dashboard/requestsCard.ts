import { h } from "../../dom";
import { t } from "../../i18n";
import type { Requests } from "./load";
import { card } from "./parts";

/** Open support requests and those past their SLA; not shown when they could not be read. */
export function requestsCard(requests: Requests | Error): HTMLElement | null {
  if (requests instanceof Error) return null;
  const open = requests.items.filter((r) => !["resolved", "closed"].includes(r.status));
  const breached = open.filter((r) => r.sla_breached || (r.sla_due_at && Date.parse(r.sla_due_at) < Date.now()));
  return card(
    t("requestsTitle"),
    `kpi ${breached.length ? "warn" : ""}`,
    h(
      "p",
      { class: "big" },
      h("a", { href: "#/requests", "data-testid": "requests-open" }, String(open.length)),
      h("span", { class: "unit" }, ` ${t("requestsOpen").toLowerCase()}`),
    ),
    h("p", { class: breached.length ? "bad small" : "muted small", "data-testid": "requests-breached" }, `${t("requestsBreached")}: ${breached.length}`),
  );
}

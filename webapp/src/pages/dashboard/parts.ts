// What the dashboard's cards share: the card frame, a failed source, a change against before,
// and the client names gathered from every source.
import { h } from "../../dom";
import { pct, t } from "../../i18n";
import { change } from "../../util";

export function card(title: string, cls: string, ...body: Array<Node | null>): HTMLElement {
  const id = `card-${Math.random().toString(36).slice(2, 8)}`;
  return h("section", { class: `card ${cls}`, "aria-labelledby": id }, h("h2", { id }, title), ...body);
}

export function failed(e: Error): HTMLElement {
  return h("p", { class: "notice error" }, `${t("error")}: ${e.message}`);
}

export function delta(current: number, previous: number, label: string): HTMLElement {
  const c = change(current, previous);
  const cls = c === null ? "flat" : c > 0.005 ? "up" : c < -0.005 ? "down" : "flat";
  const arrow = cls === "up" ? "▲" : cls === "down" ? "▼" : "■";
  return h(
    "p",
    { class: `delta ${cls}` },
    h("span", { "aria-hidden": "true" }, arrow),
    " ",
    c === null ? "" : `${c > 0 ? "+" : ""}${pct(c)} · `,
    label,
  );
}

/** A client's name as any source gave it; "—" when none did, "unnamed" for no client. */
export type NameOf = (id: string | null) => string;

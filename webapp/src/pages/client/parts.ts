// What the client page's cards share: a card with its heading, and a list of facts.
import { h } from "../../dom";

export function section(title: string, id: string, ...body: Array<Node | null>): HTMLElement {
  return h("section", { class: "card", id, "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, title), ...body);
}

export function dl(rows: Array<[string, Node | string | null]>): HTMLElement {
  return h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, v ?? "—")]));
}

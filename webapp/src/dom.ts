// A tiny DOM builder: elements are made with text nodes and properties, never from HTML strings,
// so whatever the API returns is shown as text (no markup injection).

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") {
        el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
      } else if (key === "class") {
        el.className = String(value);
      } else if (value === true) {
        el.setAttribute(key, "");
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let uid = 0;
export function nextId(prefix = "f"): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field: every input of the app goes through here, so none lacks a label. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement {
  if (!control.id) control.id = nextId("in");
  const hintEl = hint ? h("small", { class: "hint", id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control, hintEl);
}

export function options(
  select: HTMLSelectElement,
  items: Array<[string, string]>,
  selected?: string,
): HTMLSelectElement {
  for (const [value, text] of items) {
    const option = h("option", { value }, text);
    if (value === selected) option.selected = true;
    select.appendChild(option);
  }
  return select;
}

/** A bar whose length is a fraction, set through the CSSOM (the CSP forbids style attributes). */
export function meter(fraction: number, tone = ""): HTMLElement {
  const fill = h("span", { class: `meter-fill ${tone}` });
  fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  return h("span", { class: "meter", "aria-hidden": "true" }, fill);
}

// What every page shares: the page context, navigation, the error box and the small widgets more
// than one page shows. A leaf of the import graph: it imports no page (main.ts, the router,
// imports the pages), so no page can reach itself through it. tests/test_webapp_imports.py
// fails on any import cycle.

import { ApiError, errorText, type Me, type VerifactuStatus } from "./api";
import { h } from "./dom";
import { t, tv } from "./i18n";

export interface Ctx {
  main: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  me: Me;
  /** True while this page is still the one shown (a late answer must not paint over another). */
  alive: () => boolean;
}
export type PageFn = (ctx: Ctx) => Promise<void> | void;

// The router (main.ts) says how to draw the current route again; pages only ask for it.
let rerender: () => void = () => undefined;

export function setRenderer(render: () => void): void {
  rerender = render;
}

export function navigate(path: string): void {
  if (location.hash === `#${path}`) rerender();
  else location.hash = path;
}

export function errorBox(e: unknown, retry?: () => void): HTMLElement {
  const detail = e instanceof ApiError ? e.detail : errorText(e);
  return h(
    "div",
    { class: "notice error", role: "alert" },
    h("strong", null, t("error")),
    " ",
    detail,
    retry ? h("button", { type: "button", class: "secondary", onclick: retry }, t("retry")) : null,
  );
}

/** The AEAT's answer to an invoice's VERI*FACTU record, as a badge (invoices and the dashboard). */
export function verifactuBadge(status: VerifactuStatus): HTMLElement {
  return h("span", { class: `badge vf-${status}`, "data-testid": "verifactu-badge" }, tv("vf_", status));
}

// Cartera's web app: a small single-page app with hash routes (#/clients/…), served by the
// gateway under /app. It signs in with a cookie session and talks to /v1 only.

import { type Me, me, probablySignedIn, setUnauthorizedHandler, signOut, switchTenant } from "./api";
import { type Ctx, errorBox, type PageFn, setRenderer } from "./app";
import { destroyCharts } from "./charts";
import { clear, h } from "./dom";
import { currentLang, setLang, t } from "./i18n";
import { clientPage } from "./pages/client";
import { clientsPage, newClientPage } from "./pages/clients";
import { collectionsPage } from "./pages/collections";
import { crmPage } from "./pages/crm";
import { dashboardPage, prefetchDashboard } from "./pages/dashboard";
import { deskPage } from "./pages/desk";
import { importPage } from "./pages/import";
import { invitationPage } from "./pages/invitation";
import { invoicePage, invoicesPage, newInvoicePage } from "./pages/invoices";
import { requestsPage } from "./pages/requests";
import { resetPage } from "./pages/reset";
import { signInPage } from "./pages/signin";


const routes: Array<[RegExp, PageFn, string]> = [
  [/^\/?$/, dashboardPage, "dashboard"],
  [/^\/clients\/?$/, clientsPage, "clients"],
  [/^\/clients\/new$/, newClientPage, "clients"],
  [/^\/clients\/(?<id>[0-9a-f-]{36})$/, clientPage, "clients"],
  [/^\/invoices\/?$/, invoicesPage, "invoices"],
  [/^\/invoices\/new$/, newInvoicePage, "invoices"],
  [/^\/invoices\/(?<id>[0-9a-f-]{36})$/, invoicePage, "invoices"],
  [/^\/collections\/?$/, collectionsPage, "collections"],
  [/^\/crm\/?$/, crmPage, "crm"],
  [/^\/requests\/?$/, requestsPage, "requests"],
  [/^\/import\/?$/, importPage, "import"],
  [/^\/desk\/?$/, deskPage, "desk"],
];

/** The business switch: only for a person who belongs to more than one. */
function businessSwitch(): HTMLElement | string {
  const places = who?.tenants ?? [];
  if (places.length < 2) return h("span", { class: "tenant" }, who?.tenant_name ?? "");
  return h(
    "select",
    {
      class: "tenant",
      "aria-label": t("switchBusiness"),
      "data-testid": "business-switch",
      onchange: async (event: Event) => {
        await switchTenant((event.target as HTMLSelectElement).value);
        who = null;
        location.hash = "#/";
        void render();
      },
    },
    places.map((p) => h("option", { value: p.tenant_id, selected: p.tenant_id === who?.tenant_id ? "selected" : null }, p.name)),
  );
}

const root = document.getElementById("root") as HTMLElement;
let who: Me | null = null;
let generation = 0;

function shell(active: string): HTMLElement {
  const links: Array<[string, string, string]> = [
    ["dashboard", "#/", t("navDashboard")],
    ["clients", "#/clients", t("navClients")],
    ["invoices", "#/invoices", t("navInvoices")],
    ["collections", "#/collections", t("navCollections")],
    ["crm", "#/crm", t("navCrm")],
    ["requests", "#/requests", t("navRequests")],
    ["import", "#/import", t("navImport")],
  ];
  if (who?.scopes.some((s) => s === "*" || s === "desk:read")) links.push(["desk", "#/desk", t("navDesk")]);
  const main = h("main", { id: "main", tabindex: "-1" });
  const other = currentLang() === "es" ? "en" : "es";
  root.appendChild(
    h(
      "div",
      { class: "layout" },
      h(
        "header",
        { class: "topbar" },
        h("a", { class: "brand", href: "#/" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, "C"), t("appName")),
        h(
          "nav",
          { "aria-label": t("mainNav") },
          h(
            "ul",
            null,
            links.map(([key, href, text]) =>
              h("li", null, h("a", { href, class: key === active ? "active" : "", "aria-current": key === active ? "page" : null }, text)),
            ),
          ),
        ),
        h(
          "div",
          { class: "who" },
          businessSwitch(),
          h("span", { class: "person" }, who?.user?.name ?? ""),
          h(
            "button",
            {
              type: "button",
              class: "link-button",
              lang: other,
              "aria-label": `${t("language")}: ${t("otherLang")}`,
              onclick: () => {
                setLang(other);
                void render();
              },
            },
            other.toUpperCase(),
          ),
          h(
            "button",
            {
              type: "button",
              class: "link-button",
              onclick: async () => {
                await signOut().catch(() => undefined);
                who = null;
                location.hash = "#/";
                void render();
              },
            },
            t("signOut"),
          ),
        ),
      ),
      main,
    ),
  );
  return main;
}

async function render(): Promise<void> {
  generation += 1;
  const mine = generation;
  destroyCharts();
  clear(root);
  (document.getElementById("skip-link") as HTMLElement).textContent = t("skip");
  const [hashPath, hashQuery] = (location.hash.replace(/^#/, "") || "/").split("?", 2);
  if (hashPath === "/reset") {
    // A mailed reset link works signed in or not: it is about the person it was sent to.
    resetPage(root, new URLSearchParams(hashQuery ?? "").get("token") ?? "", () => {
      location.hash = "#/";
    });
    return;
  }
  if (!who) {
    who = await me().catch(() => null);
    if (mine !== generation) return;
  }
  if (hashPath === "/invitation") {
    // A mailed invitation: accepted with the session when there is one, else by someone new.
    const signedIn = who !== null;
    // Accepting changes the person's businesses: whatever page comes next reads them again.
    who = null;
    invitationPage(root, new URLSearchParams(hashQuery ?? "").get("token") ?? "", signedIn, () => {
      location.hash = "#/";
    });
    return;
  }
  if (!who) {
    signInPage(root, async () => {
      who = await me();
      void render();
    });
    return;
  }
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = raw.split("?", 2);
  const found = routes.find(([re]) => re.test(path));
  const main = shell(found ? found[2] : "");
  if (!found) {
    main.appendChild(h("p", { class: "notice" }, t("notFound")));
    return;
  }
  const [re, page] = found;
  const ctx: Ctx = {
    main,
    params: (re.exec(path)?.groups ?? {}) as Record<string, string>,
    query: new URLSearchParams(qs ?? ""),
    me: who,
    alive: () => mine === generation,
  };
  try {
    await page(ctx);
  } catch (e) {
    if (ctx.alive()) main.appendChild(errorBox(e, () => void render()));
  }
}

setRenderer(() => void render());
setUnauthorizedHandler(() => {
  who = null;
  void render();
});
window.addEventListener("hashchange", () => {
  performance.mark("route:start");
  void render();
});
// The dashboard's figures are asked for beside the session check, not after it.
if (probablySignedIn() && /^#?\/?$/.test(location.hash)) prefetchDashboard();
void render();

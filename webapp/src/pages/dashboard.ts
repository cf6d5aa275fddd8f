import { api, ApiError, type Evolution, type Page, type Portfolio, settle, type SupportRequest, type VerifactuRecord } from "../api";
import { chartFigure, GREY, moneyAxis, PALETTE } from "../charts";
import { h, meter } from "../dom";
import { date, invoicesCount, money, moneyShort, monthLabel, num, pct, t } from "../i18n";
import type { Ctx } from "../main";
import { addDays, change, sameDayLastYear, shiftMonth, today } from "../util";
import { verifactuBadge } from "./invoices";

interface Aging {
  total: Record<string, string>;
}
interface Defaulters {
  items: Array<{ client_id: string; legal_name: string; overdue: string; days_late: number; invoices: string[] }>;
}
interface Bridge {
  new: BridgeGroup;
  lost: BridgeGroup;
  growth: BridgeGroup;
  shrinkage: BridgeGroup;
  opening: string;
  closing: string;
}
interface BridgeGroup {
  clients: number;
  amount: string;
  items: Array<{ client_id: string | null; legal_name: string | null; change: string; compare: string; current: string }>;
}
interface Alerts {
  items: Array<{
    id: string;
    kind: string;
    client_id: string | null;
    period: string;
    value: string;
    threshold: string;
    raised_at: string;
    details: Record<string, unknown>;
  }>;
}
interface Settings {
  concentration_threshold: string;
}
/** GET /v1/analytics/modelo-347: sales only until Cartera records purchases (`covers`). */
interface Modelo347 {
  year: number;
  files_through_sii: boolean;
  covers: string;
  items: Array<{ tax_id: string; name: string; total: string }>;
}
interface AtRisk {
  items: Array<{ client_id: string; legal_name: string | null; reasons: Array<{ rule: string; detail: string }> }>;
}

function card(title: string, cls: string, ...body: Array<Node | null>): HTMLElement {
  const id = `card-${Math.random().toString(36).slice(2, 8)}`;
  return h("section", { class: `card ${cls}`, "aria-labelledby": id }, h("h2", { id }, title), ...body);
}

function failed(e: Error): HTMLElement {
  return h("p", { class: "notice error" }, `${t("error")}: ${e.message}`);
}

function delta(current: number, previous: number, label: string): HTMLElement {
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

type Loaded = Awaited<ReturnType<typeof load>>;

/** Every figure of the dashboard, asked in parallel; a failed source is an Error in its place. */
function load() {
  const get = api.getQuiet;
  const day = today();
  const year = day.slice(0, 4);
  const thisMonth = day.slice(0, 7);
  const yearAgo = addDays(day, -364);
  return Promise.all([
    settle(get<Evolution>("/v1/analytics/evolution", { from: shiftMonth(thisMonth, -23), to: thisMonth, top: 0 })),
    settle(get<Portfolio>("/v1/analytics/portfolio", { from: `${year}-01-01`, to: day, limit: 1 })),
    settle(get<Portfolio>("/v1/analytics/portfolio", { from: `${Number(year) - 1}-01-01`, to: sameDayLastYear(day), limit: 1 })),
    settle(get<Portfolio>("/v1/analytics/portfolio", { from: yearAgo, to: day, limit: 8 })),
    settle(
      get<Bridge>("/v1/analytics/revenue-bridge", {
        from: yearAgo,
        to: day,
        compare_from: addDays(yearAgo, -365),
        compare_to: addDays(yearAgo, -1),
      }),
    ),
    settle(get<Aging>("/v1/collections/aging")),
    settle(get<Defaulters>("/v1/collections/defaulters")),
    settle(get<{ items: SupportRequest[] }>("/v1/requests", { limit: 200 })),
    settle(get<Alerts>("/v1/analytics/alerts", { limit: 4 })),
    settle(get<Settings>("/v1/analytics/settings")),
    settle(get<AtRisk>("/v1/analytics/clients-at-risk")),
    // Records the AEAT rejected and nobody has corrected yet (a correction is a later record).
    settle(get<Page<VerifactuRecord>>("/v1/verifactu/records", { status: "rejected", current: true, order: "newest", limit: 20 })),
    // The Modelo 347 filed each February is last year's.
    settle(get<Modelo347>("/v1/analytics/modelo-347", { year: Number(year) - 1 })),
  ]);
}

let prefetched: { at: number; data: Promise<Loaded> } | null = null;

/** Started with the page, beside the session check, when the dashboard is the first page. */
export function prefetchDashboard(): void {
  prefetched = { at: performance.now(), data: load() };
}

export async function dashboardPage(ctx: Ctx): Promise<void> {
  performance.mark("dashboard:start");
  const day = today();
  const year = day.slice(0, 4);
  ctx.main.appendChild(h("h1", null, t("dashTitle")));
  ctx.main.appendChild(h("p", { class: "muted", "aria-busy": "true", id: "dash-loading" }, t("loading")));
  const fresh = prefetched && performance.now() - prefetched.at < 10_000 ? prefetched.data : null;
  prefetched = null;
  let data = fresh ? await fresh : null;
  // A prefetch made before signing in got 401s: ask again, now with the session.
  if (!data || data.some((d) => d instanceof ApiError && d.status === 401)) data = await load();
  const [evolution, ytd, prevYtd, portfolio, bridge, aging, defaulters, requests, alerts, settings, atRisk, rejected, m347] = data;
  if (!ctx.alive()) return;
  document.getElementById("dash-loading")?.remove();

  const names = new Map<string, string>();
  for (const source of [portfolio, defaulters, atRisk]) {
    if (!(source instanceof Error)) {
      for (const item of (source as { items: Array<{ client_id: string | null; legal_name: string | null }> }).items) {
        if (item.client_id && item.legal_name) names.set(item.client_id, item.legal_name);
      }
    }
  }
  if (!(bridge instanceof Error)) {
    for (const g of [bridge.new, bridge.lost, bridge.growth, bridge.shrinkage]) {
      for (const item of g.items) if (item.client_id && item.legal_name) names.set(item.client_id, item.legal_name);
    }
  }
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "—") : t("unnamed"));
  const threshold = settings instanceof Error ? 0.4 : Number(settings.concentration_threshold);

  const grid = h("div", { class: "dash-grid" });
  ctx.main.appendChild(grid);

  // --- headline figures --------------------------------------------------------------------
  const kpis = h("div", { class: "kpis" });
  grid.appendChild(kpis);
  if (evolution instanceof Error) {
    kpis.appendChild(card(t("billingMonth"), "kpi", failed(evolution)));
  } else {
    const months = evolution.total.months;
    const current = months[months.length - 1];
    const previous = months[months.length - 2];
    const yearBefore = months[months.length - 13];
    const cur = Number(current?.taxable_base ?? 0);
    kpis.appendChild(
      card(
        t("billingMonth"),
        "kpi",
        h("p", { class: "big", "data-testid": "billing-month" }, money(cur)),
        delta(cur, Number(previous?.taxable_base ?? 0), t("vsPrevMonth", { p: moneyShort(previous?.taxable_base ?? 0) })),
        yearBefore
          ? h(
              "p",
              { class: "muted small" },
              t("vsSameMonth", { p: moneyShort(yearBefore.taxable_base), m: monthLabel(yearBefore.month, true) }),
            )
          : null,
      ),
    );
  }
  if (ytd instanceof Error || prevYtd instanceof Error) {
    kpis.appendChild(card(t("billingYear"), "kpi", failed(ytd instanceof Error ? ytd : (prevYtd as Error))));
  } else {
    const cur = Number(ytd.totals.taxable_base);
    const prev = Number(prevYtd.totals.taxable_base);
    kpis.appendChild(
      card(
        t("billingYear"),
        "kpi",
        h("p", { class: "big", "data-testid": "billing-year" }, money(cur)),
        delta(cur, prev, t("vsPrevYear", { p: moneyShort(prev), y: Number(year) - 1 })),
      ),
    );
  }
  if (aging instanceof Error) {
    kpis.appendChild(card(t("overdueTotal"), "kpi", failed(aging)));
  } else {
    const a = aging.total;
    const overdue = ["1-30", "31-60", "61-90", "over_90"].reduce((s, k) => s + Number(a[k] ?? 0), 0);
    const outstanding = overdue + Number(a.current ?? 0);
    kpis.appendChild(
      card(
        t("overdueTotal"),
        `kpi ${overdue > 0 ? "warn" : ""}`,
        h("p", { class: "big", "data-testid": "overdue-total" }, money(overdue)),
        h("p", { class: "muted small" }, `${t("outstanding")}: ${money(outstanding)}`),
      ),
    );
  }
  if (!(requests instanceof Error)) {
    const open = requests.items.filter((r) => !["resolved", "closed"].includes(r.status));
    const breached = open.filter((r) => r.sla_breached || (r.sla_due_at && Date.parse(r.sla_due_at) < Date.now()));
    kpis.appendChild(
      card(
        t("requestsTitle"),
        `kpi ${breached.length ? "warn" : ""}`,
        h(
          "p",
          { class: "big" },
          h("a", { href: "#/requests", "data-testid": "requests-open" }, String(open.length)),
          h("span", { class: "unit" }, ` ${t("requestsOpen").toLowerCase()}`),
        ),
        h("p", { class: breached.length ? "bad small" : "muted small", "data-testid": "requests-breached" }, `${t("requestsBreached")}: ${breached.length}`),
      ),
    );
  }

  // --- who matters: shares -----------------------------------------------------------------
  if (portfolio instanceof Error) {
    grid.appendChild(card(t("sharesTitle"), "wide", failed(portfolio)));
  } else {
    const items = portfolio.items;
    const shownShare = items.reduce((s, i) => s + Number(i.share), 0);
    const labels = items.map((i) => nameOf(i.client_id));
    const values = items.map((i) => Number(i.share));
    if (portfolio.totals.clients > items.length && shownShare < 0.9999) {
      labels.push(t("others"));
      values.push(Math.max(0, 1 - shownShare));
    }
    const top = items[0];
    const top1 = Number(portfolio.concentration.top1_share ?? 0);
    const warn = top && top1 > threshold;
    const body: Array<Node | null> = [
      h("p", { class: "muted small" }, `${t("sharesLead")} · ${money(portfolio.totals.taxable_base)}`),
    ];
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
          { head: [t("client"), t("share"), t("amount")], rows: items.map((i) => [nameOf(i.client_id), pct(i.share), money(i.taxable_base)]) },
        ),
      );
      body.push(
        h(
          "p",
          { class: warn ? "notice warn" : "notice ok", role: warn ? "alert" : null, "data-testid": "concentration" },
          warn
            ? t("concentrationWarn", { name: nameOf(top.client_id), share: pct(top1), th: pct(threshold) })
            : t("concentrationOk", { th: pct(threshold) }),
        ),
        h(
          "p",
          { class: "muted small" },
          `${t("top5", { share: pct(portfolio.concentration.top5_share) })} · ${t("hhi", { v: num(portfolio.concentration.hhi) })}`,
        ),
      );
    } else body.push(h("p", { class: "muted" }, t("noData")));
    grid.appendChild(card(t("sharesTitle"), "shares", ...body));
  }

  // --- evolution ---------------------------------------------------------------------------
  if (!(evolution instanceof Error)) {
    const months = evolution.total.months;
    const dir = evolution.total.trend.direction;
    grid.appendChild(
      card(
        t("evolutionTitle"),
        "evolution",
        h(
          "p",
          { class: "muted small" },
          `${t("evolutionLead")} · `,
          h("span", { class: `trend ${dir}` }, dir === "up" ? t("trendUp") : dir === "down" ? t("trendDown") : t("trendFlat")),
        ),
        chartFigure(
          t("evolutionTitle"),
          months.map((m) => `${monthLabel(m.month)} ${moneyShort(m.taxable_base)}`).join("; "),
          {
            type: "line",
            data: {
              labels: months.map((m) => monthLabel(m.month)),
              datasets: [
                {
                  label: t("total"),
                  data: months.map((m) => Number(m.taxable_base)),
                  borderColor: PALETTE[0],
                  backgroundColor: "rgba(15, 76, 92, 0.12)",
                  fill: true,
                  tension: 0.25,
                  pointRadius: 3,
                },
              ],
            },
            options: {
              plugins: {
                legend: { display: false },
                tooltip: { callbacks: { label: (c) => money(c.parsed.y as number) } },
              },
              scales: { y: moneyAxis() },
            },
          },
          { head: [t("month"), t("amount")], rows: months.map((m) => [monthLabel(m.month, true), money(m.taxable_base)]) },
        ),
      ),
    );
  }

  // --- aging ------------------------------------------------------------------------------
  if (!(aging instanceof Error)) {
    const buckets: Array<[string, string, string]> = [
      ["current", t("agingCurrent"), "#2e8b57"],
      ["1-30", t("aging1"), "#e0a21f"],
      ["31-60", t("aging2"), "#e07a1f"],
      ["61-90", t("aging3"), "#c4512b"],
      ["over_90", t("aging4"), "#9e1f2b"],
    ];
    grid.appendChild(
      card(
        t("agingTitle"),
        "aging",
        chartFigure(
          t("agingTitle"),
          buckets.map(([k, label]) => `${label} ${money(aging.total[k])}`).join("; "),
          {
            type: "bar",
            data: {
              labels: buckets.map((b) => b[1]),
              datasets: [{ data: buckets.map(([k]) => Number(aging.total[k] ?? 0)), backgroundColor: buckets.map((b) => b[2]) }],
            },
            options: {
              indexAxis: "y",
              plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => money(c.parsed.x as number) } } },
              scales: { x: moneyAxis(), y: { grid: { display: false } } },
            },
          },
          { head: [t("agingTitle"), t("amount")], rows: buckets.map(([k, label]) => [label, money(aging.total[k])]) },
        ),
      ),
    );
  }

  // --- defaulters -------------------------------------------------------------------------
  if (!(defaulters instanceof Error)) {
    const worst = Math.max(1, ...defaulters.items.map((d) => Number(d.overdue)));
    grid.appendChild(
      card(
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
      ),
    );
  }

  // --- alerts and clients at risk -----------------------------------------------------------
  const alertItems: HTMLElement[] = [];
  if (!(alerts instanceof Error)) {
    for (const a of alerts.items) {
      if (a.client_id === null) {
        // About the tenant, not a client: the certificate its VERI*FACTU records are sent with.
        if (a.kind !== "certificate_expiring") continue;
        const holder = String(a.details.holder_name || a.details.holder_nif || "");
        const text = t("alertCertificate", { name: holder, days: Math.trunc(Number(a.value)), on: date(String(a.details.not_after)) });
        alertItems.push(h("li", { class: `alert-${a.kind}` }, text, h("span", { class: "muted small" }, date(a.raised_at))));
        continue;
      }
      const params = { name: nameOf(a.client_id), v: pct(a.value), th: pct(a.threshold), period: monthLabel(a.period, true) };
      const text =
        a.kind === "concentration" ? t("alertConcentration", params) : a.kind === "top_client_drop" ? t("alertDrop", params) : t("alertLate", params);
      alertItems.push(h("li", { class: `alert-${a.kind}` }, h("a", { href: `#/clients/${a.client_id}` }, text), h("span", { class: "muted small" }, date(a.raised_at))));
    }
  }
  grid.appendChild(
    card(
      t("alertsTitle"),
      "alerts",
      alerts instanceof Error ? failed(alerts) : alertItems.length ? h("ul", { class: "alert-list", "data-testid": "alerts" }, alertItems) : h("p", { class: "muted" }, t("none")),
      atRisk instanceof Error || !atRisk.items.length
        ? null
        : h(
            "div",
            null,
            h("h3", null, t("atRiskTitle")),
            h(
              "ul",
              { class: "plain" },
              atRisk.items.slice(0, 4).map((r) =>
                h(
                  "li",
                  null,
                  h("a", { href: `#/clients/${r.client_id}` }, r.legal_name ?? "—"),
                  " ",
                  r.reasons.map((reason) => h("span", { class: "chip", title: reason.detail }, t(`reason_${reason.rule}` as Parameters<typeof t>[0]))),
                ),
              ),
            ),
          ),
    ),
  );

  // --- VERI*FACTU records to correct ------------------------------------------------------------
  // Hidden for someone who may not read invoices (403); a failure to load is shown as one.
  if (!(rejected instanceof ApiError && rejected.status === 403)) {
    grid.appendChild(
      card(
        t("vfRejectedTitle"),
        "verifactu-rejected",
        rejected instanceof Error
          ? failed(rejected)
          : rejected.items.length
            ? h(
                "div",
                null,
                h("p", { class: "muted small" }, t("vfRejectedLead")),
                h(
                  "ul",
                  { class: "plain vf-rejected", "data-testid": "verifactu-rejected" },
                  rejected.items.map((r) =>
                    h(
                      "li",
                      null,
                      h("a", { href: `#/invoices/${r.invoice_id}` }, r.number),
                      " ",
                      verifactuBadge(r.status),
                      " ",
                      h("span", { class: "muted small" }, date(r.issue_date)),
                      r.error ? h("p", { class: "small" }, t("vfError", { c: r.error.code ?? "—", d: r.error.description ?? "" })) : null,
                    ),
                  ),
                ),
              )
            : h("p", { class: "muted", "data-testid": "verifactu-rejected-none" }, t("vfNoneRejected")),
      ),
    );
  }

  // --- Modelo 347 of last year ----------------------------------------------------------------
  // It says, every time, that purchases are not in it: the return declares them too.
  if (!(m347 instanceof ApiError && m347.status === 403)) {
    grid.appendChild(
      card(
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
      ),
    );
  }

  // --- gained and lost ----------------------------------------------------------------------
  if (!(bridge instanceof Error)) {
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
    grid.appendChild(
      card(
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
      ),
    );
  }

  // Charts are drawn in a microtask once attached; the next frame has them on screen.
  await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  performance.mark("dashboard:ready");
  const measure = performance.measure("dashboard", "dashboard:start", "dashboard:ready");
  document.body.dataset.dashboardMs = String(Math.round(measure.duration));
  document.body.dataset.dashboardSinceNavigationMs = String(Math.round(performance.now()));
  grid.setAttribute("data-ready", "true");
}

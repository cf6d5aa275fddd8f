// The dashboard: the whole portfolio at a glance. Its figures are asked in parallel (dashboard/
// load.ts); each card is its own module and draws what its source answered, or that it failed.
import type { Ctx } from "../app";
import { h } from "../dom";
import { t } from "../i18n";
import { today } from "../util";
import { agingCard } from "./dashboard/agingCard";
import { alertsCard } from "./dashboard/alertsCard";
import { billingMonthCard } from "./dashboard/billingMonthCard";
import { billingYearCard } from "./dashboard/billingYearCard";
import { bridgeCard } from "./dashboard/bridgeCard";
import { cashForecastCard } from "./dashboard/cashForecastCard";
import { defaultersCard } from "./dashboard/defaultersCard";
import { evolutionCard } from "./dashboard/evolutionCard";
import { dashboardData } from "./dashboard/load";
import { modelo347Card } from "./dashboard/modelo347Card";
import { overdueCard } from "./dashboard/overdueCard";
import { requestsCard } from "./dashboard/requestsCard";
import { sharesCard } from "./dashboard/sharesCard";
import { verifactuRejectedCard } from "./dashboard/verifactuRejectedCard";

export { prefetchDashboard } from "./dashboard/load";

function present(...cards: Array<HTMLElement | null>): HTMLElement[] {
  return cards.filter((c): c is HTMLElement => c !== null);
}

export async function dashboardPage(ctx: Ctx): Promise<void> {
  performance.mark("dashboard:start");
  const year = today().slice(0, 4);
  ctx.main.appendChild(h("h1", null, t("dashTitle")));
  ctx.main.appendChild(h("p", { class: "muted", "aria-busy": "true", id: "dash-loading" }, t("loading")));
  const [evolution, ytd, prevYtd, portfolio, bridge, aging, defaulters, requests, alerts, settings, atRisk, rejected, m347, forecast] = await dashboardData();
  if (!ctx.alive()) return;
  document.getElementById("dash-loading")?.remove();

  // Names from every source that has them: a card shows a client by name whoever listed it.
  const names = new Map<string, string>();
  const named = (items: ReadonlyArray<{ client_id: string | null; legal_name: string | null }>) => {
    for (const item of items) if (item.client_id && item.legal_name) names.set(item.client_id, item.legal_name);
  };
  for (const source of [portfolio, defaulters, atRisk]) if (!(source instanceof Error)) named(source.items);
  if (!(bridge instanceof Error)) for (const g of [bridge.new, bridge.lost, bridge.growth, bridge.shrinkage]) named(g.items);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "—") : t("unnamed"));
  const threshold = settings instanceof Error ? 0.4 : Number(settings.concentration_threshold_fraction);

  const grid = h("div", { class: "dash-grid" });
  ctx.main.appendChild(grid);
  grid.appendChild(h("div", { class: "kpis" }, present(billingMonthCard(evolution), billingYearCard(ytd, prevYtd, year), overdueCard(aging), requestsCard(requests))));
  grid.append(
    ...present(
      sharesCard(portfolio, nameOf, threshold),
      evolutionCard(evolution),
      cashForecastCard(forecast),
      agingCard(aging),
      defaultersCard(defaulters),
      alertsCard(alerts, atRisk, nameOf),
      verifactuRejectedCard(rejected),
      modelo347Card(m347, year),
      bridgeCard(bridge, nameOf),
    ),
  );

  // Charts are drawn in a microtask once attached; the next frame has them on screen.
  await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  performance.mark("dashboard:ready");
  const measure = performance.measure("dashboard", "dashboard:start", "dashboard:ready");
  document.body.dataset.dashboardMs = String(Math.round(measure.duration));
  document.body.dataset.dashboardSinceNavigationMs = String(Math.round(performance.now()));
  grid.setAttribute("data-ready", "true");
}

// Every figure of the dashboard, asked in parallel; a failed source is an Error in its place.
import { type Answer, api, ApiError, settle } from "../../api";
import { addDays, sameDayLastYear, shiftMonth, today } from "../../util";

export type Evolution = Answer<"/v1/analytics/evolution">;
export type Portfolio = Answer<"/v1/analytics/portfolio">;
export type Bridge = Answer<"/v1/analytics/revenue-bridge">;
export type Aging = Answer<"/v1/collections/aging">;
export type Defaulters = Answer<"/v1/collections/defaulters">;
export type Requests = Answer<"/v1/requests">;
export type Alerts = Answer<"/v1/analytics/alerts">;
export type Settings = Answer<"/v1/analytics/settings">;
export type AtRisk = Answer<"/v1/analytics/clients-at-risk">;
export type CashForecast = Answer<"/v1/analytics/cash-forecast">;
export type RejectedRecords = Answer<"/v1/verifactu/records">;
/** GET /v1/analytics/modelo-347: sales only until Cartera records purchases (`covers`). */
export type Modelo347 = Answer<"/v1/analytics/modelo-347">;

function load() {
  const get = api.getQuiet;
  const day = today();
  const year = day.slice(0, 4);
  const thisMonth = day.slice(0, 7);
  const yearAgo = addDays(day, -364);
  return Promise.all([
    settle(get<"/v1/analytics/evolution">("/v1/analytics/evolution", { from: shiftMonth(thisMonth, -23), to: thisMonth, top: 0 })),
    settle(get<"/v1/analytics/portfolio">("/v1/analytics/portfolio", { from: `${year}-01-01`, to: day, limit: 1 })),
    settle(get<"/v1/analytics/portfolio">("/v1/analytics/portfolio", { from: `${Number(year) - 1}-01-01`, to: sameDayLastYear(day), limit: 1 })),
    settle(get<"/v1/analytics/portfolio">("/v1/analytics/portfolio", { from: yearAgo, to: day, limit: 8 })),
    settle(
      get<"/v1/analytics/revenue-bridge">("/v1/analytics/revenue-bridge", {
        from: yearAgo,
        to: day,
        compare_from: addDays(yearAgo, -365),
        compare_to: addDays(yearAgo, -1),
      }),
    ),
    settle(get<"/v1/collections/aging">("/v1/collections/aging")),
    settle(get<"/v1/collections/defaulters">("/v1/collections/defaulters")),
    settle(get<"/v1/requests">("/v1/requests", { limit: 200 })),
    settle(get<"/v1/analytics/alerts">("/v1/analytics/alerts", { limit: 4 })),
    settle(get<"/v1/analytics/settings">("/v1/analytics/settings")),
    settle(get<"/v1/analytics/clients-at-risk">("/v1/analytics/clients-at-risk")),
    // Records the AEAT rejected and nobody has corrected yet (a correction is a later record).
    settle(get<"/v1/verifactu/records">("/v1/verifactu/records", { status: "rejected", current: true, order: "newest", limit: 20 })),
    // The Modelo 347 filed each February is last year's.
    settle(get<"/v1/analytics/modelo-347">("/v1/analytics/modelo-347", { year: Number(year) - 1 })),
    settle(get<"/v1/analytics/cash-forecast">("/v1/analytics/cash-forecast", { weeks: 13 })),
  ]);
}

export type Loaded = Awaited<ReturnType<typeof load>>;

let prefetched: { at: number; data: Promise<Loaded> } | null = null;

/** Started with the page, beside the session check, when the dashboard is the first page. */
export function prefetchDashboard(): void {
  prefetched = { at: performance.now(), data: load() };
}

/** The prefetched figures when fresh, else asked now. */
export async function dashboardData(): Promise<Loaded> {
  const fresh = prefetched && performance.now() - prefetched.at < 10_000 ? prefetched.data : null;
  prefetched = null;
  const data = fresh ? await fresh : null;
  // A prefetch made before signing in got 401s: ask again, now with the session.
  if (!data || data.some((d) => d instanceof ApiError && d.status === 401)) return load();
  return data;
}

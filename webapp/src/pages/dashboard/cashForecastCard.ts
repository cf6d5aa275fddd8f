import { chartFigure, GREY, moneyAxis, PALETTE } from "../../charts";
import { h } from "../../dom";
import { date, money, moneyShort, t } from "../../i18n";
import type { CashForecast } from "./load";
import { card } from "./parts";

/** The cash expected per week from the open receivables, by each client's way of paying, with
 * its 10 %-90 % band; not shown when it could not be read. */
export function cashForecastCard(forecast: CashForecast | Error): HTMLElement | null {
  if (forecast instanceof Error) return null;
  const weeks = forecast.weeks;
  const labels = weeks.map((w) => date(w.week_start).replace(/\s*\d{4}$/, ""));
  return card(
    t("forecastTitle"),
    "forecast",
    chartFigure(
      t("forecastTitle"),
      weeks.map((w) => `${t("forecastWeek", { d: date(w.week_start) })}: ${money(w.expected)} (${money(w.low)}–${money(w.high)})`).join("; "),
      {
        type: "bar",
        data: {
          labels,
          datasets: [
            { type: "bar", label: t("forecastExpected"), data: weeks.map((w) => Number(w.expected)), backgroundColor: PALETTE[0], order: 2 },
            // The band as a floating bar behind each week's: from its low to its high.
            {
              type: "bar",
              label: t("forecastBand"),
              data: weeks.map((w) => [Number(w.low), Number(w.high)] as [number, number]),
              backgroundColor: `${GREY}88`,
              grouped: false,
              order: 3,
            },
          ],
        },
        options: {
          plugins: {
            legend: { position: "bottom" },
            tooltip: {
              callbacks: {
                label: (c) => {
                  const w = weeks[c.dataIndex];
                  return c.datasetIndex === 0 ? `${t("forecastExpected")}: ${money(w?.expected)}` : `${t("forecastBand")}: ${money(w?.low)}–${money(w?.high)}`;
                },
              },
            },
          },
          scales: { y: moneyAxis(), x: { grid: { display: false } } },
        },
      },
      {
        head: [t("forecastWeek", { d: "" }).trim(), t("forecastExpected"), t("forecastBand")],
        rows: weeks.map((w) => [date(w.week_start), money(w.expected), `${money(w.low)}–${money(w.high)}`]),
      },
    ),
    h(
      "p",
      { class: "muted small" },
      t("forecastNote", {
        d: moneyShort(forecast.excluded.disputed),
        r: moneyShort(forecast.excluded.returned_direct_debit),
        l: moneyShort(forecast.later),
      }),
    ),
  );
}

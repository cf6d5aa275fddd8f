// Charts with Chart.js (bundled at build time, nothing from a CDN). Every chart is a <figure>
// with a caption, a canvas with role="img" and an aria-label that says what it shows, and a
// visually hidden table with the same figures for screen readers.

import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { h } from "./dom";
import { moneyShort, t } from "./i18n";

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.animation = false; // shown at once: the dashboard must be there in under a second
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
Chart.defaults.color = "#33414d";
Chart.defaults.maintainAspectRatio = false;

// Colour-blind-safe palette (Okabe-Ito based), dark enough on white.
export const PALETTE = ["#0f4c5c", "#e07a1f", "#2a7ab0", "#2e8b57", "#b8477a", "#7a6a00", "#5d5d9e", "#8c564b"];
export const GREY = "#a9b4bd";

const live = new Set<Chart>();

/** Charts of the page being left are destroyed (no leaks across navigation). */
export function destroyCharts(): void {
  for (const chart of live) chart.destroy();
  live.clear();
}

export interface TableData {
  head: string[];
  rows: Array<Array<string>>;
}

export function chartFigure(
  caption: string,
  summary: string,
  config: ChartConfiguration,
  table: TableData,
  tall = false,
): HTMLElement {
  const canvas = h("canvas", { role: "img", "aria-label": `${caption}. ${summary}` });
  const wrap = h("div", { class: tall ? "chart chart-tall" : "chart" }, canvas);
  const figure = h(
    "figure",
    { class: "chart-figure" },
    wrap,
    // In a visually hidden box: a table ignores the 1px width it would be given itself.
    h(
      "div",
      { class: "sr-only" },
      h(
      "table",
      null,
      h("caption", null, `${t("chartTableCaption")}: ${caption}`),
      h("thead", null, h("tr", null, table.head.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, table.rows.map((r) => h("tr", null, r.map((c) => h("td", null, c))))),
      ),
    ),
  );
  // Drawn once the canvas is in the document (Chart.js measures its parent).
  const draw = (tries: number) => {
    if (canvas.isConnected) live.add(new Chart(canvas, config));
    else if (tries > 0) requestAnimationFrame(() => draw(tries - 1));
  };
  queueMicrotask(() => draw(30));
  return figure;
}

export function moneyAxis(): Record<string, unknown> {
  return {
    beginAtZero: true,
    ticks: { callback: (v: string | number) => moneyShort(Number(v)) },
    grid: { color: "#e3e8ec" },
  };
}

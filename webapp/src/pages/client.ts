// A client's page: its head, the figures that matter, then one card per subject. The data is asked
// in parallel (client/load.ts); each card is its own module.
import type { Ctx } from "../app";
import { h } from "../dom";
import { behaviourCard } from "./client/behaviourCard";
import { billing12Card } from "./client/billing12Card";
import { billingCard } from "./client/billingCard";
import { documentsCard } from "./client/documentsCard";
import { fiscalCard } from "./client/fiscalCard";
import { clientHead, warningsNotice } from "./client/head";
import { invoicesCard } from "./client/invoicesCard";
import { clientData } from "./client/load";
import { overdueCard } from "./client/overdueCard";
import { receivablesCard } from "./client/receivablesCard";
import { riskCard } from "./client/riskCard";
import { satisfactionCard } from "./client/satisfactionCard";
import { timelineCard } from "./client/timelineCard";

export async function clientPage(ctx: Ctx): Promise<void> {
  const id = ctx.params.id;
  const [client, history, docs, invoices, receivables, payments, behaviour, satisfaction, timeline, evolution, portfolio, lateRisk] = await clientData(id);
  if (!ctx.alive()) return;

  ctx.main.append(clientHead(client));
  const warnings = warningsNotice(client);
  if (warnings) ctx.main.appendChild(warnings);

  const kpis = h("div", { class: "kpis" });
  ctx.main.appendChild(kpis);
  kpis.append(billing12Card(portfolio, id));
  if (!(behaviour instanceof Error)) kpis.append(overdueCard(behaviour), behaviourCard(behaviour));
  if (!(satisfaction instanceof Error)) kpis.append(satisfactionCard(satisfaction));

  const grid = h("div", { class: "client-grid" });
  ctx.main.appendChild(grid);
  grid.append(
    billingCard(evolution),
    fiscalCard(client, history),
    invoicesCard(invoices),
    receivablesCard(receivables, payments),
    ...(lateRisk instanceof Error ? [] : [riskCard(lateRisk)]),
    documentsCard(id, docs),
    timelineCard(timeline),
  );
}

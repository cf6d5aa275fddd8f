// Everything the client page shows, asked in parallel. The client itself must come (the page is
// about it); any other source may fail, and is then an Error in its place.
import { type Answer, api, settle } from "../../api";
import { addDays, shiftMonth, today } from "../../util";

export type Version = Answer<"/v1/clients/{client_id}/history">["items"][number];
export type Documents = Answer<"/v1/clients/{client_id}/documents">;
export type Doc = Documents["items"][number];
export type Invoices = Answer<"/v1/invoices">;
export type Receivables = { items: Answer<"/v1/receivables">["items"] };
export type Payments = Answer<"/v1/payments">;
export type Behaviour = Answer<"/v1/analytics/payment-behaviour">;
export type Satisfaction = Answer<"/v1/analytics/satisfaction">;
export type Timeline = Answer<"/v1/clients/{client_id}/timeline">;
export type Evolution = Answer<"/v1/analytics/evolution">;
export type Portfolio = Answer<"/v1/analytics/portfolio">;
export type LateRisk = Answer<"/v1/analytics/late-payment-risk">;

export function clientData(id: string) {
  const day = today();
  const thisMonth = day.slice(0, 7);
  return Promise.all([
    api.get<"/v1/clients/{client_id}">(`/v1/clients/${id}`),
    // A client has a handful of versions: the first page (up to 500) is all of them.
    settle(api.get<"/v1/clients/{client_id}/history">(`/v1/clients/${id}/history`, { limit: 500 }).then((page) => page.items)),
    settle(api.get<"/v1/clients/{client_id}/documents">(`/v1/clients/${id}/documents`)),
    settle(api.get<"/v1/invoices">("/v1/invoices", { client_id: id, order: "newest", limit: 100 })),
    // What the client owes (newest first), then the six it settled last.
    settle(
      Promise.all([
        api.get<"/v1/receivables">("/v1/receivables", { client_id: id, status: ["open", "partially_paid"], limit: 100 }),
        api.get<"/v1/receivables">("/v1/receivables", { client_id: id, status: "settled", order: "newest", limit: 6 }),
      ]).then(
        ([owed, settled]): Receivables => ({
          items: [...owed.items].sort((a, b) => b.issue_date.localeCompare(a.issue_date)).concat(settled.items),
        }),
      ),
    ),
    settle(api.get<"/v1/payments">("/v1/payments", { client_id: id, order: "newest", limit: 30 })),
    settle(api.get<"/v1/analytics/payment-behaviour">("/v1/analytics/payment-behaviour", { client_id: id, weeks: 1 })),
    settle(api.get<"/v1/analytics/satisfaction">("/v1/analytics/satisfaction", { client_id: id, from: addDays(day, -364), to: day })),
    settle(api.get<"/v1/clients/{client_id}/timeline">(`/v1/clients/${id}/timeline`, { limit: 25 })),
    settle(api.get<"/v1/analytics/evolution">("/v1/analytics/evolution", { client_id: id, from: shiftMonth(thisMonth, -23), to: thisMonth })),
    settle(api.get<"/v1/analytics/portfolio">("/v1/analytics/portfolio", { from: addDays(day, -364), to: day, limit: 5000 })),
    settle(api.get<"/v1/analytics/late-payment-risk">("/v1/analytics/late-payment-risk", { client_id: id })),
  ]);
}

// Cartera's TypeScript client: openapi-fetch over the generated types. Every path, parameter,
// body and answer is checked by the compiler against docs/api/openapi.json.
//
//   const cartera = createCartera({ baseUrl: "https://api.example", apiKey: "ck_..." });
//   const { data, error } = await cartera.GET("/v1/clients/{client_id}", { params: { path: { client_id } } });
//
// `data` is the answer on a 2xx; `error` is the problem (RFC 9457) on a 4xx or 5xx.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";

export * from "./types";

export interface CarteraOptions {
  /** The gateway's origin, without /v1. */
  baseUrl: string;
  /** A tenant's API key (`ck_...`). */
  apiKey: string;
  /** Another fetch (a test's, a proxy's); the global one by default. */
  fetch?: typeof globalThis.fetch;
}

export type Cartera = Client<paths>;

export function createCartera(options: CarteraOptions): Cartera {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: { Authorization: `Bearer ${options.apiKey}`, Accept: "application/json" },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

// Calls to the gateway's /v1 API with the session cookie (HttpOnly, set by sign-in). Unsafe
// methods carry the session's CSRF token in X-CSRF-Token, as the gateway requires.
//
// Every call names the path of the document it calls (`api.get<"/v1/clients/{client_id}">(…)`):
// the compiler checks the URL against it and types the answer from clients/typescript, the types
// generated from docs/api/openapi.json. A call that names no path does not compile.

import type { components } from "../../clients/typescript/src/schema";
import type { Answer, Filled, PathsWith, Problem, QueryOf } from "../../clients/typescript/src/types";

export type { Answer, Problem };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly body: Problem | null,
    readonly retryAfter: number | null,
  ) {
    super(detail);
  }
}

/** What to show a person for a failed call: the problem's detail, or the error's message. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The call's answer, or its failure as a value: a page shows what came and marks what failed. */
export function settle<T>(p: Promise<T>): Promise<T | Error> {
  return p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
}

export type Me = Answer<"/v1/auth/me">;

let csrf: string | null = null;
// A hint (not a credential: the session is the HttpOnly cookie) that this browser signed in,
// so the first page may ask for its data beside the session check.
const SIGNED_IN = "cartera.signedIn";

export function probablySignedIn(): boolean {
  return localStorage.getItem(SIGNED_IN) === "1";
}
let onUnauthorized: () => void = () => undefined;

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type Scalar = string | number | boolean | null | undefined;
/** An array is sent as the parameter repeated (`?status=open&status=partially_paid`). */
type Query = Record<string, Scalar | readonly Scalar[]>;

export function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== null && v !== undefined && v !== "") params.append(k, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
  quiet = false,
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...extraHeaders };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  const answer = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
  if (answer.status === 204) return undefined as T;
  const type = answer.headers.get("content-type") ?? "";
  const parsed = type.includes("json") ? await answer.json().catch(() => null) : null;
  if (!answer.ok) {
    const detail =
      (parsed && typeof parsed.detail === "string" && parsed.detail) ||
      (parsed && Array.isArray(parsed.detail) && parsed.detail.map((d: { msg?: string }) => d.msg).join("; ")) ||
      `${answer.status} ${answer.statusText}`;
    const retry = Number(answer.headers.get("retry-after")) || null;
    if (answer.status === 401) localStorage.removeItem(SIGNED_IN);
    if (answer.status === 401 && !quiet && !path.startsWith("/v1/auth/")) onUnauthorized();
    throw new ApiError(answer.status, detail, parsed, retry);
  }
  return parsed as T;
}

type Get = PathsWith<"get">;
type Post = PathsWith<"post">;
/** The query of a GET: only the parameters the document names (their values are the form's
 * strings; the API validates them). An array is sent as the parameter repeated. */
type QueryFor<P extends Get> = { [K in keyof QueryOf<P>]?: Scalar | readonly Scalar[] };

// `= never`: a call must name its path; without it the URL would match no operation.
export const api = {
  get: <P extends Get = never>(path: NoInfer<Filled<P>>, query: QueryFor<P> = {}) =>
    request<Answer<P>>("GET", url(path, query as Query)),
  /** A GET whose 401 does not bring back the sign-in page (a prefetch made before we know). */
  getQuiet: <P extends Get = never>(path: NoInfer<Filled<P>>, query: QueryFor<P> = {}) =>
    request<Answer<P>>("GET", url(path, query as Query), undefined, {}, true),
  post: <P extends Post = never>(path: NoInfer<Filled<P>>, body?: unknown, headers?: Record<string, string>) =>
    request<Answer<P, "post">>("POST", path, body, headers),
  put: <P extends PathsWith<"put"> = never>(path: NoInfer<Filled<P>>, body?: unknown) => request<Answer<P, "put">>("PUT", path, body),
  patch: <P extends PathsWith<"patch"> = never>(path: NoInfer<Filled<P>>, body?: unknown) =>
    request<Answer<P, "patch">>("PATCH", path, body),
  del: <P extends PathsWith<"delete"> = never>(path: NoInfer<Filled<P>>) => request<Answer<P, "delete">>("DELETE", path),
  /** Binary answers (the invoice PDF, the FacturaE file) as a Blob; a refusal's problem detail
   * becomes the error's message (e.g. the 409 that says how to sign a FacturaE). */
  async blob(path: string): Promise<Blob> {
    const answer = await fetch(path, { credentials: "same-origin" });
    if (!answer.ok) {
      const type = answer.headers.get("content-type") ?? "";
      const parsed = type.includes("json") ? await answer.json().catch(() => null) : null;
      const detail = (parsed && typeof parsed.detail === "string" && parsed.detail) || `${answer.status}`;
      throw new ApiError(answer.status, detail, parsed, null);
    }
    return answer.blob();
  },
};

export async function me(): Promise<Me | null> {
  try {
    const who = await request<Me>("GET", "/v1/auth/me");
    csrf = who.csrf_token ?? null;
    return who;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** A tenant the e-mail and password open, when they open several (the sign-in's 409: the
 * document's `ProblemDetails.tenants`). */
export type TenantChoice = components["schemas"]["TenantChoice"];

/** The tenants to choose from when a sign-in's e-mail and password open several, else null. */
export function tenantChoices(err: unknown): TenantChoice[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || !Array.isArray(err.body?.tenants)) return null;
  return err.body.tenants as TenantChoice[];
}

export async function signIn(email: string, password: string, tenantId?: string): Promise<void> {
  const answer = await request<Answer<"/v1/auth/sign-in", "post">>("POST", "/v1/auth/sign-in", {
    email,
    password,
    session: "cookie",
    ...(tenantId ? { tenant_id: tenantId } : {}),
  });
  csrf = answer.csrf_token ?? null;
  localStorage.setItem(SIGNED_IN, "1");
}

/** A session in another business the person belongs to (the header's switch, the desk). */
export async function switchTenant(tenantId: string): Promise<void> {
  const answer = await request<Answer<"/v1/auth/switch", "post">>("POST", "/v1/auth/switch", { tenant_id: tenantId });
  csrf = answer.csrf_token ?? null;
}

/** Accept an invitation: with the session of a signed-in person, or a new person's name and
 * password. */
export async function acceptInvitation(token: string, newPerson?: { name: string; password: string }): Promise<void> {
  await request<Answer<"/v1/auth/invitation", "post">>("POST", "/v1/auth/invitation", { token, ...(newPerson ?? {}) });
}

/** A new password with the token of a mailed reset link. */
export async function resetPassword(token: string, password: string): Promise<void> {
  await request("POST", "/v1/auth/password-reset", { token, password });
}

export async function signOut(): Promise<void> {
  try {
    await request("POST", "/v1/auth/sign-out");
  } finally {
    csrf = null;
    localStorage.removeItem(SIGNED_IN);
  }
}

export function idempotencyKey(): string {
  return crypto.randomUUID();
}

// --- the answers the pages read: the generated types of clients/typescript ----------------
// Named by the operation that answers them, so a renamed schema changes nothing here, and a
// renamed or removed field stops `npm run typecheck` wherever a page reads it.

type Item<T extends { items: readonly unknown[] }> = T["items"][number];

export type Client = Answer<"/v1/clients/{client_id}">;
export type Address = NonNullable<Client["fiscal_address"]>;
export type Invoice = Answer<"/v1/invoices/{invoice_id}">;
export type Line = Invoice["lines"][number];
/** An issuer or recipient as an invoice prints it. */
export type Party = NonNullable<Invoice["issuer"]>;
export type VerifactuStatus = NonNullable<Invoice["verifactu_status"]>;
export type InvoiceVerifactu = NonNullable<Invoice["verifactu"]>;
export type SupportRequest = Item<Answer<"/v1/requests">>;
export type Interaction = Item<Answer<"/v1/interactions">>;

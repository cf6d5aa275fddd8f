// Calls to the gateway's /v1 API with the session cookie (HttpOnly, set by sign-in). Unsafe
// methods carry the session's CSRF token in X-CSRF-Token, as the gateway requires.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly body: Record<string, unknown> | null,
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

export interface Me {
  tenant_id: string;
  tenant_name?: string;
  subject?: string;
  csrf_token?: string;
  user?: { id: string; email: string; name: string; role: string };
}

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

export const api = {
  get: <T>(path: string, query: Query = {}) => request<T>("GET", url(path, query)),
  /** A GET whose 401 does not bring back the sign-in page (a prefetch made before we know). */
  getQuiet: <T>(path: string, query: Query = {}) => request<T>("GET", url(path, query), undefined, {}, true),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>("POST", path, body, headers),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body),
  del: <T>(path: string) => request<T>("DELETE", path),
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

/** A tenant the e-mail and password open, when they open several (the sign-in's 409). */
export interface TenantChoice {
  tenant_id: string;
  name: string;
}

/** The tenants to choose from when a sign-in's e-mail and password open several, else null. */
export function tenantChoices(err: unknown): TenantChoice[] | null {
  if (!(err instanceof ApiError) || err.status !== 409 || !Array.isArray(err.body?.tenants)) return null;
  return err.body.tenants as TenantChoice[];
}

export async function signIn(email: string, password: string, tenantId?: string): Promise<void> {
  const answer = await request<{ csrf_token: string }>("POST", "/v1/auth/sign-in", {
    email,
    password,
    session: "cookie",
    ...(tenantId ? { tenant_id: tenantId } : {}),
  });
  csrf = answer.csrf_token;
  localStorage.setItem(SIGNED_IN, "1");
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

// --- shapes used by the pages (only the fields the app reads) -----------------------------

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number;
}
export interface Address {
  street?: string;
  postal_code?: string;
  city?: string;
  province?: string | null;
  country?: string;
}
export interface Client {
  id: string;
  version: number;
  legal_name: string;
  trade_name: string | null;
  kind: string;
  tax_id: string;
  country: string;
  fiscal_address: Address | null;
  email: string | null;
  phone: string | null;
  payment_terms: { days: number; instalments: number; interval_days: number; fixed_day: number | null };
  tax_treatment: { vat_regime: string; equivalence_surcharge: boolean; irpf_retention: boolean } | null;
  tags: string[];
  notes: string | null;
  status: string;
  valid_from: string;
  created_at: string;
  /** Data kept before a rule refused it (e.g. a CIF's control character): shown, not refused. */
  warnings?: string[];
}
export interface Line {
  description: string;
  quantity: string;
  unit_price: string;
  vat_rate: string;
  amount?: string;
}
export interface Invoice {
  id: string;
  status: string;
  series: string;
  number: string | null;
  client_id: string | null;
  issue_date: string | null;
  currency: string;
  lines: Line[];
  totals: { taxable_base: string; vat: string; surcharge: string; irpf: string; total: string };
  issuer: { legal_name: string; tax_id: string; address: Address } | null;
  recipient: { legal_name: string; tax_id: string; address: Address } | null;
  due_dates: Array<{ amount: string; due_on: string }>;
  created_at: string;
  rectifies_id?: string | null;
  rectifications?: Array<{ id: string; number: string }>;
  cancelled_at?: string | null;
  cancellation?: { reason: string; cancelled_by?: string } | null;
  /** The AEAT's answer to the invoice's last VERI*FACTU record; null for a draft. */
  verifactu_status?: VerifactuStatus | null;
  verifactu?: InvoiceVerifactu | null;
}
export type VerifactuStatus = "pending" | "sent" | "accepted" | "accepted_with_errors" | "rejected";
export interface VerifactuSubmission {
  status: VerifactuStatus;
  csv: string | null;
  error: { code: number | null; description: string | null } | null;
  attempts: number;
  answered_at: string | null;
}
export interface InvoiceVerifactu extends VerifactuSubmission {
  record_id: string;
  kind: "alta" | "anulacion";
  position: number;
}
/** A record of the tenant's list (GET /v1/verifactu/records). */
export interface VerifactuRecord extends VerifactuSubmission {
  record_id: string;
  invoice_id: string;
  kind: "alta" | "anulacion";
  number: string;
  issue_date: string;
  generated_at: string;
}
export interface Instalment {
  seq: number;
  due_on: string;
  amount: string;
  paid: string;
  outstanding: string;
  status: string;
  days_overdue: number;
}
export interface Receivable {
  id: string;
  invoice_id: string;
  invoice_number: string;
  client_id: string;
  issue_date: string;
  amount: string;
  paid: string;
  outstanding: string;
  status: string;
  instalments: Instalment[];
}
export interface Payment {
  id: string;
  invoice_id: string;
  invoice_number: string;
  client_id: string;
  amount: string;
  paid_on: string;
  method: string;
  reversed: boolean;
}
export interface SupportRequest {
  id: string;
  client_id: string;
  subject: string;
  description: string;
  priority: string;
  status: string;
  assignee: string | null;
  opened_at: string;
  sla_due_at: string | null;
  sla_breached: boolean;
}
export interface Interaction {
  id: string;
  client_id: string;
  channel: string;
  direction: string;
  occurred_at: string;
  contact_name: string | null;
  summary: string;
  outcome: string;
}
export interface MonthPoint {
  month: string;
  taxable_base: string;
  total: string;
  invoices: number;
  mom_change: string | null;
  yoy_change: string | null;
}
export interface Evolution {
  from: string;
  to: string;
  total: { months: MonthPoint[]; trend: { direction: string } };
  clients: Array<{ client_id: string | null; legal_name: string | null; months: MonthPoint[] }>;
}
export interface Portfolio {
  totals: { taxable_base: string; total: string; invoices: number; clients: number };
  concentration: { top1_share: string | null; top5_share: string | null; hhi: string | null };
  items: Array<{
    rank: number;
    client_id: string | null;
    legal_name: string | null;
    taxable_base: string;
    share: string;
    abc: string;
  }>;
}

// A first session with Cartera's API from TypeScript: list the clients, create one, read it back,
// and read a problem (RFC 9457) the way a 4xx comes. Build and run it against a gateway:
//
//   npm run quickstart            (with CARTERA_BASE_URL and CARTERA_API_KEY set)
//
// It prints one JSON line with what it saw, and exits non-zero when an answer is not the expected.
import { type Answer, createCartera, type Problem } from "../src/index";

// Node's own, declared here so that the example needs no @types/node.
declare const process: { env: Record<string, string | undefined> };

const baseUrl = process.env.CARTERA_BASE_URL ?? "http://127.0.0.1:8000";
const apiKey = process.env.CARTERA_API_KEY;
if (!apiKey) throw new Error("set CARTERA_API_KEY to a tenant's API key (ck_...)");
// A CIF whose control character is right (the API refuses one that is not).
const taxId = process.env.CARTERA_TAX_ID ?? "B94079738";

const cartera = createCartera({ baseUrl, apiKey });

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

// 1. The first page of clients: `data` is the page, typed from the document.
const listed = await cartera.GET("/v1/clients", { params: { query: { limit: 10 } } });
expect(listed.data, `listing clients failed: ${listed.response.status} ${JSON.stringify(listed.error)}`);
const before: Answer<"/v1/clients">["items"] = listed.data.items;

// 2. A new client. The body is checked by the compiler against ClientCreate.
const created = await cartera.POST("/v1/clients", {
  body: {
    legal_name: "Talleres Mecánicos Aranda S.L.",
    kind: "company",
    tax_id: taxId,
    country: "ES",
    fiscal_address: { street: "Calle de la Industria 14", postal_code: "09400", city: "Aranda de Duero", province: "Burgos", country: "ES" },
    email: "administracion@talleresaranda.es",
  },
});
expect(created.data, `creating a client failed: ${created.response.status} ${JSON.stringify(created.error)}`);
expect(created.response.status === 201, `a new client answers 201, not ${created.response.status}`);
const clientId = created.data.id;

// 3. Read back: the path parameter is named and typed.
const read = await cartera.GET("/v1/clients/{client_id}", { params: { path: { client_id: clientId } } });
expect(read.data, `reading the client back failed: ${read.response.status}`);
expect(read.data.tax_id === taxId && read.data.legal_name === "Talleres Mecánicos Aranda S.L.", "the client read back is not the one created");

// 4. A 4xx: a client that does not exist. `error` is the problem document, `data` is undefined.
const missing = await cartera.GET("/v1/clients/{client_id}", {
  params: { path: { client_id: "00000000-0000-4000-8000-000000000000" } },
});
expect(missing.data === undefined && missing.error, "a missing client must answer with a problem");
const problem: Problem = missing.error;
expect(missing.response.status === 404 && problem.status === 404, `a missing client answers 404, not ${missing.response.status}`);
expect((missing.response.headers.get("content-type") ?? "").startsWith("application/problem+json"), "a problem is application/problem+json");

console.log(
  JSON.stringify({
    listed: before.length,
    created: { id: clientId, version: created.data.version },
    read_back: { id: read.data.id, tax_id: read.data.tax_id, legal_name: read.data.legal_name },
    problem: { status: problem.status, title: problem.title, type: problem.type, detail: problem.detail },
  }),
);

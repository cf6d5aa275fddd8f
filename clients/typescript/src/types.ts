// Names for the generated types (src/schema.d.ts), typed by where an answer comes from rather
// than by a schema's name: `Answer<"/v1/clients/{client_id}">` stays right when a schema is
// renamed, and stops compiling when the path or the field a caller reads goes away.
// Types only: importing this file adds nothing to a bundle.
import type { components, paths } from "./schema";

export type { components, operations, paths } from "./schema";

/** A schema of the document by its name, e.g. `Schema<"ProblemDetails">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

export type Method = "get" | "put" | "post" | "delete" | "patch";
type SuccessCode = 200 | 201 | 202 | 203 | 204 | 206;

/** Every path that has an operation for the method. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, infer Op> ? ([Op] extends [never | undefined] ? never : P) : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer Op> ? Op : never;
type Json<R> = R extends { content: { "application/json": infer J } } ? J : R extends { content?: never } ? undefined : never;

/** The JSON body of the success answer of an operation (undefined for a 204). */
export type Answer<P extends keyof paths, M extends Method = "get"> =
  Operation<P, M> extends { responses: infer S } ? Json<S[Extract<keyof S, SuccessCode>]> : never;

/** The JSON body an operation takes. */
export type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

/** The query parameters of an operation. */
export type QueryOf<P extends keyof paths, M extends Method = "get"> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never;

/** The URL of a templated path: `/v1/clients/{client_id}` is any `/v1/clients/${string}`. */
export type Filled<P extends string> = P extends `${infer Head}{${string}}${infer Tail}` ? `${Head}${string}${Filled<Tail>}` : P;

/** The body of every 4xx and 5xx answer (RFC 9457). */
export type Problem = Schema<"ProblemDetails">;

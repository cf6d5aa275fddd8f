"""What every route publishes in the OpenAPI document besides its path: a typed answer, the
errors it can give, a readable operation id.

- `Answer`: the base of every response model. Unknown keys are refused (`extra="forbid"`), so a
  route whose answer drifts from its declared model fails loudly (a 500 in tests) instead of
  FastAPI silently dropping the key on the wire.
- `errors(...)`: the `responses=` entries for the problem-details answers a route or router can
  give, with the shared `Problem` schema.
- `operation_id`: FastAPI's `generate_unique_id_function` for every service: the route
  function's name (`list_invoices`), unique within a service (a test checks it).
"""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    SerializerFunctionWrapHandler,
    model_serializer,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from cartera_shared.problems import PROBLEM_MEDIA_TYPE

CODE_PATTERN = "^[a-z][a-z0-9_]*$"

# FastAPI writes the OpenAPI document without null members (`exclude_none`), which would also strip
# every `null` of an example and leave it invalid against its own schema. Examples mark their
# nulls with this stand-in while the document is built; `restore_example_nulls` puts them back.
NULL_STAND_IN = "\u2400cartera-null\u2400"


def _mark_nulls(value: Any) -> Any:
    if value is None:
        return NULL_STAND_IN
    if isinstance(value, dict):
        return {key: _mark_nulls(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_mark_nulls(item) for item in value]
    return value


def mark_example_nulls(schema: dict[str, Any]) -> None:
    """In a JSON schema (and its properties), mark the nulls of `examples` and `example`."""
    for key in ("examples", "example"):
        if key in schema:
            schema[key] = _mark_nulls(schema[key])
    for child in (schema.get("properties") or {}).values():
        if isinstance(child, dict):
            mark_example_nulls(child)


def restore_example_nulls(document: Any) -> Any:
    """Every stand-in of the built document back to null (in place; returns the document)."""
    if isinstance(document, dict):
        for key, item in document.items():
            document[key] = None if item == NULL_STAND_IN else restore_example_nulls(item)
    elif isinstance(document, list):
        for index, item in enumerate(document):
            document[index] = None if item == NULL_STAND_IN else restore_example_nulls(item)
    return document


class ExamplesKeepNulls:
    """Mixed into the base models whose examples reach the OpenAPI document."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        mark_example_nulls(handler.resolve_ref_schema(schema))
        return schema


class Answer(ExamplesKeepNulls, BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stored(Answer):
    """An answer read back from a JSON document the service stored (an invoice's printed
    parties, a client's past state, a timeline entry's facts): a member the stored document
    lacks (it was written before the member existed, or its kind does not use it) stays absent
    from the answer instead of appearing as null, so typing such a document changes nothing on
    the wire. Members that may be absent are optional in the schema."""

    # No return annotation on purpose: pydantic would take it as the serialised schema and
    # publish the model as a free-form object.
    @model_serializer(mode="wrap")
    def _only_what_was_stored(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        written = handler(self)
        return {key: value for key, value in written.items() if key in self.model_fields_set}


class FieldError(BaseModel):
    """One field a problem concerns."""

    loc: list[str | int] = Field(
        description="The path to the field in the request: where (`body`, `query`, `path`, "
        "`header`), then names and list positions.",
        examples=[["body", "lines", 0, "quantity"]],
    )
    msg: str = Field(description="What is wrong with it, for a person.")
    type: str = Field(description="The kind of error (e.g. `missing`, `value_error`).")


class ProblemDetails(BaseModel):
    """RFC 9457 problem details: the body of every 4xx and 5xx answer."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "example": {
                "type": "https://cartera.dev/problems/validation-error",
                "title": "Unprocessable entity",
                "status": 422,
                "detail": "The request body or parameters are invalid.",
                "code": "validation_error",
                "errors": [
                    {
                        "loc": ["body", "tax_id"],
                        "msg": "Value error, tax_id: B1234567X is not a valid CIF",
                        "type": "value_error",
                    }
                ],
            }
        },
    )

    type: str = Field(description="The kind of problem, as a URI.")
    title: str = Field(description="A short summary of the kind.")
    status: int = Field(description="The HTTP status again.")
    detail: str = Field(
        description="What went wrong this time, for a person; its words may change."
    )
    # A string, not an enum: new codes are added within /v1 (docs/partners/versioning.md), and a
    # client generated from an enum would refuse an answer carrying one it does not know.
    code: str = Field(
        pattern=CODE_PATTERN,
        description="What went wrong, for a program: stable within /v1; new codes may be added. "
        "The catalogue is in the errors guide.",
        examples=["validation_error", "unknown_reference", "verifactu_pending"],
    )
    errors: list[FieldError] | None = Field(
        default=None, description="The fields of the request the problem concerns."
    )
    retry_after: int | None = Field(
        default=None,
        description="Seconds to wait before sending the same request again (also the "
        '`Retry-After` header): present when the answer may change by itself ("not yet").',
    )


ERROR_DESCRIPTIONS = {
    400: "The request cannot be read.",
    401: "No credential, or one that is not valid.",
    403: "The credential lacks the scope this operation needs.",
    404: "What the path names does not exist (or belongs to another tenant).",
    409: "The request conflicts with the current state: a duplicate, a stale `If-Match`, an "
    "`Idempotency-Key` used for another request, or a state that does not allow it.",
    410: "It existed but is gone for good (an expired or replaced link).",
    413: "The body is larger than allowed.",
    415: "The body's media type is not one this operation reads.",
    422: "The body or the parameters are not valid; nothing was written.",
    429: "Too many requests; retry after the `Retry-After` seconds.",
    503: "A part of the system this operation needs is not available now; retry later.",
}

# What any route behind the gateway may answer, whatever it does.
COMMON_ERRORS = (401, 403, 422, 429, 503)


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these problem answers (the common ones when none is given)."""
    return {
        code: {
            "model": ProblemDetails,
            "description": ERROR_DESCRIPTIONS[code],
            # FastAPI writes the model under application/json; problem answers are sent as
            # application/problem+json, which must carry the same schema.
            "content": {
                PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}
            },
        }
        for code in (codes or COMMON_ERRORS)
    }


def operation_id(route: APIRoute) -> str:
    return route.name

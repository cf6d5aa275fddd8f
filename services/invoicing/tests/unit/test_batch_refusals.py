"""A refusal of one invoice of a batch becomes the batch's refusal, naming the invoice."""

from __future__ import annotations

from cartera_invoicing.invoices.issuing import refusal_of_item
from cartera_shared.problems import Code, Conflict, NotFound, UnprocessableEntity, field_error


def test_a_field_error_is_placed_under_the_invoice_it_concerns():
    refused = refusal_of_item(
        UnprocessableEntity(
            "There is no series 'X'.",
            code=Code.UNKNOWN_REFERENCE,
            errors=field_error("body", "series", msg="unknown series", type="unknown_reference"),
        ),
        7,
    )
    assert isinstance(refused, UnprocessableEntity)
    assert refused.code == Code.UNKNOWN_REFERENCE
    assert refused.extensions["item"] == 7
    assert refused.detail.startswith("Invoice 7 of the batch: There is no series 'X'.")
    assert [e["loc"] for e in refused.errors or []] == [["body", "invoices", 7, "series"]]


def test_a_refusal_without_fields_points_at_the_invoice():
    refused = refusal_of_item(UnprocessableEntity("An invoice without lines cannot be issued."), 0)
    assert refused.errors is not None
    assert [e["loc"] for e in refused.errors] == [["body", "invoices", 0]]
    assert refused.errors[0]["msg"] == "An invoice without lines cannot be issued."


def test_not_found_is_the_batchs_422_and_a_conflict_stays_a_conflict():
    missing = refusal_of_item(NotFound("Invoice 1 does not exist."), 3)
    assert missing.status == 422
    assert missing.code == Code.UNKNOWN_REFERENCE
    assert missing.extensions["item"] == 3
    conflict = refusal_of_item(Conflict("Busy.", reason="locked"), 4)
    assert isinstance(conflict, Conflict)
    assert conflict.status == 409
    assert conflict.extensions == {"reason": "locked", "item": 4}

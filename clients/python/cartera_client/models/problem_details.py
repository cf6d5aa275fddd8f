from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_details_errors_item import ProblemDetailsErrorsItem
    from ..models.tenant_choice import TenantChoice


T = TypeVar("T", bound="ProblemDetails")


@_attrs_define
class ProblemDetails:
    """RFC 9457 problem details: the body of every 4xx and 5xx answer (`application/problem+json`). More members may be
    added; readers ignore unknown ones.

        Attributes:
            code (str): What went wrong, for a program: stable within /v1; new codes may be added. The catalogue is in the
                errors guide.
            detail (str): What went wrong this time, for a person.
            status (int): The HTTP status code.
            title (str): A short summary of the kind of problem.
            type_ (str): What kind of problem, as a URI; stable, compare it as a string.
            errors (list[ProblemDetailsErrorsItem] | Unset): The fields of the request the problem concerns: where (`loc`, a
                path into the request: `body`, `query`, `path` or `header`, then names and positions) and what.
            request_id (str | Unset): On a 500: the id that finds this request in the operator's logs.
            retry_after (int | Unset): Seconds to wait before sending the same request again (also the `Retry-After`
                header): present exactly when the answer may change by itself ("not yet").
            tenants (list[TenantChoice] | Unset): Only on the sign-in's 409: the tenants whose accounts the e-mail and
                password opened; sign in again with one `tenant_id`.
    """

    code: str
    detail: str
    status: int
    title: str
    type_: str
    errors: list[ProblemDetailsErrorsItem] | Unset = UNSET
    request_id: str | Unset = UNSET
    retry_after: int | Unset = UNSET
    tenants: list[TenantChoice] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        request_id = self.request_id

        retry_after = self.retry_after

        tenants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tenants, Unset):
            tenants = []
            for tenants_item_data in self.tenants:
                tenants_item = tenants_item_data.to_dict()
                tenants.append(tenants_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if retry_after is not UNSET:
            field_dict["retry_after"] = retry_after
        if tenants is not UNSET:
            field_dict["tenants"] = tenants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_details_errors_item import ProblemDetailsErrorsItem  # noqa: PLC0415
        from ..models.tenant_choice import TenantChoice  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        _errors = d.pop("errors", UNSET)
        errors: list[ProblemDetailsErrorsItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ProblemDetailsErrorsItem.from_dict(errors_item_data)

                errors.append(errors_item)

        request_id = d.pop("request_id", UNSET)

        retry_after = d.pop("retry_after", UNSET)

        _tenants = d.pop("tenants", UNSET)
        tenants: list[TenantChoice] | Unset = UNSET
        if _tenants is not UNSET:
            tenants = []
            for tenants_item_data in _tenants:
                tenants_item = TenantChoice.from_dict(tenants_item_data)

                tenants.append(tenants_item)

        problem_details = cls(
            code=code,
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            errors=errors,
            request_id=request_id,
            retry_after=retry_after,
            tenants=tenants,
        )

        problem_details.additional_properties = d
        return problem_details

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

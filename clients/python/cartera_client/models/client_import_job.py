from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.client_import_job_status import ClientImportJobStatus

if TYPE_CHECKING:
    from ..models.client_import_row_applied import ClientImportRowApplied
    from ..models.client_import_row_refused import ClientImportRowRefused


T = TypeVar("T", bound="ClientImportJob")


@_attrs_define
class ClientImportJob:
    """An import and how far it has gone; follow it until `status` is no longer `running`.

    Attributes:
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        created_count (int):
        dry_run (bool):
        error (None | str): Why a failed import stopped.
        error_count (int):
        filename (None | str):
        finished_at (datetime.datetime | None):
        id (UUID):
        processed_rows (int):
        progress_fraction (str): Rows processed: a fraction of 1 (not a percentage), decimal as a string, four decimals.
        report (list[ClientImportRowApplied | ClientImportRowRefused]): Each row processed so far, in order.
        status (ClientImportJobStatus):
        total_rows (int):
        unchanged_count (int):
        updated_count (int):
    """

    created_at: datetime.datetime
    created_count: int
    dry_run: bool
    error: None | str
    error_count: int
    filename: None | str
    finished_at: datetime.datetime | None
    id: UUID
    processed_rows: int
    progress_fraction: str
    report: list[ClientImportRowApplied | ClientImportRowRefused]
    status: ClientImportJobStatus
    total_rows: int
    unchanged_count: int
    updated_count: int

    def to_dict(self) -> dict[str, Any]:
        from ..models.client_import_row_applied import ClientImportRowApplied  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        created_count = self.created_count

        dry_run = self.dry_run

        error: None | str
        error = self.error

        error_count = self.error_count

        filename: None | str
        filename = self.filename

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        processed_rows = self.processed_rows

        progress_fraction = self.progress_fraction

        report = []
        for report_item_data in self.report:
            report_item: dict[str, Any]
            if isinstance(report_item_data, ClientImportRowApplied):
                report_item = report_item_data.to_dict()
            else:
                report_item = report_item_data.to_dict()

            report.append(report_item)

        status = self.status.value

        total_rows = self.total_rows

        unchanged_count = self.unchanged_count

        updated_count = self.updated_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "created_count": created_count,
                "dry_run": dry_run,
                "error": error,
                "error_count": error_count,
                "filename": filename,
                "finished_at": finished_at,
                "id": id,
                "processed_rows": processed_rows,
                "progress_fraction": progress_fraction,
                "report": report,
                "status": status,
                "total_rows": total_rows,
                "unchanged_count": unchanged_count,
                "updated_count": updated_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_import_row_applied import ClientImportRowApplied  # noqa: PLC0415
        from ..models.client_import_row_refused import ClientImportRowRefused  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_count = d.pop("created_count")

        dry_run = d.pop("dry_run")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        error_count = d.pop("error_count")

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = UUID(d.pop("id"))

        processed_rows = d.pop("processed_rows")

        progress_fraction = d.pop("progress_fraction")

        report = []
        _report = d.pop("report")
        for report_item_data in _report:

            def _parse_report_item(data: object) -> ClientImportRowApplied | ClientImportRowRefused:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    report_item_type_0 = ClientImportRowApplied.from_dict(data)

                    return report_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                report_item_type_1 = ClientImportRowRefused.from_dict(data)

                return report_item_type_1

            report_item = _parse_report_item(report_item_data)

            report.append(report_item)

        status = ClientImportJobStatus(d.pop("status"))

        total_rows = d.pop("total_rows")

        unchanged_count = d.pop("unchanged_count")

        updated_count = d.pop("updated_count")

        client_import_job = cls(
            created_at=created_at,
            created_count=created_count,
            dry_run=dry_run,
            error=error,
            error_count=error_count,
            filename=filename,
            finished_at=finished_at,
            id=id,
            processed_rows=processed_rows,
            progress_fraction=progress_fraction,
            report=report,
            status=status,
            total_rows=total_rows,
            unchanged_count=unchanged_count,
            updated_count=updated_count,
        )

        return client_import_job

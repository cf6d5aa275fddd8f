"""Shapes of the client import and export API."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from cartera_clients.transfer.layout import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from cartera_shared.contract import Answer
from cartera_shared.wire import Fraction, UtcTimestamp


class ClientImportRowApplied(Answer):
    """A row the import applied (or, in a dry run, would apply)."""

    line: int = Field(description="The row's line in the file; the header is line 1.")
    status: Literal["created", "updated", "unchanged"]
    client_id: uuid.UUID


class ClientImportRowRefused(Answer):
    """A row the import could not apply; the others are not affected by it."""

    line: int = Field(description="The row's line in the file; the header is line 1.")
    status: Literal["error"]
    errors: list[str] = Field(description="What is wrong, each naming its column or field.")


ImportRowReport = Annotated[
    ClientImportRowApplied | ClientImportRowRefused, Field(discriminator="status")
]


class ClientImportJob(Answer):
    """An import and how far it has gone; follow it until `status` is no longer `running`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "a4b3c2d1-e5f6-4789-8abc-def012345678",
                    "status": "done",
                    "dry_run": True,
                    "filename": "clientes.csv",
                    "total_rows": 3,
                    "processed_rows": 3,
                    "created_count": 1,
                    "updated_count": 1,
                    "unchanged_count": 0,
                    "error_count": 1,
                    "progress_fraction": "1.0000",
                    "error": None,
                    "created_at": "2026-12-06T11:00:00.000000Z",
                    "finished_at": "2026-12-06T11:00:02.318000Z",
                    "report": [
                        {
                            "line": 2,
                            "status": "created",
                            "client_id": "6f1c2a9e-3b4d-4e8f-9a0b-1c2d3e4f5a6b",
                        },
                        {
                            "line": 3,
                            "status": "updated",
                            "client_id": "0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
                        },
                        {
                            "line": 4,
                            "status": "error",
                            "errors": ["tax_id: B1234567 is not a valid CIF"],
                        },
                    ],
                }
            ]
        }
    )

    id: uuid.UUID
    status: Literal["running", "done", "failed"]
    dry_run: bool
    filename: str | None
    total_rows: int
    processed_rows: int
    created_count: int
    updated_count: int
    unchanged_count: int
    error_count: int
    progress_fraction: Fraction = Field(
        description="Rows processed: a fraction of 1 (not a percentage), decimal as a string, "
        "four decimals."
    )
    error: str | None = Field(description="Why a failed import stopped.")
    created_at: UtcTimestamp
    finished_at: UtcTimestamp | None
    report: list[ImportRowReport] = Field(description="Each row processed so far, in order.")


IMPORT_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "additionalProperties": False,
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": (
                                "CSV, UTF-8, header row with the export's columns; at most "
                                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MiB and "
                                f"{MAX_IMPORT_ROWS} rows."
                            ),
                        },
                        "dry_run": {
                            "type": "boolean",
                            "default": True,
                            "description": "Report what the import would do, without writing.",
                        },
                    },
                },
                "example": {"file": "(the CSV file's bytes)", "dry_run": True},
            }
        },
    }
}

"""The official XML schemas invoicing's documents follow, kept in the package (see README.md here
for where and when each was published)."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
FACTURAE_XSD = FOLDER / "facturae" / "Facturaev3_2_2.xsd"
VERIFACTU = FOLDER / "verifactu"

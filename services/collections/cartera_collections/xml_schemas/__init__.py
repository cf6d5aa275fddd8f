"""The official XML schemas collections' documents follow, kept in the package (see README.md
here for where and when each was published)."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
PAIN_008_XSD = FOLDER / "sepa" / "pain.008.001.02.xsd"

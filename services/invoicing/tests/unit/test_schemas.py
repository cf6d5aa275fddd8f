"""The service's copies of the official schemas: the bytes its README records, loadable offline."""

import hashlib
import re

import pytest
from lxml import etree

from cartera_invoicing.xml_schemas import FACTURAE_XSD, FOLDER, VERIFACTU

FILES = sorted(p for p in FOLDER.rglob("*") if p.suffix in (".xsd", ".wsdl"))


def test_every_schema_is_listed_in_the_readme_with_its_digest():
    readme = (FOLDER / "README.md").read_text()
    assert len(FILES) == 9
    for path in FILES:
        relative = path.relative_to(FOLDER).as_posix()
        row = next((line for line in readme.splitlines() if f"`{relative}`" in line), None)
        assert row is not None, f"{relative} is not in the README"
        assert hashlib.sha256(path.read_bytes()).hexdigest() in row, f"{relative} changed"
        assert re.search(r"https?://", row), f"{relative}: the README does not say where from"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_schema_location_is_a_file_beside_it(path):
    for location in re.findall(r'schemaLocation="([^"]+)"', path.read_text(encoding="utf-8-sig")):
        assert "://" not in location, f"{path.name} imports {location} from the network"
        assert (path.parent / location).resolve().is_file(), f"{path.name}: {location} is missing"


@pytest.mark.parametrize(
    "path", [FACTURAE_XSD, *sorted(VERIFACTU.glob("*.xsd"))], ids=lambda p: p.name
)
def test_every_schema_loads_offline(path):
    etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))

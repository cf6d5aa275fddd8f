"""Export cells: text a spreadsheet would run as a formula is neutralised, in CSV and in XLSX,
where no cell is ever a formula (or an error) cell; numbers stay numbers."""

import csv
import io
import re
import zipfile

from openpyxl import Workbook, load_workbook

from cartera_clients.transfer.layout import csv_line, row_to_fields, xlsx_row

HOSTILE = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "\t=1"]
ROW = [*HOSTILE, "", "#REF!", 30]
SAFE = [*("'" + text for text in HOSTILE), None, "#REF!", 30]


def test_acsv_line_quotes_text_neutralises_formulas_and_leaves_numbers_bare():
    line = csv_line(ROW).decode()
    assert line.endswith(',"","#REF!",30\r\n')
    assert next(csv.reader(io.StringIO(line))) == [*SAFE[:5], "", "#REF!", "30"]


def test_anxlsx_row_holds_no_formula_and_no_error_cell():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Clientes")
    sheet.append(xlsx_row(sheet, ROW))
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert not re.search(rb"<f[ >]", xml)
    cells = next(load_workbook(buffer).active.iter_rows())
    assert [c.value for c in cells] == SAFE
    assert [c.data_type for c in cells] == ["s"] * 5 + ["n", "s", "n"]


def test_an_import_reads_the_quote_its_export_added_as_not_there():
    fields = row_to_fields({"legal_name": "'=1+1", "kind": "company", "tax_id": "B12345674"})
    assert fields["legal_name"] == "=1+1"
    assert row_to_fields({"legal_name": "O'Neill S.L."})["legal_name"] == "O'Neill S.L."

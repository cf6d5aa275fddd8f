"""The Modelo 347 CSV: client names a spreadsheet would run as formulas are neutralised."""

import csv
import io

from cartera_analytics.domain.modelo347 import m347_csv

HEADER = (
    '"tax_id","name","total","q1","q2","q3","q4","cash_received","cash_operation_year",'
    '"rent_cadastral_reference"'
)


def item(name: str, total: str = "4840.00", cash: str | None = None) -> dict:
    quarters = {"Q1": "0.00", "Q2": total, "Q3": "0.00", "Q4": "-12.50"}
    return {"tax_id": "B12345674", "name": name, "total": total, "quarters": quarters,
            "cash_received": cash, "cash_operation_year": 2026 if cash else None,
            "cash_received_earlier_years": [], "rents": []}  # fmt: skip


def test_names_that_begin_like_formulas_are_text_and_amounts_stay_numbers():
    text = m347_csv(
        [
            item('=HYPERLINK("http://evil","x")'),
            item("+cmd|' /C calc'!A0"),
            item("@SUM(1)"),
            item("-2+3"),
            item("\t=1"),
            item("Alfa; =1+1 S.L.", cash="7000.00"),
        ]
    )
    lines = text.split("\r\n")
    assert lines[0] == HEADER
    assert (
        lines[1]
        == '"B12345674","\'=HYPERLINK(""http://evil"",""x"")",4840.00,0.00,4840.00,0.00,-12.50,'
        '"","",""'
    )
    assert (
        lines[6] == '"B12345674","Alfa; =1+1 S.L.",4840.00,0.00,4840.00,0.00,-12.50,7000.00,2026,""'
    )
    names = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert names == [
        '\'=HYPERLINK("http://evil","x")',
        "'+cmd|' /C calc'!A0",
        "'@SUM(1)",
        "'-2+3",
        "'\t=1",
        "Alfa; =1+1 S.L.",
    ]


def test_an_empty_list_is_the_header_alone():
    assert m347_csv([]) == HEADER + "\r\n"


def test_cash_of_an_earlier_year_and_rents_are_rows_of_their_own():
    party = item("Inmuebles S.L.", cash=None)
    party["cash_received_earlier_years"] = [{"operation_year": 2025, "amount": "6500.00"}]
    party["rents"] = [{"cadastral_reference": "9872023VH5797S0001WX", "amount": "14520.00"}]
    rows = list(csv.reader(io.StringIO(m347_csv([party]))))
    assert rows[1][:3] == ["B12345674", "Inmuebles S.L.", "4840.00"]
    assert rows[2] == ["B12345674", "Inmuebles S.L.", "", "", "", "", "", "6500.00", "2025", ""]
    assert rows[3] == [
        "B12345674", "Inmuebles S.L.", "14520.00", "", "", "", "", "", "", "9872023VH5797S0001WX"
    ]  # fmt: skip

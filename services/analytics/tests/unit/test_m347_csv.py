"""The Modelo 347 CSV: client names a spreadsheet would run as formulas are neutralised."""

import csv
import io

from cartera_analytics.api import m347_csv


def item(name: str, total: str = "4840.00", cash: str | None = None) -> dict:
    quarters = {"Q1": "0.00", "Q2": total, "Q3": "0.00", "Q4": "-12.50"}
    return {"tax_id": "B12345674", "name": name, "total": total, "quarters": quarters,
            "cash_received": cash}  # fmt: skip


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
    assert lines[0] == '"tax_id","name","total","q1","q2","q3","q4","cash_received"'
    assert (
        lines[1]
        == '"B12345674","\'=HYPERLINK(""http://evil"",""x"")",4840.00,0.00,4840.00,0.00,-12.50,""'
    )
    assert lines[6] == '"B12345674","Alfa; =1+1 S.L.",4840.00,0.00,4840.00,0.00,-12.50,7000.00'
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
    assert m347_csv([]) == '"tax_id","name","total","q1","q2","q3","q4","cash_received"\r\n'

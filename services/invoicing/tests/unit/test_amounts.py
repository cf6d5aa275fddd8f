import datetime as dt
from decimal import Decimal as D

import pytest

from cartera_invoicing.domain.invoice import InvalidInvoice, Line, check_rates, compute
from cartera_invoicing.domain.terms import due_dates

DAY = dt.date(2026, 11, 28)


def line(**kw):
    return Line(**{"description": "x", "quantity": D(1), "unit_price": D(100), **kw})


def test_taxes_are_rounded_half_up_once_per_rate_on_the_rates_base():
    # Three lines of 0.125 at 21 %: per line the VAT would be 3 x 0.03 = 0.09; per base, 0.08.
    amounts = compute([line(unit_price=D("0.125"))] * 3)
    assert [b.taxable_base for b in amounts.breakdown] == [D("0.39")]  # 0.13 per line (half-up)
    assert amounts.totals.vat == D("0.08")  # 0.39 x 21 % = 0.0819


def test_totals_with_recargo_and_irpf():
    amounts = compute(
        [
            line(quantity=D(3), unit_price=D("10.005")),
            line(discount_percent=D(10), vat_rate=D(10), surcharge_rate=D("1.4"), irpf_rate=D(15)),
        ]
    )
    totals = amounts.totals
    assert (totals.taxable_base, totals.vat, totals.surcharge, totals.irpf, totals.total) == (
        D("120.02"),
        D("15.30"),
        D("1.26"),
        D("13.50"),
        D("123.08"),
    )
    assert totals.tax_total == D("16.56")
    assert totals.invoice_amount == D("136.58")
    assert [(b.vat_rate, b.taxable_base) for b in amounts.breakdown] == [
        (D(21), D("30.02")),
        (D(10), D("90.00")),
    ]


def test_exempt_lines_keep_their_reason_apart():
    amounts = compute([line(vat_rate=D(0), exemption_reason="E1 Art. 20.Uno.9º LIVA"), line()])
    exempt = [b for b in amounts.breakdown if b.vat_rate == 0]
    assert exempt[0].exemption_reason.startswith("E1")
    assert exempt[0].vat == D("0.00")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"vat_rate": D(7)}, "no 7 % VAT"),
        ({"vat_rate": D(21), "surcharge_rate": D("1.4")}, "does not go with"),
        ({"irpf_rate": D(3)}, "no 3 % IRPF"),
        ({"vat_rate": D(0)}, "must say why"),
        ({"vat_rate": D(0), "exemption_reason": "exento"}, "must say why"),
        ({"discount_percent": D(120)}, "between 0 and 100"),
    ],
)
def test_rates_that_do_not_exist_are_refused(bad, message):
    with pytest.raises(InvalidInvoice, match=message):
        check_rates([line(**bad)], DAY)


def test_a_day_before_the_tax_tables_is_refused_not_a_crash():
    with pytest.raises(InvalidInvoice, match="before the tax tables"):
        check_rates([line()], dt.date(2000, 1, 1))


def test_instalments_split_the_total_and_move_to_a_fixed_day():
    dues = due_dates(dt.date(2026, 1, 31), D("100.00"), days=30, instalments=3, interval_days=30)
    assert [d.amount for d in dues] == [D("33.33"), D("33.33"), D("33.34")]
    assert [d.due_on for d in dues] == [
        dt.date(2026, 3, 2),
        dt.date(2026, 4, 1),
        dt.date(2026, 5, 1),
    ]
    fixed = due_dates(dt.date(2026, 1, 20), D("50.00"), days=30, fixed_day=31)
    assert fixed[0].due_on == dt.date(2026, 2, 28)  # the 31st does not exist in February
    assert sum(d.amount for d in dues) == D("100.00")

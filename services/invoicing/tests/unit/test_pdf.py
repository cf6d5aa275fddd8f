"""The printed invoice: every mention art. 6 RD 1619/2012 requires, in Spanish formats, and the
Verifactu QR.

No PDF library is installed for reading (pypdf would be the one to add), so the tests read the PDF
with the standard library: the page tree, each page's content stream (ReportLab writes them
ASCII85 + Flate encoded) and the text operators' strings (WinAnsi, decoded as cp1252). The QR is
read back from the drawing itself: its modules are the filled rectangles of the form XObject it is
drawn in; the grid is rebuilt from them, checked as a QR code (size, format information with its
BCH check: error correction M) and compared with an independent encoding of the URL. It has also
been scanned with zbarimg from a rendered page (poppler's pdftoppm), which these tests cannot do
without those programs.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import replace
from decimal import Decimal

import pytest
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from cartera_invoicing.domain.invoice import Address, Party
from cartera_invoicing.invoices.pdf import (
    invoice_pdf,
    spanish_decimal,
    spanish_money,
    spanish_number,
    spanish_percent,
)

from . import invoice_samples as samples

D = Decimal
QR_URL = (
    "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=71234567W"
    "&numserie=T2026-000017&fecha=16-03-2026&importe=2823.95"
)
LEGEND = "Factura verificable en la sede electrónica de la AEAT"


# Reading the PDF ---------------------------------------------------------------------------------


class Pdf:
    def __init__(self, data: bytes) -> None:
        assert data.startswith(b"%PDF-")
        self.data = data
        self.objects = {
            int(number): body
            for number, body in re.findall(rb"(?s)(\d+) 0 obj\s*(.*?)\s*endobj", data)
        }
        [tree] = [o for o in self.objects.values() if re.search(rb"/Type /Pages\b", o)]
        kids = re.search(rb"/Kids \[([^\]]*)\]", tree)
        assert kids is not None
        self.page_objects = [int(n) for n in re.findall(rb"(\d+) 0 R", kids.group(1))]

    def stream(self, body: bytes) -> bytes:
        length = int(re.search(rb"/Length (\d+)", body).group(1))
        start = body.index(b"stream") + len(b"stream")
        start += 2 if body[start : start + 2] == b"\r\n" else 1
        raw = body[start : start + length]
        if b"/ASCII85Decode" in body:
            raw = base64.a85decode(raw.strip().removesuffix(b"~>"))
        if b"/FlateDecode" in body:
            raw = zlib.decompress(raw)
        return raw

    def content(self, page: int) -> bytes:
        body = self.objects[self.page_objects[page]]
        contents = re.search(rb"/Contents (\d+) 0 R", body)
        assert contents is not None
        return self.stream(self.objects[int(contents.group(1))])

    @property
    def pages(self) -> list[str]:
        return [page_text(self.content(n)) for n in range(len(self.page_objects))]

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def forms(self) -> list[bytes]:
        return [self.stream(o) for o in self.objects.values() if b"/Subtype /Form" in o]


def pdf_strings(content: bytes) -> list[str]:
    """The literal strings of a content stream, unescaped and decoded from WinAnsi."""
    strings: list[str] = []
    i = 0
    while (i := content.find(b"(", i)) >= 0:
        out = bytearray()
        depth, i = 1, i + 1
        while depth:
            ch = content[i]
            if ch == 0x5C:  # backslash
                nxt = content[i + 1 : i + 4]
                if nxt[:1].isdigit():
                    digits = re.match(rb"[0-7]{1,3}", nxt).group(0)
                    out.append(int(digits, 8))
                    i += 1 + len(digits)
                    continue
                out.extend({b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(nxt[:1], nxt[:1]))
                i += 2
                continue
            depth += {0x28: 1, 0x29: -1}.get(ch, 0)
            if depth:
                out.append(ch)
            i += 1
        strings.append(out.decode("cp1252"))
    return strings


def page_text(content: bytes) -> str:
    return " ".join(" ".join(pdf_strings(content)).split())


def qr_modules(form: bytes) -> list[list[bool]]:
    """The QR's grid, rebuilt from the filled rectangles it is drawn with."""
    rects = [
        tuple(float(v) for v in m)
        for m in re.findall(rb"([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re f\*?(?![\w])", form)
    ]
    assert rects, "no filled rectangles in the QR form"
    box = min(h for _, _, _, h in rects)
    left = min(x for x, _, _, _ in rects)
    top = max(y + h for _, y, _, h in rects)
    size = round((max(x + w for x, _, w, _ in rects) - left) / box)
    grid = [[False] * size for _ in range(size)]
    for x, y, w, h in rects:
        row = round((top - y - h) / box)
        first = round((x - left) / box)
        for column in range(first, first + round(w / box)):
            grid[row][column] = True
    return grid


def format_information(grid: list[list[bool]]) -> tuple[str, int]:
    """Error correction level and mask from the format bits beside the top-left finder
    (ISO/IEC 18004 7.9; read as ZXing does), after checking their BCH code."""
    cells = [(8, c) for c in (0, 1, 2, 3, 4, 5, 7, 8)] + [(r, 8) for r in (7, 5, 4, 3, 2, 1, 0)]
    bits = 0
    for row, column in cells:
        bits = (bits << 1) | grid[row][column]
    unmasked = bits ^ 0b101010000010010
    data = unmasked >> 10
    remainder = data << 10
    for shift in range(4, -1, -1):
        if remainder & (1 << (shift + 10)):
            remainder ^= 0b10100110111 << shift
    assert unmasked == (data << 10) | remainder, "format information fails its BCH check"
    level = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}[data >> 3]
    return level, data & 0b111


def render(invoice, qr_url: str | None = QR_URL, **kw) -> Pdf:
    return Pdf(invoice_pdf(invoice, qr_url=qr_url, **kw))


# The document ----------------------------------------------------------------------------------


def test_a_short_invoice_is_one_page_with_every_required_mention():
    invoice = samples.public_body_invoice()
    document = render(invoice)
    assert len(document.pages) == 1
    text = document.text

    assert "Factura" in text
    assert "Factura rectificativa" not in text
    for needle in (
        "T2026-000017",  # number, and the series:
        "Serie T2026",
        "Fecha de expedición 16/03/2026",
        "Fecha de operación 27/02/2026",
        # issuer and recipient: full name, NIF and address, as in the invoice's snapshot
        "Íñigo Muñoz Güell",
        "NIF: 71234567W",
        "Calle del Marqués de Larios, 4, 2.º izq.",
        "29005 Málaga",
        "Ayuntamiento de Alcalá de Henares",
        "NIF: P2800500G",
        "Plaza de Cervantes, 12",
        "28801 Alcalá de Henares (Madrid)",
        # lines: description, quantity, unit price, discount, rate, amount
        "Revisión terminológica del glosario técnico, por hora 6,5 55,00 € 10 % 21 % 321,75 €",
        "38 42,50 € 21 % 1.615,00 €",
        "120 3,85 € 4 % 462,00 €",
        # breakdown per VAT rate: base, rate, tax
        "1.936,75 € 21 % 406,72 €",
        "462,00 € 4 % 18,48 €",
        # IRPF withholding
        "1.936,75 € 15 % -290,51 €",
        "Retención IRPF (15 %) -290,51 €",
        # totals
        "Base imponible 2.398,75 €",
        "IVA 425,20 €",
        "Total factura 2.823,95 €",
        "TOTAL A PAGAR 2.533,44 €",
        # due dates and notes
        "Vencimientos 15/04/2026 1.266,72 € 15/05/2026 1.266,72 €",
        "Expediente de contratación 2026/113.",
        "Página 1 de 1",
    ):
        assert needle in text, needle
    # Helvetica in WinAnsi prints € and every Spanish letter: nothing fell back to a symbol font.
    assert b"/Encoding /WinAnsiEncoding" in document.data
    assert b"ZapfDingbats" not in document.data


def test_the_operation_date_only_when_it_differs():
    invoice = samples.retailer_invoice()
    invoice = replace(invoice, operation_date=invoice.issue_date)
    assert "Fecha de operación" not in render(invoice).text


def test_recargo_de_equivalencia_is_broken_down_per_rate():
    invoice = samples.retailer_invoice()
    text = render(invoice).text
    assert "Tipo rec. eq. Cuota rec. eq." in text
    for row in invoice.amounts.breakdown:
        needle = (
            f"{spanish_money(row.taxable_base)} {spanish_percent(row.vat_rate)} "
            f"{spanish_money(row.vat)} {spanish_percent(row.surcharge_rate)} "
            f"{spanish_money(row.surcharge)}"
        )
        assert needle in text
    assert "21 % 80,29 €" not in text  # the rates are apart, not summed
    assert "Recargo de equivalencia 18,98 €" in text
    assert "TOTAL A PAGAR 525,60 €" in text
    assert "Begoña Núñez Sáez" in text
    assert "1,355 € 5 % 21 % 128,73 €" in text  # unit price with all its decimals, discount


def test_exempt_and_not_subject_bases_print_their_legal_basis():
    text = render(samples.eu_company_invoice()).text
    assert "6.900,00 € Exenta 0,00 €" in text
    assert samples.INTRA_EU_GOODS.removeprefix("E5 ") in text
    assert "480,00 € No sujeta 0,00 €" in text
    assert "Operación no sujeta: artículo 69 de la Ley 37/1992" in text
    assert "NIF-IVA: FR40303265045" in text
    assert "75002 Paris - FR" in text
    assert "Boulangerie Équipements SARL" in text


def test_a_rectifying_invoice_names_what_it_rectifies_and_why():
    text = render(samples.rectifying_invoice()).text
    assert "Factura rectificativa" in text
    assert "R2026-000003" in text
    assert "Factura rectificada F2026-000042 de 02/03/2026" in text
    assert "R1: error fundado en derecho" in text
    assert "por diferencias (I)" in text
    assert "Devolución de 10 juegos defectuosos (art. 80.Dos de la Ley 37/1992)" in text
    assert "-10 8,90 € 21 % -89,00 €" in text
    assert "TOTAL A PAGAR -112,32 €" in text


def test_a_simplified_invoice():
    text = render(samples.simplified_invoice()).text
    assert "Factura simplificada" in text
    assert "sin destinatario" in text
    assert "TOTAL A PAGAR 15,94 €" in text


def test_another_currency_prints_the_rate_and_the_taxes_in_euros():
    text = render(samples.export_invoice()).text
    assert "Moneda USD" in text
    assert "3 2.199,99 USD 0 % 6.599,97 USD" in text
    assert "TOTAL A PAGAR 6.599,97 USD" in text
    assert "1 USD = 0,9217 EUR (10/03/2026)" in text
    assert "Cuota de IVA en euros: 0,00 €" in text
    assert "Total a pagar en euros: 6.083,19 €" in text
    assert "Id. fiscal: 123456789" in text


def test_a_long_invoice_runs_over_pages_with_its_header_and_ends_with_the_totals():
    invoice = samples.long_invoice(80)
    pages = render(invoice).pages
    count = len(pages)
    assert count >= 3
    for number, page in enumerate(pages, start=1):
        assert "F2026-000050" in page
        assert f"Página {number} de {count}" in page
        assert "Suministros Ibéricos del Mediterráneo, S.L." in page
    for page in pages[1:]:
        assert "(continuación)" in page
    # The lines table repeats its header on every page that has lines.
    with_lines = [p for p in pages if "Artículo de ferretería" in p]
    assert len(with_lines) >= 2
    assert all("Descripción Cantidad Precio unitario Dto. IVA Importe" in p for p in with_lines)
    # Every line once, in order; the totals only on the last page.
    everything = " ".join(pages)
    positions = [everything.index(f"ref. {n:04d}:") for n in range(1, 81)]
    assert positions == sorted(positions)
    assert all(everything.count(f"ref. {n:04d}:") == 1 for n in range(1, 81))
    assert "ref. 0001:" in pages[0]
    assert ["TOTAL A PAGAR" in p for p in pages] == [False] * (count - 1) + [True]
    assert f"TOTAL A PAGAR {spanish_money(invoice.amounts.totals.total)}" in pages[-1]


def test_the_same_invoice_gives_the_same_bytes():
    invoice = samples.public_body_invoice()
    assert invoice_pdf(invoice, qr_url=QR_URL) == invoice_pdf(invoice, qr_url=QR_URL)


def test_the_title_goes_to_the_document_properties():
    document = render(samples.public_body_invoice(), title="Factura T2026-000017 (copia)")
    assert b"/Title (Factura T2026-000017 \\(copia\\))" in document.data
    default = render(samples.public_body_invoice())
    assert b"/Title (Factura T2026-000017)" in default.data


def test_letters_outside_winansi_lose_their_accent_instead_of_vanishing():
    polish = Party(
        legal_name="Łódź Piekarnia Świętokrzyska sp. z o.o.",
        tax_id="PL5260250995",
        country="PL",
        address=Address("ul. Piotrkowska 104", "90-004", "Łódź", None, "PL"),
    )
    document = render(replace(samples.eu_company_invoice(), recipient=polish))
    assert "Lódz Piekarnia Swietokrzyska sp. z o.o." in document.text  # ó is WinAnsi
    assert b"ZapfDingbats" not in document.data


# The Verifactu QR -------------------------------------------------------------------------------


def test_the_qr_encodes_the_url_with_error_correction_m_at_35_mm():
    document = render(samples.public_body_invoice())
    [form] = document.forms()
    grid = qr_modules(form)

    size = len(grid)
    assert (size - 17) % 4 == 0  # a QR of version (size - 17) / 4
    assert format_information(grid)[0] == "M"
    expected = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    expected.addData(QR_URL)
    expected.make()
    assert grid == [[bool(m) for m in row] for row in expected.modules]

    rects = re.findall(rb"([\d.-]+) [\d.-]+ ([\d.-]+) [\d.-]+ re f", form)
    left = min(float(x) for x, _ in rects)
    right = max(float(x) + float(w) for x, w in rects)
    assert 30 <= (right - left) / mm <= 40
    assert round((right - left) / mm, 1) == 35.0


def test_the_qr_comes_first_on_the_first_page_only_with_its_legend():
    document = render(samples.long_invoice(80))
    first = document.pages[0]
    assert "QR tributario:" in first
    assert f"VERI*FACTU {LEGEND}" in first
    assert first.index("QR tributario:") < first.index("Número")  # before the invoice itself
    assert b" Do" in document.content(0)
    assert all(b" Do" not in document.content(n) for n in range(1, len(document.pages)))
    assert all("QR tributario" not in page for page in document.pages[1:])
    # The QR is also a link to the same URL, and the link's box is where the QR is drawn:
    # at the top left of the first page.
    [annotation] = [o for o in document.objects.values() if b"/Subtype /Link" in o]
    assert re.search(rb"/URI \((.*?)\)", annotation).group(1) == QR_URL.encode()
    first_page = document.objects[document.page_objects[0]]
    assert b"/Annots" in first_page
    assert all(b"/Annots" not in document.objects[n] for n in document.page_objects[1:])
    box = re.search(rb"/Rect \[ ([^\]]*) \]", annotation).group(1)
    x0, _, _, y1 = (float(v) for v in box.split())
    assert x0 == pytest.approx(18 * mm)  # the left margin
    assert y1 > A4[1] - 30 * mm  # within the top 30 mm


def test_without_a_qr_url_there_is_no_qr_and_no_legend():
    document = render(samples.public_body_invoice(), qr_url=None)
    assert document.forms() == []
    assert "VERI*FACTU" not in document.text
    assert "QR tributario" not in document.text
    assert "Factura Número T2026-000017" in document.text
    assert not [o for o in document.objects.values() if b"/Subtype /Link" in o]


def test_the_non_verifactu_qr_goes_without_the_verifactu_legend():
    url = QR_URL.replace("/ValidarQR?", "/ValidarQRNoVerifactu?")
    document = render(samples.public_body_invoice(), qr_url=url)
    assert len(document.forms()) == 1
    assert "QR tributario:" in document.text
    assert "VERI*FACTU" not in document.text
    assert LEGEND not in document.text


# Spanish formats --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("1234.56"), "1.234,56"),
        (D("1234567.891"), "1.234.567,89"),
        (D("0.005"), "0,01"),  # half-up
        (D("-290.51"), "-290,51"),
        (D("0"), "0,00"),
        (D("999.999"), "1.000,00"),
    ],
)
def test_spanish_number(value, text):
    assert spanish_number(value) == text


def test_spanish_money_decimals_and_percentages():
    assert spanish_money(D("1234.56")) == "1.234,56 €"
    assert spanish_money(D("10"), "USD") == "10,00 USD"
    assert spanish_decimal(D("6.5")) == "6,5"
    assert spanish_decimal(D("120")) == "120"
    assert spanish_decimal(D("1.3550"), 2) == "1,355"
    assert spanish_decimal(D("3.8"), 2) == "3,80"
    assert spanish_percent(D("5.2")) == "5,2 %"
    assert spanish_percent(D("21.00")) == "21 %"

"""The printed invoice: an A4 PDF with every mention RD 1619/2012 art. 6 requires, and the
Verifactu QR.

What is printed comes only from the issued invoice (its parties as they stood on the issue date,
its lines and its computed amounts): nothing is looked up or recomputed, so the PDF always says
what the invoice, FacturaE and the Verifactu record say.

- Heading: "Factura", "Factura simplificada" (F2) or "Factura rectificativa" (R1-R5, with the
  rectified invoices and their dates, the type and its legal cause, substitution (S) or
  differences (I), and the written cause); F3 says it replaces simplified invoices.
- Number and series, issue date, operation date when it differs; issuer and recipient with full
  name, tax id and address; lines (description, quantity, unit price, discount, VAT rate, amount);
  breakdown per VAT rate (base, rate, VAT, recargo rate and amount, the legal basis of exempt or
  not-subject bases); IRPF withholding; totals; due dates; currency and exchange rate when not
  euros, with the taxes also in euros (RD 1619/2012 art. 10.1); notes.
- Verifactu (Orden HAC/1177/2024 and the AEAT's QR specification): the QR goes first, at the top
  left of the first page only, preceded by "QR tributario:"; ISO/IEC 18004, error correction M,
  the code itself 35 mm wide (30-40 mm allowed) with a 4-module quiet zone (> 2 mm). It is also a
  link to the same URL. Under it, the legend "VERI*FACTU" and "Factura verificable en la sede
  electrónica de la AEAT", unless the URL is the non-Verifactu one (`ValidarQRNoVerifactu`), for
  which the law forbids the legend. The QR URL is built elsewhere (the Verifactu module) and passed
  in as text.
- Long invoices: the lines table breaks across pages with its header row repeated, every page after
  the first starts with a running header (issuer, invoice number, date), every page ends with the
  issuer's identification and "Página n de N"; the breakdown and totals stay together after the
  last line, so they end on the last page.
- Fonts: the PDF standard Helvetica family (WinAnsi encoding: every Spanish letter, ¿ ¡ « » º and
  €). Characters outside WinAnsi (a Polish Ł, a Czech č) are printed without their accent, or as
  "?", rather than as a missing glyph; embedding a Unicode TrueType font is the way to print them
  as they are.
- Amounts in the Spanish way: 1.234,56 €; dates dd/mm/yyyy. `exchange_rate` is euros per unit of
  the invoice's currency (as the API records it), as FacturaE reads it.
- Deterministic: `invariant=1` fixes the creation date and document id, so the same invoice always
  gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cartera_invoicing.domain.facturae import legal_basis, zero_rate_code
from cartera_invoicing.domain.invoice import Address, IssuedInvoice, Party, cents

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BOTTOM = 20 * mm
RUNNING_HEADER = 16 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

QR_SIZE = 35 * mm  # the code itself, without its quiet zone (30-40 mm allowed)
QR_QUIET_ZONE = 4  # modules
QR_LEAD = "QR tributario:"
VERIFACTU_LEGEND = ("VERI*FACTU", "Factura verificable en la sede electrónica de la AEAT")
NO_VERIFACTU_ENDPOINT = "ValidarQRNoVerifactu"
QR_FORM = "verifactu-qr"
# Printed on a sandbox tenant's invoices (test mode): made as in live, never sent to the AEAT.
TEST_MARK = "PRUEBA \u2013 sin validez fiscal"  # an en dash, which WinAnsi has

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6776")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#c9d1db")
SHADE = colors.HexColor("#eef2f6")

HEADINGS = {"F2": "Factura simplificada"}
RECTIFICATION_TYPES = {
    "R1": "R1: error fundado en derecho y art. 80 Uno, Dos y Seis de la Ley 37/1992",
    "R2": "R2: art. 80.Tres de la Ley 37/1992 (concurso de acreedores)",
    "R3": "R3: art. 80.Cuatro de la Ley 37/1992 (créditos incobrables)",
    "R4": "R4: resto de causas",
    "R5": "R5: rectificación de facturas simplificadas",
}
RECTIFICATION_KINDS = {"S": "por sustitución (S)", "I": "por diferencias (I)"}
CURRENCY_SYMBOLS = {"EUR": "€"}
# What a 0 % base is, by its Verifactu code (invoice.check_rates); S1 is printed as its rate, 0 %.
ZERO_RATE_LABELS = {f"E{n}": "Exenta" for n in range(1, 7)}
ZERO_RATE_LABELS |= {"N1": "No sujeta", "N2": "No sujeta", "S2": "Inversión s. p."}
# Letters outside WinAnsi that Unicode does not decompose to a base letter.
TRANSLITERATION = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "\u0131": "i"}


def invoice_pdf(
    invoice: IssuedInvoice, *, qr_url: str | None, title: str | None = None, test: bool = False
) -> bytes:
    """The invoice as an A4 PDF. `title` is the document's title in its properties (by default
    the heading and number); the printed heading always follows the invoice type. `test`: a
    sandbox tenant's invoice (test mode), marked `TEST_MARK` under its heading and in its title,
    and without the VERI*FACTU legend, since its record is never sent to the AEAT."""
    layout = _Layout(invoice, qr_url, test=test)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM,
        title=_winansi(
            (f"{TEST_MARK}: " if test else "") + (title or f"{layout.heading} {invoice.number}")
        ),
        author=_winansi(invoice.issuer.legal_name),
        subject=_winansi(f"{layout.heading} {invoice.number}"),
        creator="Cartera",
        invariant=1,
    )
    body_height = PAGE_HEIGHT - MARGIN - BOTTOM
    document.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[Frame(MARGIN, BOTTOM, CONTENT_WIDTH, body_height, 0, 0, 0, 0)],
                onPage=layout.footer,
            ),
            PageTemplate(
                id="later",
                frames=[
                    Frame(MARGIN, BOTTOM, CONTENT_WIDTH, body_height - RUNNING_HEADER, 0, 0, 0, 0)
                ],
                onPage=layout.later_page,
            ),
        ]
    )
    document.build(layout.story(), canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


# Spanish formats ---------------------------------------------------------------------------------


def spanish_number(value: Decimal, places: int = 2) -> str:
    """1234.5 -> "1.234,50"; half-up to `places` decimals."""
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    integer, _, decimals = f"{abs(rounded):f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", ".")
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def spanish_money(value: Decimal, currency: str = "EUR") -> str:
    """1234.5 -> "1.234,50 €" (other currencies by their code: "1.234,50 USD")."""
    return f"{spanish_number(value)} {CURRENCY_SYMBOLS.get(currency, currency)}"


def spanish_decimal(value: Decimal, min_places: int = 0) -> str:
    """As many decimals as the value has (at least `min_places`): 6.5 -> "6,5", 1.355 -> "1,355"."""
    exponent = value.normalize().as_tuple().exponent
    places = max(min_places, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return spanish_number(value, places)


def spanish_percent(value: Decimal) -> str:
    return f"{spanish_decimal(value)} %"


def spanish_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# Layout ------------------------------------------------------------------------------------------


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": "Helvetica", "fontSize": 8.5, "leading": 11}
    base["textColor"] = INK
    base.update(kw)
    return ParagraphStyle(name, **base)


BODY = _style("body")
SMALL = _style("small", fontSize=7.5, leading=9.5)
MUTED_SMALL = _style("muted", fontSize=7.5, leading=9.5, textColor=MUTED)
NOTE = _style("note", fontName="Helvetica-Oblique", fontSize=7.5, leading=9.5, textColor=MUTED)
LABEL = _style("label", fontName="Helvetica-Bold", fontSize=7, leading=9, textColor=MUTED)
HEADING = _style("heading", fontName="Helvetica-Bold", fontSize=18, leading=22, textColor=ACCENT)
PARTY_NAME = _style("party", fontName="Helvetica-Bold", fontSize=9.5, leading=12)
CELL_RIGHT = _style("right", alignment=TA_RIGHT)
SECTION = _style(
    "section", fontName="Helvetica-Bold", fontSize=9, leading=12, textColor=ACCENT, spaceBefore=8
)
QR_TEXT = _style("qr", fontSize=7, leading=8.5)
QR_LEGEND = _style("qr-legend", fontName="Helvetica-Bold", fontSize=8, leading=10)
TEST_STYLE = _style("test-mark", fontName="Helvetica-Bold", fontSize=12, leading=15)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(_winansi(text)), style)


class _Layout:
    def __init__(self, invoice: IssuedInvoice, qr_url: str | None, *, test: bool = False) -> None:
        self.invoice = invoice
        self.qr_url = qr_url
        self.test = test
        self.currency = invoice.currency.upper()
        kind = invoice.invoice_type
        self.rectifying = kind.startswith("R")
        self.heading = "Factura rectificativa" if self.rectifying else HEADINGS.get(kind, "Factura")

    def money(self, value: Decimal) -> str:
        return spanish_money(value, self.currency)

    # Story -------------------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [NextPageTemplate("later"), self.top(), Spacer(1, 6 * mm)]
        story.append(self.parties())
        story.extend(self.rectification())
        if self.invoice.description:
            story.append(Spacer(1, 3 * mm))
            story.append(_p(f"Concepto: {self.invoice.description}", BODY))
        story.append(Spacer(1, 4 * mm))
        story.append(self.lines())
        story.append(KeepTogether(self.summary()))
        return story

    def top(self) -> Flowable:
        invoice = self.invoice
        facts = [
            ("Número", invoice.number),
            ("Serie", invoice.series),
            ("Fecha de expedición", spanish_date(invoice.issue_date)),
        ]
        if invoice.operation_date and invoice.operation_date != invoice.issue_date:
            facts.append(("Fecha de operación", spanish_date(invoice.operation_date)))
        if self.currency != "EUR":
            facts.append(("Moneda", self.currency))
        rows = [[_p(label, LABEL), _p(value, BODY)] for label, value in facts]
        details = Table(rows, colWidths=[34 * mm, None], hAlign="LEFT")
        details.setStyle(_tight())
        heading: list[Flowable] = [_p(self.heading, HEADING)]
        if self.test:
            heading.append(_p(TEST_MARK, TEST_STYLE))
        heading += [Spacer(1, 2 * mm), details]
        if not self.qr_url:
            return _block(heading, CONTENT_WIDTH)
        qr_width = QR_SIZE + 10 * mm
        qr_block: list[Flowable] = [_p(QR_LEAD, QR_TEXT), _VerifactuQr(self.qr_url)]
        if NO_VERIFACTU_ENDPOINT not in self.qr_url and not self.test:
            qr_block.append(_p(VERIFACTU_LEGEND[0], QR_LEGEND))
            qr_block.append(_p(VERIFACTU_LEGEND[1], QR_TEXT))
        table = Table(
            [[qr_block, heading]], colWidths=[qr_width, CONTENT_WIDTH - qr_width], hAlign="LEFT"
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("LEFTPADDING", (1, 0), (1, 0), 8 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def parties(self) -> Flowable:
        half = (CONTENT_WIDTH - 6 * mm) / 2
        issuer = _party_block("Emisor", self.invoice.issuer)
        recipient = (
            _party_block("Destinatario", self.invoice.recipient)
            if self.invoice.recipient
            else [_p("DESTINATARIO", LABEL), _p("Factura simplificada sin destinatario.", NOTE)]
        )
        table = Table([[issuer, "", recipient]], colWidths=[half, 6 * mm, half])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (0, 0), 0.6, RULE),
                    ("BOX", (2, 0), (2, 0), 0.6, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ]
            )
        )
        return table

    def rectification(self) -> list[Flowable]:
        invoice = self.invoice
        if not (self.rectifying or invoice.invoice_type == "F3"):
            return []
        references = "; ".join(
            f"{r.number} de {spanish_date(r.issue_date)}" for r in invoice.rectified
        )
        rows: list[list[Flowable]] = []
        if self.rectifying:
            label = "Facturas rectificadas" if len(invoice.rectified) > 1 else "Factura rectificada"
            rows.append([_p(label, LABEL), _p(references or "-")])
            kind = RECTIFICATION_TYPES.get(invoice.invoice_type, invoice.invoice_type)
            rows.append([_p("Tipo", LABEL), _p(kind)])
            method = RECTIFICATION_KINDS.get(invoice.rectification_kind or "")
            if method:
                rows.append([_p("Rectificación", LABEL), _p(method)])
            if invoice.rectification_reason:
                rows.append([_p("Causa", LABEL), _p(invoice.rectification_reason)])
        else:
            rows.append(
                [
                    _p("Sustituye a", LABEL),
                    _p(f"Facturas simplificadas {references}" if references else "-"),
                ]
            )
        table = Table(rows, colWidths=[34 * mm, CONTENT_WIDTH - 34 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ]
            )
        )
        return [Spacer(1, 4 * mm), table]

    def lines(self) -> Flowable:
        header = ["Descripción", "Cantidad", "Precio unitario", "Dto.", "IVA", "Importe"]
        rows: list[list[Any]] = [[_p(h, LABEL) for h in header]]
        rows[0][1:] = [_p(h, _right(LABEL)) for h in header[1:]]
        for line in self.invoice.lines:
            discount = spanish_percent(line.discount_percent) if line.discount_percent else ""
            rows.append(
                [
                    _p(line.description),
                    _p(spanish_decimal(line.quantity), CELL_RIGHT),
                    _p(spanish_money_precise(line.unit_price, self.currency), CELL_RIGHT),
                    _p(discount, CELL_RIGHT),
                    _p(spanish_percent(line.vat_rate), CELL_RIGHT),
                    _p(self.money(line.amount), CELL_RIGHT),
                ]
            )
        widths = [76 * mm, 18 * mm, 26 * mm, 14 * mm, 14 * mm]
        widths.append(CONTENT_WIDTH - sum(widths))
        table = LongTable(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ]
            )
        )
        return table

    def summary(self) -> list[Flowable]:
        parts: list[Flowable] = [Spacer(1, 5 * mm), *self.breakdown()]
        if self.invoice.amounts.withholdings:
            parts.append(Spacer(1, 2 * mm))
            parts.append(self.withholdings())
        parts.append(Spacer(1, 4 * mm))
        parts.append(self.totals())
        if self.currency != "EUR":
            parts.append(Spacer(1, 2 * mm))
            parts.extend(self.in_euros())
        if self.invoice.due_dates:
            parts.append(_p("Vencimientos", SECTION))
            rows = [
                [_p(spanish_date(d.due_on)), _p(self.money(d.amount), CELL_RIGHT)]
                for d in self.invoice.due_dates
            ]
            table = Table(rows, colWidths=[40 * mm, 40 * mm], hAlign="LEFT")
            table.setStyle(_tight(lines=True))
            parts.append(table)
        if self.invoice.notes:
            parts.append(_p("Observaciones", SECTION))
            parts.append(_p(self.invoice.notes))
        return parts

    def breakdown(self) -> list[Flowable]:
        rows_data = self.invoice.amounts.breakdown
        with_surcharge = any(r.surcharge_rate for r in rows_data)
        header = ["Base imponible", "Tipo IVA", "Cuota IVA"]
        if with_surcharge:
            header += ["Tipo rec. eq.", "Cuota rec. eq."]
        rows: list[list[Any]] = [[_p(h, _right(LABEL)) for h in header]]
        spans: list[int] = []
        for row in rows_data:
            rate = spanish_percent(row.vat_rate)
            if row.exemption_reason:
                rate = ZERO_RATE_LABELS.get(zero_rate_code(row.exemption_reason) or "", rate)
            cells = [self.money(row.taxable_base), rate, self.money(row.vat)]
            if with_surcharge:
                surcharge_rate = spanish_percent(row.surcharge_rate) if row.surcharge_rate else ""
                surcharge = self.money(row.surcharge) if row.surcharge_rate else ""
                cells += [surcharge_rate, surcharge]
            rows.append([_p(c, CELL_RIGHT) for c in cells])
            if row.exemption_reason:
                spans.append(len(rows))
                basis = legal_basis(row.exemption_reason)
                rows.append([_p(basis, NOTE)] + [""] * (len(header) - 1))
        width = CONTENT_WIDTH / 5
        table = Table(rows, colWidths=[width] * len(header), hAlign="LEFT")
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, -1), (-1, -1), 0.25, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
        ]
        for index in spans:
            style.append(("SPAN", (0, index), (-1, index)))
        table.setStyle(TableStyle(style))
        return [_p("Desglose de impuestos", SECTION), Spacer(1, 1 * mm), table]

    def withholdings(self) -> Flowable:
        header = ["Base de retención", "Tipo IRPF", "Importe retenido"]
        rows: list[list[Any]] = [[_p(h, _right(LABEL)) for h in header]]
        for w in self.invoice.amounts.withholdings:
            cells = [self.money(w.taxable_base), spanish_percent(w.irpf_rate), self.money(-w.irpf)]
            rows.append([_p(c, CELL_RIGHT) for c in cells])
        width = CONTENT_WIDTH / 5
        table = Table(rows, colWidths=[width] * 3, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
                ]
            )
        )
        return table

    def totals(self) -> Flowable:
        totals = self.invoice.amounts.totals
        rows = [("Base imponible", totals.taxable_base), ("IVA", totals.vat)]
        if totals.surcharge:
            rows.append(("Recargo de equivalencia", totals.surcharge))
        if self.invoice.amounts.withholdings:
            rows.append(("Total factura", totals.invoice_amount))
            withholdings = self.invoice.amounts.withholdings
            rates = ", ".join(spanish_percent(w.irpf_rate) for w in withholdings)
            rows.append((f"Retención IRPF ({rates})", -totals.irpf))
        cells: list[list[Any]] = [
            [_p(label), _p(self.money(value), CELL_RIGHT)] for label, value in rows
        ]
        strong = _style("total", fontName="Helvetica-Bold", fontSize=11, leading=14)
        cells.append([_p("TOTAL A PAGAR", strong), _p(self.money(totals.total), _right(strong))])
        table = Table(cells, colWidths=[52 * mm, 38 * mm], hAlign="RIGHT")
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
                    ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ]
            )
        )
        return table

    def in_euros(self) -> list[Flowable]:
        invoice = self.invoice
        rate = invoice.exchange_rate
        if not rate:
            return [_p(f"Importes en {self.currency}.", NOTE)]
        totals = invoice.amounts.totals
        on = invoice.operation_date or invoice.issue_date
        text = (
            f"Importes en {self.currency}. Tipo de cambio: 1 {self.currency} = "
            f"{spanish_decimal(rate, 2)} EUR ({spanish_date(on)}). Cuota de IVA en euros: "
            f"{spanish_money(cents(totals.vat * rate))}"
        )
        if totals.surcharge:
            text += f"; recargo de equivalencia: {spanish_money(cents(totals.surcharge * rate))}"
        text += f". Total a pagar en euros: {spanish_money(cents(totals.total * rate))}."
        return [_p(text, NOTE)]

    # Page decoration -----------------------------------------------------------------------------

    def footer(self, canvas: Any, document: Any) -> None:
        issuer = self.invoice.issuer
        parts = [issuer.legal_name, f"NIF {issuer.tax_id}"]
        if issuer.address:
            parts.append(_one_line(issuer.address))
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, BOTTOM - 6 * mm, PAGE_WIDTH - MARGIN, BOTTOM - 6 * mm)
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, BOTTOM - 10 * mm, _winansi(" · ".join(parts))[:150])
        canvas.restoreState()

    def later_page(self, canvas: Any, document: Any) -> None:
        self.footer(canvas, document)
        invoice = self.invoice
        top = PAGE_HEIGHT - MARGIN
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawString(MARGIN, top - 4 * mm, _winansi(f"{self.heading} {invoice.number}"))
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(INK)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN,
            top - 4 * mm,
            _winansi(f"Fecha de expedición {spanish_date(invoice.issue_date)} (continuación)"),
        )
        issuer = invoice.issuer
        who = f"Emisor: {issuer.legal_name} (NIF {issuer.tax_id})"
        if invoice.recipient:
            who += f" · Destinatario: {invoice.recipient.legal_name}"
        canvas.setFillColor(MUTED)
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(MARGIN, top - 8.5 * mm, _winansi(who)[:160])
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 11 * mm, PAGE_WIDTH - MARGIN, top - 11 * mm)
        canvas.restoreState()


class _VerifactuQr(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """The Verifactu QR (error correction M), its modules exactly QR_SIZE wide, drawn once as a
    form XObject and linked to its URL."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        widget = QrCodeWidget(url, barLevel="M", barBorder=QR_QUIET_ZONE)
        widget.qr.make()
        modules = widget.qr.getModuleCount()
        self.side = QR_SIZE * (modules + 2 * QR_QUIET_ZONE) / modules
        widget.barWidth = widget.barHeight = self.side
        self.drawing = Drawing(self.side, self.side)
        self.drawing.add(widget)
        self.width = self.height = self.side

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        canvas = self.canv
        canvas.beginForm(QR_FORM)
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas.endForm()
        canvas.doForm(QR_FORM)
        canvas.linkURL(self.url, (0, 0, self.side, self.side), relative=1)


class _NumberedCanvas(pdf_canvas.Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """Draws "Página n de N" once the number of pages is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self.setFont("Helvetica", 7)
            self.setFillColor(MUTED)
            self.drawRightString(
                PAGE_WIDTH - MARGIN, BOTTOM - 10 * mm, f"Página {self._pageNumber} de {total}"
            )
            super().showPage()
        super().save()


# Helpers -------------------------------------------------------------------------------------


def spanish_money_precise(value: Decimal, currency: str = "EUR") -> str:
    """A unit price: at least two decimals, all those it has (1,355 €)."""
    return f"{spanish_decimal(value, 2)} {CURRENCY_SYMBOLS.get(currency, currency)}"


def _party_block(label: str, party: Party) -> list[Flowable]:
    block: list[Flowable] = [_p(label.upper(), LABEL), _p(party.legal_name, PARTY_NAME)]
    block.append(_p(f"{_tax_id_label(party)}: {party.tax_id}"))
    if party.address:
        address = party.address
        block.append(_p(address.street))
        block.append(_p(_town_line(address)))
    return block


def _tax_id_label(party: Party) -> str:
    if party.country == "ES":
        return "NIF"
    if party.tax_id[:2].isalpha() and party.tax_id[:2].upper() in (party.country, "EL"):
        return "NIF-IVA"
    return "Id. fiscal"


def _town_line(address: Address) -> str:
    place = " ".join(p for p in (address.postal_code, address.city) if p)
    if address.province and address.province != address.city:
        place += f" ({address.province})" if address.country == "ES" else f", {address.province}"
    if address.country != "ES":
        place += f" - {address.country}"
    return place


def _one_line(address: Address) -> str:
    return f"{address.street}, {_town_line(address)}"


def _block(flowables: list[Flowable], width: float) -> Table:
    table = Table([[flowables]], colWidths=[width], hAlign="LEFT")
    table.setStyle(_tight())
    return table


def _tight(*, lines: bool = False) -> TableStyle:
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
    ]
    if lines:
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE))
    return TableStyle(style)


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=TA_RIGHT)


def _winansi(text: str) -> str:
    """Text the standard fonts can print: characters outside WinAnsi (cp1252) lose their accent,
    or become "?"."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
        except UnicodeEncodeError:
            base = TRANSLITERATION.get(ch) or "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
            try:
                base.encode("cp1252")
            except UnicodeEncodeError:
                base = "?"
            out.append(base or "?")
        else:
            out.append(ch)
    return "".join(out)

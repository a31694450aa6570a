"""The marking, DRAFT, the footer and "Page N of M" are printed in the template's face, like the text
between them: a template choosing DejaVu Sans gets no Liberation Sans in its page furniture (nor in its
contents list)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from pypdf import PdfReader
from reportlab.lib.units import mm

from templates_reports import pdf as pdf_layout
from templates_reports.catalogue import load_template
from templates_reports.export import make_brief
from tests.e2e.test_brief_pdf import with_diagnostics
from workbench.document import Document
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)
BAND = 22 * mm  # the page's top and bottom margins, where only the furniture is printed


def furniture_fonts(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, text, font) of every piece of text printed in the top or bottom margin of each page."""
    found: list[tuple[int, str, str]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        height = float(page.mediabox.height)

        def seen(text, cm, tm, font, _size, number=number, height=height):
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and font is not None and (y < BAND or y > height - BAND):
                found.append((number, text.strip(), str(font["/BaseFont"]).split("+")[-1]))

        page.extract_text(visitor_text=seen)
    return found


def dejavu_brief(template: str, monkeypatch) -> bytes:
    chosen = dataclasses.replace(load_template(template), font="DejaVu Sans")
    monkeypatch.setattr(pdf_layout, "load_template", lambda _id: chosen)
    return make_brief(Document.of(sample_entities()), template, fixed_date=DAY).pdf


def test_page_furniture_uses_the_face_the_template_chooses(monkeypatch):
    pdf = dejavu_brief("ministerial", monkeypatch)
    printed = furniture_fonts(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    texts = {text for _page, text, _font in printed}
    assert {"OFFICIAL-SENSITIVE COMMERCIAL", "DRAFT", f"Page {pages} of {pages}"} <= texts
    assert [p for p in printed if not p[2].startswith("DejaVuSans")] == []


def test_the_contents_list_and_its_pages_use_the_face_the_template_chooses(monkeypatch):
    pdf = dejavu_brief("evaluation", monkeypatch)
    assert [p for p in furniture_fonts(pdf) if not p[2].startswith("DejaVuSans")] == []
    fonts = set()

    def seen(text, _cm, _tm, font, _size):
        if "Purpose and scope" in text and font is not None:
            fonts.add(str(font["/BaseFont"]).split("+")[-1])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=seen)
    assert fonts and all(f.startswith("DejaVuSans") for f in fonts)


def test_a_template_choosing_dejavu_sans_gets_it_in_every_figure_too(monkeypatch):
    """The whole submission, diagnostic figures and all, names no Liberation Sans font."""
    chosen = dataclasses.replace(load_template("ministerial"), font="DejaVu Sans")
    monkeypatch.setattr(pdf_layout, "load_template", lambda _id: chosen)
    pdf = make_brief(with_diagnostics(Document.of(sample_entities())), "ministerial", fixed_date=DAY).pdf
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts and not any(f.startswith("Liberation") for f in fonts)

"""What the PDF offers a reader using assistive technology, short of tags (reportlab's open-source
edition writes none): its title and language, and a bookmark for every section."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from templates_reports.catalogue import load_template
from templates_reports.export import make_brief
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)


def test_the_pdf_names_its_title_and_language_and_bookmarks_every_section():
    doc = Document.of(sample_entities())
    composed = compose(doc, load_template("ministerial"), today=DAY)
    pdf = PdfReader(io.BytesIO(make_brief(doc, "ministerial", fixed_date=DAY).pdf))
    assert pdf.metadata.title == f"Submission: {composed.title}"
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"
    assert [o.title for o in pdf.outline] == [s.title for s in composed.sections]

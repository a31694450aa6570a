"""The preview's page 1, laid out alone while the user pauses in typing, is page 1 of the whole brief,
and only the sections page 1 needs are laid out for it."""

from __future__ import annotations

import datetime as dt

import pytest

from templates_reports import pdf, picture
from templates_reports.catalogue import load_template
from templates_reports.styles import MARGIN_BOTTOM, MARGIN_TOP
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)


def last_lines(page: picture.Picture) -> list[str]:
    """The last lines of the page's body (below the running header, above the footer): where page 1 ends."""
    body = [t for t in page.items if isinstance(t, picture.Text) and MARGIN_BOTTOM < t.y < page.height - MARGIN_TOP]
    return [t.text for t in body if t.text != "DRAFT" and ". . ." not in t.text][-3:]  # no watermark, no contents


@pytest.mark.parametrize("template", ["ministerial", "workshop", "evaluation"])
def test_page_one_alone_is_page_one_of_the_whole_brief(template):
    brief = compose(Document.of(sample_entities()), load_template(template), today=DAY)
    whole = picture.first_page(brief, fixed_date=DAY)
    alone = picture.page_one(brief, contents=whole.pages >= 3)
    assert last_lines(alone) == last_lines(whole) and len(last_lines(whole)) == 3


def test_page_one_lays_out_the_first_sections_only(monkeypatch):
    brief = compose(Document.of(sample_entities()), load_template("ministerial"), today=DAY)
    laid_out = []
    real = pdf.section_body

    def counted(section, *args):
        laid_out.append(section.title)
        return real(section, *args)

    monkeypatch.setattr(pdf, "section_body", counted)
    picture.page_one(brief, contents=False)
    assert laid_out == [s.title for s in brief.sections[: picture.FIRST_SECTIONS]] and len(brief.sections) > 8

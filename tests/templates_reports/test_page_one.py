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


def test_stopping_at_page_one_leaves_what_its_caller_read_to_be_freed_at_once():
    """The layout stops with an exception, which the PDF library keeps in a local of its own frame as it
    passes it on: the frames it passed through became a cycle, and with them what the frame that asked for
    page 1 held (the document the preview read, some 50,000 objects), left for a collection on the window's
    thread to scan. Let go of, it is freed at once."""
    import gc
    import weakref

    def preview(document: Document) -> picture.Picture:  # as the preview's work beside the window does
        return picture.page_one(compose(document, load_template("ministerial"), today=DAY), contents=False)

    document = Document.of(sample_entities())
    read = weakref.ref(document)
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        preview(document)
        del document
        assert read() is None
    finally:
        if was_enabled:
            gc.enable()

"""A draft exported to Word carries Word's own DRAFT watermark on every page (the shape Design >
Watermark writes into each header: VML text along a path, light grey, diagonal, behind the text); a
final export has none."""

from __future__ import annotations

import io
import re

from docx import Document as open_docx

from templates_reports.docx import render_docx
from tests.templates_reports.test_docx import MARKING, brief_of, sample_docx
from workbench.briefs.blocks import Para

VML = "urn:schemas-microsoft-com:vml"


def watermarks(header) -> list[tuple[str, dict[str, str], str]]:
    """(text, style, fill colour) of each text shape in a header."""
    out = []
    for shape in header._element.iter(f"{{{VML}}}shape"):
        path = shape.find(f"{{{VML}}}textpath")
        if path is not None:
            style = dict(part.split(":", 1) for part in shape.get("style").split(";") if part)
            out.append((path.get("string"), style, shape.get("fillcolor")))
    return out


def light_grey(colour: str) -> bool:
    named = {"silver": "#c0c0c0", "#d8d8d8": "#d8d8d8"}
    value = named.get(colour.lower(), colour.lower())
    channels = [int(value[n : n + 2], 16) for n in (1, 3, 5)] if re.fullmatch("#[0-9a-f]{6}", value) else []
    return len(set(channels)) == 1 and channels[0] >= 0xB0


def test_every_header_of_a_draft_carries_the_draft_watermark():
    word = sample_docx()
    assert word.sections
    for section in word.sections:
        assert not section.different_first_page_header_footer  # so every page shows this header
        ((text, style, fill),) = watermarks(section.header)
        assert text == "DRAFT"
        assert style["rotation"] == "315"  # diagonal, lower left to upper right
        assert int(style["z-index"]) < 0  # behind the text
        assert style["mso-position-horizontal"] == style["mso-position-vertical"] == "center"
        assert light_grey(fill)
        assert section.header.paragraphs[0].text == MARKING  # the marking stays above it
    assert not word.settings.odd_and_even_pages_header_footer


def test_a_final_export_has_no_watermark_and_both_reopen():
    final = render_docx(brief_of(Para("x"), draft=False), None)
    draft = render_docx(brief_of(Para("x"), draft=True), None)
    for data, expected in ((final, []), (draft, ["DRAFT"])):
        word = open_docx(io.BytesIO(data))  # python-docx still reads it
        assert [text for section in word.sections for text, _, _ in watermarks(section.header)] == expected
        assert "x" in [p.text for p in word.paragraphs]


def test_a_department_template_with_odd_and_even_headers_still_shows_the_watermark_on_every_page(tmp_path):
    template = open_docx()
    template.settings.odd_and_even_pages_header_footer = True
    template.sections[0].different_first_page_header_footer = True
    path = tmp_path / "department.docx"
    template.save(str(path))
    word = open_docx(io.BytesIO(render_docx(brief_of(Para("x"), draft=True), None, template=path)))
    assert not word.settings.odd_and_even_pages_header_footer
    assert [text for text, _, _ in watermarks(word.sections[0].header)] == ["DRAFT"]

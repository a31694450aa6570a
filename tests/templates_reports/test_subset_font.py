"""A line of plain ASCII maps to the font's subsets as reportlab maps it, and every other line goes
reportlab's own way, so a brief's PDF is byte for byte what it was."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from templates_reports.fonts import SubsetFont, _face, _read
from templates_reports.typefaces import HOUSE


class _Doc:
    """Stands for a PDF document: the font keeps its subsets per document."""


def _pair() -> tuple[SubsetFont, TTFont]:
    file = HOUSE.regular[1]
    return SubsetFont("Ours", _face(_read(file))), TTFont("Theirs", io.BytesIO(_read(file)))


OURS, THEIRS = _pair()
LINES = st.lists(
    st.one_of(
        st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30),  # the common case
        st.text(st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=30),  # controls, NBSP, Latin
        st.text(max_size=10),
        st.sampled_from(["–", "8–9", "€420m", "Café", "\u00a0"]),  # lines that repeat
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_every_line_maps_to_the_subsets_reportlab_maps_it_to(lines: list[str]):
    ours, theirs = _Doc(), _Doc()
    for line in lines:
        assert OURS.splitString(line, ours) == THEIRS.splitString(line, theirs)
    assert _subsets(OURS, ours) == _subsets(THEIRS, theirs)


def _subsets(font: TTFont, doc: _Doc) -> list[list[int]] | None:
    state = font.state.get(doc)
    return state.subsets if state else None


def test_plain_ascii_is_not_mapped_character_by_character(monkeypatch):
    doc = _Doc()
    OURS.splitString("Start", doc)  # the document's subsets begin
    monkeypatch.setattr(TTFont, "splitString", lambda *a, **k: (_ for _ in ()).throw(AssertionError("mapped")))
    assert OURS.splitString("Budget (EUR m): 420", doc) == [(0, b"Budget (EUR m): 420")]
    assert OURS.splitString("", doc) == []


def test_a_line_seen_before_in_the_document_is_not_mapped_again(monkeypatch):
    doc, other, mapped = _Doc(), _Doc(), []
    for started in (doc, other):
        OURS.splitString("Start", started)  # the documents' subsets begin
    first = OURS.splitString("8–9 €", doc)
    monkeypatch.setattr(TTFont, "splitString", lambda self, text, *a: mapped.append(text) or [])
    assert OURS.splitString("8–9 €", doc) == first and mapped == []
    OURS.splitString("8–9 €", other)  # another document: its own codes
    assert mapped == ["8–9 €"]

"""Long briefs: layout work grows with the text, not with its square, and no text is lost on the way."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import re

import pypdf
import pytest
import reportlab.platypus.paragraph as rl_paragraph
from reportlab.graphics.shapes import Drawing, Rect

from templates_reports import flowables
from templates_reports.long_text import pieces
from templates_reports.pdf import render_pdf
from workbench.briefs.blocks import Bullets, ComposedBrief, ComposedSection, Para
from workbench.briefs.context import BriefContext
from workbench.briefs.providers import PROVIDERS
from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.sample import starter_entities

DAY = dt.date(2026, 3, 5)
WORDS = [
    "regional",
    "battery",
    "cluster",
    "supply",
    "chain",
    "skills",
    "investment",
    "capability",
    "export",
    "partnership",
]


def words(n_chars: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    out, size = [], 0
    while size < n_chars:
        word = rnd.choice(WORDS)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n_chars].strip()


def brief_of(*blocks) -> ComposedBrief:
    section = ComposedSection("background", "Background", list(blocks), numbered=True)
    return ComposedBrief("ministerial", "Submission", "Long", "", "", "", "OFFICIAL", "", "5 March 2026", [], [section])


def measured_work(brief: ComposedBrief, monkeypatch) -> tuple[int, int]:
    """(text measurements made while wrapping paragraphs, pages): a count that does not depend on the machine."""
    calls = 0
    real = rl_paragraph.stringWidth

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    with monkeypatch.context() as mp:
        mp.setattr(rl_paragraph, "stringWidth", counting)
        pages = render_pdf(brief, fixed_date=DAY).pages
    return calls, pages


@pytest.mark.parametrize(
    "text",
    [words, lambda n: "x" * n, lambda n: "\n".join(words(n).split(" "))],
    ids=["one long paragraph", "one endless word", "a line per word"],
)
@pytest.mark.slow  # a scaling check over three sizes of text: the full suite runs it
def test_ten_times_the_text_costs_about_ten_times_the_layout_work(text, monkeypatch):
    small, small_pages = measured_work(brief_of(Para(text(10_000))), monkeypatch)
    large, large_pages = measured_work(brief_of(Para(text(100_000))), monkeypatch)
    assert large_pages >= 5 * small_pages
    assert large < 15 * small, (small, large)


def test_a_bullet_many_pages_long_is_laid_out_in_linear_work(monkeypatch):
    small, _ = measured_work(brief_of(Bullets((words(10_000),))), monkeypatch)
    large, _ = measured_work(brief_of(Bullets((words(100_000),))), monkeypatch)
    assert large < 15 * small, (small, large)


def test_a_paragraph_over_many_pages_keeps_every_word_in_order_and_one_number():
    text = " ".join(f"w{n}" for n in range(12_000))  # about 70,000 characters, many pages
    pdf = render_pdf(brief_of(Para(text), Para("Closing remark.")), fixed_date=DAY).pdf
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    printed = " ".join(page.extract_text() for page in pages)
    assert re.findall(r"\bw\d+\b", printed) == text.split()
    assert re.findall(r"(?m)^\s*([12])\.\s", printed) == ["1", "2"]  # the long paragraph is number 1, once


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("One line.\n" + "word " * 40, "One line."),
        ("First sentence here. " + "word " * 40, "First sentence here."),
        ("word " * 40, "word " * 19 + "word"),
        ("x" * 250, "x" * 100),
    ],
    ids=["line break", "sentence", "between words", "inside an endless word"],
)
def test_pieces_end_at_a_line_break_else_a_sentence_else_between_words(text, first):
    parts = pieces(text, limit=100)
    assert parts[0] == first
    assert all(len(p) <= 100 for p in parts)
    assert re.sub(r"\s+", "", "".join(parts)) == re.sub(r"\s+", "", text)


def test_something_larger_than_a_page_is_refused_in_one_sentence(monkeypatch):
    """A document's data can ask for a table row or figure taller than a page; reportlab's own
    LayoutError names its objects, so the brief says what to do instead."""
    tall = Drawing(400, 2000)
    tall.add(Rect(0, 0, 400, 2000))
    monkeypatch.setattr(flowables, "figure_drawing", lambda diagram: tall)
    figure, _measures = PROVIDERS["spheres_figure"](BriefContext(Document.of(starter_entities())))
    with pytest.raises(WorkbenchError) as info:
        render_pdf(brief_of(dataclasses.replace(figure, caption="A figure taller than a page")), fixed_date=DAY)
    assert "\n" not in info.value.message and info.value.message.endswith(".")
    assert "larger than a page" in info.value.message

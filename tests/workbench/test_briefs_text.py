"""Free text -> paragraphs and bullets: the plain-e-mail rules the Briefs view promises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.briefs.blocks import Bullets, Para
from workbench.briefs.text import text_blocks


def test_blank_lines_split_paragraphs_and_single_breaks_stay():
    assert text_blocks("One\nstill one\n\n  \nTwo") == [Para("One\nstill one"), Para("Two")]


def test_bullets_with_any_marker_and_indented_continuations():
    text = "That you:\n- agree A;\n  which costs 5;\n* note B\n• ask C\nAfter the list"
    assert text_blocks(text) == [
        Para("That you:"),
        Bullets(("agree A; which costs 5;", "note B", "ask C")),
        Para("After the list"),
    ]


def test_windows_line_endings_and_empty_input():
    assert text_blocks("a\r\n\r\nb\rc") == [Para("a"), Para("b\nc")]
    assert text_blocks("") == [] and text_blocks(" \n\t\n ") == []


def test_a_dash_without_a_space_is_text_not_a_bullet():
    assert text_blocks("-5% on last year\n--flag") == [Para("-5% on last year\n--flag")]


@given(st.text(max_size=300))
def test_no_text_is_lost_or_invented(text):
    """Every non-space character typed is in the blocks, apart from the bullet markers themselves."""
    blocks = text_blocks(text)
    printed = "".join(b.text if isinstance(b, Para) else "".join(b.items) for b in blocks)
    assert all(b.text.strip() if isinstance(b, Para) else all(b.items) for b in blocks)
    kept = sorted(c for c in printed if not c.isspace())
    typed = sorted(c for c in text if not c.isspace())
    removed = list(typed)
    for c in kept:
        removed.remove(c)  # raises if a character was invented
    assert set(removed) <= {"-", "*", "•"}

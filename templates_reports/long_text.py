"""Long text as a run of paragraphs of at most PIECE characters each.

reportlab wraps a paragraph whole each time it meets a page break, so one paragraph of 100,000
characters was wrapped again at each of its 30 pages (layout time grew with the square of the text).
Pieces shorter than half a page are each wrapped at most twice, so the time grows with the text.
A piece ends at a line break where there is one (invisible in print), else after a sentence, else
between words; only a word longer than a piece is cut inside.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from templates_reports.markup import literal

PIECE = 2000  # characters; an A4 page holds about 5,000 of body text
_SENTENCE_END = re.compile(r"[.!?;:][)\"'’”]?\s")


def pieces(text: str, limit: int = PIECE) -> list[str]:
    """`text` cut into pieces of at most `limit` characters; the separator at each cut (a line
    break or a space) is dropped, so joining them with it gives the text back."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit + 1]
        cut = window.rfind("\n", 1)
        if cut < 0:
            ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else window.rfind(" ", limit // 2)
        if cut < 0:
            out.append(text[start : start + limit])
            start += limit
            continue
        out.append(text[start : start + cut])
        start += cut + 1
    out.append(text[start:])
    return out


def paragraphs(text: str, style: ParagraphStyle, bullet: str | None = None) -> list[Paragraph]:
    """`text` as one paragraph, or as several that print as one: the space before the first and
    after the last only, the bullet or number on the first."""
    parts = pieces(text)
    if len(parts) == 1:
        return [Paragraph(literal(text), style, bulletText=bullet)]
    last = len(parts) - 1
    return [
        Paragraph(literal(part), _piece_style(style, n == 0, n == last), bulletText=bullet if n == 0 else None)
        for n, part in enumerate(parts)
    ]


@lru_cache(maxsize=64)  # styles are few; bullets under numbering make a fresh one per list
def _piece_style(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-piece{'-first' if first else ''}{'-last' if last else ''}",
        style,
        spaceBefore=style.spaceBefore if first else 0,
        spaceAfter=style.spaceAfter if last else 0,
        firstLineIndent=style.firstLineIndent if first else 0,
    )

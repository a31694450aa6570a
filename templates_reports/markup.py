"""User text -> reportlab paragraph markup that prints exactly what was typed.

Everything goes through here: '<b>', '<img src=...>' and '&amp;' print literally, line breaks stay
line breaks, characters the house face lacks are set in the fallback font that has them (Korean,
Chinese, Japanese), and characters no font has print as U+FFFD instead of vanishing.
"""

from __future__ import annotations

from html import escape as _escape

from templates_reports.fonts import FONT, covered, runs


def escape(text: str) -> str:
    """&, < and > as entities (html's, not xml.sax's: that one loads urllib, HTTP and e-mail with it)."""
    return _escape(text, quote=False)


def literal(text: str) -> str:
    if covered(text):
        return escape(text).replace("\n", "<br/>")
    marked = (escape(p) if font == FONT else f'<font face="{font}">{escape(p)}</font>' for font, p in runs(text))
    return "".join(marked).replace("\n", "<br/>")

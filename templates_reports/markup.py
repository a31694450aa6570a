"""User text -> reportlab paragraph markup that prints exactly what was typed.

Everything goes through here: '<b>', '<img src=...>' and '&amp;' print literally, line breaks stay
line breaks, and characters the fonts lack print as U+FFFD instead of vanishing.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from templates_reports.fonts import printable


def literal(text: str) -> str:
    return escape(printable(text)).replace("\n", "<br/>")

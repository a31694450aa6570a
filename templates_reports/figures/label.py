"""A figure's label as reportlab strings: one per run of characters one font draws, so a Korean or
Chinese name prints in a fallback font beside the house face's Latin letters."""

from __future__ import annotations

from reportlab.graphics.shapes import String
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.fonts import covered, runs


def label_width(text: str, font: str, size: float) -> float:
    if covered(text):
        return stringWidth(text, font, size)
    return sum(stringWidth(piece, face, size) for face, piece in runs(text, font))


def label(x: float, y: float, text: str, font: str, size: float, anchor: str = "start", **style) -> list[String]:
    """The strings drawing `text` with its `anchor` ("start", "middle", "end") at (x, y)."""
    if covered(text):
        return [String(x, y, text, fontName=font, fontSize=size, textAnchor=anchor, **style)]
    pieces = list(runs(text, font))
    total = sum(stringWidth(piece, face, size) for face, piece in pieces)
    left = x - {"start": 0.0, "middle": total / 2, "end": total}[anchor]
    out = []
    for face, piece in pieces:
        out.append(String(left, y, piece, fontName=face, fontSize=size, textAnchor="start", **style))
        left += stringWidth(piece, face, size)
    return out

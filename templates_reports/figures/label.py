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


def wrap_lines(text: str, font: str, size: float, room: float) -> list[str]:
    """`text` broken between words into lines at most `room` points wide, as many as it takes; a word
    wider than `room` alone is broken between letters, with a hyphen. Nothing is cut off."""
    lines: list[str] = []
    for word in text.split() or [""]:
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and label_width(trial, font, size) <= room:
            lines[-1] = trial
            continue
        while label_width(word, font, size) > room and len(word) > 1:
            cut = max(k for k in range(1, len(word)) if k == 1 or label_width(word[:k] + "-", font, size) <= room)
            lines.append(word[:cut] + ("-" if word[cut - 1].isalnum() and word[cut].isalnum() else ""))
            word = word[cut:]
        lines.append(word)
    return lines


def fit_lines(text: str, font: str, size: float, room: float, most: int, smallest: float) -> tuple[list[str], float]:
    """The largest size from `size` down to `smallest` (half a point at a time) at which `text` wraps
    into at most `most` lines of `room` points; else all the lines it takes at `smallest`."""
    at = size
    while at >= smallest:
        lines = wrap_lines(text, font, at, room)
        if len(lines) <= most:
            return lines, at
        at -= 0.5
    return wrap_lines(text, font, smallest, room), smallest

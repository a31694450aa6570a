"""The brief's typefaces as data: which shipped files make each family, and the fallbacks in order.

Kept apart from templates_reports.fonts (which registers them with reportlab) so the window can name
and load the same files into Qt without importing the layout machinery on its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Face:
    """A family's four styles as reportlab font names, with their files."""

    name: str  # as a template names it, e.g. "Liberation Sans"
    regular: tuple[str, str]  # (font name, file)
    bold: tuple[str, str]
    italic: tuple[str, str]
    bold_italic: tuple[str, str]

    def styles(self) -> tuple[tuple[str, str], ...]:
        return self.regular, self.bold, self.italic, self.bold_italic


FACES = {
    "Liberation Sans": Face(
        "Liberation Sans",
        ("LiberationSans", "LiberationSans-Regular.ttf"),
        ("LiberationSans-Bold", "LiberationSans-Bold.ttf"),
        ("LiberationSans-Italic", "LiberationSans-Italic.ttf"),
        ("LiberationSans-BoldItalic", "LiberationSans-BoldItalic.ttf"),
    ),
    "DejaVu Sans": Face(
        "DejaVu Sans",
        ("DejaVuSans", "DejaVuSans.ttf"),
        ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
        ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
        ("DejaVuSans-BoldOblique", "DejaVuSans-Bold.ttf"),  # not shipped: bold stands in
    ),
}
HOUSE = FACES["Liberation Sans"]
FONT, BOLD, ITALIC, BOLD_ITALIC = (name for name, _ in HOUSE.styles())
# Tried in order for a character the house face lacks; each is read on first need.
FALLBACKS = (
    ("DejaVuSans", "DejaVuSans.ttf"),
    ("DroidSansFallback", "DroidSansFallbackFull.ttf"),
    ("NanumGothic", "NanumGothic.ttf"),
)

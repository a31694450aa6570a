"""The first page of a brief as plain drawing operations, for an on-screen preview.

The brief is laid out as for the PDF, on a canvas that also notes, for page 1, every path and every
piece of text with its place, font and colour (points from the page's bottom left). The GUI replays
them with QPainter: the preview is the PDF's own layout, with no PDF reader or rasteriser needed.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.pdfgen.textobject import PDFTextObject

from templates_reports.fonts import register_fonts
from templates_reports.pdf import PAGE_SIZES, StoryCut, layout, render_pdf
from workbench.briefs.blocks import ComposedBrief

Matrix = tuple[float, float, float, float, float, float]
RGBA = tuple[float, float, float, float]
FIRST_SECTIONS = 4  # laid out for page 1 at first: a submission's header, issue, recommendation and timing


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    font: str
    size: float
    colour: RGBA
    text: str


@dataclass(frozen=True)
class Path:
    segments: tuple[tuple, ...]  # ("m", x, y), ("l", x, y), ("c", x1, y1, x2, y2, x3, y3), ("h",)
    fill: RGBA | None
    stroke: RGBA | None
    width: float
    dash: tuple[float, ...] = ()


@dataclass
class Picture:
    width: float
    height: float
    items: list[Text | Path] = field(default_factory=list)
    pages: int = 1  # of the whole brief


@dataclass
class _Recording:
    """Shared by every saved page state of the canvas (the canvas copies its attributes per page)."""

    items: list = field(default_factory=list)
    forms: dict[str, list] = field(default_factory=dict)
    form: str | None = None
    layout_page: int = 1
    check: Callable[[], None] | None = None  # called at every mark made; may raise to stop the layout


def first_page(
    brief: ComposedBrief,
    *,
    page_size: str = "a4",
    fixed_date: dt.date | None = None,
    on_page: Callable[[int], None] | None = None,
) -> Picture:
    """Page 1 as the PDF has it, recorded while the brief is laid out (as often as render_pdf does);
    `on_page` as for render_pdf."""
    recordings: list[_Recording] = []

    def recorded(base: type[Canvas]) -> type[Canvas]:
        recordings.append(_Recording())
        return _recording_canvas(base, recordings[-1])

    rendered = render_pdf(brief, page_size=page_size, fixed_date=fixed_date, on_page=on_page, decorate=recorded)
    return _picture(recordings[0] if rendered.contents else recordings[-1], page_size, rendered.pages)


class _PageOneDone(Exception):
    """Raised once page 1 is laid out, to stop there."""


def page_one(
    brief: ComposedBrief, *, page_size: str = "a4", contents: bool = True, check: Callable[[], None] | None = None
) -> Picture:
    """Page 1 alone, as soon as it can be had: the layout stops there, so the page count and the page
    numbers written when a brief is finished are missing (`pages` is 0). `contents`: with a contents
    list, as a brief of more than a few pages has; `check()` is called as the page is drawn and may raise
    to stop (a preview superseded by newer typing stops at once).

    The preview asks for it a moment after each pause in typing, so it lays out no more than page 1
    needs: the first FIRST_SECTIONS sections, then twice as many, until page 1 is full (building the
    annexes' tables alone took longer than page 1)."""

    def stop(number: int) -> None:
        raise _PageOneDone

    count = FIRST_SECTIONS
    while True:
        recording = _Recording(check=check)
        decorate = functools.partial(_recording_canvas, recording=recording)
        try:
            layout(brief, PAGE_SIZES[page_size], None, contents and brief.contents, decorate, stop, sections=count)
        except _PageOneDone as done:
            _let_go(done)
            return _picture(recording, page_size, 0)
        except StoryCut as cut:
            _let_go(cut)
            count *= 2  # page 1 has room for more
            continue
        return _picture(recording, page_size, 0)  # the whole brief fits page 1


def _let_go(stopped: Exception) -> None:
    """Let go of what the frames an exception passed through still hold: the PDF library keeps the
    exception in a local of its own as it passes it on, a cycle that held the brief and the document the
    preview read (some 50,000 objects) until a collection on the window's thread scanned them all."""
    traceback.clear_frames(stopped.__traceback__)


def _picture(recording: _Recording, page_size: str, pages: int) -> Picture:
    items = []
    for item in recording.items:
        if isinstance(item, tuple):  # ("form", name, matrix): a form used on the page
            _, name, matrix = item
            items += [_moved(i, matrix) for i in recording.forms.get(name, [])]
        else:
            items.append(item)
    size = PAGE_SIZES[page_size]
    return Picture(size[0], size[1], items, pages)


def _recording_canvas(base: type[Canvas], recording: _Recording) -> type[Canvas]:
    class RecordingCanvas(base):
        def __init__(self, *args, **kwargs):
            self._recording = recording
            self._dash: tuple[float, ...] = ()
            self._dashes: list[tuple[float, ...]] = []  # reportlab does not keep the dash in its state
            super().__init__(*args, **kwargs)

        def setDash(self, array=(), phase=0):
            super().setDash(array, phase)
            self._dash = (array, phase) if isinstance(array, (int, float)) else tuple(array)

        def saveState(self):
            super().saveState()
            self._dashes.append(self._dash)

        def restoreState(self):
            super().restoreState()
            self._dash = self._dashes.pop() if self._dashes else ()

        def _note(self, item: Text | Path | tuple) -> None:
            rec = self._recording
            if rec.check is not None:
                rec.check()
            if rec.form is not None:
                rec.forms.setdefault(rec.form, []).append(item)
            elif (getattr(self, "emitting", None) or rec.layout_page) == 1:
                rec.items.append(item)

        def showPage(self):
            self._recording.layout_page += 1
            super().showPage()

        def beginForm(self, name, *args, **kwargs):
            super().beginForm(name, *args, **kwargs)
            self._recording.form = name

        def endForm(self, **kwargs):
            self._recording.form = None
            super().endForm(**kwargs)

        def doForm(self, name):
            super().doForm(name)
            self._note(("form", name, self._currentMatrix))

        def beginText(self, x=0, y=0, direction=None):
            return _RecordingText(self, x, y, direction=direction)

        def rect(self, x, y, width, height, stroke=1, fill=0):
            super().rect(x, y, width, height, stroke, fill)
            corners = (("m", x, y), ("l", x + width, y), ("l", x + width, y + height), ("l", x, y + height), ("h",))
            self._path(corners, stroke, fill)

        def line(self, x1, y1, x2, y2):
            super().line(x1, y1, x2, y2)
            self._path((("m", x1, y1), ("l", x2, y2)), 1, 0)

        def ellipse(self, x1, y1, x2, y2, stroke=1, fill=0):  # circles too
            super().ellipse(x1, y1, x2, y2, stroke, fill)
            shape = PDFPathObject()
            shape.ellipse(x1, y1, x2 - x1, y2 - y1)
            self._path(_segments(shape.getCode()), stroke, fill)

        def roundRect(self, x, y, width, height, radius, stroke=1, fill=0):
            super().roundRect(x, y, width, height, radius, stroke, fill)
            shape = PDFPathObject()
            shape.roundRect(x, y, width, height, radius)
            self._path(_segments(shape.getCode()), stroke, fill)

        def drawPath(self, path, stroke=1, fill=0, fillMode=None):
            super().drawPath(path, stroke, fill, fillMode)
            self._path(_segments(path.getCode()), stroke, fill)

        def _path(self, segments, stroke, fill) -> None:
            mapped = tuple(_map_segment(s, self._currentMatrix) for s in segments)
            stroke_colour = _rgba(self._strokeColorObj) if stroke else None
            fill_colour = _rgba(self._fillColorObj) if fill else None
            self._note(Path(mapped, fill_colour, stroke_colour, self._lineWidth, self._dash))

    return RecordingCanvas


class _RecordingText(PDFTextObject):
    """A text object that also tells its canvas where each piece of text lands (PDF text semantics:
    T* moves the line start down by the leading, which reportlab does not track itself)."""

    def setTextOrigin(self, x, y):
        super().setTextOrigin(x, y)
        self._line, self._advance = [x, y], 0.0

    def setTextTransform(self, a, b, c, d, e, f):
        super().setTextTransform(a, b, c, d, e, f)
        self._line, self._advance = [e, f], 0.0

    def moveCursor(self, dx, dy):
        super().moveCursor(dx, dy)
        self._line[0] += dx
        self._line[1] -= dy
        self._advance = 0.0

    def _textOut(self, text, TStar=0):
        self._tell(text)
        super()._textOut(text, TStar)
        self._after(text, TStar)

    def textOut(self, text):
        self._tell(text)
        super().textOut(text)
        self._after(text, False)

    def textLine(self, text=""):
        self._tell(text)
        super().textLine(text)
        self._after(text, True)

    def _tell(self, text: str) -> None:
        if text.strip():
            x, y = _apply(self._canvas._currentMatrix, self._line[0] + self._advance, self._line[1])
            colour = _rgba(getattr(self, "_fillColorObj", None) or self._canvas._fillColorObj)
            self._canvas._note(Text(x, y, self._fontname, self._fontsize, colour, text))

    def _after(self, text: str, new_line: bool) -> None:
        if new_line:
            self._line[1] -= self._leading
            self._advance = 0.0
        else:
            self._advance += stringWidth(text, self._fontname, self._fontsize)


def _segments(code: str) -> tuple[tuple, ...]:
    """A reportlab path's PDF operators -> segments ('re' becomes a closed rectangle)."""
    out: list[tuple] = []
    numbers: list[float] = []
    for token in code.split():
        if token in ("m", "l", "c"):
            out.append((token, *numbers))
        elif token == "re":
            x, y, w, h = numbers
            out += [("m", x, y), ("l", x + w, y), ("l", x + w, y + h), ("l", x, y + h), ("h",)]
        elif token == "h":
            out.append(("h",))
        elif token != "n":  # 'n' only ends a path
            numbers.append(float(token))
            continue
        numbers = []
    return tuple(out)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _map_segment(segment: tuple, m: Matrix) -> tuple:
    op, *values = segment
    points = [_apply(m, values[i], values[i + 1]) for i in range(0, len(values), 2)]
    return (op, *(v for p in points for v in p))


def _moved(item: Text | Path, m: Matrix) -> Text | Path:
    """An item recorded inside a form, placed where the form is used."""
    if isinstance(item, Text):
        x, y = _apply(m, item.x, item.y)
        return Text(x, y, item.font, item.size, item.colour, item.text)
    return Path(tuple(_map_segment(s, m) for s in item.segments), item.fill, item.stroke, item.width, item.dash)


def _rgba(colour: object) -> RGBA:
    if isinstance(colour, Color):
        alpha = colour.alpha if colour.alpha is not None else 1.0
        return (colour.red, colour.green, colour.blue, alpha)
    if isinstance(colour, (tuple, list)) and len(colour) == 3:
        return (*colour, 1.0)
    return (0.0, 0.0, 0.0, 1.0)


def drawing_picture(drawing: Drawing) -> Picture:
    """A figure's drawing as drawing operations (points from its bottom left), for a raster copy made by
    whoever can paint (the Word output's figures: reportlab here has no raster backend of its own)."""
    register_fonts()
    recording = _Recording()
    canvas = _recording_canvas(Canvas, recording)(io.BytesIO(), pagesize=(drawing.width, drawing.height))
    drawing.drawOn(canvas, 0, 0)
    return Picture(drawing.width, drawing.height, recording.items)

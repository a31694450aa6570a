"""A composed brief -> PDF bytes: page frame, contents list, bookmarks, metadata, fonts.

Every layout is one pass: page numbers ("N of M") and the contents list are written when the
document is finished (pages.py, contents.py). A brief whose template allows a contents list is laid
out with one first; only when the result is short enough that it might fit two pages without one is
it laid out again. A submission never has one: its recommendation belongs on page 1.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LayoutError,
    PageBreak,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus.flowables import _listWrapOn

from templates_reports import styles
from templates_reports.catalogue import load_template
from templates_reports.contents import ContentsList, Entry
from templates_reports.flowables import Drawings, Numbering, section_body, section_heading, title_block
from templates_reports.fonts import face, printable, register_fonts
from templates_reports.pages import PageFurniture
from workbench import __version__
from workbench.briefs.blocks import ComposedBrief
from workbench.errors import WorkbenchError

PAGE_SIZES = {"a4": A4, "letter": LETTER}
# reportlab's default that costs a large brief, with nothing in return for ours: writing each page's stream
# as ASCII text (binary is a fifth smaller, and skips a pass over every byte). Shape checking, read when
# reportlab's modules load, is turned off before they do (templates_reports/__init__.py).
rl_config.useA85 = 0
CONTENTS_AFTER_PAGES = 2  # a contents list for briefs longer than this
LONG = 240.0  # points, about a third of a page: a flowable this tall may start below what is kept with it


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    contents: bool


class StoryCut(Exception):
    """The layout of a brief's first sections (layout(sections=...)) ran out of them."""


class _Cut(Flowable):
    """Stands at the end of a story cut short: reaching it means the sections laid out did not fill
    the page being laid out."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        raise StoryCut


class KeepWithStart(KeepTogether):
    """What keepWithNext means in a brief: a heading, caption or lead-in kept with the start of what
    follows. reportlab's KeepTogether moves the whole group to the next page when it does not fit, so a
    long table or paragraph after a heading began a new page, leaving most of a page empty. When the last
    of the group is long (a third of a page or more), it starts here after the others if its first lines
    or rows fit; a short group moves whole."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        *lead, last = self._content
        if lead and aH < self._H:
            _w, lead_h = _listWrapOn(lead, aW, self.canv)
            room = aH - lead_h - last.getSpaceBefore()
            _w, last_h = last.wrapOn(self.canv, aW, 0xFFFFFF)
            if last_h >= LONG and room > 0:
                parts = last.splitOn(self.canv, aW, room)
                if len(parts) > 1:
                    return [*lead, *parts]
        return super().split(aW, aH)


class BriefDoc(BaseDocTemplate):
    """Section headings become PDF bookmarks and note their page for the contents list."""

    def __init__(self, *args, entries: dict[str, Entry], on_page: Callable[[int], None] | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = entries
        self.on_page = on_page

    def afterPage(self) -> None:
        if self.on_page is not None:
            self.on_page(self.page)  # progress; it may raise to cancel the export

    def afterFlowable(self, flowable: Flowable) -> None:
        mark = getattr(flowable, "bookmark", None)
        if mark is None:
            return
        key, title = mark
        self.canv.bookmarkHorizontal(key, 0, self.frame._y + flowable.height + flowable.getSpaceBefore())
        self.canv.addOutlineEntry(printable(title), key, level=0, closed=False)
        self.entries[key].page = self.page


def render_pdf(
    brief: ComposedBrief,
    *,
    page_size: str = "a4",
    fixed_date: dt.date | None = None,
    on_page: Callable[[int], None] | None = None,
    decorate: Callable[[type[Canvas]], type[Canvas]] | None = None,
) -> Rendered:
    """Lay the brief out; `fixed_date` makes the output byte-for-byte reproducible (tests, archives);
    `on_page(n)` hears of every page laid out (progress) and may raise to stop; `decorate` extends the
    canvas class of each layout pass (picture.py records page 1 that way)."""
    if page_size not in PAGE_SIZES:
        raise WorkbenchError(f"Unknown page size {page_size!r}; choose one of {', '.join(PAGE_SIZES)}.")
    register_fonts()
    size = PAGE_SIZES[page_size]
    drawings: Drawings = {}
    if not brief.contents:
        pdf, pages = layout(brief, size, fixed_date, False, decorate=decorate, on_page=on_page, drawings=drawings)
        return Rendered(pdf, pages, contents=False)
    pdf, pages = layout(brief, size, fixed_date, contents=True, decorate=decorate, on_page=on_page, drawings=drawings)
    if pages > CONTENTS_AFTER_PAGES + 1:
        return Rendered(pdf, pages, contents=True)
    short, short_pages = layout(
        brief, size, fixed_date, contents=False, decorate=decorate, on_page=on_page, drawings=drawings
    )
    if short_pages <= CONTENTS_AFTER_PAGES:
        return Rendered(short, short_pages, contents=False)
    return Rendered(pdf, pages, contents=True)


def layout(
    brief: ComposedBrief,
    size: tuple[float, float],
    fixed_date: dt.date | None,
    contents: bool,
    decorate: Callable[[type[Canvas]], type[Canvas]] | None = None,
    on_page: Callable[[int], None] | None = None,
    drawings: Drawings | None = None,
    sections: int | None = None,
) -> tuple[bytes, int]:
    """One layout pass; `decorate` may extend the canvas class (picture.py records page 1 that way);
    figures already drawn for another pass of the same brief are in `drawings`; `sections`: only the
    first so many sections are laid out (the contents list still names them all), and StoryCut is raised
    if the layout gets to their end."""
    out = io.BytesIO()
    spec = load_template(brief.template_id)
    chosen = face(spec.font)
    entries = {f"s{n}": Entry(section.title, f"s{n}") for n, section in enumerate(brief.sections)}
    doc = BriefDoc(
        out,
        entries=entries,
        on_page=on_page,
        pagesize=size,
        leftMargin=styles.MARGIN_X,
        rightMargin=styles.MARGIN_X,
        topMargin=styles.MARGIN_TOP,
        bottomMargin=styles.MARGIN_BOTTOM,
        title=f"{brief.heading}: {brief.title}",
        author=brief.author or brief.department,
        subject=brief.subject or brief.title,
        creator=f"IIP Workbench {__version__}",
        keywords=brief.marking,
        invariant=1 if fixed_date is not None else 0,
        initialFontName=chosen.regular[0],  # otherwise every page names Helvetica, a font the PDF does not embed
        lang="en-GB",
        keepTogetherClass=KeepWithStart,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    listed = tuple(entries.values()) if contents else ()
    furniture = PageFurniture(
        brief.marking, footer_line(brief), fixed_date, listed, brief.draft, chosen.regular[0], chosen.bold[0]
    )
    canvas = furniture.canvas_class()
    try:
        with styles.house(spec.font, spec.font_size):
            doc.build(
                _story(brief, doc.width, listed, {} if drawings is None else drawings, sections),
                canvasmaker=decorate(canvas) if decorate else canvas,
            )
    except LayoutError as err:  # reportlab's words name its own objects, not the user's text
        raise WorkbenchError(
            "The brief cannot be laid out: a table row or a figure in it is larger than a page; "
            "shorten the longest entries in its tables.",
            str(err),
        ) from err
    return out.getvalue(), doc.page


def _story(
    brief: ComposedBrief, width: float, contents: tuple[Entry, ...], drawings: Drawings, sections: int | None = None
) -> list[Flowable]:
    story = title_block(brief, width)
    if contents:
        story += [Paragraph("Contents", styles.contents_title), ContentsList(list(contents))]
    numbering = Numbering()
    for n, section in enumerate(brief.sections[:sections]):
        if section.annex:
            story.append(PageBreak())  # each annex starts a page, so it can be detached and read alone
        story.append(section_heading(section, f"s{n}"))
        story.extend(section_body(section, numbering, width, drawings))
    if sections is not None and sections < len(brief.sections):
        story.append(_Cut())
    return story


def footer_line(brief: ComposedBrief) -> str:
    parts = [brief.heading, f"Version {brief.version}" if brief.version else "", brief.date]
    return "  ·  ".join(p for p in parts if p)

"""The preview of a brief: laid out beside the window, its first page painted from the layout's own
drawing operations (templates_reports.picture).

Laying out a brief takes from half a second (the sample) to seconds (a document of thousands of
entities), too long for the window's thread: the window hands over only what is on screen (the text
being typed) and where the document is stored, and the work, on a pool thread (ui.jobs), reads the
document, composes the brief and lays out page 1, which is shown at once (`first_page_work`); then the
whole brief, for the page count and the page numbers, with its annexes' figures (`whole_brief_work`).
The page is painted by ui.page_image, in the typeface the PDF embeds.

The layout machinery (reportlab, the brief's composer) is imported by the work, beside the window:
importing it takes a second or more, which the first switch to the Briefs section would otherwise
spend with the window frozen.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from ui.jobs import Cancelled, Progress, Work
from ui.page_image import house_family, page_image
from workbench.briefs.entities import BriefSection, section_id
from workbench.briefs.spec import TemplateSpec

if TYPE_CHECKING:
    from workbench.briefs.blocks import ComposedBrief


@dataclass(frozen=True)
class PageOne:
    image: QImage  # page 1 before the brief is finished: no page numbers yet
    brief: ComposedBrief  # what the whole brief's layout goes on with


@dataclass(frozen=True)
class Preview:
    image: QImage  # the first page (a QImage, not a QPixmap: made beside the window)
    pages: int  # of the whole brief


def first_page_work(
    path: FilePath, drafts: Mapping[str, str], spec: TemplateSpec, page_size: str, width: int, contents: bool
) -> Work:
    """The work of showing page 1 of `spec`'s brief of the document stored at `path`, with the `drafts`
    on screen (section id -> text) in place of what is stored, `width` pixels wide, `contents`: with a
    contents list (as the last layout had).

    Called on the window's thread, which registers the fonts with Qt; the work stops between its steps
    when cancelled."""
    today, family = dt.date.today(), house_family()

    def work(_progress: Progress, stop: threading.Event) -> PageOne:
        from templates_reports import picture
        from ui.brief_export import laying_out, read_document
        from workbench.briefs.compose import compose

        document = read_document(path)
        for section, text in drafts.items():
            sid = section_id(spec.id, section)
            document.entities[BriefSection.KIND][sid] = BriefSection(
                id=sid, template=spec.id, section=section, text=text
            )
        if stop.is_set():
            raise Cancelled
        brief = compose(document, spec, today=today)
        def check() -> None:
            if stop.is_set():
                raise Cancelled  # newer typing: its page is wanted, not this one

        with laying_out(stop):
            page = picture.page_one(brief, page_size=page_size, contents=contents, check=check)
        if stop.is_set():
            raise Cancelled
        return PageOne(page_image(page, width, family), brief)

    return work


def whole_brief_work(brief: ComposedBrief, page_size: str, width: int) -> Work:
    """The work of laying out the whole `brief` (the annexes' figures too): its page count, and page 1
    with its page numbers. Progress counts the pages laid out."""
    family, given = house_family(), [brief]

    def work(progress: Progress, stop: threading.Event) -> Preview:
        from templates_reports import picture
        from ui.brief_export import laying_out

        def on_page(number: int) -> None:
            progress(number, 0, "pages")
            if stop.is_set():
                raise Cancelled

        laid_out = given.pop()  # let go of here, beside the window: a large brief takes a while to free
        with laying_out(stop):
            page = picture.first_page(laid_out, page_size=page_size, on_page=on_page)
        if stop.is_set():
            raise Cancelled
        return Preview(page_image(page, width, family), page.pages)

    return work

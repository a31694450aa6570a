"""The Briefs section: write a brief's header and free-text sections, choose its sections, and watch
the page count and the first page follow as you type.

Text is stored in the document (brief and brief_section entities, see brief_form). The preview lays
out what is on screen, text not yet committed included, a moment after typing stops: beside the window
(ui.brief_preview), so typing never waits for it, and the window hands it only the text on screen, never
the whole document. Page 1 is shown as soon as it is laid out; the page count follows when the whole
brief is (its annexes' figures are the slow part of a large document), counting the pages as it goes.
A newer request supersedes an older one.

The first switch to the section never holds the window: the brief's composer (every analysis a brief
can print, with numpy and reportlab: half a second to import) is loaded beside the window, the form is
built a step at a time from the event loop once it is, and the preview is asked for when the form is
complete.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from templates_reports.catalogue import TEMPLATE_IDS, load_template
from ui import collector, live
from ui.document import OpenDocument
from ui.jobs import Latest, Progress
from ui.page_image import register_next_style
from ui.page_sizes import PAGE_SIZES
from ui.views.base import SectionView
from ui.views.brief_page import PagePreview
from ui.wheel_guard import ChoiceBox
from workbench.briefs.entities import Brief, BriefSection
from workbench.changes import Change
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from ui.brief_preview import PageOne, Preview
    from ui.views.brief_form import BriefForm

PREVIEW_DELAY_MS = 150  # after the last key (a steady typist keys every 110 ms); page 1 follows within 300 ms
PAINTED_MS = 20  # a section just shown is painted before its preview is asked for: each its own short turn
PREVIEW_WIDTH = 420  # pixels: the page as wide as it is drawn where there is room
LEGIBLE_WIDTH = 340  # pixels: as narrow as it is drawn beside the form, an A4 page's body text 6 px high
PREVIEW_MIN_HEIGHT = 160  # pixels: the page's heading and first lines
PAGE_COUNT = "Page count"  # read as "Page count: 3 pages"
PREVIEW_FAILED = "The preview could not be drawn; exporting the brief may still work, and the log file has the details."
BRIEF_KINDS = frozenset({Brief.KIND, BriefSection.KIND})
CONTENTS_FROM_PAGES = 3  # a brief this long has a contents list on page 1 (templates_reports.pdf)
PREPARING = "Preparing the brief…"


def load_composer(_progress: Progress, _stop: threading.Event) -> None:
    """Work beside the window: import the brief's composer and its form's editors, so the window's thread
    finds them loaded (importing defines classes only: no Qt object is made here)."""
    import ui.views.brief_form  # noqa: F401
    import workbench.briefs.compose  # noqa: F401


class _Counted(Latest):
    """Latest that also passes on how far its current job is."""

    progressed = Signal(int, int, str)

    def _next(self) -> None:
        super()._next()
        if self.job is not None:
            self.job.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int, what: str) -> None:
        if self.sender() is self.job:
            self.progressed.emit(done, total, what)


class _FormScroll(QScrollArea):
    """Never narrower than its form needs: beside the preview, the form keeps room to write in."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        form = self.widget()
        if form is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(form.minimumSizeHint().width() + bar + 2 * self.frameWidth(), hint.height())


class BriefsView(SectionView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("briefs")
        self.forms: dict[str, BriefForm] = {}
        self.pages = 0
        self._stale = True
        self._version = 0  # of the document as far as the preview is concerned (see follow)

        self.template = ChoiceBox()
        self.template.setObjectName("briefTemplate")
        self.template.setAccessibleName("Template")
        self.template.setToolTip("Which brief to write: each keeps its own text")
        for template_id in TEMPLATE_IDS:
            self.template.addItem(load_template(template_id).name, template_id)
        self.template.currentIndexChanged.connect(lambda _n: self.show_template(self.template.currentData()))
        template_label = QLabel("&Template")
        template_label.setBuddy(self.template)
        self.page_size = ChoiceBox()
        self.page_size.setObjectName("briefPageSize")
        self.page_size.setAccessibleName("Page size of the preview")
        for key, label in PAGE_SIZES.items():
            self.page_size.addItem(label, key)
        self.page_size.currentIndexChanged.connect(lambda _n: self.schedule_preview())
        self.page_count = QLabel()
        self.page_count.setObjectName("briefPageCount")
        live.show(self.page_count, "", PAGE_COUNT)
        self.export_button = QPushButton("Export brief…")
        self.export_button.setObjectName("exportBriefButton")
        self.export_button.setToolTip("Write this brief as a marked PDF (File ▸ Export brief, Ctrl+Shift+E)")
        self.export_button.clicked.connect(self.export)

        self.stack = QStackedWidget()
        self.preparing = QLabel(PREPARING)
        self.preparing.setObjectName("briefPreparing")
        self.preparing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.preparing)
        scroll = _FormScroll()
        scroll.setObjectName("briefEditor")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        self.form_scroll = scroll
        self.preview = PagePreview(LEGIBLE_WIDTH, PREVIEW_WIDTH)
        self.preview.setObjectName("briefPreview")
        self.preview.setAccessibleName("Preview of the first page")
        self.preview.resized.connect(self.schedule_preview)  # drawn again at the width it now has
        # Shorter than the page (a 1280x720 screen), it shows the page's top; at the page's height it grew the
        # window off the screen.
        self.preview.setMinimumHeight(PREVIEW_MIN_HEIGHT)
        self.preview.setStyleSheet("QLabel#briefPreview { background: #8a8d91; }")
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(scroll)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)

        top = QHBoxLayout()
        top.addWidget(template_label)
        top.addWidget(self.template)
        top.addWidget(self.page_size)
        top.addStretch(1)
        top.addWidget(self.page_count)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.refresh_preview)
        self.first_pages = Latest(self)  # page 1, shown as soon as it is laid out
        self.first_pages.finished.connect(self._show_page_one)
        self.first_pages.failed.connect(self._preview_failed)
        self.previews = _Counted(self)  # then the whole brief: the page count
        self.previews.finished.connect(self._show_preview)
        self.previews.failed.connect(self._preview_failed)
        self.previews.progressed.connect(self._counting)
        self._requested: tuple | None = None
        self.building = QTimer(self)  # builds the form a step at a time, each its own turn of the event loop
        self.building.setSingleShot(True)
        self.building.setInterval(0)
        self.building.timeout.connect(self._build_step)
        self.composer = Latest(self)  # loads the composer beside the window
        self.composer.finished.connect(self._composer_loaded)
        self.composer.failed.connect(self._composer_loaded)  # the window's thread then says what failed
        self.show_template(TEMPLATE_IDS[0])

    @property
    def form(self) -> BriefForm:
        """The form of the template chosen, complete (what is still to build is built now)."""
        return self._form(self.template.currentData()).build_all()

    def _form(self, template_id: str) -> BriefForm:
        form = self.forms.get(template_id)
        if form is None:
            from ui.views.brief_form import BriefForm

            form = BriefForm(self.doc, load_template(template_id))
            form.typed.connect(self.schedule_preview)
            self.forms[template_id] = form
            self.stack.addWidget(form)
        return form

    def show_template(self, template_id: str) -> None:
        form = self.forms.get(template_id)
        if form is not None and form.complete:
            self.stack.setCurrentWidget(form)
            self.schedule_preview()
        else:
            self.stack.setCurrentWidget(self.preparing)
            self._build_soon()

    def _build_soon(self) -> None:
        """Build the form on screen a step at a time, once the composer is loaded (beside the window)."""
        if {"workbench.briefs.compose", "ui.views.brief_form"} <= sys.modules.keys():
            self.building.start()
        elif not self.composer.busy:
            self.composer.request(load_composer)

    def _composer_loaded(self, _result: object) -> None:
        self.building.start()

    def _build_step(self) -> None:
        form = self._form(self.template.currentData())
        if register_next_style() or form.build_step():  # the page's typeface for Qt, then the form
            self.building.start()
            return
        self.stack.setCurrentWidget(form)
        self.form_scroll.updateGeometry()  # the form's minimum width is known now
        self._stale = True
        if self.isVisible():  # page 1 as soon as the form is painted, as when the section is shown
            self.timer.stop()
            QTimer.singleShot(PAINTED_MS, self, self.refresh_preview)

    # ----- following the document ------------------------------------------------------------
    def follow(self, changes: list[Change]) -> None:
        if any(c.kind in BRIEF_KINDS for c in changes):
            for form in self.forms.values():
                if form.complete:  # else it loads the text as its last step
                    form.load()
        if any(c.kind != BriefSection.KIND for c in changes):
            self._version += 1  # section text reaches the preview from the screen: storing it changes nothing
        self.schedule_preview()  # any change can move the page count (an instrument, the marking...)

    def schedule_preview(self) -> None:
        self._stale = True
        if self.isVisible():
            self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        if self.timer.isActive():  # hidden (or its document closing): the preview waits until shown
            self.timer.stop()
            self._stale = True
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # catching up with edits made elsewhere schedules a preview
        if self._stale:
            self.timer.stop()  # done now (once the section is painted), not again in a moment
            QTimer.singleShot(PAINTED_MS, self, self.refresh_preview)

    @property
    def busy(self) -> bool:
        """Work under way that the view waits for: the composer loading, the form being built, the preview."""
        return self.composer.busy or self.building.isActive() or self.first_pages.busy or self.previews.busy

    def refresh_preview(self) -> None:
        """Lay out what is on screen (typed text included) beside the window; page 1 and the page
        count follow when it is done. Text just stored as it was typed asks for the same page again: skipped."""
        if self.stack.currentWidget() is self.preparing:
            return  # asked for again when the form is complete
        from ui.brief_preview import first_page_work

        self._stale = False
        request = self._preview_request()
        if request != self._requested:
            self._requested = request
            self.previews.cancel()
            self.first_pages.request(first_page_work(*self._work_request()))

    def settle(self) -> None:
        """Lay out now, on this thread (a picture of the view needs the page)."""
        if self._stale or self.busy:
            self._stale = False
            self.first_pages.cancel()
            self.previews.cancel()
            self._requested = self._preview_request()
            try:
                preview = self._lay_out_now()
            except WorkbenchError as err:
                self._preview_failed(err)
            else:
                self._show_preview(preview)
            collector.collect_young()  # the layout's objects refer to one another: garbage, not a build

    def _lay_out_now(self) -> Preview:
        from ui.brief_preview import first_page_work, whole_brief_work

        nothing = (lambda *_args: None, threading.Event())
        page_one = first_page_work(*self._work_request())(*nothing)
        return whole_brief_work(page_one.brief, self.page_size.currentData(), self.preview.page_width())(*nothing)

    def _preview_request(self) -> tuple:
        """What the preview shows, in a few words: the document's version, the text on screen, the
        template, the page size and the width it is drawn at."""
        drafts = tuple(sorted(self.form.drafts().items()))
        return self._version, self.form.spec.id, drafts, self.page_size.currentData(), self.preview.page_width()

    def _work_request(self) -> tuple:
        contents = self.pages == 0 or self.pages >= CONTENTS_FROM_PAGES
        return (
            self.doc.store.path,
            self.form.drafts(),
            self.form.spec,
            self.page_size.currentData(),
            self.preview.page_width(),
            contents,
        )

    def _show_page_one(self, page: PageOne) -> None:
        from ui.brief_preview import whole_brief_work

        self.preview.setPixmap(QPixmap.fromImage(page.image))
        if not self.first_pages.busy:  # else a newer request is on its way
            width = page.image.width()  # as page 1 was drawn
            self.previews.request(whole_brief_work(page.brief, self.page_size.currentData(), width))

    def _counting(self, done: int, _total: int, _what: str) -> None:
        self.page_count.setText(f"counting pages… {done}")

    def _show_preview(self, preview: Preview) -> None:
        self.pages = preview.pages
        live.show(self.page_count, f"{preview.pages} page{'s' if preview.pages != 1 else ''}", PAGE_COUNT)
        self.preview.setPixmap(QPixmap.fromImage(preview.image))

    def _preview_failed(self, err: Exception) -> None:
        if self.busy:
            return  # a newer request may well succeed
        self.preview.setText(err.message if isinstance(err, WorkbenchError) else PREVIEW_FAILED)
        live.show(self.page_count, "", PAGE_COUNT)

    # ----- actions ---------------------------------------------------------------------------------
    def export(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # commits the text being typed
        from ui.brief_export import export_brief  # the brief's layout, loaded when first needed

        export_brief(self, self.doc, self.form.spec.id)

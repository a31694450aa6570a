"""The practice library section: the ten countries' practices from report 001 and the user's own,
searchable and filtered by country and theme, each one click away from becoming a lesson or a draft
instrument in the document. Built-in practices are read-only; the user's own are edited in the inspector."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.markup import escape
from ui.views.base import SectionView
from ui.wheel_guard import ChoiceBox
from workbench.changes import Change
from workbench.document import Document
from workbench.entity import Entity
from workbench.practices.entities import Practice, Theme
from workbench.practices.library import (
    all_practices,
    as_draft_instrument,
    as_lesson,
    countries,
    draft_position,
    is_built_in,
    load_library,
    search,
)
from workbench.words import count

ID_ROLE = Qt.ItemDataRole.UserRole


class PracticesView(SectionView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("practices")
        self.practices: dict[str, Practice] = {}

        self.search = QLineEdit()
        self.search.setObjectName("practiceSearch")
        self.search.setPlaceholderText("Search practices, e.g. sandbox, SME, evaluation…")
        self.search.setAccessibleName("Search practices")
        self.search.setToolTip("Shows practices containing every word you type (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.country = self._combo("countryFilter", "Filter by country", "Country: any")
        # Its countries come with the list, on the next turn: sized at its first show, it kept "any"'s width.
        self.country.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.theme = self._combo("themeFilter", "Filter by theme of report 001", "Theme: any")
        for theme in Theme:
            self.theme.addItem(f"Theme: {theme.label}", theme.value)
        self.count = QLabel()
        self.count.setObjectName("practiceCount")
        self.add_own = QPushButton("Add my own practice")
        self.add_own.setObjectName("addPractice")
        self.add_own.setToolTip(self.view_action("practicesAdd", self.add_own.click).toolTip())
        self.add_own.setEnabled(not doc.read_only)
        self.add_own.clicked.connect(self.add)

        self.list = QTreeWidget()
        self.list.setObjectName("practiceList")
        self.list.setAccessibleName("Practices")
        self.list.setHeaderLabels(["Practice", "Country", "Theme"])
        self.list.setRootIsDecorated(False)
        self.list.setSortingEnabled(True)
        self.list.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setToolTip("Click a column heading to sort by it")
        self.list.currentItemChanged.connect(lambda _item, _old: self._show_current())

        self.title = self._label("practiceTitle")
        self.meta = self._label("practiceMeta")
        self.body = self._label("practiceBody")
        self.as_lesson = QPushButton("Use this as a lesson")
        self.as_lesson.setObjectName("useAsLesson")
        self.as_lesson.setToolTip("Add a lesson from another country, with this practice as its context")
        self.as_lesson.clicked.connect(self.use_as_lesson)
        self.as_draft = QPushButton("Use this as a draft instrument")
        self.as_draft.setObjectName("useAsDraft")
        self.as_draft.setToolTip("Add a proposed instrument modelled on this practice, outside the spheres to place")
        self.as_draft.clicked.connect(self.use_as_draft)
        self.remove = QPushButton("Delete my practice")
        self.remove.setObjectName("deletePractice")
        self.remove.setToolTip("Delete this practice of yours (Del); built-in practices cannot be deleted")
        self.remove.clicked.connect(self.delete)
        self.done = self._label("practiceDone")
        self.done.linkActivated.connect(self._jump)
        actions = QVBoxLayout()
        for button in (self.as_lesson, self.as_draft, self.remove):
            actions.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        detail = QWidget()
        detail.setObjectName("practiceDetail")
        detail_layout = QVBoxLayout(detail)
        for widget in (self.title, self.meta, self.body):
            detail_layout.addWidget(widget)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.done)
        detail_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(detail)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_own)
        filters = QHBoxLayout()
        filters.addWidget(self.country)
        filters.addWidget(self.theme)
        filters.addWidget(self.count)
        filters.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(scroll)
        split.setSizes([600, 400])
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        library = QLabel(f"<i>Built-in library: {escape(load_library().source)}</i>")
        library.setObjectName("practiceLibrarySource")
        library.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(library)

        self.search.textChanged.connect(lambda _text: self.refresh())
        self.country.currentIndexChanged.connect(lambda _n: self.refresh())
        self.theme.currentIndexChanged.connect(lambda _n: self.refresh())
        # The list and the chosen practice's words are filled on the next turn of the event loop, so the
        # section shows first (laid out and drawn with them, the first switch held the window 30 to 40 ms).
        # A timer of its own, not QTimer.singleShot(0): that posts an event, handled before the window's
        # timers and input, so the filling was part of the showing.
        self._filling = QTimer(self)
        self._filling.setSingleShot(True)
        self._filling.timeout.connect(lambda: self.refresh())
        self._filling.start()

    def settle(self) -> None:
        if self._filling.isActive():
            self.refresh()

    def _combo(self, name: str, tip: str, any_text: str) -> QComboBox:
        combo = ChoiceBox()
        combo.setObjectName(name)
        combo.setToolTip(tip)
        combo.setAccessibleName(tip)
        combo.addItem(any_text, None)
        return combo

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        return label

    # ----- the list ---------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Rebuild the list from the library, the document and the filters, keeping the current practice."""
        self._filling.stop()
        everything = all_practices(Document.of(self.doc.all(Practice.KIND)))
        self._fill_countries(countries(everything))
        shown = search(everything, self.search.text(), self.country.currentData(), self.theme.currentData())
        self.practices = {p.id: p for p in everything}
        keep = select or self.current_id()
        self.list.setSortingEnabled(False)
        self.list.clear()
        for p in shown:
            item = QTreeWidgetItem([p.title + ("" if is_built_in(p) else " (yours)"), p.country, Theme(p.theme).label])
            item.setData(0, ID_ROLE, p.id)
            item.setToolTip(0, f"{p.title}\n\n{p.summary}")
            self.list.addTopLevelItem(item)
        self.list.setSortingEnabled(True)
        self.count.setText(f"{len(shown)} of {count(len(everything), 'practice')}")
        rows = [row for n in range(self.list.topLevelItemCount()) if (row := self.list.topLevelItem(n)) is not None]
        match = next((row for row in rows if _id(row) == keep), rows[0] if rows else None)
        if match is not None:  # an empty list (just cleared) has nothing to choose
            self.list.setCurrentItem(match)
        self._show_current()

    def _fill_countries(self, names: list[str]) -> None:
        current = self.country.currentData()
        if [self.country.itemData(n) for n in range(1, self.country.count())] == names:
            return
        self.country.blockSignals(True)
        self.country.clear()
        self.country.addItem("Country: any", None)
        for name in names:
            self.country.addItem(f"Country: {name}", name)
        self.country.setCurrentIndex(max(0, self.country.findData(current)))
        self.country.blockSignals(False)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return _id(item) if item is not None else None

    def current(self) -> Practice | None:
        return self.practices.get(self.current_id() or "")

    def _show_current(self) -> None:
        p = self.current()
        for button in (self.as_lesson, self.as_draft):
            button.setEnabled(p is not None and not self.doc.read_only)
        self.remove.setVisible(p is not None and not is_built_in(p))
        self.remove.setEnabled(not self.doc.read_only)
        if p is None:
            self.title.setText("<h3>No practice matches</h3>")
            self.meta.setText("Clear the search or choose another country or theme.")
            self.body.clear()
            return
        own = not is_built_in(p)
        status = "Your practice, kept in this document: edit it in the inspector" if own else "Built-in, read-only"
        self.title.setText(f"<h2>{escape(p.title)}</h2>")
        self.meta.setText(f"<b>{escape(p.country)}</b> · {escape(Theme(p.theme).label)} · <i>{status}</i>")
        parts = [
            ("What was done", p.summary),
            ("What to take from it", p.lesson),
            ("Source", p.source or "not given"),
        ]
        self.body.setText("".join(f"<p><b>{h}:</b> {escape(text)}</p>" for h, text in parts if text))
        if own and self.isVisible():
            self.doc.select([(Practice.KIND, p.id)])
        elif self.isVisible() and self.doc.selection and self.doc.selection[0][0] == Practice.KIND:
            self.doc.select([])

    def follow(self, changes: list[Change]) -> None:
        if any(c.kind == Practice.KIND for c in changes):
            self.refresh()

    # ----- actions ----------------------------------------------------------------------------------
    def use_as_lesson(self) -> None:
        p = self.current()
        if p is not None:
            lesson = as_lesson(p)
            self._create([lesson], f"Use '{_short(p.title)}' as a lesson", "lesson", "Lessons")

    def use_as_draft(self) -> None:
        p = self.current()
        if p is not None:
            canvas = Document.of([*self.doc.all("sphere"), *self.doc.all("item")])
            entities = as_draft_instrument(p, draft_position(canvas))
            self._create(entities, f"Use '{_short(p.title)}' as a draft instrument", "draft instrument", "Spheres")

    def _create(self, entities: list[Entity], text: str, what: str, where: str) -> None:
        root = entities[0]
        if self.doc.run(StoreCommand(ops.create(entities), text, origin="practices")):
            link = f"<a href='{root.KIND}:{root.id}'>Show it in {where}</a>"
            self.done.setText(f"✔ Added {what} '{escape(_short(root.title))}'. {link} · Edit ▸ Undo takes it back.")

    def _jump(self, href: str) -> None:
        kind, _, id_ = href.partition(":")
        self.jump_requested.emit([(kind, id_)])

    def add(self) -> None:
        project = self.doc.get("project", "project")
        country = getattr(project, "country", "") or "Own country"
        theme = self.theme.currentData() or Theme.STRUCTURE_AND_METHODS.value
        practice = Practice.create(title="New practice", country=country[:100], theme=theme)
        if self.doc.run(StoreCommand(ops.create([practice]), "Add my own practice", origin="practices")):
            self.search.clear()
            self.country.setCurrentIndex(0)
            self.refresh(select=practice.id)
            self.doc.select([(Practice.KIND, practice.id)])

    def delete(self) -> None:
        p = self.current()
        if p is not None and not is_built_in(p):
            self.doc.run(
                StoreCommand(
                    ops.delete(Practice.KIND, [p.id]), f"Delete practice '{_short(p.title)}'", origin="practices"
                )
            )

    def find(self) -> None:  # type: ignore[override]  # the Find action, see SectionView.find
        self.search.setFocus()
        self.search.selectAll()


def _id(item: QTreeWidgetItem) -> str:
    return item.data(0, ID_ROLE)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

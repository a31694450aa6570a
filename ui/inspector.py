"""The inspector dock: the properties of the current selection as an editable form.

Every edit becomes one update command (ui.commands); the commits of one burst of typing merge into one undo step.
Values are checked by the domain first, so a bad value is named next to the form and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui import theme
from ui.commands import StoreCommand
from ui.document import OpenDocument
from workbench.changes import Change
from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.kinds import entity_type
from workbench.words import field_words

if TYPE_CHECKING:
    from ui.forms import EntityForm, UndoKeys

# Entities shown together with the selected one (an item with its instrument profile).
COMPANIONS: dict[str, tuple[str, ...]] = {"item": ("instrument",)}
# Computed, read-only lines per kind (e.g. an item's sphere region); views register their own.
# Modules registering lines for entities any view can select are loaded when an entity is first shown.
# A line is (label, value); a line with an empty label is a paragraph of its own (rich text, escaped by its maker).
FACTS: dict[str, list[Callable[[OpenDocument, Entity], list[tuple[str, str]]]]] = {}
MAX_WIDTH = 420  # pixels: the widest the inspector makes itself; a longer choice scrolls
FACT_MODULES = (
    "ui.views.spheres.facts",
    "ui.views.value_chain.facts",
    "ui.views.indicator_facts",
    "ui.views.evaluation_facts",
)
# Editors of what belongs to an entity but is not a field of it (an evaluation's questions), shown under
# its form; their modules register them here and are loaded with the first entity of their kind.
PANELS: dict[str, list[Callable[[OpenDocument, Entity], QWidget]]] = {}
PANEL_MODULES = {"evaluation": "ui.views.evaluation_questions"}


class Inspector(QScrollArea):
    """Empty until it is given its document, or none (`set_document`): the window starts with it built once."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setAccessibleName("Inspector")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.doc: OpenDocument | None = None
        self.forms: dict[str, EntityForm] = {}
        self.shown: list[tuple[str, str]] = []
        self._undo_keys: UndoKeys | None = None  # made with the first form

    def set_document(self, doc: OpenDocument | None) -> None:
        if self.doc is not None:
            self.doc.selection_changed.disconnect(self.rebuild)
            self.doc.changed.disconnect(self._on_changed)
        self.doc = doc
        if doc is not None:
            doc.selection_changed.connect(self.rebuild)
            doc.changed.connect(self._on_changed)
        self.rebuild()

    # ----- building ------------------------------------------------------------------------
    def rebuild(self) -> None:
        if self.doc is not None:
            self.doc.commit_typing()  # text typed into the form about to go is stored first
        body = QWidget()
        layout = QVBoxLayout(body)
        self.forms = {}
        self.shown = []
        self.error = QLabel()
        self.error.setObjectName("inspectorError")
        theme.take_role(self.error, "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.facts = QLabel()
        self.facts.setObjectName("inspectorFacts")
        self.facts.setWordWrap(True)
        doc = self.doc
        selection = doc.selection if doc else []
        if not selection:
            layout.addWidget(
                self._hint("Nothing selected. Select an item in a view to see and edit its properties here.")
            )
        elif len(selection) > 1:
            layout.addWidget(self._hint(f"{len(selection)} selected. Select one to edit its properties."))
        else:
            assert doc is not None  # a selection belongs to an open document
            kind, id_ = selection[0]
            entity = doc.get(kind, id_)
            if entity is None:
                layout.addWidget(self._hint("The selected object no longer exists."))
            else:
                title = QLabel(f"<b>{entity.LABEL}</b>")
                title.setObjectName("inspectorTitle")
                layout.addWidget(title)
                layout.addWidget(self.error)
                self._add_form(layout, entity)
                if kind in PANEL_MODULES:
                    import_module(PANEL_MODULES[kind])
                for panel in PANELS.get(kind, []):
                    layout.addWidget(panel(doc, entity))
                for companion in COMPANIONS.get(kind, ()):
                    other = doc.get(companion, id_)
                    if other is not None:
                        heading = QLabel(f"<b>{other.LABEL}</b>")
                        layout.addWidget(heading)
                        self._add_form(layout, other)
                layout.addWidget(self.facts)  # below the fields: new facts (a level's definition) move none of them
                self._show_facts(entity)
        layout.addStretch(1)
        self.setWidget(body)
        # As wide as the widest whole choice (its label above it), up to a limit: the dock grows to show
        # "National Energy Materials Laboratory" rather than scroll sideways.
        wanted = body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        self.setMinimumWidth(min(wanted, MAX_WIDTH))

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("inspectorHint")
        theme.take_role(label, "hint")
        return label

    def _add_form(self, layout: QVBoxLayout, entity: Entity) -> None:
        assert self.doc is not None
        from ui.forms import EntityForm, UndoKeys  # loaded with the first selection, not at start-up

        form = EntityForm(type(entity), self._options)
        form.set_entity(entity)
        form.set_read_only(self.doc.read_only)
        form.edited.connect(
            lambda name, value, burst, kind=entity.KIND, id_=entity.id: self._commit(kind, id_, name, value, burst)
        )
        if self._undo_keys is None:
            self._undo_keys = UndoKeys(self)
        for editor in form.typing_editors():
            self.doc.track_typing(editor)
            editor.installEventFilter(self._undo_keys)
        for combo in form.findChildren(QComboBox):
            fit_choice(combo)
            combo.currentIndexChanged.connect(lambda _index, combo=combo: fit_choice(combo))
        layout.addWidget(form)
        self.forms[entity.KIND] = form
        self.shown.append((entity.KIND, entity.id))

    def _options(self, kind: str) -> list[tuple[str, str]]:
        assert self.doc is not None
        return sorted(((e.id, e.title) for e in self.doc.all(kind)), key=lambda p: p[1].lower())

    def _show_facts(self, entity: Entity) -> None:
        assert self.doc is not None
        for module in FACT_MODULES:
            import_module(module)
        lines = [line for fn in FACTS.get(entity.KIND, []) for line in fn(self.doc, entity)]
        self.facts.setText("<br>".join(f"{label}: <b>{value}</b>" if label else value for label, value in lines))
        self.facts.setVisible(bool(lines))

    # ----- editing -------------------------------------------------------------------------
    def _commit(self, kind: str, id_: str, name: str, value: object, burst: int) -> None:
        assert self.doc is not None
        current = self.doc.get(kind, id_)
        if current is None:
            return
        try:
            current.changed(**{name: value})
        except ValidationError as err:
            self.error.setText(f"⚠ {err.message}")
            self.error.show()
            self.forms[kind].set_entity(current)
            return
        self.error.hide()
        label = entity_type(kind).specs()[name].label
        owner = self.doc.get(*self.shown[0]) or current  # a profile (an instrument) is named after its item
        text = f"Set {field_words(label)} of '{_short(owner.title)}'"
        command = StoreCommand(ops.update([(kind, id_, {name: value})]), text, burst=burst, origin="inspector")
        if not self.doc.run(command):
            stored = self.doc.get(kind, id_)
            if stored is not None:  # refused (an import being written): the field shows what the document holds
                self.forms[kind].set_entity(stored)

    def _on_changed(self, changes: list[Change]) -> None:
        touched = {(c.kind, i) for c in changes for i in c.ids}
        if not any(ref in touched for ref in self.shown) or self.doc is None:
            return
        for kind, id_ in self.shown:
            entity = self.doc.get(kind, id_)
            if entity is None:
                self.rebuild()
                return
            self.forms[kind].set_entity(entity)
            if kind == self.shown[0][0]:
                self._show_facts(entity)


def fit_choice(combo: QComboBox) -> None:
    """A choice box at least as wide as its current choice: the form puts a label above a field that no
    longer fits beside it (its rows wrap), so a narrow inspector shows "Research and technology
    organisation" whole instead of "Research and…"."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox  # built on first use: not needed to start

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = QSize(metrics.horizontalAdvance(combo.currentText()), metrics.height())
    combo.setMinimumWidth(combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo).width())


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

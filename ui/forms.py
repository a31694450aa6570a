"""Editable forms built from the domain's field descriptions (types, ranges, choice lists).

One editor per field kind; each emits `committed(value, burst)` when an edit is to be stored. Text
being typed is stored a moment after the last keystroke (a killed program keeps it), and at once on
Enter or on leaving the field; every commit of one burst of typing carries the same burst number, so
the undo stack folds them into one step (see ui.commands). Other editors send NO_BURST: a step each.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDoubleValidator, QIntValidator, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyleOptionFrame,
    QWidget,
)

from ui.wheel_guard import ChoiceBox
from workbench.entity import Entity
from workbench.fields import FieldSpec

NONE_TEXT = "—"
Options = Callable[[str], list[tuple[str, str]]]  # ref kind -> [(id, title)]
TYPING_PAUSE_MS = 800  # typed text is stored this long after the last keystroke
NO_BURST = -1  # QUndoCommand.id() of a step that merges with nothing
CHOICE_CHARS = 10  # a choice box shows at least this many characters, and elides the rest
LINE_EDIT_MARGIN = 2  # Qt's room between a line edit's frame and its text, each side (QLineEditPrivate)
FULL_WIDTH = frozenset({"longtext", "choices", "refs"})  # editors under their label, as wide as the form
_bursts = itertools.count(1)


if TYPE_CHECKING:  # the mixins below are only ever mixed into widgets; this tells the type checker so
    _EditorBase = QWidget
else:
    _EditorBase = object


class _Editor(_EditorBase):
    """Mixin: `committed` carries the new value; `set_value` shows a value without emitting."""

    committed: Any  # Signal(object, int), declared by each editor class (a Qt signal lives on the class)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TypedText(_Editor):
    """Mixin for editors of typed text: commits after a pause in typing, and at the end of the burst.

    `pending_changed(True)` fires at the first keystroke not yet stored, `pending_changed(False)` once
    what is on screen is stored (OpenDocument.track_typing follows it)."""

    pending_changed: Any  # Signal(bool), declared by each editor class

    def _start_typing(self) -> None:
        self._shown = ""
        self._burst = NO_BURST
        self._pending = False
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.commit_typing)

    @property
    def pending(self) -> bool:
        """True while typed text is on screen but not yet committed."""
        return self._pending

    @property
    def typing(self) -> bool:
        """True from the first keystroke to Enter or leaving the field."""
        return self._pending or self._burst != NO_BURST

    def _typed(self) -> None:
        if self._burst == NO_BURST:
            self._burst = next(_bursts)
        self._pause.start()
        self._set_pending(True)

    def commit_typing(self) -> None:
        """Commit the text typed so far (a pause, Save, Close); the burst goes on."""
        self._pause.stop()
        text = self._text()
        store = text != self._shown and self._acceptable()
        if store:
            self._shown = text
        self._set_pending(text != self._shown)
        if store:  # last: storing may rebuild the form this editor belongs to
            self.committed.emit(self._parse(text), self._burst)

    def finish_typing(self) -> None:
        """Enter or leaving the field: commit now and end the burst (the next keystroke starts a new step)."""
        self.commit_typing()
        self._burst = NO_BURST

    def _shows(self, text: str) -> None:
        """Show a stored value: nothing typed is pending any more."""
        self._pause.stop()
        self._shown = text
        self._set_pending(False)

    def _set_pending(self, pending: bool) -> None:
        if pending != self._pending:
            self._pending = pending
            self.pending_changed.emit(pending)

    def _text(self) -> str:
        raise NotImplementedError

    def _acceptable(self) -> bool:
        return True

    def _parse(self, text: str) -> Any:
        return text


class UndoKeys(QObject):
    """Ctrl+Z in a field holding nothing uncommitted undoes the document's last step (a text field
    would otherwise claim the key for its own, empty, history); while typing it undoes the typing.

    Installed on the editors of typed text it watches, and only on them: a widget that is itself the
    event filter in Python (the inspector's scroll area filters its own content) makes a Python object
    of every event its content gets, 2 to 3 ms as the window is first laid out."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
            and isinstance(watched, TypedText)
            and not watched.pending
        ):
            event.ignore()  # not claimed: the window's Undo or Redo answers the key
            return True
        return False


HINTED_UP_TO = 100_000  # bounds beyond this are sanity caps, not a range anyone types against


def range_hint(spec: FieldSpec) -> str:
    """'1–9' for a real range, '0 or more' when the top is only a sanity cap (never '0–1e+09')."""
    if spec.minimum is None or abs(spec.minimum) > HINTED_UP_TO:
        return ""
    low = f"{spec.minimum:,g}"
    if spec.maximum is not None and spec.maximum <= HINTED_UP_TO:
        return f"{low}–{spec.maximum:,g}"
    return f"{low} or more"


def is_being_edited(editor: QWidget) -> bool:
    """True while the user types in an editor (or, for other editors, while it has the focus): a reload
    must not overwrite it. A text field merely holding the focus shows an undo at once."""
    return editor.typing if isinstance(editor, TypedText) else editor.hasFocus()


class LineEditor(QLineEdit, TypedText):
    committed = Signal(object, int)
    pending_changed = Signal(bool)

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self.spec = spec
        if spec.kind == "int":
            self.setValidator(QIntValidator(int(spec.minimum or -(2**31)), int(spec.maximum or 2**31 - 1)))
        elif spec.kind == "float":
            validator = QDoubleValidator()
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            self.setValidator(validator)
        if spec.kind == "date":
            self.setPlaceholderText("YYYY-MM-DD")
        elif spec.kind == "strings":
            self.setPlaceholderText("comma-separated")
        elif spec.kind in ("int", "float"):
            self.setPlaceholderText(range_hint(spec))
        self._start_typing()
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.finish_typing)

    def minimumSizeHint(self) -> QSize:
        """A date field is at least as wide as a whole date: a narrow form puts its label above it rather
        than show '023-10-01' for 2023 (the style's frame, thick in high contrast, takes its share)."""
        hint = super().minimumSizeHint()
        if self.spec.kind != "date":
            return hint
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        text, frame = self.textMargins(), self.contentsMargins()
        inner = self.fontMetrics().horizontalAdvance(self.placeholderText()) + 2 * LINE_EDIT_MARGIN + 1
        inner += text.left() + text.right() + frame.left() + frame.right()
        contents = QSize(inner, hint.height())
        needed = self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, contents, self)
        return QSize(max(hint.width(), needed.width()), hint.height())

    def set_value(self, value: Any) -> None:
        if isinstance(value, list):
            text = ", ".join(value)
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = "" if value is None else str(value)
        self._shows(text)
        self.setText(text)

    def _text(self) -> str:
        return self.text().strip()

    def _acceptable(self) -> bool:
        return self.hasAcceptableInput()  # "-" on the way to "-5" is not stored

    def _parse(self, text: str) -> Any:
        if self.spec.kind == "strings":
            return [part.strip() for part in text.split(",") if part.strip()]
        if not text:
            return None if self.spec.kind not in ("text",) else ""
        if self.spec.kind in ("int", "float"):
            try:
                number = float(text.replace(",", ""))
            except ValueError:
                return text  # the domain names the problem
            return int(number) if self.spec.kind == "int" and number.is_integer() else number
        return text


class TextEditor(QPlainTextEdit, TypedText):
    """Multi-line text (Enter starts a new line): the burst ends when focus leaves it."""

    committed = Signal(object, int)
    pending_changed = Signal(bool)

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self.setTabChangesFocus(True)
        self.setMinimumHeight(60)
        self.setMaximumHeight(120)
        self._start_typing()
        self._loading = False
        self.textChanged.connect(self._text_changed)

    def _text_changed(self) -> None:
        if not self._loading:
            self._typed()

    def set_value(self, value: Any) -> None:
        self._shows(value or "")
        self._loading = True
        try:
            self.setPlainText(self._shown)
        finally:
            self._loading = False

    def _text(self) -> str:
        return self.toPlainText()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.finish_typing()


class BoolEditor(QCheckBox, _Editor):
    committed = Signal(object, int)

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self.clicked.connect(lambda checked: self.committed.emit(bool(checked), NO_BURST))

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class ChoiceEditor(ChoiceBox, _Editor):
    """One of a closed list; optional fields offer '—' for none; the wheel changes it once clicked into."""

    committed = Signal(object, int)

    def __init__(self, spec: FieldSpec, options: list[tuple[str, str]]):
        super().__init__()
        # As wide as the form allows, eliding a long choice, rather than as wide as the longest one.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(CHOICE_CHARS)
        if not spec.required:
            self.addItem(NONE_TEXT, None)
        for value, label in options:
            self.addItem(label, value)
        self.activated.connect(lambda index: self.committed.emit(self.itemData(index), NO_BURST))

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class MultiEditor(QListWidget, _Editor):
    """Several of a list (criteria, target groups, linked instruments): a checkable list."""

    committed = Signal(object, int)

    def __init__(self, spec: FieldSpec, options: list[tuple[str, str]]):
        super().__init__()
        for value, label in options:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self._loading = False
        self.itemChanged.connect(self._changed)
        rows = self.sizeHintForRow(0) * self.count() if self.count() else 0
        self.setMaximumHeight(min(110, rows + 2 * self.frameWidth() + 4))  # a short list takes no more room

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        self._loading = True
        for row in range(self.count()):
            item = self.item(row)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self._loading = False

    def _changed(self, _item: QListWidgetItem) -> None:
        if self._loading:
            return
        values = [
            self.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.count())
            if self.item(r).checkState() == Qt.CheckState.Checked
        ]
        self.committed.emit(values, NO_BURST)


class ColourEditor(QPushButton, _Editor):
    """A colour swatch that opens the colour picker. A colour that may be left unset (a note's own
    colour) shows no swatch until chosen, and its menu can clear it again."""

    committed = Signal(object, int)

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self._value: str | None = None
        self.clear_action = None
        if spec.required:
            self.clicked.connect(self._pick)
        else:
            menu = QMenu(self)
            menu.addAction("Choose a colour…", self._pick)
            self.clear_action = menu.addAction("No colour of its own", lambda: self.committed.emit(None, NO_BURST))
            self.setMenu(menu)

    def set_value(self, value: Any) -> None:
        self._value = value or None
        if self.clear_action is not None:
            self.clear_action.setEnabled(self._value is not None)
        if self._value is None:
            self.setText("Not set")
            self.setStyleSheet("")
            return
        self.setText(self._value)
        self.setStyleSheet(f"QPushButton {{ border-left: 18px solid {self._value}; padding-left: 6px; }}")

    def _pick(self) -> None:
        colour = QColorDialog.getColor(QColor(self._value or "#ffffff"), self, "Choose a colour")
        if colour.isValid() and colour.name() != self._value:
            self.committed.emit(colour.name(), NO_BURST)


def make_editor(spec: FieldSpec, options: Options) -> _Editor:
    if spec.kind in ("choice", "choices") and spec.choices is not None:
        choices = [(c.value, c.label) for c in spec.choices]
        return ChoiceEditor(spec, choices) if spec.kind == "choice" else MultiEditor(spec, choices)
    if spec.kind == "ref":
        return ChoiceEditor(spec, options(spec.ref or ""))
    if spec.kind == "refs":
        return MultiEditor(spec, options(spec.ref or ""))
    if spec.kind == "longtext":
        return TextEditor(spec)
    if spec.kind == "bool":
        return BoolEditor(spec)
    if spec.kind == "colour":
        return ColourEditor(spec)
    return LineEditor(spec)


class EntityForm(QWidget):
    """A form for one entity type; `edited(field, value, burst)` fires for each edit to store."""

    edited = Signal(str, object, int)

    def __init__(self, entity_type: type[Entity], options: Options, parent: QWidget | None = None):
        super().__init__(parent)
        self.entity_type = entity_type
        self.editors: dict[str, _Editor] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow dock puts labels above
        for name, spec in entity_type.specs().items():
            if not spec.editable:
                continue
            editor = make_editor(spec, options)
            editor.setObjectName(f"field_{entity_type.KIND}_{name}")
            editor.setAccessibleName(spec.label)
            tip = spec.help or spec.label
            if spec.minimum is not None and spec.maximum is not None:
                tip += f" ({spec.minimum:g} to {spec.maximum:g})"
            editor.setToolTip(tip)
            editor.committed.connect(lambda value, burst, name=name: self.edited.emit(name, value, burst))
            label = QLabel(spec.label + (" *" if spec.required else ""))
            label.setBuddy(editor)
            label.setToolTip(tip)
            if spec.kind in FULL_WIDTH:  # a list or a paragraph beside its label would be a sliver wide
                layout.addRow(label)
                layout.addRow(editor)
            else:
                layout.addRow(label, editor)
            self.editors[name] = editor

    def set_entity(self, entity: Entity) -> None:
        for name, editor in self.editors.items():
            if not is_being_edited(editor):
                editor.set_value(getattr(entity, name))

    def typing_editors(self) -> list[TypedText]:
        """The editors of typed text, for OpenDocument.track_typing."""
        return [e for e in self.editors.values() if isinstance(e, TypedText)]

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.setEnabled(not read_only)

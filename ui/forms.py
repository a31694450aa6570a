"""Editable forms built from the domain's field descriptions (types, ranges, choice lists).

One editor per field kind; each emits `committed(value)` once the user finishes an edit, so every
change becomes one undo command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QDoubleValidator, QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from workbench.entity import Entity
from workbench.fields import FieldSpec

NONE_TEXT = "—"
Options = Callable[[str], list[tuple[str, str]]]  # ref kind -> [(id, title)]


class _Editor:
    """Mixin: `committed` carries the new value; `set_value` shows a value without emitting."""

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class LineEditor(QLineEdit, _Editor):
    committed = Signal(object)

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
        elif spec.kind in ("int", "float") and spec.minimum is not None and spec.maximum is not None:
            self.setPlaceholderText(f"{spec.minimum:g}–{spec.maximum:g}")
        self._shown = ""
        self.editingFinished.connect(self._finish)

    def set_value(self, value: Any) -> None:
        if isinstance(value, list):
            text = ", ".join(value)
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = "" if value is None else str(value)
        self._shown = text
        self.setText(text)

    def _finish(self) -> None:
        text = self.text().strip()
        if text == self._shown:
            return
        self._shown = text
        self.committed.emit(self._parse(text))

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


class TextEditor(QPlainTextEdit, _Editor):
    """Multi-line text, committed when focus leaves it."""

    committed = Signal(object)

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self.setTabChangesFocus(True)
        self.setMinimumHeight(60)
        self.setMaximumHeight(120)
        self._shown = ""

    def set_value(self, value: Any) -> None:
        self._shown = value or ""
        self.setPlainText(self._shown)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        text = self.toPlainText()
        if text != self._shown:
            self._shown = text
            self.committed.emit(text)


class BoolEditor(QCheckBox, _Editor):
    committed = Signal(object)

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self.clicked.connect(lambda checked: self.committed.emit(bool(checked)))

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class ChoiceEditor(QComboBox, _Editor):
    """One of a closed list; optional fields offer '—' for none."""

    committed = Signal(object)

    def __init__(self, spec: FieldSpec, options: list[tuple[str, str]]):
        super().__init__()
        if not spec.required:
            self.addItem(NONE_TEXT, None)
        for value, label in options:
            self.addItem(label, value)
        self.activated.connect(lambda index: self.committed.emit(self.itemData(index)))

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class MultiEditor(QListWidget, _Editor):
    """Several of a list (criteria, target groups, linked instruments): a checkable list."""

    committed = Signal(object)

    def __init__(self, spec: FieldSpec, options: list[tuple[str, str]]):
        super().__init__()
        self.setMaximumHeight(110)
        for value, label in options:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self._loading = False
        self.itemChanged.connect(self._changed)

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
        self.committed.emit(values)


class ColourEditor(QPushButton, _Editor):
    committed = Signal(object)

    def __init__(self, spec: FieldSpec):
        super().__init__()
        self._value = "#000000"
        self.clicked.connect(self._pick)

    def set_value(self, value: Any) -> None:
        self._value = value or "#000000"
        self.setText(self._value)
        self.setStyleSheet(f"QPushButton {{ border-left: 18px solid {self._value}; padding-left: 6px; }}")

    def _pick(self) -> None:
        colour = QColorDialog.getColor(QColor(self._value), self, "Choose a colour")
        if colour.isValid() and colour.name() != self._value:
            self.committed.emit(colour.name())


def make_editor(spec: FieldSpec, options: Options) -> QWidget:
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
    """A form for one entity type; `edited(field, value)` fires once per finished edit."""

    edited = Signal(str, object)

    def __init__(self, entity_type: type[Entity], options: Options, parent: QWidget | None = None):
        super().__init__(parent)
        self.entity_type = entity_type
        self.editors: dict[str, QWidget] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
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
            editor.committed.connect(lambda value, name=name: self.edited.emit(name, value))
            label = QLabel(spec.label + (" *" if spec.required else ""))
            label.setBuddy(editor)
            label.setToolTip(tip)
            layout.addRow(label, editor)
            self.editors[name] = editor

    def set_entity(self, entity: Entity) -> None:
        for name, editor in self.editors.items():
            if not editor.hasFocus():
                editor.set_value(getattr(entity, name))

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.editors.values():
            editor.setEnabled(not read_only)

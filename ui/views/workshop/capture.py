"""Quick capture: type an idea, press Enter, type the next; the group combo colours what is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.views.workshop.widgets import swatch
from ui.wheel_guard import ChoiceBox
from workbench.workshop.entities import Participant
from workbench.workshop.groups import UNASSIGNED, label_of

NOTE_LIMIT = 500  # Note.text max_length
IDEA_CHARS = 28  # the idea field never gets narrower than a short sentence


class QuickCapture(QWidget):
    """`on_capture(text, participant id)` returns True when the note was added; only then is the field cleared,
    so nothing typed is lost when an edit is refused (a read-only document)."""

    def __init__(self, on_capture: Callable[[str, str | None], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.on_capture = on_capture
        self.field = QLineEdit()
        self.field.setObjectName("noteCapture")
        self.field.setAccessibleName("New sticky note")
        self.field.setPlaceholderText("Type an idea and press Enter, then the next one  (N)")
        self.field.setToolTip("Each Enter adds a sticky note beside the spheres; the field stays ready for the next.")
        self.field.setMaxLength(NOTE_LIMIT)
        self.field.setMinimumWidth(self.field.fontMetrics().averageCharWidth() * IDEA_CHARS)
        self.field.returnPressed.connect(self.submit)
        self.group = ChoiceBox()
        self.group.setObjectName("noteGroup")
        self.group.setAccessibleName("Group or participant of new notes")
        self.group.setToolTip("Whose idea it is: the note takes their colour and initials")
        self.group.setMinimumContentsLength(14)
        label = QLabel("&Idea:")
        label.setBuddy(self.field)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.field, 1)
        row.addWidget(self.group)
        self.set_participants([])

    def set_participants(self, participants: list[Participant]) -> None:
        """Refill the group combo, keeping the current choice when it still exists."""
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(swatch(UNASSIGNED), "No group", None)
        for p in sorted(participants, key=lambda p: p.name.casefold()):
            self.group.addItem(swatch(p.colour), f"{label_of(p)} · {p.name}", p.id)
        index = self.group.findData(current)
        self.group.setCurrentIndex(max(index, 0))
        self.group.blockSignals(False)

    def submit(self) -> None:
        text = " ".join(self.field.text().split())
        if text and self.on_capture(text, self.group.currentData()):
            self.field.clear()

"""The agenda panel: the timed steps in order, the current one marked, and ways to add steps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.views.workshop.widgets import button
from ui.wheel_guard import NumberBox
from workbench.workshop.agenda import ordered
from workbench.workshop.entities import AgendaStep


class AgendaPanel(QWidget):
    add_requested = Signal(str, int)  # title, minutes
    walkthrough_requested = Signal()
    step_chosen = Signal(str)  # step id to make current
    step_selected = Signal(str)  # step id picked in the list (the inspector edits it; Delete removes it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agendaPanel")
        self.setAccessibleName("Agenda")
        self.list = QListWidget()
        self.list.setObjectName("agendaList")
        self.list.setAccessibleName("Agenda steps")
        self.list.setToolTip(
            "Double-click or press Enter on a step to make it the current one; edit it in the inspector, "
            "Delete removes it"
        )
        self.list.itemActivated.connect(lambda row: self.step_chosen.emit(row.data(Qt.ItemDataRole.UserRole)))
        self.list.currentItemChanged.connect(
            lambda row, _old: self.step_selected.emit(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None
        )
        self.title = QLineEdit()
        self.title.setObjectName("stepTitle")
        self.title.setAccessibleName("Title of a new agenda step")
        self.title.setPlaceholderText("New step, e.g. 'Ideas for the overlaps'")
        self.title.returnPressed.connect(self._add)
        self.minutes = NumberBox()
        self.minutes.setObjectName("stepMinutes")
        self.minutes.setAccessibleName("Minutes for the new step")
        self.minutes.setRange(1, 480)
        self.minutes.setValue(10)
        self.minutes.setSuffix(" min")
        adding = QHBoxLayout()
        adding.addWidget(self.title, 1)
        adding.addWidget(self.minutes)
        add = button("addStep", "Add", "Add the step at the end of the agenda", self._add)
        add.setAccessibleName("Add agenda step")  # the votes tab has an Add of its own
        adding.addWidget(add)
        walkthrough = button(
            "addWalkthrough",
            "Add checklist walk-through",
            "One step for each of the objectives, experimentation, evaluation and policy-learning checklists",
            self.walkthrough_requested.emit,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(adding)
        layout.addWidget(walkthrough)

    def show_steps(self, steps: list[AgendaStep], current_id: str | None) -> None:
        self.list.blockSignals(True)  # refilling is not the user choosing
        self.list.clear()
        for n, step in enumerate(ordered(steps), start=1):
            here = step.id == current_id
            marker = "▶ " if here else ""
            row = QListWidgetItem(f"{marker}{n}. {step.title} ({step.minutes} min)")
            row.setData(Qt.ItemDataRole.UserRole, step.id)
            row.setToolTip("The current step" if here else "Enter or double-click: make this the current step")
            if here:
                font = QFont(row.font())
                font.setBold(True)
                row.setFont(font)
                self.list.addItem(row)
                self.list.setCurrentItem(row)
            else:
                self.list.addItem(row)
        self.list.blockSignals(False)

    def _add(self) -> None:
        title = self.title.text().strip()
        if title:
            self.add_requested.emit(title, self.minutes.value())
            self.title.clear()

"""The votes panel: participants or groups with the votes they have left, +1 / take back, reveal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.views.workshop.widgets import button, swatch
from ui.wheel_guard import NumberBox
from workbench.words import count
from workbench.workshop.entities import Participant, Vote
from workbench.workshop.groups import label_of
from workbench.workshop.voting import remaining


class VotesPanel(QWidget):
    add_requested = Signal(str, int)  # name, votes allowed
    vote_requested = Signal(int)  # +1 or -1 from the current voter on the selected note or item
    reveal_toggled = Signal(bool)
    anonymous_toggled = Signal(bool)
    chosen = Signal(str)  # participant id opened with Enter or a double-click (the inspector edits it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("votesPanel")
        self.setAccessibleName("Votes")
        self.list = QListWidget()
        self.list.setObjectName("participantList")
        self.list.setAccessibleName("Participants and groups, with the votes they have left")
        self.list.setToolTip(
            "The selected participant or group is the one who votes with V. Enter or double-click opens it in "
            "the inspector (name, colour, votes); then Delete removes it."
        )
        self.list.itemActivated.connect(lambda row: self.chosen.emit(row.data(Qt.ItemDataRole.UserRole)))
        self.name = QLineEdit()
        self.name.setObjectName("participantName")
        self.name.setAccessibleName("Name of a new participant or group")
        self.name.setPlaceholderText("Participant or group name")
        self.name.returnPressed.connect(self._add)
        self.allowance = NumberBox()
        self.allowance.setObjectName("votesEach")
        self.allowance.setAccessibleName("Votes for a new participant or group")
        self.allowance.setRange(0, 99)
        self.allowance.setValue(3)
        self.allowance.setSuffix(" votes")
        self.allowance.setToolTip("How many votes the next participant or group gets")
        add = button("addParticipant", "Add", "Add the participant or group (Enter in the name field)", self._add)
        add.setAccessibleName("Add participant")  # the agenda tab has an Add of its own
        self.up = button(
            "voteUp",
            "+1 vote  (V)",
            "The selected voter puts a dot on the selected note or item",
            lambda: self.vote_requested.emit(1),
        )
        self.down = button(
            "voteDown",
            "Take back  (Shift+V)",
            "The selected voter takes one dot back",
            lambda: self.vote_requested.emit(-1),
        )
        self.reveal = button(
            "revealTotals",
            "Reveal totals  (Ctrl+R)",
            "Show or hide every vote total on the board",
            lambda: self.reveal_toggled.emit(self.reveal.isChecked()),
        )
        self.reveal.setCheckable(True)
        self.anonymous = QCheckBox("&Anonymous votes (the summary shows totals only)")
        self.anonymous.setObjectName("anonymousVotes")
        self.anonymous.setToolTip("The facilitator's choice: the workshop summary never says who gave which vote")
        self.anonymous.clicked.connect(self.anonymous_toggled)
        self.status = QLabel()
        self.status.setObjectName("voteStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop)
        adding = QHBoxLayout()
        adding.addWidget(self.name, 1)
        adding.addWidget(self.allowance)
        adding.addWidget(add)
        voting = QHBoxLayout()
        voting.addWidget(self.up)
        voting.addWidget(self.down)
        layout = QVBoxLayout(self)
        layout.addLayout(adding)  # first, so an empty panel starts where the work starts
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)  # the stretch: the status line stays one or two lines high
        layout.addLayout(voting)
        layout.addWidget(self.reveal)
        layout.addWidget(self.anonymous)

    def show_anonymous(self, anonymous: bool) -> None:
        self.anonymous.setChecked(anonymous)

    def show_votes(self, participants: list[Participant], votes: list[Vote], revealed: bool) -> None:
        current = self.current_voter_id()
        self.list.blockSignals(True)  # refilling is not the user choosing
        self.list.clear()
        for p in sorted(participants, key=lambda p: p.name.casefold()):
            left = remaining(p, votes)
            row = QListWidgetItem(swatch(p.colour), f"{label_of(p)}  {p.name}: {left} of {count(p.votes, 'vote')} left")
            row.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(row)
            if p.id == current or (current is None and self.list.count() == 1):
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        cast = sum(v.count for v in votes)
        allowed = sum(p.votes for p in participants)
        self.reveal.setChecked(revealed)
        self.reveal.setText("Hide totals  (Ctrl+R)" if revealed else "Reveal totals  (Ctrl+R)")
        hidden = "" if revealed else "Totals hidden until revealed. "
        self.status.setText(
            f"{hidden}{cast} of {count(allowed, 'vote')} cast."
            if participants
            else "Add the participants (or groups, such as tables) above. Each gets its votes to place with V."
        )

    def current_voter_id(self) -> str | None:
        row = self.list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row is not None else None

    def _add(self) -> None:
        name = self.name.text().strip()
        if name:
            self.add_requested.emit(name, self.allowance.value())
            self.name.clear()

"""The Workshop section: the spheres board with sticky notes, dot votes, a timed agenda and snapshots.

Layout and the following of the document live here; every gesture becomes one named undo command
(ui/views/workshop/edits.py) through the document, and the board redraws what the change names.
"""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.canvas.beside import ReadBeside
from ui.canvas.section import CanvasSection, menu_button
from ui.canvas.view import CanvasView
from ui.document import OpenDocument
from ui.views.base import SectionView
from ui.views.spheres.items import NAME_PT, PolicyItem
from ui.views.spheres.loading import read_beside, read_board
from ui.views.spheres.model import Board
from ui.views.workshop.agenda_panel import AgendaPanel
from ui.views.workshop.capture import QuickCapture
from ui.views.workshop.edits import BoardEdits
from ui.views.workshop.notes import TEXT_PT, NoteItem
from ui.views.workshop.scene import WorkshopScene
from ui.views.workshop.snapshots_panel import SnapshotsPanel
from ui.views.workshop.timer_bar import TimerBar
from ui.views.workshop.votes_panel import VotesPanel
from ui.views.workshop.widgets import button
from workbench.changes import Change
from workbench.workshop.convert import with_article
from workbench.workshop.entities import AgendaStep, ConversionKind, Note, Participant, Snapshot, Vote
from workbench.workshop.timer import Clock


class WorkshopView(CanvasSection, SectionView):
    caption_changed = Signal(str)  # the current step and its time left, for the presentation screen
    STAGE_TEXT_POINTS = min(TEXT_PT, NAME_PT)  # notes and items' names: the presentation keeps them readable
    STAGE_MENU = ("workshopVote", "workshopUnvote", "workshopDecision")  # a right-click on the stage offers these
    RELEASES_WHEN_HIDDEN = True  # thousands of cards and notes: hidden, the board keeps none of them

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None, clock: Clock = time.monotonic):
        super().__init__(doc, parent)
        self.setObjectName("workshopView")
        self.scene: WorkshopScene = WorkshopScene(self)
        self.canvas: CanvasView = CanvasView(self.scene)
        self.canvas.setObjectName("workshopCanvas")
        self.canvas.setAccessibleName("Workshop board")
        self.canvas.setToolTip(
            "Tab selects the notes and cards in turn. V votes, D marks a decision, T turns a note into an "
            "instrument, actor, objective or lesson; the arrow keys move what is selected."
        )
        self.edits = BoardEdits(self, parent=self)
        self.capture = QuickCapture(self.edits.add_note)
        self.timer = TimerBar(clock)
        self.votes_panel = VotesPanel()
        self.agenda_panel = AgendaPanel()
        self.snapshots_panel = SnapshotsPanel()
        self.message = QLabel()
        self.message.setObjectName("workshopMessage")
        self.message.setWordWrap(True)
        self._build_layout()
        self._build_actions()
        self.reader: ReadBeside[Board] = ReadBeside(self, self._board_in)
        # A large board is read beside the window from the turn after the section shows: started as the
        # section was made, that reading shared the interpreter with its first showing, half as long again.
        # A timer of its own, not QTimer.singleShot(0): that posts an event, handled before the showing.
        self._board_turn = QTimer(self)
        self._board_turn.setSingleShot(True)
        self._board_turn.timeout.connect(self._read_board)
        self._load()
        self._connect()
        self.canvas.fit()

    # ----- construction ---------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.banner = QFrame()
        self.banner.setObjectName("timeUpBanner")
        self.banner.setStyleSheet("#timeUpBanner { background: #fff4c2; border: 2px solid #8a6d00; }")
        self.banner_text = QLabel()
        self.banner_text.setObjectName("timeUpText")
        self.banner_text.setWordWrap(True)
        dismiss = button("dismissBanner", "OK", "Hide this message", self.banner.hide)
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(dismiss)
        self.banner.hide()

        tabs = QTabWidget()
        tabs.setObjectName("workshopTabs")
        tabs.addTab(self.votes_panel, "&Votes")
        tabs.addTab(self.agenda_panel, "&Agenda")
        tabs.addTab(self.snapshots_panel, "Sna&pshots")
        summary = button(
            "exportSummary", "Workshop summary PDF…", "Notes, votes, decisions and gaps as a PDF", self.export
        )
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(tabs, 1)
        side_layout.addWidget(self.message)
        side_layout.addWidget(summary)
        splitter = QSplitter()
        splitter.addWidget(self.canvas)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 360])

        # Two rows, so the idea field keeps room for a sentence on a 1280-pixel screen with the docks open.
        top = QHBoxLayout()
        top.addWidget(self.capture, 1)
        top.addWidget(self._convert_button())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.timer)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def _convert_button(self) -> QToolButton:
        self.convert_menu = QMenu("Turn into", self)
        self.convert_actions: dict[str, QAction] = {}
        for kind in ConversionKind:
            action = self.convert_menu.addAction(f"&{kind.label}", partial(self.edits.convert, kind.value))
            action.setObjectName(f"convert_{kind.value}")
            action.setToolTip(f"Turn the selected note into {with_article(kind.label)} (one step, undoable)")
            self.convert_actions[kind.value] = action
        tool = menu_button(
            "convertButton",
            "Turn into…  (T)",
            "Turn the selected note into an instrument, actor, objective or lesson (T)",
            self.convert_menu,
        )
        tool.setAccessibleName("Turn the selected note into an instrument, actor, objective or lesson")
        return tool

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        for name, slot in (
            ("workshopVote", lambda: self.edits.vote(1)),
            ("workshopUnvote", lambda: self.edits.vote(-1)),
            ("workshopDecision", self.edits.toggle_decision),
            ("workshopConvert", self._popup_convert_menu),
            ("workshopCapture", self.capture.field.setFocus),
            ("workshopReveal", self.edits.toggle_reveal),
        ):
            self.actions_by_name[name] = self.view_action(name, slot)

    def _popup_convert_menu(self) -> None:
        notes = self.scene.selected_notes()
        at = self.canvas.mapToGlobal(self.canvas.mapFromScene(notes[0].pos())) if notes else QCursor.pos()
        self.convert_menu.popup(at)

    def _load(self) -> None:
        store = self.doc.store
        if read_beside(self.doc):
            self._board_turn.start()
        else:
            self._read_board()
        self.scene.load_workshop(store.all_of(Note), store.all_of(Participant), store.all_of(Vote), self.edits.state())
        self._refresh({"participant", "agenda_step", "snapshot"})

    def _connect(self) -> None:
        self.scene.follow_detail(self.canvas)
        self.connect_selection(self.scene.selectionChanged)
        self.scene.board_moved.connect(self.edits.move_cards)
        self.canvas.nudged.connect(self.edits.nudge)
        self.canvas.insert_requested.connect(self.capture.field.setFocus)
        self.votes_panel.add_requested.connect(self.edits.add_participant)
        self.votes_panel.chosen.connect(lambda id_: self.doc.select([("participant", id_)]))
        self.agenda_panel.step_selected.connect(lambda id_: self.doc.select([("agenda_step", id_)]))
        self.votes_panel.vote_requested.connect(self.edits.vote)
        self.votes_panel.reveal_toggled.connect(self.edits.set_revealed)
        self.votes_panel.anonymous_toggled.connect(self.edits.set_anonymous)
        self.agenda_panel.add_requested.connect(self.edits.add_step)
        self.agenda_panel.walkthrough_requested.connect(self.edits.add_walkthrough)
        self.agenda_panel.step_chosen.connect(self.edits.go_to_step)
        self.snapshots_panel.save_requested.connect(self.edits.save_snapshot)
        self.snapshots_panel.compare_requested.connect(self.edits.compare_snapshots)
        self.snapshots_panel.restore_requested.connect(self.edits.restore_snapshot)
        self.timer.next_requested.connect(self.edits.next_step)
        self.timer.time_up.connect(self._time_up)
        self.timer.caption_changed.connect(self.caption_changed)
        for widget in (self.timer.start, self.timer.more, self.timer.next):
            widget.clicked.connect(self.banner.hide)

    # ----- following the document -----------------------------------------------------------------
    def _board_in(self, board: Board, held: list[Change]) -> None:
        """The spheres and their items are in (read at once, or beside the window)."""
        self.scene.adopt(board)
        if held:
            self.follow(held)
        self._follow_selection()
        if self.canvas.auto_fit:
            self.canvas.fit()

    def _read_board(self) -> None:
        self._board_turn.stop()
        read_board(self.doc, self.reader)

    def release(self) -> None:
        self._board_turn.stop()
        self.reader.cancel()
        with self._echo_guard():  # the document's selection stays as it is
            self.scene.unload()

    def rebuild(self) -> None:
        self.scene.leaving.finish()  # what it was letting go of while hidden goes before it shows
        self._load()
        self._follow_selection()

    def settle(self) -> None:
        if self._board_turn.isActive():
            self._read_board()
        self.scene.finish_cards()

    def follow(self, changes: list[Change]) -> None:
        if self.reader.hold(changes):
            return
        fetch = self.doc.store.get_many
        self.scene.apply(changes, fetch)
        self.scene.apply_workshop(changes, fetch)
        self._refresh({c.kind for c in changes})
        if any(c.initiator in ("undo", "redo") for c in changes):
            self.say("")  # a remark about the board as it was ("... has used all 3 of their votes") no longer holds

    def _refresh(self, kinds: set[str]) -> None:
        """Refill the panels that show any of `kinds` (adding a note touches none of them)."""
        store = self.doc.store
        state = self.edits.state()
        if kinds & {"participant", "vote", "workshop"}:
            participants = store.all_of(Participant)
            self.votes_panel.show_votes(participants, store.all_of(Vote), self.scene.revealed)
            self.votes_panel.show_anonymous(bool(state and state.anonymous_votes))
            self.capture.set_participants(participants)
        if kinds & {"agenda_step", "workshop"}:
            steps = store.all_of(AgendaStep)
            current = state.current_step_id if state else None
            self.agenda_panel.show_steps(steps, current)
            self.timer.set_step(next((s for s in steps if s.id == current), None))
        if kinds & {"snapshot", "agenda_step"}:
            self.snapshots_panel.show_snapshots(store.all_of(Snapshot), store.all_of(AgendaStep))

    def _time_up(self, title: str) -> None:
        self.banner_text.setText(f"Time is up for '{title}'. Take one more minute, or move to the next step.")
        self.banner.show()

    def say(self, text: str) -> None:
        """A short, non-blocking remark beside the board (a refused vote, a restore done)."""
        self.message.setText(text)

    def caption(self) -> str:
        return self.timer.caption()

    # ----- selection ------------------------------------------------------------------------------
    def selected_refs(self) -> list[tuple[str, str]]:
        refs = []
        for item in self.scene.selectedItems():
            if isinstance(item, NoteItem):
                refs.append(("note", item.note_id))
            elif isinstance(item, PolicyItem):
                refs.append(("item", item.item_id))
        return refs

    def show_selection(self, refs: list[tuple[str, str]]) -> None:
        wanted = set(refs)
        self.scene.cards_for([id_ for kind, id_ in refs if kind == "item"])
        for id_, item in self.scene.note_items.items():
            item.setSelected(("note", id_) in wanted)
        for id_, policy in self.scene.policy_items.items():
            policy.setSelected(("item", id_) in wanted)

    def renamable(self, item) -> tuple[str, str, str] | None:
        """F2 or Enter on the board: a note's words, an item's name."""
        if isinstance(item, NoteItem):
            return ("note", item.note_id, "text")
        return ("item", item.item_id, "name") if isinstance(item, PolicyItem) else None

    def select(self, refs: list[tuple[str, str]]) -> None:
        self.scene.clearSelection()
        self.scene.cards_for([id_ for kind, id_ in refs if kind == "item"])
        for kind, id_ in refs:
            item = (self.scene.note_items if kind == "note" else self.scene.policy_items).get(id_)
            if item is not None:
                item.setSelected(True)

    def show_note(self, note_id: str) -> None:
        """Keep a new note in sight: refit while the board fits the view, else scroll to it."""
        item = self.scene.note_items.get(note_id)
        if item is None or self.canvas.visible_rect().contains(item.sceneBoundingRect()):
            return
        if self.canvas.auto_fit:
            self.canvas.fit()
        else:
            self.canvas.ensureVisible(item)

    # ----- shell actions --------------------------------------------------------------------------
    def delete(self) -> None:
        self.edits.delete_selected()

    def select_all(self) -> None:
        self.select([("note", i) for i in self.scene.note_items])

    def export(self) -> None:
        self.edits.export_summary()

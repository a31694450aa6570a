"""The Theory of change section: rationale -> instruments -> outputs -> outcomes -> impacts as a canvas,
with the findings beside it.

Rationales and instruments are the document's own (the register's and the spheres'), so an edit here
shows there and back. Every gesture is one named command (one undo step); the scene redraws from the
change report and the findings follow its analysis.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu, QSplitter, QToolBar, QToolButton, QVBoxLayout, QWidget

from db import operations as ops
from templates_reports.figures.theory_of_change import theory_of_change_drawing
from templates_reports.figures.value_chain import FIGURE_FORMATS, save_drawing
from ui import dialogs
from ui.canvas.section import CanvasSection, empty_hint, menu_button
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.views.base import SectionView
from ui.views.theory_of_change.canvas import ChainCanvas
from ui.views.theory_of_change.findings import FindingsPanel
from ui.views.theory_of_change.items import KIND_WORDS, ChainCard
from ui.views.theory_of_change.scene import CARDS_AT_ONCE, TheoryOfChangeScene
from workbench.briefs.theory_of_change import theory_of_change_diagram
from workbench.changes import Change
from workbench.errors import WorkbenchError
from workbench.interchange.theory_of_change_json import export_theory_of_change, import_theory_of_change
from workbench.theory_of_change.entities import Column, Rationale, TocLink, TocNode
from workbench.words import count

NAME_FIELD = {"rationale": "statement", "item": "name", "toc_node": "title"}
SIDE_WIDTH = 300
CARD_KINDS = ("item", "rationale", "toc_node")  # the cards (every item counted: at most that many)


class TheoryOfChangeView(CanvasSection, SectionView):
    PICTURE_NAME = "theory of change"
    RELEASES_WHEN_HIDDEN = True  # thousands of cards and lines: hidden, the section keeps none of them

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("theoryOfChangeView")
        self.scene: TheoryOfChangeScene = TheoryOfChangeScene(self)
        self.canvas: ChainCanvas = ChainCanvas(self.scene)
        self.findings = FindingsPanel()
        self._order: list[tuple[str, str]] = []  # selected cards in the order they were picked (Connect)
        self._build_toolbar()
        split = QSplitter()
        split.addWidget(self.canvas)
        split.addWidget(self.findings)
        split.setCollapsible(1, False)
        split.setStretchFactor(0, 1)
        split.setSizes([1000, SIDE_WIDTH])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)

        self.scene.analysis_changed.connect(self.findings.show_analysis)
        # A chain of more cards than a turn makes is read on the next turn: the section shows first.
        self._reading = QTimer(self)
        self._reading.setSingleShot(True)
        self._reading.timeout.connect(self._read_now)
        self.connect_selection(self.scene.selectionChanged)
        self.scene.focusItemChanged.connect(self._focus_moved)
        self.canvas.insert_requested.connect(self.add_result)
        self.findings.finding_chosen.connect(self.show_refs)
        self.canvas.viewport().installEventFilter(self)
        self.empty_hint = empty_hint(
            self.canvas,
            "Nothing on the chain yet. Instruments come from the Spheres canvas and rationales from the "
            "Rationale register. Press Insert (or Add result) for an output, outcome or impact; select two "
            "cards and press Ctrl+L to say the first leads to the second.",
        )
        self._read()

    # ----- construction ---------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        editable = not self.doc.read_only
        bar = QToolBar("Theory-of-change tools")
        bar.setObjectName("theoryOfChangeToolbar")
        self.add_action = self.view_action("tocAdd", self.add_result)
        add_menu = QMenu("Add", self)
        add_menu.addAction("Rationale", self.add_rationale)
        for column in Column:
            add_menu.addAction(column.label, partial(self.add_result, column.value))
        add_button = QToolButton()
        add_button.setObjectName("tocAddButton")
        add_button.setDefaultAction(self.add_action)
        add_button.setMenu(add_menu)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        bar.addWidget(add_button)
        self.connect_action = self.view_action("tocConnect", self.connect_selected)
        self.rename_action = self.view_action("tocRename", self.rename_selected)
        self.import_action = self.view_action("tocImportData", self.import_data)
        bar.addAction(self.connect_action)
        bar.addAction(self.rename_action)
        bar.addAction(self.import_action)
        for widget in (add_button, self.connect_action, self.rename_action, self.import_action):
            widget.setEnabled(editable)
        bar.addSeparator()
        menu = QMenu("Export", self)
        menu.addAction(self.view_action("tocExportPicture", self.export))
        menu.addAction(self.view_action("tocExportFigure", self.export_figure))
        menu.addAction(self.view_action("tocExportData", self.export_data))
        bar.addWidget(
            menu_button(
                "tocExport",
                "Export",
                "Export the theory of change as a picture, or as a vector figure for a brief (Ctrl+E)",
                menu,
            )
        )
        self.add_zoom_actions(bar)
        self.toolbar = bar

    # ----- following the document ---------------------------------------------------------
    def follow(self, changes: list[Change]) -> None:
        if self._reading.isActive():
            return  # read as the document is, once it is read
        if self.scene.apply(changes, self.doc.store):
            self._update_empty()
            if self.canvas.auto_fit:
                self.canvas.fit()

    def _update_empty(self) -> None:
        self.empty_hint.setVisible(self.scene.empty() and not self._reading.isActive())

    def _read(self) -> None:
        """The chain of a small document at once; of a large one on the next turn of the event loop, a
        zero timer of its own (not QTimer.singleShot(0), which would come before the section's paint)."""
        if sum(self.doc.store.counts(CARD_KINDS).values()) <= CARDS_AT_ONCE:
            self._read_now()
        else:
            self._reading.start()
            self._update_empty()

    def _read_now(self) -> None:
        self._reading.stop()
        self.scene.load(self.doc.store)
        self._follow_selection()
        self._update_empty()

    def rebuild(self) -> None:
        self.scene.leaving.finish()  # what it was letting go of while hidden goes before it shows
        self._read()

    def release(self) -> None:
        self._reading.stop()
        with self._echo_guard():  # the document's selection stays as it is
            self.scene.unload()

    def settle(self) -> None:
        self._read_at_once()
        self.scene.settle()

    def _read_at_once(self) -> None:
        """Read the chain now if it is due on the next turn (what is exported is what the document holds)."""
        if self._reading.isActive():
            self._read_now()

    def prepare_picture(self, exporting: bool) -> None:
        if exporting:
            self.settle()

    # ----- selection ------------------------------------------------------------------------
    def selected_refs(self) -> list[tuple[str, str]]:
        selected = self.scene.selected_refs()
        self._order = [r for r in self._order if r in selected] + [r for r in selected if r not in self._order]
        return list(self._order)

    def show_selection(self, refs: list[tuple[str, str]]) -> None:
        self.scene.select(refs)
        self._order = [r for r in refs if r in self.scene.cards or r in self.scene.lines]

    def _focus_moved(self, new, _old, _reason) -> None:
        """Tab onto a card selects it (the inspector follows)."""
        if isinstance(new, ChainCard) and not new.isSelected():
            self.canvas.choose(new)

    def show_refs(self, refs: list[tuple[str, str]]) -> None:
        """Select what a finding is about (an objective has no card: the inspector shows it)."""
        self.doc.select(refs)
        shown = [self.scene.cards.get(r) or self.scene.lines.get(r) for r in refs]
        for item in shown:
            if item is not None:
                self.canvas.ensureVisible(item, 20, 20)
                break

    # ----- edits ------------------------------------------------------------------------------
    def _run(self, operation, text: str) -> bool:
        return self.doc.run(StoreCommand(operation, text, origin="theory-of-change"))

    def add_result(self, result_type: str | None = None) -> str | None:
        """A new result in `result_type`'s column (by default beside the selected card: the column right of an
        instrument, the selected result's own), named at once."""
        if self.doc.read_only:
            return None
        current = self.canvas.current_card()
        if result_type is None:
            column = current.column if current is not None else "output"
            result_type = column if column in {c.value for c in Column} else "output"
        siblings = [n for n in self.scene.table(TocNode).values() if n.result_type == result_type]
        position = max((n.position for n in siblings), default=-1) + 1
        word = KIND_WORDS[result_type]
        node = TocNode.create(result_type=result_type, title=f"New {word.lower()}", position=position)
        if not self._run(ops.create([node]), f"Add {word.lower()}"):
            return None
        self.doc.select([("toc_node", node.id)])
        self.rename_card(("toc_node", node.id))
        return node.id

    def add_rationale(self) -> str | None:
        if self.doc.read_only:
            return None
        rationale = Rationale.create(statement="New rationale")
        if not self._run(ops.create([rationale]), "Add rationale"):
            return None
        self.doc.select([("rationale", rationale.id)])
        self.rename_card(("rationale", rationale.id))
        return rationale.id

    def connect_selected(self) -> str | None:
        """'The first card picked leads to the second': a causal link, or a rationale naming an instrument."""
        if self.doc.read_only:
            return None
        cards = [r for r in self._order if r in self.scene.cards]
        if len(cards) != 2:
            self._explain_connect()
            return None
        (kind_a, a), (kind_b, b) = cards
        names = f"'{self.scene.title_of(cards[0])}' to '{self.scene.title_of(cards[1])}'"
        if kind_a == "rationale" and kind_b == "item":
            rationale = self.scene.table(Rationale)[a]
            if b in rationale.instrument_ids:
                return None
            edit = ("rationale", a, {"instrument_ids": [*rationale.instrument_ids, b]})
            self._run(ops.update([edit]), f"Connect {names}")
            return None
        if kind_b != "toc_node" or kind_a not in ("item", "toc_node"):
            self._explain_connect()
            return None
        start = {"from_item_id": a} if kind_a == "item" else {"from_node_id": a}
        link = TocLink.create(**start, to_node_id=b)
        if self._run(ops.create([link]), f"Connect {names}"):
            self.doc.select([("toc_link", link.id)])
            return link.id
        return None

    def _explain_connect(self) -> None:
        dialogs.inform(
            self,
            "Connect",
            "Select two cards (click one, then Ctrl+click the other), then press Ctrl+L: the first leads to the "
            "second. A rationale connects to an instrument; an instrument or a result connects to an output, "
            "outcome or impact. Write the assumption behind the step in the inspector.",
        )

    def rename_selected(self) -> None:
        card = self.canvas.current_card()
        if card is not None and not self.doc.read_only:
            self.rename_card(card.ref)

    def rename_card(self, ref: tuple[str, str]) -> None:
        card = self.scene.cards.get(ref)
        if card is None:
            return
        self.canvas.ensureVisible(card)
        self.canvas.edit_text(card.sceneBoundingRect(), card.title, partial(self.set_name, ref), name="Card name")

    def set_name(self, ref: tuple[str, str], name: str) -> None:
        kind, id_ = ref
        old = self.scene.title_of(ref)
        if name != old:
            self._run(ops.update([(kind, id_, {NAME_FIELD[kind]: name})]), f"Rename '{old}' to '{name}'")

    def delete(self) -> None:
        """Del: the selected cards and links in one step (a card's links go with it). Deleting an
        instrument here deletes it everywhere, as on the other canvases."""
        refs = self.scene.selected_refs()
        if not refs or self.doc.read_only:
            return
        if len(refs) == 1:
            kind = refs[0][0]
            what = "link" if kind == "toc_link" else f"'{self.scene.title_of(refs[0])}'"
        else:
            what = count(len(refs), "card or link", "cards and links")
        self._run(ops.Delete(refs), f"Delete {what}")

    def select_all(self) -> None:
        self.scene.select(self.scene.cards)

    # ----- export -------------------------------------------------------------------------------
    def export_figure(self) -> None:
        path = dialogs.ask_export_path(
            self, f"{self.project_title()} - theory of change.pdf", ";;".join(FIGURE_FORMATS.values())
        )
        if path is None:
            return
        self._read_at_once()
        drawing = theory_of_change_drawing(theory_of_change_diagram(self.scene.snapshot(), self.scene.analysis))
        try:
            save_drawing(drawing, Path(path))
        except WorkbenchError as err:
            dialogs.show_error(self, err)

    def export_data(self) -> None:
        path = dialogs.ask_export_path(self, f"{self.project_title()} - theory of change.json", "JSON file (*.json)")
        if path is None:
            return
        self._read_at_once()
        try:
            export_theory_of_change(self.scene.snapshot(), Path(path))
        except WorkbenchError as err:
            dialogs.show_error(self, err)

    def import_data(self) -> None:
        """Ask for a theory-of-change file and bring it in as one step; say what was left out."""
        if self.doc.read_only:
            return
        paths = dialogs.ask_import_paths(self, "Theory of change (*.json)", "Import a theory of change")
        if not paths:
            return
        try:
            read = import_theory_of_change(paths[0], self.doc.store.load())
        except WorkbenchError as err:
            dialogs.show_error(self, err)
            return
        if read.entities and self._run(ops.Upsert(read.entities), f"Import theory of change from {paths[0].name}"):
            lines = [f"Imported {read.summary()} from {paths[0].name}.", *read.notes[:20]]
            if len(read.notes) > 20:
                lines.append(f"… and {len(read.notes) - 20} more.")
            dialogs.inform(self, "Import theory of change", "\n".join(lines))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.canvas.viewport() and event.type() == event.Type.MouseButtonDblClick:
            item = self.canvas.itemAt(event.position().toPoint())
            if isinstance(item, ChainCard) and not self.doc.read_only:
                self.rename_card(item.ref)
                return True
        if watched is self.canvas.viewport() and event.type() == event.Type.Resize:
            hint = self.empty_hint
            hint.adjustSize()
            hint.move(16, max(16, self.canvas.height() - hint.height() - 24))
        return super().eventFilter(watched, event)

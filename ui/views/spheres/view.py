"""The Spheres section: canvas, item palette, filter bar and gap panel.

Every gesture becomes one named undo command through the document; the scene redraws only what
the resulting change notification names.
"""

from __future__ import annotations

import json
from functools import partial

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDrag, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui import actions, dialogs
from ui.canvas.beside import ReadBeside
from ui.canvas.export import print_scene
from ui.canvas.section import CanvasSection, empty_hint, menu_button
from ui.canvas.view import PALETTE_MIME, CanvasView
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.views.base import SectionView
from ui.views.spheres.gap_panel import GapPanel
from ui.views.spheres.items import NAME_PT, PolicyItem, SphereItem
from ui.views.spheres.loading import read_board
from ui.views.spheres.model import Board
from ui.views.spheres.scene import SpheresScene
from ui.wheel_guard import ChoiceBox
from workbench.arrange import align, distribute
from workbench.changes import Change
from workbench.entity import Entity, new_id
from workbench.errors import ValidationError, WorkbenchError
from workbench.project import Project
from workbench.spheres.entities import Region
from workbench.spheres.filtering import ItemFilter, matching
from workbench.spheres.items import Instrument, InstrumentType, Item, ItemKind, Level, Status
from workbench.words import count

CLIPBOARD_MIME = "application/x-iip-workbench-items"
PASTE_OFFSET = 24.0
# The fields the search and the filters read: an edit of any other field keeps what is dimmed.
FILTERED_FIELDS = {"item": ("name", "description", "kind"), "instrument": ("level", "status", "instrument_type")}


class PaletteButton(QToolButton):
    """A kind of item: click to add one at the centre, or drag it onto the canvas."""

    def __init__(self, kind: ItemKind, on_click):
        super().__init__()
        self.kind = kind
        self.setObjectName(f"palette_{kind.value}")
        self.setText(f"{_SHAPE[kind.value]} {kind.label}")
        self.setAccessibleName(f"Add {kind.label.lower()}")
        self.setToolTip(f"Drag onto the canvas, or click to add a {kind.label.lower()} at the centre")
        self.clicked.connect(lambda: on_click(kind.value))
        self._press: QPointF | None = None

    def mousePressEvent(self, event) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._press is not None and (event.position() - self._press).manhattanLength() > 8:
            self._press = None
            self.setDown(False)
            mime = QMimeData()
            mime.setData(PALETTE_MIME, self.kind.value.encode("ascii"))
            drag = QDrag(self)
            drag.setMimeData(mime)
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)


_SHAPE = {"instrument": "●", "programme": "■", "institution": "▲", "other": "◆"}


class SpheresView(CanvasSection, SectionView):
    PICTURE_NAME = "policy spheres"
    STAGE_TEXT_POINTS = NAME_PT  # the cards' names: the presentation keeps them readable at the back of a room
    RELEASES_WHEN_HIDDEN = True  # thousands of cards: hidden, the section keeps none of them

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("spheresView")
        self.scene: SpheresScene = SpheresScene(self)
        self.canvas: CanvasView = CanvasView(self.scene)
        self.canvas.setObjectName("spheresCanvas")
        self.canvas.setAccessibleName("Spheres canvas")
        self.gaps = GapPanel()
        self.gaps.setMinimumWidth(250)
        self._build_toolbar()
        self._build_filter_bar()
        splitter = QSplitter()
        splitter.addWidget(self.canvas)
        splitter.addWidget(self.gaps)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 270])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(splitter, 1)

        self.shown: set[str] = set()  # what the search and the filters keep
        self.scene.cards_made.connect(self._cards_made)
        self.scene.analysis_changed.connect(self._show_analysis)
        self.reader: ReadBeside[Board] = ReadBeside(self, self._board_in)
        self.scene.items_moved.connect(self._items_moved)
        self.connect_selection(self.scene.selectionChanged)
        self.scene.sphere_edited.connect(self._sphere_edited)
        self.scene.follow_detail(self.canvas)
        self.canvas.dropped.connect(self.add_item)
        self.canvas.nudged.connect(self.nudge)
        self.canvas.insert_requested.connect(lambda: self.add_item(ItemKind.INSTRUMENT.value))
        self.gaps.region_clicked.connect(self.select_region)
        self.gaps.finding_clicked.connect(self.select_ids)
        self.empty_hint = empty_hint(
            self.canvas,
            "No items yet. Drag an instrument, programme or institution from the toolbar onto the spheres, "
            "or press Insert to add one at the centre. Move it with the mouse or the arrow keys.",
        )
        self._load()  # fitted as the board comes in (and as the canvas gets its size)

    # ----- construction ---------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Spheres tools")
        bar.setObjectName("spheresToolbar")
        bar.addWidget(QLabel(" Add: "))
        self.palette_buttons = [PaletteButton(kind, self.add_item) for kind in ItemKind]
        for button in self.palette_buttons:
            button.setEnabled(not self.doc.read_only)
            bar.addWidget(button)
        bar.addSeparator()
        arrange = QMenu("Arrange", self)
        aligns = [
            self.view_action(name, partial(self.arrange, align, how))
            for name, how in (
                ("spheresAlignLeft", "left"),
                ("spheresAlignCentres", "hcentre"),
                ("spheresAlignRight", "right"),
                ("spheresAlignTop", "top"),
                ("spheresAlignMiddles", "vcentre"),
                ("spheresAlignBottom", "bottom"),
            )
        ]
        spreads = [
            self.view_action("spheresDistributeHorizontally", lambda: self.arrange(distribute, "horizontal")),
            self.view_action("spheresDistributeVertically", lambda: self.arrange(distribute, "vertical")),
        ]
        arrange.addActions(aligns)
        arrange.addSeparator()
        arrange.addActions(spreads)
        arrange.addAction(self.view_action("spheresDuplicate", self.duplicate))
        arrange_button = menu_button(
            "arrangeButton",
            "Arrange",
            "Align, distribute or duplicate the selected items",
            arrange,
        )
        arrange_button.setEnabled(not self.doc.read_only)
        bar.addWidget(arrange_button)
        bar.addSeparator()
        for name, slot in (
            ("action_zoom_in", self.zoom_in),
            ("action_zoom_out", self.zoom_out),
            ("action_zoom_fit", self.zoom_fit),
            ("actionExport", self.export),
        ):
            bar.addAction(actions.mirror(self, name, slot))
        bar.addAction(self.view_action("spheresPrint", self.print_canvas))
        self.toolbar = bar

    def _build_filter_bar(self) -> None:
        bar = QWidget()
        bar.setObjectName("spheresFilter")
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 2, 6, 2)
        self.search = QLineEdit()
        self.search.setObjectName("spheresSearch")
        self.search.setPlaceholderText("Search items… (Ctrl+F)")
        self.search.setAccessibleName("Search items")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._select_matches)
        self.kind_filter = self._combo("kindFilter", "kind", ItemKind)
        self.level_filter = self._combo("levelFilter", "level", Level)
        self.status_filter = self._combo("statusFilter", "status", Status)
        self.type_filter = self._combo("typeFilter", "instrument type", InstrumentType)
        self.shown_label = QLabel()
        self.shown_label.setObjectName("filterCount")
        self.search.textChanged.connect(self.apply_filter)
        row.addWidget(self.search, 2)
        for combo in (self.kind_filter, self.type_filter, self.level_filter, self.status_filter):
            row.addWidget(combo)
            combo.currentIndexChanged.connect(self.apply_filter)
        row.addWidget(self.shown_label)
        self.filter_bar = bar

    def _combo(self, name: str, what: str, choices) -> QComboBox:
        combo = ChoiceBox()
        combo.setObjectName(name)
        combo.setAccessibleName(f"Show only items of this {what}")
        combo.addItem(f"Any {what}", None)
        for choice in choices:
            combo.addItem(choice.label, choice.value)
        return combo

    # ----- following the document ---------------------------------------------------------
    def _load(self) -> None:
        read_board(self.doc, self.reader)
        self._update_empty()

    def _board_in(self, board: Board, held: list[Change]) -> None:
        """The board is in (read at once, or beside the window): filter, select and fit it as it is now."""
        self.scene.adopt(board)  # the scene tells the gap panel its analysis
        self.apply_filter()
        self._follow_selection()
        if held:
            self.follow(held)
        self._update_empty()
        if self.canvas.auto_fit:
            self.canvas.fit()

    def release(self) -> None:
        self.reader.cancel()
        with self._echo_guard():  # the document's selection stays as it is
            self.scene.unload()
        self.shown = set()

    def rebuild(self) -> None:
        self.scene.leaving.finish()  # what it was letting go of while hidden goes before it shows
        self._load()

    def follow(self, changes: list[Change]) -> None:
        if self.reader.hold(changes):
            return
        self.scene.apply(changes, lambda kind, ids: self.doc.store.get_many(kind, ids))
        named = [c for c in changes if c.kind in FILTERED_FIELDS]
        if named:
            self._filter_again({i for c in named if c.touches(*FILTERED_FIELDS[c.kind]) for i in c.ids})
        self._update_empty()

    def _show_analysis(self, analysis) -> None:
        project = self.doc.store.get_of(Project, "project")
        self.gaps.show_analysis(analysis, list(self.scene.spheres.values()), (project or Project()).currency)

    def _update_empty(self) -> None:
        self.empty_hint.setVisible(not self.scene.items_by_id and not self.reader.busy)

    def _cards_made(self, cards: list[PolicyItem]) -> None:
        """Cards made a moment after the scene loaded: faded as the search and the filters say."""
        for card in cards:
            card.set_dimmed(card.item_id not in self.shown)

    def selected_refs(self) -> list[tuple[str, str]]:
        refs = [("item", i.item_id) for i in self.scene.selected_policy_items()]
        return refs + [("sphere", i.sphere_id) for i in self.scene.selectedItems() if isinstance(i, SphereItem)]

    def show_selection(self, refs: list[tuple[str, str]]) -> None:
        wanted = set(refs)
        self.scene.cards_for([id_ for kind, id_ in refs if kind == "item"])
        for id_, item in self.scene.policy_items.items():
            item.setSelected(("item", id_) in wanted)
        for id_, sphere in self.scene.sphere_items.items():
            sphere.setSelected(("sphere", id_) in wanted)

    def renamable(self, item) -> tuple[str, str, str] | None:
        if isinstance(item, PolicyItem):
            return ("item", item.item_id, "name")
        return ("sphere", item.sphere_id, "name") if isinstance(item, SphereItem) else None

    # ----- edits -----------------------------------------------------------------------------
    def add_item(self, kind: str, at: QPointF | None = None) -> str | None:
        """Add an item of `kind` at a scene point (the view centre by default); returns its id."""
        if at is None:
            at = self.canvas.mapToScene(self.canvas.viewport().rect().center())
        try:
            item = Item.create(
                kind=kind, name=f"New {ItemKind(kind).label.lower()}", x=round(at.x(), 1), y=round(at.y(), 1)
            )
        except (ValidationError, ValueError) as err:
            dialogs.show_error(self, WorkbenchError(f"Cannot add an item of kind {kind!r}.", str(err)))
            return None
        entities: list[Entity] = [item]
        if item.funded:
            entities.append(Instrument.create(id=item.id))
        if self.doc.run(StoreCommand(ops.create(entities), f"Add {ItemKind(kind).label.lower()}", origin="spheres")):
            self.select_ids([item.id])
            self.canvas.setFocus()
            return item.id
        return None

    def _items_moved(self, moved: list) -> None:
        edits = [("item", id_, {"x": new[0], "y": new[1]}) for id_, _old, new in moved]
        if not self.doc.run(
            StoreCommand(ops.update(edits), self._move_text(ids=[m[0] for m in moved]), origin="spheres")
        ):
            self.scene.restore_positions(m[0] for m in moved)

    def _move_text(self, ids: list[str], verb: str = "Move") -> str:
        if len(ids) == 1:
            return f"{verb} '{self.scene.items_by_id[ids[0]].name}'"
        return f"{verb} {count(len(ids), 'item')}"

    def nudge(self, dx: float, dy: float) -> None:
        selected = self.scene.selected_policy_items()
        if not selected or self.doc.read_only:
            return
        edits = [("item", i.item_id, {"x": round(i.x() + dx, 1), "y": round(i.y() + dy, 1)}) for i in selected]
        self.doc.run(StoreCommand(ops.update(edits), self._move_text([i.item_id for i in selected]), origin="spheres"))

    def arrange(self, how, arg: str) -> None:
        selected = self.scene.selected_policy_items()
        positions = {i.item_id: (i.x(), i.y()) for i in selected}
        new = how(positions, arg)
        edits = [
            ("item", id_, {"x": round(x, 1), "y": round(y, 1)})
            for id_, (x, y) in new.items()
            if (x, y) != positions[id_]
        ]
        if edits:
            verb = "Distribute" if how is distribute else "Align"
            self.doc.run(
                StoreCommand(ops.update(edits), self._move_text([e[1] for e in edits], verb), origin="spheres")
            )

    def _sphere_edited(self, sphere_id: str, changes: dict) -> None:
        name = self.scene.spheres[sphere_id].name
        verb = "Resize" if "r" in changes else "Move"
        if not self.doc.run(
            StoreCommand(ops.update([("sphere", sphere_id, changes)]), f"{verb} sphere '{name}'", origin="spheres")
        ):
            self.scene.sphere_items[sphere_id].update_from(self.scene.spheres[sphere_id])
            self.scene.recompute_regions()

    def delete(self) -> None:
        ids = [i.item_id for i in self.scene.selected_policy_items()]
        if ids:
            self.doc.run(StoreCommand(ops.delete("item", ids), self._move_text(ids, "Delete"), origin="spheres"))

    # ----- clipboard ---------------------------------------------------------------------------
    def copy(self) -> None:
        ids = [i.item_id for i in self.scene.selected_policy_items()]
        if not ids:
            return
        records = []
        for id_ in ids:
            instrument = self.scene.instruments.get(id_)
            records.append(
                {
                    "item": self.scene.items_by_id[id_].values(),
                    "instrument": instrument.values() if instrument else None,
                }
            )
        text = json.dumps({"iip-workbench-items": records}, ensure_ascii=False)
        mime = QMimeData()
        mime.setData(CLIPBOARD_MIME, text.encode("utf-8"))
        mime.setText("\n".join(self.scene.items_by_id[i].name for i in ids))
        QGuiApplication.clipboard().setMimeData(mime)

    def cut(self) -> None:
        self.copy()
        self.delete()

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(CLIPBOARD_MIME):
            return
        try:
            records = json.loads(bytes(mime.data(CLIPBOARD_MIME).data()).decode("utf-8"))["iip-workbench-items"]
            entities: list[Entity] = []
            new_items = []
            for record in records:
                values = dict(record["item"], id=new_id())
                values["x"] = values["x"] + PASTE_OFFSET
                values["y"] = values["y"] + PASTE_OFFSET
                item = Item.create(**values)
                new_items.append(item)
                if record.get("instrument"):
                    entities.append(Instrument.create(**dict(record["instrument"], id=item.id)))
        except (ValueError, KeyError, TypeError, ValidationError) as err:
            dialogs.show_error(self, WorkbenchError("The clipboard does not hold items that can be pasted.", str(err)))
            return
        noun = f"'{new_items[0].name}'" if len(new_items) == 1 else count(len(new_items), "item")
        if self.doc.run(StoreCommand(ops.create([*new_items, *entities]), f"Paste {noun}", origin="spheres")):
            self.select_ids([i.id for i in new_items])

    def duplicate(self) -> None:
        self.copy()
        self.paste()

    # ----- selection, filter, find -------------------------------------------------------------
    def select_ids(self, ids: list[str]) -> None:
        self.scene.clearSelection()
        for item in self.scene.cards_for(ids):
            item.setSelected(True)

    def select_region(self, region: Region) -> None:
        assert self.scene.analysis is not None
        self.select_ids(list(self.scene.analysis.regions[region].ids))

    def select_all(self) -> None:
        self.select_ids(list(self.scene.items_by_id))

    def find(self) -> None:  # type: ignore[override]  # the Find action, see SectionView.find
        self.search.setFocus()
        self.search.selectAll()

    def chosen(self) -> ItemFilter:
        return ItemFilter(
            text=self.search.text(),
            kind=self.kind_filter.currentData(),
            level=self.level_filter.currentData(),
            status=self.status_filter.currentData(),
            instrument_type=self.type_filter.currentData(),
        )

    def matches(self) -> list[str]:
        return matching(self.scene.items_by_id.values(), self.scene.instruments, self.chosen())

    def apply_filter(self) -> None:
        """Dim every item the search and filters leave out (they were changed)."""
        self.shown = set(self.matches())
        for id_, item in self.scene.policy_items.items():
            item.set_dimmed(id_ not in self.shown)
        self._count_shown()

    def _filter_again(self, ids: set[str]) -> None:
        """After an edit: only the items it named can be kept or left out anew."""
        chosen = self.chosen()
        for id_ in ids:
            card = self.scene.policy_items.get(id_)
            if card is not None and chosen.keeps(card.entity, self.scene.instruments.get(id_)):
                self.shown.add(id_)
            else:
                self.shown.discard(id_)
            if card is not None:
                card.set_dimmed(id_ not in self.shown)
        self._count_shown()

    def _count_shown(self) -> None:
        total = len(self.scene.items_by_id)
        filtering = len(self.shown) != total
        self.shown_label.setText(f"Showing {len(self.shown)} of {total}" if filtering else count(total, "item"))

    def _select_matches(self) -> None:
        self.select_ids(self.matches())
        self.canvas.setFocus()

    # ----- zoom and export ---------------------------------------------------------------------
    def print_canvas(self) -> None:
        printer = dialogs.ask_printer(self)
        if printer is not None:
            self.scene.finish_cards()
            print_scene(self.scene, printer)

    def prepare_picture(self, exporting: bool) -> None:
        if exporting:
            self.scene.finish_cards()

    def settle(self) -> None:
        self.scene.finish_cards()

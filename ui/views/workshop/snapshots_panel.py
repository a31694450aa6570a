"""The snapshots panel: save the board now, compare two snapshots, restore one (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.markup import escape
from ui.views.workshop.widgets import button
from workbench.workshop.entities import AgendaStep, Snapshot


class SnapshotsPanel(QWidget):
    save_requested = Signal(str)  # name (may be empty: the view names it)
    compare_requested = Signal(str, str)  # ids, earlier first
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("snapshotsPanel")
        self.setAccessibleName("Snapshots")
        self.list = QListWidget()
        self.list.setObjectName("snapshotList")
        self.list.setAccessibleName("Snapshots of the board, oldest first")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setToolTip("Select one to restore it, or two (Ctrl+click) to compare them")
        self.list.itemSelectionChanged.connect(self._enable)
        self.name = QLineEdit()
        self.name.setObjectName("snapshotName")
        self.name.setAccessibleName("Name of the next snapshot")
        self.name.setPlaceholderText("Name (optional)")
        self.name.returnPressed.connect(self._save)
        save = button("saveSnapshot", "Save now", "Save the state of the board as a snapshot", self._save)
        self.compare = button(
            "compareSnapshots", "Compare", "What changed between the two selected snapshots", self._compare
        )
        self.restore = button(
            "restoreSnapshot",
            "Restore",
            "Bring the board back to the selected snapshot (agenda and other snapshots are kept; Ctrl+Z undoes it)",
            self._restore,
        )
        saving = QHBoxLayout()
        saving.addWidget(self.name, 1)
        saving.addWidget(save)
        using = QHBoxLayout()
        using.addWidget(self.compare)
        using.addWidget(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(saving)
        layout.addLayout(using)
        self._enable()

    def show_snapshots(self, snapshots: list[Snapshot], steps: list[AgendaStep]) -> None:
        titles = {s.id: s.title for s in steps}
        chosen = set(self.selected_ids())
        self.list.clear()
        for snap in sorted(snapshots, key=lambda s: (s.taken, s.name)):
            step = f" · {titles[snap.step_id]}" if snap.step_id in titles else ""
            row = QListWidgetItem(f"{snap.name} · {snap.taken[11:16]}{step}")
            row.setData(Qt.ItemDataRole.UserRole, snap.id)
            row.setToolTip(f"Taken {snap.taken.replace('T', ' at ')}")
            self.list.addItem(row)
            row.setSelected(snap.id in chosen)
        self._enable()

    def selected_ids(self) -> list[str]:
        """Selected snapshot ids in list order (oldest first)."""
        rows = sorted(self.list.selectedItems(), key=self.list.row)
        return [r.data(Qt.ItemDataRole.UserRole) for r in rows]

    def _enable(self) -> None:
        count = len(self.list.selectedItems())
        self.compare.setEnabled(count == 2)
        self.restore.setEnabled(count == 1)

    def _save(self) -> None:
        self.save_requested.emit(self.name.text().strip())
        self.name.clear()

    def _compare(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 2:
            self.compare_requested.emit(ids[0], ids[1])

    def _restore(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.restore_requested.emit(ids[0])


class CompareDialog(QDialog):
    """What changed between two snapshots, as headed lists; non-modal so the board stays usable."""

    def __init__(self, title: str, sections: list[tuple[str, list[str]]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("snapshotCompare")
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setObjectName("compareText")
        self.text.setAccessibleName("Differences between the snapshots")
        self.text.setHtml(_html(sections))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 440)


def _html(sections: list[tuple[str, list[str]]]) -> str:
    if not sections:
        return "<p>The two snapshots show the same board.</p>"

    parts = []
    for heading, lines in sections:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        parts.append(f"<h3>{escape(heading)} ({len(lines)})</h3><ul>{items}</ul>")
    return "".join(parts)

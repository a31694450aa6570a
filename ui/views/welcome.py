"""The welcome screen shown when no document is open: start, open, or pick a recent file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from db.peek import peek
from ui import theme


class WelcomeView(QWidget):
    new_requested = Signal()
    sample_requested = Signal()
    open_requested = Signal()
    open_path = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAccessibleName("Welcome")
        title = QLabel("<h1>IIP Workbench</h1>")
        title.setObjectName("welcomeTitle")
        theme.take_role(title, "title")
        lead = QLabel(
            "Design industrial innovation policy where science & research, innovation and industrial policy "
            "overlap. Start a new project, explore the sample, or open a saved document."
        )
        lead.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, signal, name, tip in (
            ("New project", self.new_requested, "welcomeNew", "Start an empty project (Ctrl+N)"),
            (
                "Open the sample",
                self.sample_requested,
                "welcomeSample",
                "A national battery-cell scale-up programme to explore",
            ),
            ("Open…", self.open_requested, "welcomeOpen", "Open a saved .iipw document (Ctrl+O)"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.setMinimumHeight(40)
            button.setAutoDefault(True)  # Enter presses the focused button, as in a dialog
            if name == "welcomeNew":
                theme.take_role(button, "primary")
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent = QListWidget()
        self.recent.setObjectName("recentFiles")
        theme.take_role(self.recent, "list")
        self.recent.setAccessibleName("Recent documents")
        self.recent.itemActivated.connect(lambda item: self.open_path.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent_label = QLabel("<b>Recent documents</b>")
        self.recent_empty = QLabel("Documents you open or save will be listed here.")
        self.recent_empty.setObjectName("emptyHint")
        theme.take_role(self.recent_empty, "hint")
        box = QVBoxLayout()
        box.addStretch(1)
        box.addWidget(title)
        box.addWidget(lead)
        box.addSpacing(12)
        box.addLayout(buttons)
        box.addSpacing(20)
        box.addWidget(self.recent_label)
        box.addWidget(self.recent_empty)
        box.addWidget(self.recent, 3)
        box.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box, 4)
        outer.addStretch(1)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            found = peek(path)
            if found is None:
                text, tip = f"{path.name}  (not found or unreadable)", str(path)
            else:
                text = f"{found.title}   —   {path.name}, {found.modified:%d %b %Y %H:%M}"
                tip = str(path)
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        self.recent_empty.setVisible(not paths)
        self.recent.setVisible(bool(paths))

"""Help > Keyboard shortcuts: every key of the action registry (ui/actions.py), grouped by where it works."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.actions import registry
from ui.markup import escape


def shortcuts_html() -> str:
    """One table per context (anywhere in the window, then each section's own keys), in registry order."""
    reg = registry()
    parts = ["<p>A section's own keys work once you have clicked into that section.</p>"]
    for context in reg.contexts.values():
        rows = [
            f"<tr><td><b>{escape(key)}</b></td><td>{escape(entry.label)}</td></tr>"
            for entry in reg.entries.values()
            if entry.context == context.key and (key := entry.key_text())  # some platforms bind no Quit key
        ]
        if rows:
            parts.append(f"<h3>{escape(context.title)}</h3><table cellpadding='3'>{''.join(rows)}</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    """A list long enough to scroll; window-modal, so it opens without blocking whoever asked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.browser = QTextBrowser()
        self.browser.setObjectName("shortcutsList")
        self.browser.setAccessibleName("Keyboard shortcuts")
        self.browser.setHtml(shortcuts_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(520, 640)

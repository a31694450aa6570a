"""Every question the shell asks the user, in one module so tests can answer them.

Tests monkeypatch these functions; nothing here may be called in a test without a patch.
Each function loads the Qt dialog class it shows: building QMessageBox's and QFileDialog's Python
types takes a few milliseconds that starting the window does without.
"""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QWidget

from db.session import Recoverable
from workbench.errors import WorkbenchError

log = logging.getLogger(__name__)
DOCUMENT_FILTER = "IIP Workbench documents (*.iipw)"


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"
    READ_ONLY = "read_only"
    COPY = "copy"
    RECOVER = "recover"
    LATER = "later"


def show_error(parent: QWidget | None, err: BaseException, title: str = "IIP Workbench") -> None:
    """A plain-language error with the technical detail one click away; always logged."""
    from PySide6.QtWidgets import QMessageBox

    if isinstance(err, WorkbenchError):
        message, detail = err.message, err.detail
        log.warning("%s (%s)", message, detail or "")
    else:  # no boundary put this one into words: say it as the command line does
        from db.errors import plain_error

        message, detail = plain_error(err, "The last action stopped").message, repr(err)
        log.error("Unexpected error", exc_info=err)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    if detail:
        box.setDetailedText(detail)
    box.exec()


def ask_unsaved(parent: QWidget | None, name: str) -> Choice:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to '{name}' before closing?")
    box.setInformativeText("If you don't save, your changes since the last save will be lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: Choice.SAVE,
        QMessageBox.StandardButton.Discard: Choice.DISCARD,
    }.get(QMessageBox.StandardButton(answer), Choice.CANCEL)


def ask_locked(parent: QWidget | None, path: Path, owner: dict) -> Choice:
    from PySide6.QtWidgets import QMessageBox

    who = owner.get("user") or "another user"
    host = owner.get("host") or "another computer"
    since = owner.get("time") or "an unknown time"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Document in use")
    box.setText(f"'{path.name}' is already open by {who} on {host} since {since}.")
    box.setInformativeText("You can read it without changing it, or work on a copy of your own.")
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("Open a copy", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return Choice.READ_ONLY if clicked is read_only else Choice.COPY if clicked is copy else Choice.CANCEL


def ask_recover(parent: QWidget | None, item: Recoverable) -> Choice:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Recover unsaved work")
    where = f" (from {item.origin})" if item.origin else ""
    box.setText(f"Recover '{item.title}'?")
    box.setInformativeText(
        f"IIP Workbench closed unexpectedly while this document had unsaved changes{where}. "
        f"Last change: {item.modified:%d %B %Y, %H:%M}."
    )
    recover = box.addButton("Recover", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    clicked = box.clickedButton()
    return Choice.RECOVER if clicked is recover else Choice.DISCARD if clicked is discard else Choice.LATER


def ask_open_path(parent: QWidget | None, folder: str = "") -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, "Open document", folder, DOCUMENT_FILTER)
    return Path(path) if path else None


def ask_save_path(parent: QWidget | None, suggestion: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, "Save document as", suggestion, DOCUMENT_FILTER)
    return Path(path) if path else None


def ask_export_path(parent: QWidget | None, suggestion: str, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, "Export", suggestion, filters)
    return Path(path) if path else None


def ask_printer(parent: QWidget | None):
    """A configured printer, or None if the user cancels."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def ask_second_screen(parent: QWidget | None) -> bool:
    """Presentation mode with two screens: the clean canvas on the other one (the projector)?"""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Presentation mode")
    box.setText("Show the canvas on the second screen (the projector) and keep the controls here?")
    box.setInformativeText("Choose 'This screen only' to fill this screen with the canvas instead. Esc leaves.")
    other = box.addButton("Second screen", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("This screen only", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.exec()
    return box.clickedButton() is other


def inform(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)


def ask_import_paths(parent: QWidget | None, filters: str) -> list[Path]:
    """Files to import (several at once: actors and links in one step); empty if the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    paths, _ = QFileDialog.getOpenFileNames(parent, "Import actors and links", "", filters)
    return [Path(p) for p in paths]


def confirm(parent: QWidget | None, title: str, question: str, detail: str = "") -> bool:
    """A yes/no question whose safe answer (No) is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    box.setObjectName("confirmDialog")
    box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes

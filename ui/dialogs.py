"""Every question the shell asks the user, in one module so tests can answer them.

Tests monkeypatch these functions; nothing here may be called in a test without a patch.
Each function loads the Qt dialog class it shows: building QMessageBox's and QFileDialog's Python
types takes a few milliseconds that starting the window does without.
"""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from db.errors import DocumentLocked, UntrustedDocument, said_time
from db.session import Recoverable
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton, QMessageBox

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
    OPEN_ANYWAY = "open_anyway"
    SAVE_AS = "save_as"
    OVERWRITE = "overwrite"
    RELOAD = "reload"


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


def _choose(
    box: QMessageBox, choices: dict[QAbstractButton | None, Choice], otherwise: Choice = Choice.CANCEL
) -> Choice:
    """Show `box` and say which of its buttons was pressed (Escape or closing the box: `otherwise`)."""
    box.exec()
    clicked = box.clickedButton()
    return choices.get(clicked, otherwise) if clicked is not None else otherwise


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


def ask_locked(parent: QWidget | None, path: Path, locked: DocumentLocked) -> Choice:
    """Read-only, a copy, or (for a damaged lock or another computer's) open anyway."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("lockedDialog")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Document in use")
    if locked.problem:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(f"'{path.name}' has a damaged lock file ({locked.problem}), so it does not say who has it open.")
        box.setInformativeText(
            "It is probably left over from a crash. If someone else does have it open, opening it anyway means "
            "one of you will lose changes. You can also read it without changing it, or work on a copy."
        )
    else:
        who = locked.owner.get("user") or "another user"
        host = locked.owner.get("host") or "another computer"
        since = local_time(locked.owner.get("time"))
        box.setText(f"'{path.name}' is already open by {who} on {host} since {since}.")
        box.setInformativeText(
            "You can read it without changing it, or work on a copy of your own."
            + (f" If it is not really open on {host} (that computer crashed or was switched off), you can open "
               "it anyway." if locked.breakable else "")
        )
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("Open a copy", QMessageBox.ButtonRole.ActionRole)
    anyway = None
    if locked.breakable:
        label = "Open anyway" if locked.problem else "Open anyway (I know it is not open there)"
        anyway = box.addButton(label, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    return _choose(box, {read_only: Choice.READ_ONLY, copy: Choice.COPY, anyway: Choice.OPEN_ANYWAY})


def local_time(stamp: object) -> str:
    """A lock's ISO time as the user's locale writes a date and a time, in this computer's time zone
    (db.errors.said_time words it for the CLI, where there is no locale to ask)."""
    from PySide6.QtCore import QDateTime, QLocale, Qt

    moment = QDateTime.fromString(str(stamp), Qt.DateFormat.ISODate)
    if not moment.isValid():
        return said_time(stamp)
    moment = moment.toLocalTime()
    locale = QLocale()
    return (
        f"{locale.toString(moment.date(), QLocale.FormatType.LongFormat)}, "
        f"{locale.toString(moment.time(), QLocale.FormatType.ShortFormat)}"
    )


def ask_changed_on_disk(parent: QWidget | None, name: str) -> Choice:
    """The file was changed by another program since it was opened: Save As, Overwrite, Reload or Cancel."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("changedOnDiskDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed by another program")
    box.setText(f"'{name}' was changed by another program since you opened it.")
    box.setInformativeText(
        "Save As keeps both versions. Overwrite replaces the other program's changes with yours. "
        "Reload opens the file as it is now and discards your unsaved changes."
    )
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    reload = box.addButton("Reload", QMessageBox.ButtonRole.ResetRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    return _choose(box, {save_as: Choice.SAVE_AS, overwrite: Choice.OVERWRITE, reload: Choice.RELOAD})


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
    return _choose(box, {recover: Choice.RECOVER, discard: Choice.DISCARD}, otherwise=Choice.LATER)


def start_folder() -> Path:
    """Where a file dialog opens when the caller knows no folder: the user's documents (or home),
    never the folder the program happened to be started from."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def _placed(suggestion: str) -> str:
    """A suggested name (or nothing) put in the start folder; a full path is kept as it is."""
    path = Path(suggestion)
    return suggestion if path.is_absolute() else str(start_folder() / suggestion)


def ask_open_path(parent: QWidget | None, folder: str = "") -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, "Open document", _placed(folder), DOCUMENT_FILTER)
    return Path(path) if path else None


def ask_save_path(parent: QWidget | None, suggestion: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, "Save document as", _placed(suggestion), DOCUMENT_FILTER)
    return Path(path) if path else None


def ask_export_path(parent: QWidget | None, suggestion: str, filters: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, "Export", _placed(suggestion), filters)
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


def ask_import_paths(parent: QWidget | None, filters: str, title: str) -> list[Path]:
    """Files to import (several at once: actors and links in one step), asked under `title` (what the
    section imports); empty if the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    paths, _ = QFileDialog.getOpenFileNames(parent, title, _placed(""), filters)
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


def ask_repair(parent: QWidget | None, path: Path, err: UntrustedDocument) -> bool:
    """A received file holds things IIP Workbench did not write: open a repaired copy without them?
    The safe answer (Cancel) is the default; the file itself is never changed either way."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("repairDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Document not opened")
    box.setText(f"{err.what}. Open a repaired copy without them?")
    box.setInformativeText(
        f"The repaired copy opens untitled, without them; '{path.name}' itself stays as it is. "
        "Save the copy under a name of your choice to keep it."
    )
    box.setDetailedText("\n".join(err.findings))
    repair = box.addButton("Open a repaired copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is repair

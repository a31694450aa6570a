"""The window's last line of defence says an unforeseen error in one plain sentence, as the CLI does."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.e2e.faults import assert_one_sentence
from ui import dialogs


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (OSError(errno.EIO, os.strerror(errno.EIO)), "read or write error"),
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "disk is full"),
        (sqlite3.OperationalError("database or disk is full"), "disk is full"),
        (MemoryError(), "out of memory"),
        (IndexError("tuple index out of range"), "did not foresee"),
    ],
)
def test_an_error_nobody_worded_is_shown_as_one_sentence(qapp_instance, monkeypatch, err, words):
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    dialogs.show_error(None, err)
    message = assert_one_sentence(shown[0].text())
    assert words in message

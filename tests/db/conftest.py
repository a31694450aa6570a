"""Fixtures for the document-store tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from db.session import DocumentSession
from tests.db.support import rich_entities


@pytest.fixture
def saved_doc(tmp_path) -> Path:
    """A closed, saved document holding rich_entities()."""
    session = DocumentSession.new(rich_entities())
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = session.save_as(tmp_path / "docs" / "policy.iipw")
    session.close()
    return path


@pytest.fixture
def sleeper():
    """A live process that is not an IIP Workbench, to name in a lock file."""
    proc = subprocess.Popen(["sleep", "30"])
    yield proc
    proc.kill()
    proc.wait()

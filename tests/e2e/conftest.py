"""Shared fixtures of the end-to-end tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from db.paths import HOME_ENV
from db.session import DocumentSession
from workbench.sample import sample_entities


@pytest.fixture(scope="session")
def saved_sample(tmp_path_factory) -> Path:
    """The sample project as `iip-workbench new --sample` saves it, made once per test process: starting a
    process for it costs more than most commands under test (tests/e2e/test_cli.py runs `new` itself)."""
    folder = tmp_path_factory.mktemp("saved-sample")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOME_ENV, str(folder / "app-home"))
        session = DocumentSession.new(sample_entities())
        try:
            return session.save_as(folder / "sample.iipw")
        finally:
            session.close()


@pytest.fixture
def sample(saved_sample, tmp_path) -> Path:
    """A copy of the saved sample project of the test's own, to open, change or import into."""
    return Path(shutil.copyfile(saved_sample, tmp_path / "sample.iipw"))

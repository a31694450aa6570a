"""The log file in the app-data folder: opened on the first record, rotated by size."""

from __future__ import annotations

import logging

import pytest

from ui.logging_setup import setup_logging


@pytest.fixture
def handler():
    handler = setup_logging()
    yield handler
    logging.getLogger().removeHandler(handler)
    handler.close()


def test_nothing_is_written_until_something_is_logged(handler, app_home):
    assert not (app_home / "logs" / "iip-workbench.log").exists()
    logging.getLogger("ui").error("Could not save %s", "plan.iipw")
    text = (app_home / "logs" / "iip-workbench.log").read_text(encoding="utf-8")
    assert "ERROR ui: Could not save plan.iipw" in text


@pytest.mark.slow  # writes megabytes of log
def test_the_log_rotates_past_a_megabyte_and_keeps_five_old_files(handler, app_home):
    log = logging.getLogger("test")
    for n in range(8 * 1100):  # about 8.8 MB of records, 1 kB each
        log.info("%05d %s", n, "x" * 1000)
    files = sorted(p.name for p in (app_home / "logs").iterdir())
    assert files == ["iip-workbench.log", *(f"iip-workbench.log.{n}" for n in range(1, 6))]
    assert all((app_home / "logs" / name).stat().st_size <= 1_000_000 for name in files)


def test_setting_up_twice_keeps_one_log_handler(app_home):
    first, second = setup_logging(), setup_logging()
    try:
        handlers = [h for h in logging.getLogger().handlers if h in (first, second)]
        assert handlers == [second]
    finally:
        logging.getLogger().removeHandler(second)
        second.close()

"""The schema each version must have is built by the migration ladder once, then kept between runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db import schema_cache, schema_guard
from db.migrations import SCHEMA_VERSION, STEP_PATHS


class Ladder:
    """The migrations' own build, counting how often it runs."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return schema_guard._ladder()


def kept_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("schema-*.json"))


def test_a_second_start_reads_the_kept_schema_instead_of_running_the_ladder(app_home):
    ladder = Ladder()
    first = schema_cache.schemas(STEP_PATHS, ladder)
    again = schema_cache.schemas(STEP_PATHS, ladder)
    assert ladder.runs == 1
    assert again == first == schema_guard._ladder()
    assert len(again) == SCHEMA_VERSION + 1
    assert len(kept_files(app_home)) == 1


@pytest.mark.parametrize("damage", ["not json", "[]", '[["table"]]', json.dumps([[[1, 2, 3, 4]]] * 11)])
def test_a_damaged_kept_schema_is_built_again_and_kept_whole(app_home, damage):
    schema_cache.schemas(STEP_PATHS, Ladder())
    (kept,) = kept_files(app_home)
    kept.write_text(damage, encoding="utf-8")
    ladder = Ladder()
    assert schema_cache.schemas(STEP_PATHS, ladder) == schema_guard._ladder()
    assert ladder.runs == 1
    assert json.loads(kept.read_text(encoding="utf-8")) == [list(map(list, v)) for v in schema_guard._ladder()]


def test_a_changed_step_is_a_different_ladder_and_is_built_afresh(app_home, tmp_path):
    steps = []
    for path in STEP_PATHS:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        steps.append(copy)
    ladder = Ladder()
    schema_cache.schemas(steps, ladder)
    steps[-1].write_bytes(steps[-1].read_bytes() + b"\n-- a later step\n")
    schema_cache.schemas(steps, ladder)
    assert ladder.runs == 2
    assert len(kept_files(app_home)) == 2


def test_a_folder_that_cannot_be_written_costs_the_kept_copy_never_the_schema(app_home):
    app_home.mkdir(parents=True, exist_ok=True)
    (app_home / "cache").write_text("a file where the folder would be", encoding="utf-8")
    ladder = Ladder()
    assert schema_cache.schemas(STEP_PATHS, ladder) == schema_guard._ladder()
    assert schema_cache.schemas(STEP_PATHS, ladder) == schema_guard._ladder()
    assert ladder.runs == 2

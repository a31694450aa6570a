"""One value-chain edit costs what it changed: a moved bar rewrites no stage header, and a large chain's
coverage is worked out beside the window once the edits pause, not while the edit repaints."""

from __future__ import annotations

from db import operations as ops
from tests.ui.test_value_chain import GRID, assert_mirrors, chain  # noqa: F401 (chain: fixture)
from ui.commands import StoreCommand
from ui.views.value_chain import items as items_module
from ui.views.value_chain import scene as scene_module


def _move(view, instrument_id: str, first: int, last: int) -> None:
    span = {"stage_from_id": view.scene.order[first], "stage_to_id": view.scene.order[last]}
    assert view.doc.run(StoreCommand(ops.update([("instrument", instrument_id, span)]), "Move", origin="value-chain"))


def test_an_edit_rewrites_no_stage_header_and_a_large_chain_is_analysed_once_the_edits_pause(
    chain,  # noqa: F811
    qtbot,
    monkeypatch,
):
    """One test, one chain: both halves follow the same edits (the window costs more than the checks)."""
    scene = chain.scene
    rewritten: list[str] = []
    real = items_module.StageHeader.update
    counted = lambda header: (rewritten.append(header.stage.id), real(header))  # noqa: E731
    monkeypatch.setattr(items_module.StageHeader, "update", counted)
    monkeypatch.setattr(scene_module, "ANALYSE_BESIDE_ABOVE", 0)  # the sample counts as large
    _move(chain, GRID, 5, 5)
    _move(chain, GRID, 5, 6)  # a second key press within the pause
    assert rewritten == []  # every header used to be written and repainted again
    assert scene.bars[GRID].span == (5, 6)  # the bar moved at once
    assert not scene.analyser.busy and scene.analysing  # nothing competes with the edit's repaint yet
    qtbot.waitUntil(lambda: not scene.analysing)
    assert scene.analysis.spans[GRID] == (5, 6)  # the newest edit's coverage
    assert_mirrors(chain)

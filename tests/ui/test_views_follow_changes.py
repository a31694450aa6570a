"""Views follow what an edit changed, and only while someone looks at them.

A hidden view does no work on an edit and catches up once when shown; a rename relabels and
recomputes no geometry; the overview asks the store only what the missed edits call for.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from db.session import DocumentSession
from ui.document import OpenDocument
from ui.views.sections import BY_KEY
from workbench.ecosystem.entities import Actor
from workbench.money.entities import SpendLine
from workbench.registers.entities import Objective
from workbench.sample import sample_entities
from workbench.spheres.analysis import analyse_spheres
from workbench.spheres.entities import region_of
from workbench.spheres.items import Item

STORE_READS = ("all", "all_of", "get", "get_of", "get_many", "many_of", "load", "counts")


@pytest.fixture
def doc(qapp_instance):
    """The sample, open without a window: only the views a test builds follow it."""
    opened = OpenDocument(DocumentSession.new(sample_entities(), title="Sample"))
    yield opened
    opened.close()


def window_reads(store, monkeypatch) -> Counter[str]:
    """Count the store reads made by window code (a view, the open document), not by the store's services."""
    reads: Counter[str] = Counter()
    for name in STORE_READS:
        real = getattr(store, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            if sys._getframe(1).f_globals.get("__name__", "").startswith("ui."):
                reads[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(store, name, spy)
    return reads


def counted_calls(monkeypatch, *targets: tuple[object, str]) -> Counter[str]:
    calls: Counter[str] = Counter()
    for owner, name in targets:
        real = getattr(owner, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(owner, name, spy)
    return calls


def build(doc, qtbot, key: str):
    view = BY_KEY[key].build(doc)
    qtbot.addWidget(view)
    return view


def hundred_edits(doc) -> None:
    """A morning's work in other sections: items placed, moved, renamed, some deleted; objectives,
    actors, a stage renamed, the project retitled."""
    store = doc.store
    ids = []
    for n in range(20):
        item = Item.create(name=f"Idea {n}", x=-300.0 + 30 * n, y=-200.0 + 20 * n)
        store.create([item])
        ids.append(item.id)
    for n, id_ in enumerate(ids):
        store.update("item", id_, {"x": 10.0 * n, "y": -5.0 * n})
    for n, id_ in enumerate(ids):
        store.update("item", id_, {"name": f"Renamed idea {n}"})
    for id_ in ids[:10]:
        store.delete([("item", id_)])
    for n in range(10):
        store.create([Objective.create(statement=f"Objective {n}")])
    actors = [Actor.create(name=f"Agency {n}") for n in range(5)]
    for actor in actors:
        store.create([actor])
    for actor in actors:
        store.update("actor", actor.id, {"name": f"{actor.name} (renamed)"})
    stage = store.all("stage")[0]
    for n in range(5):
        store.update("stage", stage.id, {"name": f"Research, take {n}"})
    for n in range(5):
        store.update("project", "project", {"title": f"Battery plan, version {n}"})


@pytest.mark.slow  # a hundred edits in every section
def test_hidden_views_do_no_work_on_a_hundred_edits_and_show_the_right_state_when_shown(doc, qtbot, monkeypatch):
    keys = ["overview", "spheres", "value-chain", "ecosystem", "objectives", "checklists", "practices", "workshop"]
    views = {key: build(doc, qtbot, key) for key in keys}
    for view in views.values():  # each has been on screen, then the user moved on
        view.show()
        view.hide()
    qtbot.waitUntil(lambda: all(v.released for v in views.values() if v.RELEASES_WHEN_HIDDEN))  # a while later
    reads = window_reads(doc.store, monkeypatch)
    applied = counted_calls(
        monkeypatch,
        (views["ecosystem"].scene, "apply"),
        *((views[key], "rebuild") for key in ("spheres", "value-chain", "workshop")),  # these let go of their scenes
    )
    hundred_edits(doc)
    assert reads == Counter() and applied == Counter()  # nothing asked, nothing redrawn

    for key, view in views.items():
        view.show()
        assert not view.missed, key
    assert applied == Counter({"apply": 1, "rebuild": 3})  # each canvas caught up, or was built again, once
    store = doc.store
    spheres = views["spheres"].scene
    items = {i.id: i for i in store.all("item")}
    assert set(spheres.policy_items) == set(items)
    for id_, item in items.items():
        card = spheres.policy_items[id_]
        assert (card.x(), card.y(), card.entity.name) == (item.x, item.y, item.name)
        assert card.region is region_of(item.x, item.y, store.all("sphere"))
    assert set(views["workshop"].scene.policy_items) == set(items)
    assert {i: h.stage.name for i, h in views["value-chain"].scene.headers.items()} == {
        s.id: s.name for s in store.all("stage")
    }
    assert {i: a.name for i, a in views["ecosystem"].scene.actors.items()} == {a.id: a.name for a in store.all("actor")}
    objectives = views["objectives"].model
    assert [o.title for o in objectives.rows] == [o.title for o in store.all("objective")]
    text = views["overview"].text.toPlainText()
    assert "Battery plan, version 4" in text
    assert f"{len(items)} items on the spheres" in text and f"{len(store.all('objective'))} objectives" in text


@pytest.mark.parametrize("key", ["spheres", "value-chain"])
def test_a_hidden_canvas_lets_go_of_its_items_and_builds_them_again_when_shown(doc, qtbot, key):
    """Browsing every section of a large document must not keep every section's scene in memory."""
    from ui.views.spheres.items import PolicyItem
    from ui.views.value_chain.items import InstrumentBar

    view = build(doc, qtbot, key)
    view.show()
    shown = len(view.scene.items())
    item = doc.store.all("item")[0]
    doc.select([("item", item.id)])
    view.hide()
    qtbot.waitUntil(lambda: view.released)  # a while after it is hidden
    assert not any(isinstance(i, (PolicyItem, InstrumentBar)) for i in view.scene.items())  # the frame stays
    assert doc.selection == [("item", item.id)]  # letting go selects nothing
    doc.store.update("item", item.id, {"name": "Renamed while hidden"})
    doc.store.create([Item.create(name="Added while hidden", x=10.0, y=10.0)])
    assert not view.missed  # nothing to catch up: it is built from the document when shown
    view.show()
    assert len(view.scene.items()) >= shown
    if key == "spheres":
        assert view.scene.policy_items[item.id].entity.name == "Renamed while hidden"
        assert view.scene.policy_items[item.id].isSelected()
        assert set(view.scene.policy_items) == {i.id for i in doc.store.all("item")}
    else:
        assert view.scene.name_of(item.id) == "Renamed while hidden"
        assert set(view.scene.bars) == {i.id for i in doc.store.all("instrument")}


def test_a_view_on_screen_follows_each_edit_at_once(doc, qtbot):
    view = build(doc, qtbot, "objectives")
    view.show()
    doc.store.create([Objective.create(statement="Double cell output")])
    assert "Double cell output" in [o.title for o in view.model.rows]


def test_a_hidden_overview_asks_the_store_nothing_and_when_shown_only_what_was_missed(doc, qtbot, monkeypatch):
    overview = build(doc, qtbot, "overview")
    overview.show()
    before = len(doc.store.all("objective"))
    overview.hide()
    reads = window_reads(doc.store, monkeypatch)
    asked: list[set[str]] = []
    counts = doc.store.counts

    def counting(*kinds):
        asked.append(set(*kinds) or {"every kind"})
        return counts(*kinds)

    monkeypatch.setattr(doc.store, "counts", counting)
    for n in range(3):
        doc.store.create([Objective.create(statement=f"Objective {n}")])
    for objective in doc.store.all("objective")[:2]:
        doc.store.update("objective", objective.id, {"deadline": "2030-12-31"})
    doc.store.update("project", "project", {"title": "Renamed while hidden"})
    assert reads == Counter() and asked == []

    overview.show()
    assert asked == [{"objective"}]  # one count, of the one kind created; the updates need none
    assert reads["get_of"] == 1  # the project, edited
    text = overview.text.toPlainText()
    assert "Renamed while hidden" in text and f"{before + 3} objectives" in text


def test_renaming_a_sphere_or_an_item_places_nothing_again(doc, qtbot, monkeypatch):
    import ui.views.spheres.scene as scene_module
    import workbench.spheres.analysis as analysis_module

    view = build(doc, qtbot, "spheres")
    view.show()
    placing = counted_calls(
        monkeypatch,
        (scene_module, "region_of"),
        (scene_module, "regions_of"),
        (scene_module, "region_spots"),
        (scene_module, "pick_anchors"),
        (analysis_module, "regions_of"),
    )
    sphere = doc.store.all("sphere")[0]
    doc.store.update("sphere", sphere.id, {"name": "Research and universities"})
    assert view.scene.sphere_items[sphere.id].sphere.name == "Research and universities"
    assert view.scene.spheres[sphere.id].name == "Research and universities"  # the gap panel's words follow
    item = doc.store.all("item")[0]
    doc.store.update("item", item.id, {"name": "Cell plant loan"})
    assert view.scene.policy_items[item.id].entity.name == "Cell plant loan"
    assert placing == Counter()  # no region worked out, no label placed again

    doc.store.update("item", item.id, {"x": item.x + 40})
    # that one item; the labels are tried again (on the spots worked out when the spheres last moved)
    # only if it came near a spot they were tried on
    assert placing["region_of"] == 1 and placing["pick_anchors"] <= 1 and set(placing) <= {"region_of", "pick_anchors"}
    placing.clear()
    doc.store.update("sphere", sphere.id, {"r": sphere.r + 30})
    assert placing["regions_of"] == 1  # a sphere that grew places every item again, once


def test_an_item_edit_counts_and_filters_that_item_only_and_the_counts_stay_right(doc, qtbot, monkeypatch):
    """The gap panel's counts and budgets follow each edit one item at a time, yet always equal a count
    of the whole document made afresh."""
    import workbench.spheres.filtering as filtering

    view = build(doc, qtbot, "spheres")
    view.show()
    view.search.setText("a")  # a search is on: every edit must keep the dimming right
    kept = counted_calls(monkeypatch, (filtering.ItemFilter, "keeps"))
    item = doc.store.all("item")[0]
    doc.store.update("item", item.id, {"x": item.x + 40, "name": "Zzz", "description": ""})
    assert kept["keeps"] == 1  # the item edited, not every item
    assert view.scene.policy_items[item.id].dimmed
    assert view.shown_label.text() == f"Showing {len(view.matches())} of {len(view.scene.policy_items)}"

    store = doc.store
    funded = [i for i in store.all("instrument")][:3]
    store.create([SpendLine(instrument_id=funded[0].id, year=2026, amount=1e5)])  # a region's money changes
    store.delete([("spend", s.id) for s in store.all("spend") if s.instrument_id == funded[1].id])
    store.update("item", funded[2].id, {"outside_iip": True})
    store.delete([("item", store.all("item")[-1].id)])
    store.create([Item.create(name="New one", x=0.0, y=0.0)])
    store.update("sphere", store.all("sphere")[0].id, {"r": 260.0})
    fresh = analyse_spheres(store.load())
    assert view.scene.analysis.as_json() == fresh.as_json()


def test_renaming_a_stage_relabels_the_value_chain_and_moving_it_lays_it_out(doc, qtbot, monkeypatch):
    view = build(doc, qtbot, "value-chain")
    view.show()
    laid_out = counted_calls(monkeypatch, (view.scene, "relayout"))
    first, second = sorted(doc.store.all("stage"), key=lambda s: s.position)[:2]
    doc.store.update("stage", first.id, {"name": "Basic research"})
    assert view.scene.headers[first.id].stage.name == "Basic research"
    assert laid_out == Counter()
    instrument = doc.store.all("instrument")[0]
    doc.store.update("instrument", instrument.id, {"private_finance": 12.5e6})
    assert laid_out == Counter()
    doc.store.update_many(
        [("stage", first.id, {"position": second.position}), ("stage", second.id, {"position": first.position})]
    )
    assert laid_out["relayout"] == 1 and view.scene.order[:2] == [second.id, first.id]


def test_moving_an_instrument_on_the_value_chain_moves_its_own_bar_only(doc, qtbot, monkeypatch):
    from ui.views.value_chain.items import InstrumentBar

    view = build(doc, qtbot, "value-chain")
    view.show()
    scene = view.scene
    instrument = next(i for i in doc.store.all("instrument") if scene.bars[i.id].span == (0, 0))
    others = {id_: bar.pos() for id_, bar in scene.bars.items() if id_ != instrument.id}  # within their lane
    laid = counted_calls(monkeypatch, (InstrumentBar, "set_rect"), (scene, "relayout"))
    doc.store.update("instrument", instrument.id, {"stage_from_id": scene.order[3], "stage_to_id": scene.order[4]})
    assert laid == Counter({"set_rect": 1})  # its own bar, into the first row of its lane with room
    assert scene.bars[instrument.id].span == (3, 4)
    assert {id_: scene.bars[id_].pos() for id_ in others} == others  # no other bar moved in its lane
    row = scene.where[instrument.id][1]
    lane = [i for i, (band, r, _span) in scene.where.items() if band == scene.where[instrument.id][0] and r == row]
    spans = sorted(scene.bars[i].span for i in lane)
    assert all(a[1] < b[0] for a, b in pairwise(spans))  # no bar in its row shares a stage


def test_a_large_chain_is_analysed_beside_the_window_after_an_edit(doc, qtbot, monkeypatch):
    import ui.views.value_chain.scene as scene_module

    monkeypatch.setattr(scene_module, "ANALYSE_BESIDE_ABOVE", 0)  # the sample counts as large
    view = build(doc, qtbot, "value-chain")
    view.show()
    qtbot.waitUntil(lambda: not view.scene.analyser.busy)
    instrument = doc.store.all("instrument")[0]
    real, on_window = scene_module.analyse_value_chain, []

    def analyse(doc):
        on_window.append(threading.current_thread() is threading.main_thread())
        return real(doc)

    monkeypatch.setattr(scene_module, "analyse_value_chain", analyse)
    doc.store.update("instrument", instrument.id, {"stage_from_id": None, "stage_to_id": None})
    assert view.scene.bars[instrument.id].span is None  # the bar moves at once
    assert True not in on_window  # coverage is not worked out on the window's thread
    qtbot.waitUntil(lambda: instrument.id in view.scene.analysis.not_placed)
    assert any("not placed on the value chain" in t for t in view.findings.texts())
    doc.store.update("instrument", instrument.id, {"private_finance": 99.0})
    view.settle()  # a picture or a figure asks for the analysis now
    assert view.scene.analysis.spans.get(instrument.id) is None and not view.scene.analyser.busy


def test_renaming_an_actor_is_not_a_new_network_and_moving_one_reroutes_only_its_links(doc, qtbot, monkeypatch):
    view = build(doc, qtbot, "ecosystem")
    view.show()
    scene = view.scene
    actor = next(a for a in doc.store.all("actor") if scene.links_of.get(a.id))
    routed = counted_calls(monkeypatch, (scene, "_route"))
    doc.store.update("actor", actor.id, {"x": actor.x + 50})
    assert not view._timer.isActive()  # where an actor is drawn changes no measure: no new analysis
    assert 0 < routed["_route"] < len(scene.links)  # its own links only
    routed.clear()
    doc.store.update("actor", actor.id, {"name": "Renamed agency"})
    assert scene.actor_items[actor.id].entity.name == "Renamed agency"
    assert routed == Counter()  # a name moves no link
    assert view._timer.isActive()  # the findings name it: analysed again in a moment


def test_section_views_hear_the_document_only_through_the_base():
    """So none can work while hidden: `SectionView.follow` is the one way in."""
    import ui.views

    root = Path(ui.views.__file__).parent
    # The base itself; a dialog and an inspector panel, each on screen whenever it exists.
    exceptions = {"base.py", "checklists/wizard.py", "evaluation_questions.py"}
    connecting = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if "doc.changed.connect" in path.read_text(encoding="utf-8")
    }
    assert connecting == exceptions

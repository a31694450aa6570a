"""The ecosystem map: add, connect, move, delete (all undoable), layout beside the window, findings,
node size by metric, and import/export from the toolbar."""

from __future__ import annotations

import gc
import random
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QThreadPool, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel

import db.store
from db import operations
from db.session import WORKING_FILE, DocumentSession
from tests.quick import share
from ui import dialogs
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.views.ecosystem import interchange
from ui.views.ecosystem import view as view_module
from ui.views.ecosystem.items import ActorItem
from ui.views.ecosystem.view import EcosystemView
from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.sample import starter_entities


@pytest.fixture
def sample(window) -> EcosystemView:
    window.new_from_sample()
    window.show_section("ecosystem")
    view = window.current_view()
    assert isinstance(view, EcosystemView)
    return view


@pytest.fixture
def empty(window) -> EcosystemView:
    window.new_document()
    window.show_section("ecosystem")
    return window.current_view()


def assert_mirrors(view: EcosystemView) -> None:
    """The scene shows exactly the model: same actors where the model puts them (as items, or drawn by
    the actor layer on a large map), same links."""
    actors = {a.id: a for a in view.doc.all("actor")}
    links = {k.id: k for k in view.doc.all("link")}
    assert view.scene.actors == actors and set(view.scene.links) == set(links)
    assert set(view.scene.actor_items) <= set(actors)
    for id_, actor in actors.items():
        if actor.x is not None:
            assert view.scene.place[id_] == (actor.x, actor.y)
        item = view.scene.actor_items.get(id_)
        if item is not None:
            assert item.entity == actor and (item.x(), item.y()) == view.scene.place[id_]
    for id_, link in links.items():
        assert view.scene.links[id_] == link
        assert not view.scene.link_path(id_).isEmpty()


def press_keys(view: EcosystemView, key: str) -> None:
    view.canvas.setFocus()
    QTest.keySequence(view.canvas, key)


# ----- showing the sample ------------------------------------------------------------------------
def test_sample_map_shows_every_actor_link_legend_and_findings(sample):
    assert len(sample.scene.actor_items) == 30 and len(sample.scene.links) == 47
    assert sample.legend.isVisibleTo(sample) and sample.legend.height() >= sample.legend.sizeHint().height()
    text = sample.findings.text.toPlainText()
    assert "2 SMEs have no path to any ministry or agency" in text
    assert "Battery Scale-up Centre is the only bridge between universities and firms" in text
    assert not sample.empty_hint.isVisibleTo(sample) and not sample.banner.isVisibleTo(sample)
    assert_mirrors(sample)


def test_actors_drawn_over_each_other_stack_in_the_documents_order_at_every_opening(sample):
    """Items are made in the document's order, not a set's (which changes from run to run): the actor
    on top where two overlap is the same each time the map opens."""
    items = sample.scene.actor_items
    assert list(items) == [i for i in sample.scene.actors if i in items]
    under = [i.actor_id for i in sample.scene.items(QPointF(480, 480)) if isinstance(i, ActorItem)]
    order = list(sample.scene.actors)
    assert sorted(under, key=order.index, reverse=True) == under == ["actor-angels", "actor-kestrel"]


def test_clicking_a_finding_selects_its_actors(sample):
    findings = sample.analysis.findings
    n = next(i for i, f in enumerate(findings) if f.kind == "sme_no_path")
    sample.findings.activate(n)
    assert sample.doc.selection == [("actor", "actor-fjordline"), ("actor", "actor-kestrel")]
    assert set(sample.scene.selected_actor_ids()) == {"actor-fjordline", "actor-kestrel"}
    url = sample.findings.text.toHtml()
    assert f"finding:{n}" in url  # each finding is a link the keyboard can reach


def test_size_follows_the_chosen_metric(sample):
    items = sample.scene.actor_items
    sample.size_by.setCurrentIndex(sample.size_by.findData("betweenness"))
    assert items["actor-min-industry"].scale_factor > items["actor-angels"].scale_factor
    assert items["actor-angels"].scale_factor == pytest.approx(0.7)  # no shortest path runs through it
    sample.size_by.setCurrentIndex(sample.size_by.findData("size"))
    assert items["actor-min-industry"].scale_factor == 1.25 and items["actor-solidion"].scale_factor == 0.8


def test_actor_facts_in_the_inspector(window, sample):
    sample.select_ids(["actor-scaleup-centre"])
    facts = window.inspector.facts.text()
    assert "Partners: <b>8</b>" in facts and "Brokerage" in facts


# ----- editing -----------------------------------------------------------------------------------
def test_empty_map_says_what_to_do(empty):
    assert empty.empty_hint.isVisibleTo(empty)
    assert "Insert" in empty.empty_hint.text() and "Ctrl+L" in empty.empty_hint.text()


def test_add_connect_and_undo_from_the_keyboard(empty):
    stack = empty.doc.undo_stack
    press_keys(empty, "Ctrl+Shift+A")
    (first,) = empty.scene.actor_items
    QTest.keyClick(empty.canvas, Qt.Key.Key_Insert)
    assert len(empty.scene.actor_items) == 2 and stack.count() == 2
    second = next(i for i in empty.scene.actor_items if i != first)
    a, b = empty.scene.actor_items[first], empty.scene.actor_items[second]
    assert QPointF(a.pos() - b.pos()).manhattanLength() > 50  # the second does not hide the first
    empty.doc.select([("actor", second), ("actor", first)])  # picked in this order: second -> first
    press_keys(empty, "Ctrl+L")
    (link,) = empty.doc.all("link")
    assert (link.source_id, link.target_id) == (second, first)
    assert stack.undoText().startswith("Connect 'New other' and 'New other'") and stack.count() == 3
    assert empty.doc.selection == [("link", link.id)]
    assert_mirrors(empty)
    stack.undo()
    assert empty.doc.all("link") == [] and not empty.scene.links
    stack.undo()
    stack.undo()
    assert empty.doc.all("actor") == [] and empty.empty_hint.isVisibleTo(empty)
    stack.redo()
    assert_mirrors(empty)


def test_connect_needs_exactly_two_actors(empty, answers):
    empty.add_actor("ministry")
    empty.connect_selected()
    assert answers.asked == ["inform"] and empty.doc.all("link") == []


def test_add_actor_of_a_chosen_type_from_the_menu(empty):
    id_ = empty.add_actor("sme")
    assert empty.doc.get("actor", id_).actor_type == "sme" and empty.doc.get("actor", id_).name == "New SME"
    assert empty.add_actor() and empty.doc.all("actor")[-1].actor_type == "sme"  # the last type is remembered


def test_mouse_drag_moves_an_actor_and_pushes_one_command(sample):
    stack = sample.doc.undo_stack
    count = stack.count()
    actor = sample.doc.get("actor", "actor-solidion")
    canvas = sample.canvas
    start = canvas.mapFromScene(QPointF(actor.x, actor.y))
    end = canvas.mapFromScene(QPointF(actor.x + 120, actor.y - 60))
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(canvas.viewport(), start + (end - start) * step / 5)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert stack.count() == count + 1 and stack.undoText() == "Move 'Solidion'"
    moved = sample.doc.get("actor", "actor-solidion")
    assert abs(moved.x - actor.x - 120) < 4 and abs(moved.y - actor.y + 60) < 4
    link = sample.scene.link_path("link-scaleup-centre-collaborates-solidion")
    assert link.boundingRect().united(QRectF(moved.x - 40, moved.y - 40, 80, 80)).width() < 400
    assert_mirrors(sample)
    stack.undo()
    assert sample.doc.get("actor", "actor-solidion") == actor
    assert_mirrors(sample)


def test_clicking_a_link_selects_it_for_the_inspector(window, sample):
    link = sample.doc.get("link", "link-green-bank-funds-voltaris")
    middle = sample.scene.link_path(link.id).pointAtPercent(0.5)
    QTest.mouseClick(
        sample.canvas.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        sample.canvas.mapFromScene(middle),
    )
    assert sample.doc.selection == [("link", link.id)]
    assert sample.scene.selected_links == [link.id]
    assert window.inspector.forms["link"] is not None


def test_delete_actors_and_links_is_one_undo_step(sample, qtbot):
    stack = sample.doc.undo_stack
    sample.doc.select([("actor", "actor-scaleup-centre"), ("link", "link-green-bank-funds-voltaris")])
    sample.delete()
    assert stack.undoText() == "Delete 1 actor and 1 link"
    assert sample.doc.get("actor", "actor-scaleup-centre") is None
    assert len(sample.doc.all("link")) == 47 - 8 - 1
    qtbot.waitUntil(lambda: "Battery Scale-up Centre is the only bridge" not in sample.findings.text.toPlainText())
    stack.undo()
    assert len(sample.doc.all("link")) == 47 and len(sample.scene.links) == 47
    assert_mirrors(sample)


def test_renaming_an_actor_redraws_neither_layer_of_the_map(sample, monkeypatch):
    """An actor's name is written by its item: the layers that draw every actor and link of a large map
    (thousands of shapes and routes) are not drawn again for it."""
    drawn = []
    for layer in (sample.scene.actor_layer, sample.scene.layer):
        monkeypatch.setattr(layer, "draw", lambda *a, layer=layer: drawn.append(layer))
    sample.doc.store.update("actor", "actor-kestrel", {"name": "Kestrel renamed"})
    assert not drawn
    assert sample.scene.actors["actor-kestrel"].name == "Kestrel renamed"
    item = sample.scene.actor_items.get("actor-kestrel")
    assert item is None or item.entity.name == "Kestrel renamed"
    sample.doc.store.update("actor", "actor-kestrel", {"actor_type": "university"})
    assert sample.scene.actor_layer in drawn
    assert_mirrors(sample)


def test_moving_does_not_rerun_the_analysis_but_linking_does(sample, monkeypatch):
    runs = []
    original = view_module.analyse_ecosystem
    monkeypatch.setattr(view_module, "analyse_ecosystem", lambda doc: runs.append(1) or original(doc))
    sample.doc.select([("actor", "actor-kestrel")])
    sample.nudge(10, 0)
    sample._timer.timeout.emit() if sample._timer.isActive() else None
    assert runs == []
    sample.doc.select([("actor", "actor-kestrel"), ("actor", "actor-innovation-agency")])
    sample.connect_selected()
    assert sample._timer.isActive()
    sample._timer.timeout.emit()
    assert runs == [1] and "2 SMEs have no path" not in sample.findings.text.toPlainText()


OPS = st.tuples(
    st.sampled_from(["add", "connect", "move", "delete", "undo", "redo"]), st.integers(0, 99), st.integers(1, 99)
)


@settings(
    max_examples=share(15, floor=4),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(OPS, max_size=12))
def test_scene_mirrors_model_after_random_edits_undo_redo(empty, ops):
    stack = empty.doc.undo_stack
    stack.clear()  # every example starts from the same empty map
    for op, n, m in ops:
        ids = list(empty.scene.actor_items)
        if op == "add":
            empty.add_actor(["sme", "ministry", "agency"][n % 3])
        elif op == "connect" and len(ids) >= 2:
            a, b = ids[n % len(ids)], ids[(n + m) % len(ids)]
            empty.doc.select([("actor", a), ("actor", b)])
            empty.connect_selected()
        elif op == "move" and ids:
            empty.doc.select([("actor", ids[n % len(ids)])])
            empty.nudge(10, -10)
        elif op == "delete" and ids:
            empty.doc.select([("actor", ids[n % len(ids)])])
            empty.delete()
        elif op == "undo":
            stack.undo()
        elif op == "redo":
            stack.redo()
        assert_mirrors(empty)
    while stack.canUndo():
        stack.undo()
    assert not empty.scene.actor_items


# ----- layout beside the window ----------------------------------------------------------------------
def _big_map(window, n: int = 1500, unplaced: bool = False) -> EcosystemView:
    rnd = random.Random(3)
    actors = [
        Actor.create(
            id=f"a{i}",
            name=f"Actor {i}",
            actor_type="sme",
            x=None if unplaced else float(i % 40) * 5,
            y=None if unplaced else float(i // 40) * 5,
        )
        for i in range(n)
    ]
    pairs = [(rnd.randrange(n), (i + 1) % n) for i in range(n)]
    links = [Link.create(id=f"l{i}", source_id=f"a{a}", target_id=f"a{b}") for i, (a, b) in enumerate(pairs) if a != b]
    window.set_document(OpenDocument(DocumentSession.new([*starter_entities(), *actors, *links]), window))
    window.show_section("ecosystem")
    return window.current_view()


@pytest.mark.slow  # a force layout of a large map
def test_layout_runs_beside_the_window_and_is_one_undo_step(window, qtbot):
    view = _big_map(window)
    stack = view.doc.undo_stack
    count = stack.count()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    view.layout_all()
    assert view.layout_runner.running and view.layout_runner.isVisibleTo(view)
    assert stack.count() == count  # nothing applied yet: the work runs on another thread
    qtbot.waitUntil(lambda: not view.layout_runner.running, timeout=60_000)
    timer.stop()
    assert ticks, "the window kept handling events while the layout ran"  # how many depends on the machine
    assert stack.count() == count + 1 and stack.undoText() == "Lay out 1500 actors"
    xs = {round(a.x) for a in view.doc.all("actor")}
    assert len(xs) > 100 and not view.layout_runner.isVisibleTo(view)
    assert_mirrors(view)
    stack.undo()
    assert view.doc.get("actor", "a41").x == 5.0


@pytest.mark.slow  # a force layout of a large map
def test_cancelled_layout_changes_nothing(window, qtbot):
    view = _big_map(window)
    count = view.doc.undo_stack.count()
    view.layout_all()
    view.layout_runner.cancel_button.click()
    assert not view.layout_runner.isVisibleTo(view)
    qtbot.waitUntil(lambda: not view.layout_runner.running, timeout=60_000)
    assert view.doc.undo_stack.count() == count


def test_unplaced_actors_wait_dashed_and_are_placed_by_their_links(window, qtbot):
    view = _big_map(window, n=40, unplaced=True)
    assert view.banner.isVisibleTo(view) and "40 actors have no place" in view.banner_text.text()
    assert all(item.unplaced for item in view.scene.actor_items.values())
    view.banner.findChild(type(view.layout_runner.cancel_button), "placeUnplaced").click()
    qtbot.waitUntil(lambda: not view.layout_runner.running, timeout=30_000)
    assert all(a.x is not None for a in view.doc.all("actor"))
    assert not view.banner.isVisibleTo(view) and not any(i.unplaced for i in view.scene.actor_items.values())


def test_relayout_selection_moves_only_the_selection(sample, qtbot):
    before = {a.id: (a.x, a.y) for a in sample.doc.all("actor")}
    sample.doc.select([("actor", "actor-kestrel"), ("actor", "actor-fjordline")])
    press_keys(sample, "Ctrl+Shift+L")
    qtbot.waitUntil(lambda: sample.doc.undo_stack.undoText() == "Lay out 2 actors", timeout=30_000)
    after = {a.id: (a.x, a.y) for a in sample.doc.all("actor")}
    assert {i for i in before if before[i] != after[i]} <= {"actor-kestrel", "actor-fjordline"}


# ----- import and export from the toolbar -----------------------------------------------------------
@pytest.fixture(autouse=True)
def reviews(monkeypatch) -> dict:
    """The import preview answers Import unless a test queues other answers; it keeps every plan shown."""
    seen: dict = {"plans": [], "answers": []}

    def review(parent, plan, match):
        seen["plans"].append((plan, match))
        return seen["answers"].pop(0) if seen["answers"] else interchange.IMPORT

    monkeypatch.setattr(interchange, "review", review)
    return seen


def import_and_wait(view: EcosystemView, qtbot):
    """Import as the toolbar does and wait until it has ended; the plan applied, or None."""
    with qtbot.waitSignal(view.importer.ended, timeout=60_000) as ended:
        view.import_data()
    return ended.args[0]


def test_import_from_the_toolbar_is_one_undo_step_with_its_placing(sample, monkeypatch, tmp_path, qtbot):
    csv = tmp_path / "more.csv"
    csv.write_text(
        "workbench_id,name,actor_type\nactor-kestrel,Kestrel Coating (renamed),sme\nnew-one,Nova Agency,agency\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [csv])
    count = sample.doc.undo_stack.count()
    with qtbot.waitSignal(sample.importer.ended):
        sample.findChild(type(sample.add_action), "importEcosystem").trigger()
    assert sample.doc.undo_stack.undoText() == "Import 2 actors"
    assert sample.doc.get("actor", "actor-kestrel").name == "Kestrel Coating (renamed)"
    assert sample.doc.get("actor", "new-one").x is not None  # placed as part of the import
    # The window heard the import's end before the test did: it started no layout of its own.
    assert sample.doc.undo_stack.count() == count + 1 and not sample.layout_runner.running
    revision = sample.doc.store.revision
    sample.doc.undo_stack.undo()  # the import and its placing, in one transaction
    assert sample.doc.store.revision == revision + 1
    assert sample.doc.get("actor", "new-one") is None
    assert sample.doc.get("actor", "actor-kestrel").name == "Kestrel Coating Systems"
    assert_mirrors(sample)


SYNC = 3  # a map this small is followed on the window's thread


def test_an_import_of_thousands_is_read_checked_and_mapped_beside_the_window(sample, monkeypatch, tmp_path, qtbot):
    """Neither the actors and links the files are checked against, nor the links the import adds, are
    read on the window's thread (a large map's are thousands): the map is built again beside it."""
    monkeypatch.setattr(view_module, "SYNC_ENTITIES", SYNC)
    actors = [a.id for a in sample.doc.all("actor")]
    rows = [f"{actors[n % len(actors)]},{actors[(n + 1) % len(actors)]}" for n in range(8)]
    csv = tmp_path / "links.csv"
    csv.write_text("source_id,target_id\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [csv])
    read: list[str] = []
    every = sample.doc.store.all
    monkeypatch.setattr(sample.doc.store, "all", lambda kind: read.append(kind) or every(kind))
    fetched = []
    apply = sample.scene.apply
    monkeypatch.setattr(sample.scene, "apply", lambda changes, fetch: fetched.append(changes) or apply(changes, fetch))
    links = len(sample.scene.links)
    plan = import_and_wait(sample, qtbot)
    assert sample.scene.loading and plan.new["link"] > SYNC
    qtbot.waitUntil(lambda: not sample.scene.loading, timeout=30_000)
    assert "link" not in read and "actor" not in read and not fetched
    assert len(sample.scene.links) == links + plan.new["link"]
    assert_mirrors(sample)


def test_the_plan_is_shown_first_and_cancel_changes_nothing(sample, monkeypatch, tmp_path, reviews, qtbot):
    exported = tmp_path / "eco.json"
    interchange.export_files(interchange.actors_and_links(sample.doc.store.path), "json", exported)
    exported.write_text(exported.read_text(encoding="utf-8").replace("Kestrel Coating Systems", "Kestrel"))
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [exported])
    count, revision = sample.doc.undo_stack.count(), sample.doc.store.revision
    reviews["answers"] = [None]  # Cancel
    assert import_and_wait(sample, qtbot) is None
    ((plan, match),) = reviews["plans"]
    assert match == "id" and plan.updated == {"actor": 1} and not plan.new
    assert plan.lines() == ["Update actor Kestrel Coating Systems: Name 'Kestrel Coating Systems' -> 'Kestrel'"]
    assert sample.doc.undo_stack.count() == count and sample.doc.store.revision == revision
    assert sample.import_action.isEnabled()


def test_matching_by_name_checks_the_files_again(sample, monkeypatch, tmp_path, reviews, qtbot):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name;Level\nKestrel Coating Systems;International\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [sheet])
    actors = len(sample.doc.all("actor"))
    reviews["answers"] = ["name", interchange.IMPORT]
    assert import_and_wait(sample, qtbot) is not None
    (by_id, first), (by_name, second) = reviews["plans"]
    assert (first, by_id.new, second, by_name.updated) == ("id", {"actor": 1}, "name", {"actor": 1})
    assert len(sample.doc.all("actor")) == actors and sample.doc.get("actor", "actor-kestrel").level == "international"


def test_the_import_preview_lists_changes_and_skips_and_offers_matching(tmp_path, qtbot):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("workbench_id,name,x\nm,Ministry of Things,\nn,Agency,far\n", encoding="utf-8")
    doc = Document.of([Actor.create(id="m", name="Ministry")])
    plan = interchange.plan_files([sheet], doc)
    dialog = interchange.ImportPreview(None, plan, "id")
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "importSummary").text() == (
        "Import 2 actors (0 new, 1 updated, 0 unchanged, 1 skipped) from sheet.csv."
    )
    assert dialog.details.toPlainText().splitlines() == [
        "Update actor Ministry: Name 'Ministry' -> 'Ministry of Things'",
        "Skip sheet.csv, line 3: Map x must be a number like 2.5, not 'far'",
    ]
    assert dialog.import_button.isEnabled()
    dialog.matching.setCurrentIndex(1)
    assert (dialog.answer, dialog.result()) == ("name", QDialog.DialogCode.Accepted)
    dialog = interchange.ImportPreview(None, plan, "name")
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    assert dialog.answer == interchange.IMPORT
    unchanged = interchange.plan_files([sheet], Document.of(plan.entities))
    dialog = interchange.ImportPreview(None, unchanged, "id")
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.findChild(QLabel, "importSummary").text().startswith("Nothing to change:")


def test_import_asks_before_reading_windows_1252(empty, monkeypatch, tmp_path, answers, qtbot):
    csv = tmp_path / "old.csv"
    csv.write_bytes("name\nCafé Agency\n".encode("cp1252"))
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [csv])
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda *a: asked.append(a[2]) or False)
    assert import_and_wait(empty, qtbot) is None
    assert len(asked) == 1 and "not UTF-8" in asked[0] and empty.doc.all("actor") == []
    assert not answers.errors and empty.doc.undo_stack.count() == 0
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    assert import_and_wait(empty, qtbot) is not None  # read again, as Windows-1252
    assert [a.name for a in empty.doc.all("actor")] == ["Café Agency"]


def test_a_bad_import_file_shows_the_error_and_changes_nothing(sample, monkeypatch, tmp_path, answers, qtbot):
    bad = tmp_path / "bad.json"
    bad.write_text('{"links": [\n', encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [bad])
    count = sample.doc.undo_stack.count()
    revision = sample.doc.store.revision
    assert import_and_wait(sample, qtbot) is None
    assert "bad.json, line 2: is not valid JSON" in answers.errors[0].message
    assert sample.doc.undo_stack.count() == count and sample.doc.store.revision == revision
    assert sample.import_action.isEnabled()  # the next import may start


def _big_import(tmp_path, monkeypatch, actors: int = 2000, links: int = 4000) -> list:
    """An actors file (placed on a grid) and a links file, offered by the file dialog."""
    paths = [tmp_path / "actors.csv", tmp_path / "links.csv"]
    paths[0].write_text(
        "id,name,actor_type,x,y\n"
        + "".join(f"i{n},Firm {n},sme,{n % 50 * 40},{n // 50 * 40}\n" for n in range(actors)),
        encoding="utf-8",
    )
    paths[1].write_text(
        "id,source_id,target_id\n" + "".join(f"k{n},i{n % actors},i{(n * 7 + 1) % actors}\n" for n in range(links)),
        encoding="utf-8",
    )
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: paths)
    return paths


@pytest.fixture
def held(monkeypatch):
    """Until the test sets it, the import's worker waits after each count of records checked, so
    the test sees an import mid-way (what the user would see on a slow machine)."""
    go = threading.Event()
    plan_files = interchange.plan_files

    def held_plan_files(*args, progress, **kwargs):
        def report(done, total, what):
            progress(done, total, what)
            if what.endswith("checked"):
                go.wait(30)

        return plan_files(*args, progress=report, **kwargs)

    monkeypatch.setattr(interchange, "plan_files", held_plan_files)
    yield go
    go.set()  # never leave a pool thread waiting


def test_the_backup_before_an_import_is_made_beside_the_window_then_the_import_is_one_step(
    sample, monkeypatch, tmp_path, qtbot
):
    csv = tmp_path / "links.csv"
    csv.write_text("From,To\nactor-kestrel,actor-min-science\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [csv])
    made = []
    backup = sample.doc.session.backup
    monkeypatch.setattr(sample.doc.session, "backup", lambda why: made.append(threading.get_ident()) or backup(why))
    links = len(sample.doc.all("link"))
    assert import_and_wait(sample, qtbot).new == {"link": 1}
    assert len(made) == 1 and made[0] != threading.get_ident()  # the whole file copied, the window answering
    assert len(sample.doc.all("link")) == links + 1 and sample.doc.undo_stack.undoText() == "Import 1 link"
    sample.doc.undo_stack.undo()
    assert len(sample.doc.all("link")) == links


def test_an_edit_while_the_backup_is_made_checks_the_files_again(sample, monkeypatch, tmp_path, qtbot, reviews):
    csv = tmp_path / "rename.csv"
    csv.write_text("workbench_id,name\nactor-kestrel,Kestrel (imported)\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [csv])
    backup = sample.doc.session.backup
    go = threading.Event()

    def held(reason: str):
        go.wait(30)
        return backup(reason)

    monkeypatch.setattr(sample.doc.session, "backup", held)
    x = sample.doc.get("actor", "actor-kestrel").x
    with qtbot.waitSignal(sample.importer.ended, timeout=60_000):
        sample.import_data()
        qtbot.waitUntil(lambda: len(reviews["plans"]) == 1)
        sample.doc.select([("actor", "actor-kestrel")])
        sample.nudge(30, 0)  # made while the document is copied: the plan is checked against it again
        go.set()
    kestrel = sample.doc.get("actor", "actor-kestrel")
    assert (kestrel.name, kestrel.x) == ("Kestrel (imported)", x + 30) and len(reviews["plans"]) == 2


@pytest.mark.slow  # imports a large file
def test_a_large_import_is_checked_beside_the_window_with_progress_then_is_one_undo_step(
    empty, monkeypatch, tmp_path, qtbot, held
):
    _big_import(tmp_path, monkeypatch)
    stack, row = empty.doc.undo_stack, empty.import_progress
    backups = []
    backup = empty.doc.session.backup
    monkeypatch.setattr(empty.doc.session, "backup", lambda reason: backups.append(reason) or backup(reason))
    empty.import_data()
    assert empty.importer.running and not empty.import_action.isEnabled()
    qtbot.waitUntil(lambda: "1,000 of 6,000" in row.label.text())
    assert row.label.text() == "Importing 2 files: 1,000 of 6,000 actors and links checked"
    assert (row.bar.value(), row.bar.maximum()) == (1000, 6000)
    qtbot.waitUntil(row.isVisible)  # shown once the import has taken a moment
    asked = []
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: asked.append(1) or [])
    empty.import_data()
    assert asked == [], "a second import does not start while one runs"
    assert stack.count() == 0 and backups == [] and empty.doc.all("actor") == []
    with qtbot.waitSignal(empty.importer.ended, timeout=60_000) as ended:
        held.set()
    assert ended.args[0].new == {"actor": 2000, "link": 4000} and backups == ["import"]
    assert stack.count() == 1 and stack.undoText() == "Import 2000 actors and 4000 links"
    assert len(empty.doc.all("link")) == 4000 and empty.import_action.isEnabled()
    qtbot.waitUntil(lambda: not row.isVisible())
    stack.undo()
    assert empty.doc.all("actor") == [] and empty.doc.all("link") == [] and not empty.scene.actor_items


def test_a_cancelled_import_leaves_the_document_as_it_was(sample, monkeypatch, tmp_path, qtbot, held):
    _big_import(tmp_path, monkeypatch)
    doc = sample.doc
    entities = {kind: doc.all(kind) for kind in ("actor", "link")}
    working = (doc.session.folder / WORKING_FILE).read_bytes()
    count, revision = doc.undo_stack.count(), doc.store.revision
    sample.import_data()
    qtbot.waitUntil(sample.import_progress.isVisible)
    with qtbot.waitSignal(sample.importer.ended, timeout=60_000) as ended:
        sample.import_progress.cancel_button.click()
        assert not sample.import_progress.isVisible()
        held.set()
    assert ended.args[0] is None and not sample.importer.running
    assert doc.undo_stack.count() == count and doc.store.revision == revision
    assert {kind: doc.all(kind) for kind in ("actor", "link")} == entities
    assert (doc.session.folder / WORKING_FILE).read_bytes() == working
    assert sample.import_action.isEnabled()


def test_an_edit_while_the_files_are_checked_is_kept(sample, monkeypatch, tmp_path, qtbot, held):
    csv = tmp_path / "rename.csv"
    csv.write_text("workbench_id,name\nactor-kestrel,Kestrel (imported)\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [csv])
    x = sample.doc.get("actor", "actor-kestrel").x
    sample.import_data()
    qtbot.waitUntil(lambda: "1 of 1 actor or link checked" in sample.import_progress.label.text())
    sample.doc.select([("actor", "actor-kestrel")])
    sample.nudge(30, 0)  # the import was checked against the map before this move
    with qtbot.waitSignal(sample.importer.ended, timeout=60_000):
        held.set()
    kestrel = sample.doc.get("actor", "actor-kestrel")
    assert (kestrel.name, kestrel.x) == ("Kestrel (imported)", x + 30)
    assert sample.doc.undo_stack.undoText() == "Import 1 actor"


def test_export_data_and_image(sample, monkeypatch, tmp_path, answers, qtbot):
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: tmp_path / "eco.graphml")
    sample.findChild(type(sample.add_action), "exportEcosystem").trigger()
    qtbot.waitUntil(lambda: (tmp_path / "eco.graphml").exists())
    assert (tmp_path / "eco.graphml").read_bytes().startswith(b"<?xml")
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: tmp_path / "map.svg")
    sample.export()
    assert b"<svg" in (tmp_path / "map.svg").read_bytes()


def test_export_reads_and_writes_beside_the_window_and_then_says_where(sample, monkeypatch, tmp_path, answers, qtbot):
    """10,000 actors and links take a moment to read and write: the window answers meanwhile."""
    threads = []
    write = interchange.export_files
    monkeypatch.setattr(interchange, "export_files", lambda *a: threads.append(threading.current_thread()) or write(*a))
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: tmp_path / "eco.csv")
    told = []
    monkeypatch.setattr(dialogs, "inform", lambda _parent, title, text: told.append(text))
    sample.findChild(type(sample.add_action), "exportEcosystem").trigger()
    qtbot.waitUntil(lambda: bool(told))
    assert threads and threads[0] is not threading.main_thread()
    assert told == ["Wrote eco-actors.csv and eco-links.csv."]
    actors = (tmp_path / "eco-actors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(actors) == 1 + len(sample.doc.all("actor"))


def test_read_only_document_cannot_be_edited(window, tmp_path, answers):
    path = tmp_path / "s.iipw"
    session = DocumentSession.new([*starter_entities(), Actor.create(id="a", name="A", x=0.0, y=0.0)])
    session.save_as(path)
    session.close()
    window.set_document(OpenDocument(DocumentSession.open(path, read_only=True), window))
    window.show_section("ecosystem")
    view = window.current_view()
    assert view.add_actor() is None and not view.connect_action.isEnabled()
    assert not view.findChild(type(view.add_action), "importEcosystem").isEnabled()


def test_repaint_of_the_map_draws_actors(sample):
    image = QImage(800, 600, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    sample.canvas.render(painter)
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, 800, 7) for y in range(0, 600, 7)}
    assert len(colours) > 10
    assert all(isinstance(i, ActorItem) for i in sample.scene.actor_items.values())


# ----- analysis beside the window -------------------------------------------------------------------
def test_an_analysis_ending_after_its_view_closed_is_let_go_of_quietly(window, qtbot, monkeypatch):
    """Closing the document while a large map is analysed: the late result reaches nobody, and nothing
    raises (it used to: 'Signal source has been deleted', once the view and its job were gone)."""
    go = threading.Event()
    analyse = view_module.analyse_ecosystem
    monkeypatch.setattr(view_module, "analyse_ecosystem", lambda doc: go.wait(30) and analyse(doc))
    view = _big_map(window, n=view_module.SYNC_ACTORS + 1)
    assert view.analysis_job is not None and view.analysis_job.running
    destroyed = []
    view.destroyed.connect(lambda: destroyed.append(1))
    del view  # only the window may keep the view (and so its job) alive
    assert window.close_document(ask=False)
    qtbot.waitUntil(lambda: destroyed == [1])
    gc.collect()
    go.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=60_000)
    QCoreApplication.processEvents()  # whatever the job still sends is delivered now


def test_the_legend_shows_every_type_s_name_whole(qtbot, monkeypatch):
    """'Research & technology organis…' was cut at every width: long names wrap onto a second line."""
    from PySide6.QtCore import QRect

    from ui.views.ecosystem import panels
    from workbench.ecosystem.entities import ActorType, LinkType
    from workbench.ecosystem.style import ACTOR_STYLES

    drawn: list[tuple[str, QRect]] = []

    class Recording(QPainter):
        def drawText(self, *args):
            if len(args) == 3:
                drawn.append((args[2], args[0].toRect()))
            return super().drawText(*args)

    monkeypatch.setattr(panels, "QPainter", Recording)
    legend = panels.Legend()
    qtbot.addWidget(legend)
    legend.resize(view_module.SIDE_WIDTH - 10, 100)  # as beside the map
    legend.show()
    legend.grab()
    wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    names = [f"{style.code}  {ActorType(kind).label}" for kind, style in ACTOR_STYLES.items()]
    names += [t.label for t in LinkType]
    shown = dict(drawn)
    assert set(names) <= set(shown), set(names) - set(shown)
    for name in names:
        room = shown[name]
        needs = legend.fontMetrics().boundingRect(QRect(0, 0, room.width(), 10_000), wrap, name)
        assert needs.width() <= room.width() and needs.height() <= room.height() + 1, name
        assert legend.rect().contains(room), name


def test_the_legend_lays_its_words_out_once_per_width_and_again_for_a_new_font(qtbot, monkeypatch):
    """Layouts ask the legend's height hundreds of times as the map shows or its analysis lands: each
    asking measured every type's words again, a tenth of a second on every edit of a large map."""
    from PySide6.QtGui import QFont

    from ui.views.ecosystem import panels

    measured = []
    row = panels.Legend._row
    monkeypatch.setattr(panels.Legend, "_row", lambda self, *a: measured.append(a) or row(self, *a))
    legend = panels.Legend()
    qtbot.addWidget(legend)
    legend.resize(view_module.SIDE_WIDTH - 10, 100)
    once = len(legend.entries(legend.width()))
    height = legend.sizeHint().height()
    for _ in range(10):
        assert legend.sizeHint().height() == height
    assert len(measured) <= once
    big = QFont(legend.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    legend.setFont(big)
    assert legend.sizeHint().height() > height


def test_an_import_is_written_a_slice_a_turn_taking_no_other_edit_meanwhile_then_is_one_undo_step(
    sample, monkeypatch, tmp_path, qtbot
):
    """The write of thousands of links held the window until it was done; now the window answers between
    slices, shows none of the links until the last slice commits, and refuses edits meanwhile, saying why
    in the status bar."""
    actors = sorted(a.id for a in sample.doc.all("actor"))
    rows = [f"{actors[n % len(actors)]},{actors[(n + 1) % len(actors)]}" for n in range(1200)]
    csv = tmp_path / "links.csv"
    csv.write_text("From,To\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [csv])
    links, steps = len(sample.doc.all("link")), sample.doc.undo_stack.count()
    name = sample.doc.get("actor", actors[0]).name
    seen: list[int] = []
    window = sample.window()

    sample.doc.select([("actor", actors[0])])
    field = window.inspector.forms["actor"].editors["name"]

    def meanwhile() -> None:
        if sample.importer.writing:
            seen.append(len(sample.doc.all("link")))
            rename = operations.update([("actor", actors[0], {"name": "Renamed meanwhile"})])
            assert not sample.doc.run(StoreCommand(rename, "Rename"))
            assert "this change was not made; try again once it is done" in window.statusBar().currentMessage()
            field.setText("Typed meanwhile")
            field.commit_typing()  # refused too: the field shows again what the document holds
            assert field.text() == name

    ticker = QTimer()
    ticker.timeout.connect(meanwhile)
    ticker.start(0)
    try:
        plan = import_and_wait(sample, qtbot)
    finally:
        ticker.stop()
    made = plan.new["link"]  # but the few the sample links already
    assert made > 1100 and sum(plan.new.values()) + sum(plan.updated.values()) == made
    assert len(seen) >= 2 and set(seen) == {links}  # the window answered between slices, and saw none of it
    assert sample.doc.get("actor", actors[0]).name == name
    assert sample.doc.undo_stack.count() == steps + 1 and sample.doc.undo_stack.undoText() == f"Import {made} links"
    assert len(sample.doc.all("link")) == links + made
    read_back = []
    real = db.store.many_of
    monkeypatch.setattr(db.store, "many_of", lambda conn, t, ids: read_back.append(t.KIND) or real(conn, t, ids))
    sample.doc.undo_stack.undo()
    assert len(sample.doc.all("link")) == links and "link" not in read_back  # an undo needs no inverse
    assert_mirrors(sample)
    sample.doc.undo_stack.redo()  # written a slice a turn, as the import was
    qtbot.waitUntil(lambda: sample.doc.store.writing is None, timeout=10_000)
    assert len(sample.doc.all("link")) == links + made
    sample.doc.undo_stack.undo()
    assert len(sample.doc.all("link")) == links
    assert_mirrors(sample)


def test_the_redo_of_a_large_import_is_written_a_slice_a_turn_and_one_that_fails_puts_the_stack_back(
    sample, monkeypatch, qtbot
):
    """Written at once, the redo of 5,000 links held the window 40 to 60 ms; now it goes as the import went.
    Should its write fail half-way, nothing of it stays and the undo stack is where the document is."""
    import sqlite3

    doc = sample.doc
    actors = [a.id for a in doc.all("actor")]
    from workbench.ecosystem.entities import Link

    links = [Link.create(id=f"many{n}", source_id=actors[n % 2], target_id=actors[2 + n % 3]) for n in range(1200)]
    before = len(doc.all("link"))
    assert doc.run(StoreCommand(operations.Upsert(links, validated=True), "Import 1200 links", origin="import"))
    saved_state = doc.store.state
    doc.undo_stack.undo()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(doc.store.writing is not None))
    timer.start(0)
    doc.undo_stack.redo()
    assert doc.store.writing is not None and len(doc.all("link")) == before  # under way, none shown yet
    qtbot.waitUntil(lambda: doc.store.writing is None, timeout=10_000)
    timer.stop()
    assert any(ticks) and len(doc.all("link")) == before + 1200 and doc.store.state == saved_state

    doc.undo_stack.undo()

    def failing(conn, groups):  # a slice written, then the disk fails
        yield
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db.store, "upsert_steps", failing)
    told = []
    doc.failed.connect(told.append)
    index = doc.undo_stack.index()
    doc.undo_stack.redo()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert doc.store.writing is None and len(doc.all("link")) == before
    assert doc.undo_stack.index() == index and "full" in told[0].message

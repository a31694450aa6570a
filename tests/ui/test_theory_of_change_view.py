"""The theory-of-change section: cards mirror the document (instruments and rationales are the same
entities as elsewhere), adding, naming, linking and deleting are one undo step each, the keys move
through the cards, the findings follow, and the chain exports as a picture and as a brief's figure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidgetItem

from db import operations as ops
from tests.ui.departures import leave_for_the_overview
from ui import dialogs
from ui.canvas.leaving import LEAVING_PER_TURN
from ui.commands import StoreCommand
from ui.views.register import RegisterView
from ui.views.theory_of_change import findings as findings_module
from ui.views.theory_of_change.items import ChainCard
from ui.views.theory_of_change.scene import CARDS_AT_ONCE
from ui.views.theory_of_change.view import TheoryOfChangeView
from workbench.money.entities import BAU_ID, OptionFlow
from workbench.monitoring.entities import Indicator
from workbench.registers.entities import Objective
from workbench.spheres.items import Item
from workbench.theory_of_change.chain import cards_of
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode


@pytest.fixture
def toc(window, qtbot) -> TheoryOfChangeView:
    window.new_document()
    window.show_section("theory-of-change")
    view = window.current_view()
    assert isinstance(view, TheoryOfChangeView)
    return view


def seed(view: TheoryOfChangeView, *entities) -> None:
    assert view.doc.run(StoreCommand(ops.create(list(entities)), "Seed", origin="test"))


def cards(view: TheoryOfChangeView, column: str) -> list[str]:
    return [card.title for card in view.scene.columns[column]]


def undo(view: TheoryOfChangeView) -> None:
    view.doc.undo_stack.undo()


def test_the_empty_chain_says_what_to_do(toc):
    assert toc.empty_hint.isVisible()
    assert "Press Insert" in toc.empty_hint.text()
    seed(toc, Item.create(name="Pilot-line grant"))
    assert not toc.empty_hint.isVisible()


def test_insert_adds_a_result_named_in_place_and_each_step_undoes(toc, qtbot):
    toc.canvas.setFocus()
    QTest.keyClick(toc.canvas, Qt.Key.Key_Insert)
    assert cards(toc, "output") == ["New output"]
    editor = toc.canvas.editor
    assert editor is not None and editor.hasFocus()
    editor.setText("Pilot line built")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert cards(toc, "output") == ["Pilot line built"]
    assert toc.doc.selection == [("toc_node", toc.scene.columns["output"][0].ref[1])]
    undo(toc)
    assert cards(toc, "output") == ["New output"]
    undo(toc)
    assert cards(toc, "output") == []


def test_connect_links_the_first_card_picked_to_the_second_in_one_step(toc):
    grant = Item.create(name="Pilot-line grant")
    output = TocNode.create(result_type="output", title="Pilot line built")
    seed(toc, grant, output)
    toc.doc.select([("item", grant.id), ("toc_node", output.id)])
    link_id = toc.connect_selected()
    link = toc.doc.get("toc_link", link_id)
    assert (link.from_item_id, link.to_node_id) == (grant.id, output.id)
    assert ("toc_link", link_id) in toc.scene.lines
    assert toc.doc.undo_stack.undoText() == "Connect 'Pilot-line grant' to 'Pilot line built'"
    undo(toc)
    assert toc.doc.store.all("toc_link") == [] and not toc.scene.lines


def test_connect_from_a_rationale_names_the_instrument_in_the_rationale(toc):
    grant = Item.create(name="Pilot-line grant")
    why = Rationale.create(statement="No one builds the first pilot line", failure="coordination")
    seed(toc, grant, why)
    toc.doc.select([("rationale", why.id), ("item", grant.id)])
    toc.connect_selected()
    assert toc.doc.get("rationale", why.id).instrument_ids == [grant.id]
    assert (why.id, grant.id) in toc.scene.lines


def test_connecting_what_cannot_lead_anywhere_explains_how(toc, answers):
    a, b = TocNode.create(result_type="output", title="A"), Rationale.create(statement="Why")
    seed(toc, a, b)
    toc.doc.select([("toc_node", a.id), ("rationale", b.id)])
    assert toc.connect_selected() is None
    assert answers.asked == ["inform"]
    assert toc.doc.store.all("toc_link") == []


def test_arrows_and_tab_move_through_the_cards_and_delete_takes_links_in_one_step(toc, qtbot):
    grant = Item.create(name="Grant")
    out1 = TocNode.create(result_type="output", title="Out one", position=0)
    out2 = TocNode.create(result_type="output", title="Out two", position=1)
    outcome = TocNode.create(result_type="outcome", title="Outcome")
    seed(
        toc,
        grant,
        out1,
        out2,
        outcome,
        TocLink.create(from_item_id=grant.id, to_node_id=out1.id),
        TocLink.create(from_node_id=out1.id, to_node_id=outcome.id),
    )
    toc.canvas.setFocus()
    QTest.keyClick(toc.canvas, Qt.Key.Key_Right)  # nothing selected: the first card
    assert toc.doc.selection == [("item", grant.id)]
    QTest.keyClick(toc.canvas, Qt.Key.Key_Right)
    assert toc.doc.selection == [("toc_node", out1.id)]
    QTest.keyClick(toc.canvas, Qt.Key.Key_Down)
    assert toc.doc.selection == [("toc_node", out2.id)]
    QTest.keyClick(toc.canvas, Qt.Key.Key_Tab)
    assert toc.doc.selection == [("toc_node", outcome.id)]
    QTest.keyClick(toc.canvas, Qt.Key.Key_Backtab)
    QTest.keyClick(toc.canvas, Qt.Key.Key_Up)
    assert toc.doc.selection == [("toc_node", out1.id)]
    toc.window().actions_by_name["action_delete"].trigger()
    assert cards(toc, "output") == ["Out two"] and toc.doc.store.all("toc_link") == []
    assert toc.doc.undo_stack.undoText() == "Delete 'Out one'"
    undo(toc)
    assert cards(toc, "output") == ["Out one", "Out two"] and len(toc.doc.store.all("toc_link")) == 2


def test_tab_after_the_last_card_leaves_the_canvas(toc, qtbot):
    only = TocNode.create(result_type="impact", title="Jobs")
    seed(toc, only)
    toc.canvas.setFocus()
    QTest.keyClick(toc.canvas, Qt.Key.Key_Tab)
    assert toc.doc.selection == [("toc_node", only.id)]
    QTest.keyClick(toc.canvas, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not toc.canvas.hasFocus())


def test_f2_renames_an_instrument_everywhere(toc, qtbot):
    grant = Item.create(name="Grant")
    seed(toc, grant)
    toc.doc.select([("item", grant.id)])
    toc.canvas.setFocus()
    toc.rename_action.trigger()
    editor = toc.canvas.editor
    editor.setText("Pilot-line grant")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert toc.doc.get("item", grant.id).name == "Pilot-line grant"
    assert cards(toc, "activity") == ["Pilot-line grant"]


def test_findings_follow_edits_and_choosing_one_selects_what_it_is_about(toc):
    grant = Item.create(name="Grant")
    seed(toc, grant)
    assert any("'Grant' reaches no outcome" in t for t in toc.findings.texts())
    card = toc.scene.cards[("item", grant.id)]
    assert card.findings and card.name == "Instrument: Grant, 1 finding"
    toc.findings.list.itemClicked.emit(toc.findings.list.item(0))
    assert toc.doc.selection == [("item", grant.id)]
    outcome = TocNode.create(result_type="outcome", title="Cells at scale", indicator="GWh a year")
    seed(toc, outcome, TocLink.create(from_item_id=grant.id, to_node_id=outcome.id))
    assert toc.findings.texts()[0].startswith("✓")
    assert not card.findings


def test_an_indicator_added_in_the_register_measures_the_outcome_of_its_objective(toc):
    objective = Objective.create(statement="Make cells")
    outcome = TocNode.create(result_type="outcome", title="Cells at scale", objective_id=objective.id)
    seed(toc, objective, outcome)
    assert any("'Cells at scale' has no indicator" in t for t in toc.findings.texts())
    seed(toc, Indicator.create(name="GWh made a year", objective_id=objective.id))
    assert not any("has no indicator" in t for t in toc.findings.texts())


def test_a_rationale_added_in_the_register_shows_on_the_chain(window, qtbot):
    window.new_document()
    window.show_section("rationale")
    register = window.current_view()
    assert isinstance(register, RegisterView)
    register.add()
    (rationale,) = window.doc.store.all("rationale")
    assert rationale.statement == "New rationale"
    window.show_section("theory-of-change")
    view = window.current_view()
    assert cards(view, "rationale") == ["New rationale"]
    assert "(market failure)" in view.scene.columns["rationale"][0].detail


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_the_chain_exports_as_a_picture(toc, tmp_path, monkeypatch, suffix):
    seed(toc, Item.create(name="Grant"), TocNode.create(result_type="outcome", title="Cells at scale"))
    path = tmp_path / f"chain.{suffix}"
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: path)
    toc.export()
    assert path.stat().st_size > 500


def test_the_figure_for_briefs_is_a_vector_drawing_with_the_words(toc, tmp_path, monkeypatch):
    from pypdf import PdfReader

    seed(toc, Item.create(name="Pilot-line grant"), TocNode.create(result_type="outcome", title="Cells at scale"))
    path = tmp_path / "figure.pdf"
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: path)
    toc.export_figure()
    text = PdfReader(path).pages[0].extract_text()
    assert "Pilot-line grant" in text and "Outcomes" in text


def test_the_chain_goes_out_as_json_and_comes_in_as_one_step(window, tmp_path, monkeypatch, answers):
    window.new_from_sample()
    window.show_section("theory-of-change")
    view = window.current_view()
    path = tmp_path / "chain.json"
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: path)
    view.export_data()
    window.new_document()
    window.show_section("theory-of-change")
    view = window.current_view()
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [path])
    view.import_data()
    assert cards(view, "outcome") == [
        "Cells made in volume in Northland",
        "More of the plant's inputs bought from Northland SMEs",
        "Host communities trust the plant to be safe",
        "Plant jobs filled by people trained in Northland",
    ]
    assert answers.asked[-1] == "inform"
    assert view.doc.undo_stack.undoText() == "Import theory of change from chain.json"
    view.doc.undo_stack.undo()
    assert view.doc.store.all("toc_node") == [] and view.doc.store.all("rationale") == []


def test_a_file_that_is_not_a_chain_is_refused_in_words(toc, tmp_path, monkeypatch, answers):
    path = tmp_path / "eco.json"
    path.write_text('{"actors": []}', encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *a: [path])
    toc.import_data()
    assert [e.message for e in answers.errors] == ["eco.json: is not a theory of change written by IIP Workbench"]


def test_a_selected_link_stands_out_and_its_tooltip_says_the_assumption(toc):
    from ui import theme

    SELECTED = theme.ink().selected
    grant, out = Item.create(name="Grant"), TocNode.create(result_type="output", title="Pilot line built")
    link = TocLink.create(from_item_id=grant.id, to_node_id=out.id, assumption="Firms apply")
    seed(toc, grant, out, link)
    line = toc.scene.lines[("toc_link", link.id)]
    assert line.untested and line.pen().style() == Qt.PenStyle.DashLine  # no evaluation tests it
    assert "<b>Assumption</b>: Firms apply" in line.tip() and "No evaluation tests" in line.tip()
    toc.doc.select([("toc_link", link.id)])
    assert line.pen().color() == SELECTED
    toc.doc.select([])
    assert line.pen().color() != SELECTED


def test_the_import_dialog_says_it_imports_a_theory_of_change(toc, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    titles = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda parent, title, *a: titles.append(title) or ([], ""))
    toc.import_data()
    assert titles == ["Import a theory of change"]  # not the ecosystem's "Import actors and links"


def test_an_outcome_the_appraisal_counts_without_evidence_is_a_finding_on_the_canvas(toc):
    seed(
        toc,
        Objective.create(id="obj", statement="Cells at scale"),
        TocNode.create(id="oc", result_type="outcome", title="Cells at scale", objective_id="obj"),
        TocNode.create(id="out", result_type="output", title="Line built"),
        TocLink.create(id="l1", from_node_id="out", to_node_id="oc", assumption="Buyers sign"),
    )
    assert not any("feeds the appraisal" in t for t in toc.findings.texts())
    flow = OptionFlow.create(id="f1", option_id=BAU_ID, flow="benefit", budget_type=None, objective_id="obj")
    seed(toc, flow)  # an option's benefits now come from that outcome: the finding follows
    assert any("feeds the appraisal" in t for t in toc.findings.texts())
    undo(toc)
    assert not any("feeds the appraisal" in t for t in toc.findings.texts())


def test_the_chain_is_let_go_of_while_hidden_and_shown_as_the_document_is_when_back(window, toc, qtbot):
    """Browsing every section of a large document must not keep every section's scene in memory."""
    item = Item.create(name="Pilot-line grant")
    seed(toc, item)
    assert cards(toc, "activity") == ["Pilot-line grant"]
    window.show_section("overview")
    qtbot.waitUntil(lambda: toc.released)  # a while after the overview shows
    assert not toc.scene.cards and not toc.scene.lines
    toc.doc.store.update("item", item.id, {"name": "Renamed while hidden"})
    window.show_section("theory-of-change")
    assert cards(toc, "activity") == ["Renamed while hidden"]


def test_a_long_chain_is_built_in_slices_the_window_answering_between_them(toc, qtbot):
    """Thousands of instruments: showing the chain makes one slice of cards at once, the rest on the next
    turns of the event loop, so the window never waits for them all."""
    many = CARDS_AT_ONCE * 2 + 1
    seed(toc, *(Item.create(name=f"Grant {n}") for n in range(many)))
    assert len(toc.scene.cards) == CARDS_AT_ONCE
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)
    assert cards(toc, "activity") == [c.title for c in cards_of(toc.scene.snapshot())["activity"]]


def test_a_long_chain_has_its_whole_height_from_the_first_slice(toc, qtbot):
    """The scene's extent follows from the layout, not from the cards made so far: the view fits the chain
    once and the scroll bar does not grow under the user while the rest of the cards are made."""
    many = CARDS_AT_ONCE * 2 + 1
    seed(toc, *(Item.create(name=f"Grant {n}") for n in range(many)))
    first = toc.scene.sceneRect()
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)
    last = max(toc.scene.columns["activity"], key=lambda card: card.y()).sceneBoundingRect()
    assert first == toc.scene.sceneRect() and first.contains(last)


def test_reading_a_long_chain_leaves_its_cards_to_the_next_turns(toc, qtbot):
    """Reading and analysing thousands of cards takes a turn of its own: the first slice of cards (and
    the paint that follows it) comes on the next, so no turn does both."""
    many = CARDS_AT_ONCE + 1
    seed(toc, *(Item.create(name=f"Grant {n}") for n in range(many)))
    toc.release()
    toc.scene.load(toc.doc.store)
    assert not toc.scene.cards and toc.scene.analysis is not None
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)


def test_a_long_chain_is_read_on_the_turn_after_the_section_shows(window, qtbot):
    """More cards than a turn makes: the section shows first (saying nothing is missing meanwhile), and the
    chain is read on the next turn of the event loop, then made a slice per turn."""
    window.new_document()
    many = CARDS_AT_ONCE + 1
    assert window.doc.run(StoreCommand(ops.create([Item.create(name=f"Grant {n}") for n in range(many)]), "Seed"))
    window.show_section("theory-of-change")
    toc = window.current_view()
    assert isinstance(toc, TheoryOfChangeView)
    assert not toc.scene.cards and not toc.empty_hint.isVisible()
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)
    assert not toc.empty_hint.isVisible()


def test_closing_the_document_makes_no_section_it_let_go_of_read_it_again(window, qtbot, monkeypatch):
    """Closing took the sections off the screen one by one, showing each in turn: one that had let go of its
    chain read it again, on a turn when the document's store was closed (an error report)."""
    from ui.views import base
    from ui.views.theory_of_change import view as toc_view

    monkeypatch.setattr(base, "RELEASE_AFTER_MS", 0)
    window.new_document()
    assert window.doc.run(StoreCommand(ops.create([Item.create(name="Grant")]), "Seed"))
    window.show_section("theory-of-change")
    toc = window.current_view()
    window.show_section("objectives")
    qtbot.waitUntil(lambda: toc.released)
    window.show_section("overview")
    rebuilt: list[bool] = []
    monkeypatch.setattr(toc_view.TheoryOfChangeView, "rebuild", lambda self: rebuilt.append(True))
    assert window.close_document(ask=False)
    qtbot.wait(50)
    assert rebuilt == []


def test_a_picture_of_a_long_chain_not_read_yet_has_every_card(window, tmp_path, monkeypatch):
    window.new_document()
    many = CARDS_AT_ONCE + 1
    assert window.doc.run(StoreCommand(ops.create([Item.create(name=f"Grant {n}") for n in range(many)]), "Seed"))
    window.show_section("theory-of-change")
    toc = window.current_view()
    assert isinstance(toc, TheoryOfChangeView) and not toc.scene.cards
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: tmp_path / "chain.svg")
    toc.export()
    assert len(toc.scene.cards) == many


def test_leaving_a_long_chain_lets_go_of_its_cards_a_slice_per_turn(window, toc, qtbot):
    """Another section shows at once: the hidden chain's cards go a slice per turn of the event loop after it."""
    many = LEAVING_PER_TURN * 3
    seed(toc, *(Item.create(name=f"Grant {n}") for n in range(many)))
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)
    before = cards(toc, "activity")
    leave_for_the_overview(window, toc.scene, ChainCard, qtbot)
    assert not toc.scene.cards
    window.show_section("overview")
    window.show_section("theory-of-change")
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)
    assert cards(toc, "activity") == before


def test_a_chain_shown_again_before_its_cards_were_let_go_of_shows_each_card_once(window, toc, qtbot):
    many = LEAVING_PER_TURN * 3
    seed(toc, *(Item.create(name=f"Grant {n}") for n in range(many)))
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)
    window.show_section("overview")
    qtbot.waitUntil(lambda: toc.released)
    window.show_section("theory-of-change")  # back in the same turn: most cards were still leaving
    qtbot.waitUntil(lambda: len(toc.scene.cards) == many)
    on_scene = [i for i in toc.scene.items() if isinstance(i, ChainCard)]
    assert len(on_scene) == many and set(on_scene) == set(toc.scene.cards.values())


def test_a_chain_shown_again_soon_after_it_was_hidden_keeps_its_cards(window, toc, qtbot):
    """The chain lets go of its cards a while after another section shows, never in the switch's own turn."""
    seed(toc, *(Item.create(name=f"Grant {n}") for n in range(3)))
    kept = dict(toc.scene.cards)
    window.show_section("overview")
    window.show_section("theory-of-change")
    qtbot.wait(50)
    assert toc.scene.cards == kept and not toc.released


def test_a_picture_of_the_chain_waits_for_every_card(toc, tmp_path, monkeypatch):
    seed(toc, *(Item.create(name=f"Grant {n}") for n in range(CARDS_AT_ONCE + 1)))
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: tmp_path / "chain.svg")
    toc.export()
    assert len(toc.scene.cards) == CARDS_AT_ONCE + 1


def test_thousands_of_findings_are_listed_in_one_call_and_each_still_selects_its_card(toc, monkeypatch):
    """A finding per instrument of a large chain: the list takes them all at once (no item made one by
    one from Python), and choosing one still selects what it is about."""
    made = []
    monkeypatch.setattr(findings_module, "QListWidgetItem", lambda *a: made.append(a) or QListWidgetItem(*a))
    grants = [Item.create(name=f"Grant {n}") for n in range(300)]
    seed(toc, *grants)
    assert not made and len(toc.findings.texts()) >= 300
    row = next(n for n, t in enumerate(toc.findings.texts()) if "'Grant 299' reaches no outcome" in t)
    toc.findings.list.itemClicked.emit(toc.findings.list.item(row))
    assert toc.doc.selection == [("item", grants[299].id)]

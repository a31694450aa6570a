"""What needs attention: the sections' findings gathered by area, for the overview."""

from __future__ import annotations

import datetime as dt

from workbench.attention import needs_attention
from workbench.document import Document
from workbench.ecosystem.entities import Actor
from workbench.sample import sample_entities
from workbench.spheres.entities import Region, Sphere, region_anchor
from workbench.spheres.items import Item

BEFORE_ANY_IS_DUE = dt.date(2025, 1, 1)
AC_GAP = "No item sits where science & research policy and industrial policy overlap."


def test_the_sample_needs_attention_on_the_spheres_the_value_chain_and_the_checklists():
    found = {a.area: a for a in needs_attention(Document.of(sample_entities()))}
    assert list(found) == [
        "spheres", "value_chain", "objectives", "theory_of_change", "monitoring", "evaluation", "checklists"
    ]
    assert found["spheres"].texts == (AC_GAP,)
    assert any("valley of death" in text for text in found["value_chain"].texts)
    assert found["checklists"].texts == ("The checklists are 12% complete; 31 questions are not answered yet.",)


def test_an_overlap_with_one_item_is_listed_as_thin_rather_than_empty():
    entities = sample_entities()
    spheres = [e for e in entities if isinstance(e, Sphere)]
    x, y = region_anchor(Region.AC, spheres)
    bridge = Item.create(name="Battery materials bridge", kind="programme", x=x, y=y)
    found = {a.area: a for a in needs_attention(Document.of([*entities, bridge]))}
    assert found["spheres"].texts == (
        "Only 1 item sits where science & research policy and industrial policy overlap.",
    )


def test_ecosystem_objective_and_evaluation_warnings_name_the_objects_they_are_about():
    found = {a.area: a for a in needs_attention(Document.of(sample_entities()), today=BEFORE_ANY_IS_DUE)}
    unmeasured = found["objectives"].findings[0]
    assert unmeasured.text.startswith(
        "1 objective has no indicator with a baseline and a target: 'Make sure that communities"
    )
    assert unmeasured.refs == (("objective", "obj-community-benefit"),)
    missing, in_house = found["evaluation"].findings
    assert missing.text.startswith("16 of 20 instruments have no planned evaluation:") and len(missing.refs) == 16
    assert in_house.refs == (("evaluation", "eval-loan-ex-ante"),) and in_house.text.startswith("1 evaluation is run")
    assert found["value_chain"].findings[0].refs[0] == ("item", "item-gigafactory-loan")
    lone = [*sample_entities(), Actor.create(name="Lone agency", x=0.0, y=0.0), Actor.create(name="Unplaced lab")]
    ecosystem = {a.area: a for a in needs_attention(Document.of(lone))}["ecosystem"]
    assert [f.text for f in ecosystem.findings] == [
        "2 actors are linked to no other actor: 'Lone agency' and 'Unplaced lab'.",
        "1 actor is not placed on the map yet: 'Unplaced lab'.",
    ]


def test_an_evaluation_past_its_date_and_not_reported_needs_attention_until_its_report_is_in():
    """The sample's challenge-fund review was due on 2026-09-30 and is in progress: on 1 October it is
    overdue, on its due date not yet; once reported it is no longer listed."""
    entities = sample_entities()

    def overdue(entities, today):
        found = {a.area: a for a in needs_attention(Document.of(entities), today=today)}
        return [f for f in found["evaluation"].findings if "was due to report" in f.text]

    assert overdue(entities, dt.date(2026, 9, 30)) == []
    [late] = overdue(entities, dt.date(2026, 10, 1))
    assert late.refs == (("evaluation", "eval-challenge-interim"),)
    assert late.text == (
        "Evaluation 'Cell innovation challenge fund: mid-term process review' was due to report on 2026-09-30 "
        "and is still in progress: record its report, or give it a new date."
    )
    reported = [e.changed(status="reported") if e.id == "eval-challenge-interim" else e for e in entities]
    assert overdue(reported, dt.date(2026, 10, 1)) == []


def test_working_out_what_needs_attention_holds_the_collector_off(monkeypatch):
    """It makes hundreds of thousands of short-lived objects for a large document, none of them in a cycle."""
    from workbench import attention, bulk_work

    held_off = []
    real = attention.analyse_spheres

    def watched(doc):
        held_off.append(bulk_work.under_way())
        return real(doc)

    monkeypatch.setattr(attention, "analyse_spheres", watched)
    needs_attention(Document.of(sample_entities()))
    assert held_off == [True] and not bulk_work.under_way()

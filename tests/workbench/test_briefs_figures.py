"""The brief's figures describe the model (what to draw, not how), the ecosystem and checklist annexes
say what the analyses found, and every provider copes with an empty document."""

from __future__ import annotations

import pytest

from workbench.briefs.blocks import (
    Bullets,
    EcosystemDiagram,
    Figure,
    SpheresDiagram,
    Subheading,
    Table,
    ValueChainDiagram,
)
from workbench.briefs.checklists import checklist_status
from workbench.briefs.context import BriefContext
from workbench.briefs.ecosystem import NAMED, ecosystem_findings
from workbench.briefs.providers import PROVIDERS
from workbench.briefs.spheres import region_title
from workbench.document import Document
from workbench.ecosystem.entities import Actor, ActorSize, Link
from workbench.sample import sample_entities, starter_entities
from workbench.spheres.analysis import item_regions
from workbench.spheres.entities import Region, Sphere
from workbench.spheres.items import Item


def test_ecosystem_annex_gives_every_finding_warnings_first_in_plain_words():
    ctx = BriefContext(Document.of(sample_entities()))
    (bullets,) = ecosystem_findings(ctx)
    assert isinstance(bullets, Bullets)
    found = ctx.ecosystem.findings
    assert list(bullets.items) == [f.plain or f.text for f in found] and len(found) > 6
    assert bullets.items[0].startswith("2 SMEs have no path to any ministry or agency")
    assert [f.severity for f in found[:3]] == ["warning"] * 3
    (figure,) = PROVIDERS["ecosystem_figure"](ctx)
    assert isinstance(figure, Figure) and "not yet placed" not in figure.caption


def test_figures_describe_what_to_draw_from_the_model():
    doc = Document.of(sample_entities())
    ctx = BriefContext(doc)
    spheres, measures = PROVIDERS["spheres_figure"](ctx)
    assert isinstance(spheres, Figure) and spheres.diagram == SpheresDiagram(
        tuple(sorted(doc.all(Sphere), key=lambda s: s.key)), ctx.spheres, names={i.id: i.name for i in doc.all(Item)}
    )
    assert isinstance(measures, Table) and len(measures.rows) == len(ctx.spheres.regions)
    (chain,) = PROVIDERS["value_chain_figure"](ctx)
    assert isinstance(chain, Figure) and chain.diagram == ValueChainDiagram(ctx.value_chain, "EUR")
    loose = doc.all(Actor)[0].changed(x=None, y=None)
    doc.entities["actor"][loose.id] = loose
    (ecosystem,) = PROVIDERS["ecosystem_figure"](BriefContext(doc))
    assert isinstance(ecosystem, Figure) and ecosystem.diagram == EcosystemDiagram(
        tuple(doc.all(Actor)), tuple(doc.all(Link))
    )
    assert ecosystem.caption.endswith(" 1 actor not yet placed on the map is shown on a ring around the others.")


def test_the_region_table_names_every_measure_where_the_model_places_it():
    doc = Document.of(sample_entities())
    _, table = PROVIDERS["spheres_figure"](BriefContext(doc))
    assert isinstance(table, Table) and [c.title for c in table.columns] == ["Where", "Measures", "Which"]
    names = {i.id: i.name for i in doc.all(Item)}
    placed: dict[Region, list[str]] = {region: [] for region in Region}
    for item_id, region in item_regions(doc.all(Item), doc.all(Sphere)).items():
        placed[region].append(names[item_id])
    titles = {s.key: s.name for s in doc.all(Sphere)}
    rows = {where: (count, which) for where, count, which in table.rows}
    assert len(rows) == len(Region)
    for region, measures in placed.items():
        where = "Outside the spheres" if region is Region.OUTSIDE else region_title(region, titles)
        count, which = rows[where]
        assert sorted(which.split("; ")) == sorted(measures or ["None"]), where
        assert count == str(len(measures))
    assert rows["Science & research policy, innovation policy and industrial policy"][1] == (
        "Battery Scale-up Centre core programme; Battery Strategy Council"
    )


def test_checklist_annex_scores_each_checklist_and_names_failing_questions():
    table, heading, bullets = checklist_status(BriefContext(Document.of(sample_entities())))
    assert isinstance(table, Table) and isinstance(heading, Subheading) and isinstance(bullets, Bullets)
    titles = [row[0] for row in table.rows]
    assert titles == [
        "Policy objectives",
        "Policy experimentation",
        "Evaluation",
        "Policy learning",
        "Context, methods and capabilities",
        "ROAMEF policy cycle",
    ]
    assert table.rows[0] == ("Policy objectives", "11%", "1", "0", "4", "4")
    assert table.total == ("All checklists", "12%", "6", "0", "15", "31")
    assert heading.text == "Questions the programme's records show are not met (15)"
    assert len(bullets.items) == 15  # every one, none cut off
    assert bullets.items[4] == (
        "Policy experimentation: Does every experiment say in advance which result would lead to scaling up, "
        "adjusting or stopping the measure? Not met by “Second-life storage sandbox”."
    )
    assert "and 9 more" not in bullets.items[5] and bullets.items[5].count("”, “") >= 10  # every record named


def test_checklist_annex_of_an_empty_project_says_why_nothing_could_be_checked():
    table, _, bullets = checklist_status(BriefContext(Document.of(starter_entities())))
    assert table.total == ("All checklists", "0%", "0", "0", "21", "31")
    assert bullets.items[0].endswith("No objectives recorded yet: add them under Objectives.")


ALWAYS = {"spheres_figure", "checklist_status"}  # the spheres exist, and unmet checklists are a status too


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_providers_return_blocks_or_nothing_for_an_empty_document(name):
    assert PROVIDERS[name](BriefContext(Document())) == [] or name in ALWAYS
    assert isinstance(PROVIDERS[name](BriefContext(Document.of(starter_entities()))), list)


def test_a_crowded_map_names_its_most_connected_actors_and_the_caption_says_how_many():
    hubs = [Actor.create(id=f"hub{n}", name=f"Hub {n}", size=ActorSize.MEDIUM.value, x=n, y=0.0) for n in range(NAMED)]
    big = Actor.create(id="big", name="Big", size=ActorSize.LARGE.value, x=0.0, y=5.0)
    small = Actor.create(id="small", name="Small", size=ActorSize.SMALL.value, x=5.0, y=5.0)
    crowd = [Actor.create(id=f"a{n}", name=f"Actor {n}", x=n, y=9.0) for n in range(300)]
    links = [Link.create(source_id=h.id, target_id=crowd[0].id) for h in hubs[:-1]]  # crowd[0]: the most linked
    links += [Link.create(source_id=hubs[-1].id, target_id=other.id) for other in (big, small)]
    doc = Document.of([*starter_entities(), *crowd, small, big, *hubs, *links])
    (figure,) = PROVIDERS["ecosystem_figure"](BriefContext(doc))
    named = figure.diagram.named
    assert len(named) == NAMED and named[:2] == ("a0", hubs[-1].id)  # most links first
    assert "big" in named and "small" not in named  # one link each: the larger wins the last place
    assert f"Of the {len(crowd) + NAMED + 2} actors, the most connected are named" in figure.caption


def test_a_map_small_enough_names_every_actor():
    (figure,) = PROVIDERS["ecosystem_figure"](BriefContext(Document.of(sample_entities())))
    assert figure.diagram.named is None and "most connected" not in figure.caption

"""Brief composition: which sections, in what order, filled from what (no PDF involved)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from templates_reports.catalogue import TEMPLATE_IDS, load_template
from workbench.briefs import providers
from workbench.briefs.blocks import Bullets, Figure, Note, Para, Table
from workbench.briefs.compose import TO_BE_COMPLETED, chosen_sections, compose
from workbench.briefs.entities import Brief, BriefSection, brief_id, section_id
from workbench.briefs.spec import HEADER_FIELDS, SectionSpec, spec_from_data
from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.sample import sample_entities, starter_entities

TODAY = dt.date(2026, 3, 5)


def sample() -> Document:
    return Document.of(sample_entities())


def with_texts(doc: Document, template: str, **texts: str) -> Document:
    for section, text in texts.items():
        s = BriefSection.create(id=section_id(template, section), template=template, section=section, text=text)
        doc.entities[s.KIND][s.id] = s
    return doc


def test_every_shipped_template_loads_and_names_real_brief_fields():
    for template_id in TEMPLATE_IDS:
        spec = load_template(template_id)
        assert spec.id == template_id and spec.sections
        assert {h.field for h in spec.header} <= HEADER_FIELDS <= set(Brief.specs())
        for section in spec.sections:
            assert section.text or section.providers or section.field, section.id
            assert set(section.providers) <= set(providers.PROVIDERS), (template_id, section.id)


def test_ministerial_sections_follow_the_submission_order():
    brief = compose(sample(), load_template("ministerial"), today=TODAY)
    titles = [s.title for s in brief.sections]
    assert titles == [
        "Issue",
        "Recommendation",
        "Timing",
        "Background",
        "Argument and options",
        "Financial implications",
        "Legal and subsidy control",
        "Devolution",
        "Equalities",
        "Evaluation and learning plan",
        "Risks",
        "Handling and communications",
        "Contact",
        "Annex A: Objectives, indicators and targets",
        "Annex B: Options appraisal",
        "Annex C: Instruments and programmes",
    ]  # the diagnostic annexes are off until the user adds them
    assert [s.numbered for s in brief.sections] == [True] * 12 + [False] * 4


def test_header_block_from_the_stored_brief_with_fallbacks():
    doc = sample()
    brief = compose(doc, load_template("ministerial"), today=TODAY)
    header = dict(brief.header)
    assert list(header) == ["From", "To", "Date", "Clearance", "Copy list", "Purpose", "Subject"]
    assert header["Purpose"] == "For decision"
    assert header["To"] == "Minister for Industry and Enterprise"
    assert header["Date"] == "5 March 2026"  # no date stored: the day of the export
    assert header["Copy list"].split("\n")[0] == "Permanent Secretary"
    stored = doc.get(Brief, brief_id("ministerial"))
    doc.entities["brief"][stored.id] = stored.changed(subject="", date="2026-04-30")
    again = dict(compose(doc, load_template("ministerial"), today=TODAY).header)
    assert again["Subject"] == doc.project.title and again["Date"] == "30 April 2026"


def test_empty_sections_are_marked_or_omitted_as_the_template_says():
    doc = Document.of(starter_entities())
    ministerial = compose(doc, load_template("ministerial"), today=TODAY)
    issue = ministerial.sections[0]
    assert issue.title == "Issue" and issue.blocks == [Note(TO_BE_COMPLETED)]
    workshop = compose(doc, load_template("workshop"), today=TODAY)
    assert [s.id for s in workshop.sections] == ["placed"]  # only the figure has something to show
    assert isinstance(workshop.sections[0].blocks[0], Figure)


def test_user_text_becomes_paragraphs_and_bullets_verbatim():
    doc = with_texts(sample(), "workshop", next_steps="Agreed:\n- <b>Anna</b> drafts & sends\n- Ben checks")
    section = next(s for s in compose(doc, load_template("workshop"), today=TODAY).sections if s.id == "next_steps")
    assert section.blocks == [Para("Agreed:"), Bullets(("<b>Anna</b> drafts & sends", "Ben checks"))]


def test_chosen_sections_come_from_the_document_or_the_caller():
    doc = sample()
    stored = doc.get(Brief, brief_id("ministerial"))
    doc.entities["brief"][stored.id] = stored.changed(
        omitted_sections=["timing", "annex_instruments"], added_sections=["annex_checklists"]
    )
    spec = load_template("ministerial")
    assert "timing" not in chosen_sections(doc, spec)
    ids = [s.id for s in compose(doc, spec, today=TODAY).sections]
    assert "timing" not in ids and "annex_instruments" not in ids
    assert ids[-2:] == ["annex_options", "annex_checklists"]  # an optional annex only once added
    only = compose(doc, spec, today=TODAY, sections=["annex_spheres", "issue"])
    assert [s.id for s in only.sections] == ["issue", "annex_spheres"]  # template order, not the caller's
    assert only.sections[1].title.startswith("Annex A:")  # letters follow what is printed
    with pytest.raises(WorkbenchError, match="no section nonsense"):
        compose(doc, spec, today=TODAY, sections=["nonsense"])


def test_a_provider_nobody_registered_yet_is_skipped_not_marked():
    spec = load_template("ministerial")
    future = SectionSpec("annex_future", "Future", text=False, annex=True, providers=("regional_heatmap",))
    mixed = SectionSpec(
        "annex_mixed", "Mixed", text=False, annex=True, providers=("regional_heatmap", "spheres_figure")
    )
    spec = dataclasses.replace(spec, sections=(*spec.sections, future, mixed))
    brief = compose(sample(), spec, today=TODAY)
    ids = [s.id for s in brief.sections]
    assert "regional_heatmap" not in providers.PROVIDERS and "annex_future" not in ids
    assert brief.sections[-1].id == "annex_mixed" and brief.sections[-1].title == "Annex D: Mixed"
    numbers = [f.number for f in brief.figures]  # the trajectories of Annex A come first
    assert numbers == list(range(1, len(numbers) + 1))
    assert [b.number for b in brief.sections[-1].blocks if isinstance(b, Figure)] == [numbers[-1]]


def test_marking_override_and_its_validation():
    brief = compose(sample(), load_template("evaluation"), today=TODAY, marking="official")
    assert brief.marking == "OFFICIAL"  # COMMERCIAL is a descriptor of OFFICIAL-SENSITIVE only
    assert compose(sample(), load_template("evaluation"), today=TODAY).marking == "OFFICIAL-SENSITIVE COMMERCIAL"
    with pytest.raises(WorkbenchError, match="Protective marking"):
        compose(sample(), load_template("evaluation"), today=TODAY, marking="confidential")
    with pytest.raises(WorkbenchError, match="SECRET is not offered"):
        compose(sample(), load_template("evaluation"), today=TODAY, marking="top_secret")


def test_instrument_annex_lists_every_funded_item_with_its_money_by_type_never_one_total():
    """The sample's "EUR 1.5 billion" was a loan, equity, a tax credit and procurement added up as if grant."""
    doc = sample()
    annex = next(s for s in compose(doc, load_template("ministerial"), today=TODAY).sections if s.id.endswith("ments"))
    (table,) = annex.blocks
    assert isinstance(table, Table)
    assert len(table.rows) == len(doc.entities["instrument"])
    assert table.total is None
    assert [c.title for c in table.columns] == [
        "Instrument or programme", "Type", "Spend and budget type", "TRL", "MRL", "Lead body", "Dates"
    ]
    rows = {r[0]: r for r in table.rows}
    loan = rows["Gigafactory first-of-a-kind loan"]
    assert loan[2:] == ("€420m loan", "7–9", "6–9", "Northland Green Investment Bank", "1 Apr 2025 –\n31 Mar 2035")
    for per_type in ("Loan: €420m", "Equity: €250m", "Tax relief (revenue forgone): €35m", "Procurement: €150m"):
        assert per_type in table.caption
    assert table.rows[0][0] == "Battery doctoral training centre"  # the first value-chain stage first


def test_evaluation_plan_groups_by_programme_and_names_the_gaps():
    plan = next(s for s in compose(sample(), load_template("evaluation"), today=TODAY).sections if s.id == "plan")
    tables = [b for b in plan.blocks if isinstance(b, Table)]
    assert sum(len(t.rows) for t in tables) == 5
    findings = [b for b in plan.blocks if isinstance(b, Bullets)][-1].items
    assert any(f.startswith("16 of 20 instruments and programmes have no planned evaluation") for f in findings)
    in_house = next(f for f in findings if "in-house" in f)
    assert in_house.startswith("1 evaluation is run in-house") and "someone independent reviews it:" in in_house


def test_spec_errors_name_the_template_and_the_problem():
    good = {"id": "workshop", "name": "W", "sections": [{"id": "a", "title": "A"}]}
    assert spec_from_data(good).sections[0].text is True
    cases = [
        ({**good, "id": "memo"}, "'memo' is not a valid BriefTemplate"),
        ({**good, "sections": []}, "unique"),
        ({**good, "sections": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]}, "unique"),
        ({**good, "sections": [{"title": "A"}]}, "missing 'id'"),
        ({**good, "header": [{"label": "Cc", "field": "cc"}]}, "unknown header field"),
        ({**good, "empty_sections": "hide"}, "empty_sections"),
    ]
    for data, words in cases:
        with pytest.raises(WorkbenchError, match=words):
            spec_from_data(data)
    with pytest.raises(WorkbenchError, match="Unknown brief template 'memo'"):
        load_template("memo")


def test_the_workshop_summary_says_where_each_note_sits_with_a_picture_of_the_board():
    from workbench.spheres.entities import Region, Sphere, region_anchor
    from workbench.workshop.entities import Note

    entities = starter_entities()
    spheres = [e for e in entities if isinstance(e, Sphere)]
    x, y = region_anchor(Region.AB, spheres)
    placed = Note.create(text="Shared pilot line", x=x, y=y)
    parked = Note.create(text="Skills academy", x=2000.0, y=0.0)
    summary = compose(Document.of([*entities, placed, parked]), load_template("workshop"), today=TODAY)
    ideas = next(s for s in summary.sections if s.id == "ideas")
    figure, table = ideas.blocks[0], ideas.blocks[1]
    assert isinstance(figure, Figure) and "each sticky note by its number" in figure.caption
    assert figure.diagram.marks == ((x, y, "1"), (2000.0, 0.0, "2"))  # the numbers of the table below
    assert isinstance(table, Table) and table.columns[0].title == "#" and table.columns[2].title == "Where it sits"
    rows = {row[1]: row for row in table.rows}
    assert rows["Shared pilot line"][2] == "Science & research policy and Innovation policy"
    assert rows["Skills academy"][2] == "Outside all spheres"
    assert (rows["Shared pilot line"][0], rows["Skills academy"][0]) == ("1", "2")


@pytest.mark.parametrize("anonymous", [False, True])
def test_anonymous_workshop_votes_are_summed_up_without_names(anonymous):
    from workbench.workshop.entities import Note, Participant, Vote, WorkshopState

    ana = Participant.create(name="Ana")
    note = Note.create(text="Shared pilot line")
    entities = [
        *starter_entities(),
        ana,
        note,
        Vote.create(voter_id=ana.id, note_id=note.id, count=2),
        WorkshopState.create(anonymous_votes=anonymous),
    ]
    summary = compose(Document.of(entities), load_template("workshop"), today=TODAY)
    table = next(b for s in summary.sections if s.id == "decisions" for b in s.blocks if isinstance(b, Table))
    titles = [c.title for c in table.columns]
    if anonymous:
        assert titles == ["#", "Note or item", "Votes"] and table.rows == (("1", "Shared pilot line", "2"),)
        assert "anonymously" in table.caption and "Ana" not in str(table.rows)
    else:
        assert titles[-1] == "Given by" and "Ana ×2" in table.rows[0][-1]

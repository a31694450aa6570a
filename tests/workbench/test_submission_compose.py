"""The ministerial submission as composed (no PDF): header, lettered recommendation, the sections a private
office expects, what is still to be completed and the final export it blocks, the default and optional
annexes, the risk register, and plain words in every brief."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from templates_reports.catalogue import TEMPLATE_IDS, load_template
from workbench.briefs.blocks import Bullets, ComposedBrief, Figure, Lettered, Note, Para, Subheading, Table
from workbench.briefs.compose import TO_BE_COMPLETED, NotFinal, compose
from workbench.briefs.entities import Brief, BriefSection, brief_id, section_id
from workbench.briefs.text import lettered_blocks
from workbench.document import Document
from workbench.interchange.document_json import read_document_json, write_document_json
from workbench.options.spending import document_money
from workbench.registers.entities import Risk
from workbench.sample import sample_entities
from workbench.words import count

TODAY = dt.date(2026, 3, 5)
SPEC = load_template("ministerial")


def sample() -> Document:
    return Document.of(sample_entities())


def section(brief: ComposedBrief, section_id_: str):
    return next(s for s in brief.sections if s.id == section_id_)


def without(doc: Document, *sections: str) -> Document:
    """The sample with these submission sections emptied, as a user who has not written them yet."""
    for s in sections:
        doc.entities[BriefSection.KIND].pop(section_id("ministerial", s), None)
    return doc


def test_the_header_says_purpose_clearance_and_who_to_contact():
    brief = compose(sample(), SPEC, today=TODAY)
    header = dict(brief.header)
    assert list(header) == ["From", "To", "Date", "Clearance", "Copy list", "Purpose", "Subject"]
    assert header["Purpose"] == "For decision"
    assert header["Clearance"].startswith("Director, Industrial Strategy")
    assert section(brief, "contact").blocks == [Para("Anna Lindqvist, Head of Battery Industry Policy, 0123 456 7890")]
    assert not section(brief, "contact").numbered


def test_the_recommendation_is_lettered_after_its_opening_line():
    blocks = section(compose(sample(), SPEC, today=TODAY), "recommendation").blocks
    assert blocks[0] == Para("That you:")
    assert isinstance(blocks[1], Lettered) and len(blocks[1].items) == 3
    assert blocks[1].items[0].startswith("agree to open the Battery scale-up growth fund")
    assert lettered_blocks("agree the fund\nnote the risks") == [Lettered(("agree the fund", "note the risks"))]
    assert lettered_blocks("That you:\n\nagree the fund\n\nnote the risks") == [
        Para("That you:"),
        Lettered(("agree the fund", "note the risks")),
    ]


def test_the_sample_submission_is_complete_and_can_be_final():
    draft = compose(sample(), SPEC, today=TODAY)
    assert draft.draft and draft.missing == ()
    final = compose(sample(), SPEC, today=TODAY, final=True)
    assert not final.draft and final.sections == draft.sections
    assert not load_template("workshop").drafts
    assert not compose(sample(), load_template("workshop"), today=TODAY).draft  # only a submission has drafts


def test_empty_sections_are_to_be_completed_listed_and_block_a_final_export():
    doc = without(sample(), "legal", "equalities")
    stored = doc.get(Brief, brief_id("ministerial"))
    doc.entities["brief"][stored.id] = stored.changed(clearance="", contact="")
    draft = compose(doc, SPEC, today=TODAY)
    assert draft.missing == ("Clearance", "Legal and subsidy control", "Equalities", "Contact")
    assert dict(draft.header)["Clearance"] == TO_BE_COMPLETED
    assert section(draft, "legal").blocks == [Note(TO_BE_COMPLETED)]
    with pytest.raises(NotFinal) as refused:
        compose(doc, SPEC, today=TODAY, final=True)
    assert refused.value.message == (
        "The ministerial submission cannot be exported as final until “Clearance”, “Legal and subsidy control”, "
        "“Equalities” and “Contact” are completed; export it as a draft meanwhile."
    )


def test_argument_and_financial_implications_come_from_the_appraisal_and_the_money_model():
    brief = compose(sample(), SPEC, today=TODAY)
    (options,) = [b for b in section(brief, "argument").blocks if isinstance(b, Table)]
    assert [r[0] for r in options.rows] == [
        "Option 1: Loan only",
        "Option 2: Growth fund in two tranches (preferred)",
        "Option 3: Production subsidy",
    ]
    (money,) = section(brief, "financial").blocks
    assert isinstance(money, Table)
    assert next(c.title for c in money.columns) == "Budget type" and money.columns[-1].title == "All years"
    rows = {r[0]: r for r in money.rows}
    assert rows["Loan"][-1] == "420m" and rows["Grant (resource)"][-1] == "330m"  # each type its own row
    assert "in €" in money.caption
    assert money.total is not None and money.total[0] == "Net cost to the public sector"
    net = document_money(sample()).net_cost
    assert net is not None and money.total[-1] == f"{round(sum(net.values()) / 1e6)}m"  # €949m, not loans + grants
    assert "1.18bn" not in str(money)  # what adding the loan and equity to the grants would give


def test_risks_come_from_the_register_most_serious_first():
    (table,) = section(compose(sample(), SPEC, today=TODAY), "risks").blocks
    assert isinstance(table, Table)
    assert [c.title for c in table.columns] == ["Risk", "Category", "Likelihood", "Impact", "Owner", "Mitigation"]
    assert len(table.rows) == len(sample().all(Risk)) == 5
    assert table.rows[0][0].startswith("Cell prices fall") and table.rows[0][2:4] == ("Medium", "High")
    assert table.rows[-1][2:4] == ("Low", "High")


def test_the_default_annexes_are_objectives_options_and_instruments():
    brief = compose(sample(), SPEC, today=TODAY)
    annexes = [s.title for s in brief.sections if s.annex]
    assert annexes == [
        "Annex A: Objectives, indicators and targets",
        "Annex B: Options appraisal",
        "Annex C: Instruments and programmes",
    ]
    objectives, indicators, rule, *trajectories = section(brief, "annex_objectives").blocks
    assert isinstance(objectives, Table) and isinstance(indicators, Table) and isinstance(rule, Para)
    assert len([f for f in trajectories if isinstance(f, Figure)]) == 4  # the sample's measured indicators
    targets = {r[0]: r[2] for r in objectives.rows}  # held once, in the Indicators register
    assert targets["Build domestic capacity to make battery cells in volume."] == "8 GWh (31 Dec 2030)"
    assert "3,000 jobs (31 Dec 2030)" in targets.values()
    assert any(r[0] == "Installed annual cell production capacity" for r in indicators.rows)
    appraisal = section(brief, "annex_options").blocks
    assert [b.text for b in appraisal if isinstance(b, Subheading)][1] == (
        "Option 2: Growth fund in two tranches (preferred)"
    )


def test_diagnostic_annexes_are_off_by_default_and_complete_when_added():
    doc = sample()
    stored = doc.get(Brief, brief_id("ministerial"))
    optional = [s.id for s in SPEC.sections if s.optional]
    assert optional == ["annex_spheres", "annex_value_chain", "annex_ecosystem", "annex_checklists"]
    doc.entities["brief"][stored.id] = stored.changed(added_sections=optional)
    brief = compose(doc, SPEC, today=TODAY)
    checklists = section(brief, "annex_checklists").blocks
    heading = next(b.text for b in checklists if isinstance(b, Subheading))
    failing = next(b for b in checklists if isinstance(b, Bullets)).items
    assert heading == f"Questions the programme's records show are not met ({len(failing)})" and len(failing) > 8
    assert not any("more" in f.split("Not met by")[-1] or "…" in f for f in failing)  # every record named, whole
    ecosystem = next(b for b in section(brief, "annex_ecosystem").blocks if isinstance(b, Bullets))
    from workbench.ecosystem.analysis import analyse_ecosystem

    assert len(ecosystem.items) == len(analyse_ecosystem(doc).findings) > 6


BANNED = re.compile(
    r"shortest path|density|\bmodel\b|betweenness|centrality|\b(AB|AC|BC|ABC)\b|first \d+ listed|\bnode",
    re.IGNORECASE,
)


def brief_texts(brief: ComposedBrief) -> list[str]:
    out = [brief.title, *(v for _, v in brief.header)]
    for s in brief.sections:
        out.append(s.title)
        for b in s.blocks:
            match b:
                case Para(text) | Subheading(text) | Note(text):
                    out.append(text)
                case Bullets(items) | Lettered(items):
                    out += items
                case Table():
                    out += [b.caption, *(c for row in b.rows for c in row), *(b.total or ())]
                case Figure():
                    out += [b.caption, b.alt]
    return out


@pytest.mark.parametrize("template", TEMPLATE_IDS)
def test_every_brief_of_the_sample_speaks_plainly(template):
    """No network-analysis or tool words, no region letters, and counts that agree with their noun."""
    spec = load_template(template)
    brief = compose(sample(), spec, today=TODAY, sections=[s.id for s in spec.sections])
    texts = brief_texts(brief)
    assert len(texts) > 20
    found = [t for t in texts if BANNED.search(t)]
    assert not found
    wrong_number = [t for t in texts if re.search(r"(?<![\d.,])1 (?!of\b)[a-z]+s\b", t)]
    assert not wrong_number


def test_a_bridge_finding_reads_plainly_in_a_brief_and_precisely_on_screen():
    from workbench.ecosystem.analysis import analyse_ecosystem

    bridge = next(f for f in analyse_ecosystem(sample()).findings if f.kind == "bridge")
    assert "shortest path" in bridge.text  # the Ecosystem view keeps the analyst's words
    assert bridge.brief_text == (
        "Universities reach firms only through Battery Scale-up Centre: if it steps back, that connection is lost."
    )


def test_the_risk_register_travels_in_the_document_json():
    doc = sample()
    back = Document.of(read_document_json(write_document_json(doc).decode("utf-8"), "sample.json"))
    assert sorted(back.all(Risk), key=lambda r: r.id) == sorted(doc.all(Risk), key=lambda r: r.id)
    assert back.get(Brief, brief_id("ministerial")) == doc.get(Brief, brief_id("ministerial"))
    assert count(len(back.all(Risk)), "risk") == "5 risks"

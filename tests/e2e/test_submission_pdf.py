"""The sample's ministerial submission read back with pypdf, as a private office reads it: page 1 holds the
issue and every recommendation letter, no contents list, every paragraph numbered, the annexes lettered,
DRAFT on every page of a draft and on none of a final, and a final export refused while anything is missing."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from reportlab.platypus import Paragraph

from templates_reports.catalogue import load_template
from templates_reports.export import make_brief
from templates_reports.flowables import Numbering, section_body
from templates_reports.fonts import register_fonts
from tests.e2e.cli import run_cli
from workbench.briefs.compose import NotFinal, compose
from workbench.briefs.entities import BriefSection, section_id
from workbench.document import Document
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)
CAPTIONS = {"caption", "figure_caption"}  # a table's caption is not a paragraph of the argument


def sample() -> Document:
    return Document.of(sample_entities())


def pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def draft() -> list[str]:
    return pages(make_brief(sample(), "ministerial", fixed_date=DAY).pdf)


def test_page_one_holds_the_issue_and_every_recommendation_letter_and_no_contents(draft):
    first = draft[0]
    assert "Contents" not in " ".join(draft)
    assert "Issue 1. Public support for battery cells" in first
    assert "Recommendation 2. That you:" in first
    for letter, words in (("(a)", "agree to open"), ("(b)", "agree that the Office"), ("(c)", "note that no")):
        assert f"{letter} {words}" in first
    for label in ("From", "To", "Date", "Clearance", "Copy list", "Purpose For decision", "Subject"):
        assert label in first


def test_annexes_are_lettered_objectives_options_instruments(draft):
    text = " ".join(draft)
    titles = [
        "Annex A: Objectives, indicators and targets",
        "Annex B: Options appraisal",
        "Annex C: Instruments and programmes",
    ]
    assert [text.index(t) for t in titles] == sorted(text.index(t) for t in titles)
    assert "Annex D" not in text and "Checklist status" not in text
    assert "8 GWh" in text and "3,000 jobs" in text


def test_draft_on_every_page_of_a_draft_and_on_none_of_a_final(draft):
    assert len(draft) > 3
    assert all(page.count("DRAFT") >= 2 for page in draft)  # the marking line and the watermark
    final = pages(make_brief(sample(), "ministerial", fixed_date=DAY, final=True).pdf)
    assert not any("DRAFT" in page for page in final)


def test_every_paragraph_of_the_numbered_sections_has_a_number_and_bullets_are_sub_points():
    register_fonts()
    doc = sample()
    text = "Before the list:\n- first point\n- second point"
    doc.entities[BriefSection.KIND][section_id("ministerial", "devolution")] = BriefSection.create(
        id=section_id("ministerial", "devolution"), template="ministerial", section="devolution", text=text
    )
    brief = compose(doc, load_template("ministerial"), today=DAY)
    numbering, labels = Numbering(), []
    for s in brief.sections:
        for flowable in section_body(s, numbering, 450, {}):
            if isinstance(flowable, Paragraph) and s.numbered and flowable.style.name not in CAPTIONS:
                labels.append((s.id, flowable.bulletText))
    assert labels and all(label for _, label in labels)
    assert all(re.fullmatch(r"\d+\.|\d+\.\d+|\([a-z]\)", label) for _, label in labels)
    numbers = [int(label[:-1]) for _, label in labels if label.endswith(".")]
    assert numbers == list(range(1, len(numbers) + 1))  # continuous through every section
    devolution = [label for sid, label in labels if sid == "devolution"]
    n = devolution[0][:-1]
    assert devolution == [f"{n}.", f"{n}.1", f"{n}.2"]
    assert [label for sid, label in labels if sid == "recommendation"] == ["2.", "(a)", "(b)", "(c)"]


def test_a_final_export_is_refused_in_one_sentence_naming_what_is_missing(tmp_path, app_home):
    doc = sample()
    del doc.entities[BriefSection.KIND][section_id("ministerial", "equalities")]
    with pytest.raises(NotFinal, match="until “Equalities” is completed"):
        make_brief(doc, "ministerial", fixed_date=DAY, final=True)
    assert "To be completed" in " ".join(pages(make_brief(doc, "ministerial", fixed_date=DAY).pdf))

    path = tmp_path / "sample.iipw"
    assert run_cli("new", str(path), "--sample", home=app_home).returncode == 0
    out = tmp_path / "final.pdf"
    ok = run_cli("brief", str(path), "--template", "ministerial", "--final", "-o", str(out), home=app_home)
    assert ok.returncode == 0, ok.stderr
    assert not any("DRAFT" in p for p in pages(out.read_bytes()))
    starter = tmp_path / "starter.iipw"
    assert run_cli("new", str(starter), home=app_home).returncode == 0
    refused = tmp_path / "refused.pdf"
    got = run_cli("brief", str(starter), "--template", "ministerial", "--final", "-o", str(refused), home=app_home)
    assert got.returncode == 2 and "Traceback" not in got.stderr
    assert "cannot be exported as final until" in got.stderr and "“Issue”" in got.stderr
    assert not refused.exists()

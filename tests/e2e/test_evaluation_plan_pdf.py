"""The evaluation plan of the sample, read back with pypdf: every Magenta Book heading of an evaluation
prints what the model holds for it, data and baselines come from the stored indicators (never 'To be
completed'), and the experiments with their decision rules and the lessons are there."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf

from templates_reports.export import make_brief
from workbench.briefs.compose import TO_BE_COMPLETED
from workbench.briefs.evaluation_detail import HEADINGS
from workbench.document import Document
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)
# For the sample's open-access pilot lines study: what each heading must print, from the model.
PILOT_LINES = "Open-access pilot lines: interim impact study"
EXPECTED = {
    "Evaluation questions": [
        "1. Can start-ups afford the line fees, and who is priced out?",
        "Tests: the assumption 'Start-ups can afford the line fees'",
        "2. Do designs proved on the pilot lines move into the plant?",
    ],
    "Type": ["Impact. Timing: interim."],
    "Design and counterfactual": [
        "Quasi-experimental; Contribution analysis.",
        "Counterfactual: Firms that applied for line time but were not booked",
    ],
    "Indicators and data sources": [
        "Indicators: Installed annual cell production capacity (GWh).",
        "Data sources: Line booking records, user firms' follow-on funding",
    ],
    "Baseline": [
        "Installed annual cell production capacity: 0.2 GWh on 1 January 2024; target 8 GWh by 31 December 2030.",
        "Line booking records from opening (2023)",
    ],
    "Governance": [
        "Steering group: Pilot lines evaluation group: Ministry, Agency, two user firms.",
        "Quality assurance: Contractor's quality plan",
        "Peer review: Academic peer reviewer from the Northland Institute of Technology.",
        "Independence: External contractor. The contractor also advises two firms",
    ],
    "Proportionality": ["High spend; High learning value.", "Decides whether two more lines are built", "€350k"],
    "Publication": ["Publish in full.", "Registration: Analysis plan registered with the Office for Policy Evaluation"],
    "Status and management response": [
        "In progress, report due 31 December 2026.",
        "Management response: awaited once the report is in.",
    ],
}


def text_of(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def test_each_magenta_book_heading_of_an_evaluation_prints_its_content_from_the_model():
    text = text_of(make_brief(Document.of(sample_entities()), "evaluation", fixed_date=DAY).pdf)
    detail = text[text.rindex("Each evaluation in detail") :]  # the section, not its line in the contents
    first_row = "Heading The plan Evaluation questions"  # a table's start (its header repeats on each page)
    start = detail.index(first_row, detail.index(PILOT_LINES))  # its table, up to the next one's
    block = detail[start : detail.index(first_row, start + 1)]
    assert list(EXPECTED) == list(HEADINGS)
    at = [block.index(heading) for heading in HEADINGS]
    assert at == sorted(at), "the headings print in the Magenta Book's order"
    for n, heading in enumerate(HEADINGS):
        content = block[at[n] + len(heading) : at[n + 1] if n + 1 < len(at) else len(block)]
        for snippet in EXPECTED[heading]:
            assert snippet in content, (heading, snippet, content)


def test_data_and_baselines_experiments_and_lessons_come_from_the_registers():
    text = text_of(make_brief(Document.of(sample_entities()), "evaluation", fixed_date=DAY).pdf)
    assert TO_BE_COMPLETED not in text
    data = text[text.rindex("Data and baselines") : text.rindex("Experiments and their decision rules")]
    assert "Share of the plant's inputs bought from Northland SMEs 6% on 1 January 2024; target 20%" in data
    assert "Supplier spend survey (half yearly)" in data
    assert "Residents who trust the plant to be safe not set; target not set" in data
    experiments = text[text.rindex("Experiments and their decision rules") : text.rindex("Lessons")]
    assert "Westvale SME voucher pilot" in experiments
    assert "Roll out nationally if at least 30% of voucher firms start a supplier qualification" in experiments
    lessons = text[text.rindex("Lessons") : text.rindex("Use of findings")]
    assert "Other country: Singapore" in lessons and "(rotating out)" in lessons
    use = text[text.rindex("Use of findings") :]
    assert "Response agreed (1): Gigafactory loan: appraisal and value for money." in use

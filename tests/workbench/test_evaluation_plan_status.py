"""The evaluation plan says an evaluation is overdue as of the brief's date, not only when it was due."""

from __future__ import annotations

import datetime as dt

from templates_reports.catalogue import load_template
from workbench.briefs.blocks import Table
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.sample import sample_entities


def status_rows(today: dt.date) -> list[str]:
    brief = compose(Document.of(sample_entities()), load_template("evaluation"), today=today)
    tables = [b for s in brief.sections for b in s.blocks if isinstance(b, Table)]
    return [row[1] for t in tables for row in t.rows if row[0].startswith("Status")]


def test_an_evaluation_past_its_report_date_reads_overdue_in_the_plan():
    before = status_rows(dt.date(2026, 9, 30))
    after = status_rows(dt.date(2026, 10, 1))
    assert any("report due 30 September 2026" in s for s in before)
    assert not any("overdue" in s for s in before)
    assert any("report overdue since 30 September 2026" in s for s in after)

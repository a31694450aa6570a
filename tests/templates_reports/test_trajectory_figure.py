"""The trajectory figure: an indicator's measurements against the straight path from baseline to target,
its status written above the chart and drawn as a shape (circle, triangle, square), never by colour alone;
and the brief provider that offers one figure per measured indicator and says why the others have none."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.graphics.shapes import Circle, Line, Polygon, Rect, String

from templates_reports.figures.trajectory import trajectory_drawing
from templates_reports.flowables import figure_drawing
from templates_reports.fonts import FONT
from templates_reports.styles import FIGURE_WIDTH
from workbench.briefs.blocks import Bullets, Figure, Para
from workbench.briefs.context import BriefContext
from workbench.briefs.monitoring import trajectory_blocks
from workbench.briefs.providers import PROVIDERS
from workbench.document import Document
from workbench.monitoring.entities import Indicator, Measurement
from workbench.sample import sample_entities

TODAY = dt.date(2026, 3, 1)
PATH = dict(baseline_value=0.0, baseline_date="2024-01-01", target_value=100.0, target_date="2029-01-01")


def indicator(*values: tuple[str, float]) -> list:
    ind = Indicator.create(id="gwh", name="Cells made", unit="GWh", **PATH)
    return [ind, *(Measurement.create(indicator_id="gwh", date=d, value=v) for d, v in values)]


def figures(doc: Document) -> list[Figure]:
    return [b for b in trajectory_blocks(doc, TODAY) if isinstance(b, Figure)]


def strings(drawing) -> list[str]:
    return [n.text for n in drawing.contents if isinstance(n, String)]


@pytest.mark.parametrize(
    ("value", "words", "shape"),
    [(20.0, "● On track", Circle), (15.0, "▲ At risk", Polygon), (5.0, "■ Off track", Rect)],
)
def test_the_status_is_written_and_drawn_as_its_shape(value, words, shape):
    """A year in, the path expects 20: 20 is on track, 15 (75%) at risk, 5 (25%) off track."""
    (figure,) = figures(Document.of(indicator(("2024-06-30", 4.0), ("2025-01-01", value))))
    drawing = trajectory_drawing(figure.diagram)
    assert words in strings(drawing)
    assert figure.caption.startswith(f"Cells made (GWh): measurements against the straight path from baseline to "
                                     f"target. {words}: by 1 January 2025")  # fmt: skip
    assert len([n for n in drawing.contents if isinstance(n, shape) and n.strokeWidth == 0.6]) == 2
    assert "Baseline 0 on 1 Jan 2024; target 100 by 1 Jan 2029 (GWh)" in strings(drawing)
    assert [n for n in drawing.contents if isinstance(n, Line) and n.strokeDashArray]  # the path, dashed
    assert figure.alt.startswith("A line chart of 'Cells made'. The path runs from 0 on 1 January 2024 to 100")


def test_indicators_without_a_path_or_a_measurement_are_listed_with_why_not():
    no_path = Indicator.create(id="trust", name="Residents who trust the plant")
    blocks = trajectory_blocks(Document.of([*indicator(), no_path]), TODAY)
    assert isinstance(blocks[0], Para) and blocks[0].text.startswith("On track when the latest measurement")
    assert not [b for b in blocks if isinstance(b, Figure)]
    (why,) = [b for b in blocks if isinstance(b, Bullets)]
    assert why.items == (
        "'Cells made': no measurement recorded yet.",
        "'Residents who trust the plant': no baseline and target with their dates, so there is no path to judge "
        "it against.",
    )
    assert trajectory_blocks(Document(), TODAY) == []  # no indicators: nothing to say


def test_the_provider_draws_the_sample_s_measured_indicators_within_the_figure_width_in_the_brief_fonts():
    blocks = PROVIDERS["indicator_trajectories"](BriefContext(Document.of(sample_entities())))
    drawn = [b for b in blocks if isinstance(b, Figure)]
    assert [f.diagram.status for f in drawn] == ["on_track", "off_track", "on_track", "at_risk"]
    for figure in drawn:
        drawing = figure_drawing(figure.diagram)
        assert drawing.width == FIGURE_WIDTH
        assert all(n.fontName.startswith(FONT) for n in drawing.contents if isinstance(n, String))


PRINT_MINIMUM = 8.0  # points, as printed: the body text is 12 pt and the chart is printed at its own size


def sample_and_long_charts() -> list:
    sample = PROVIDERS["indicator_trajectories"](BriefContext(Document.of(sample_entities())))
    long_run = Indicator.create(
        id="jobs", name="Jobs", unit="jobs", baseline_value=1200.0, baseline_date="1995-01-01",
        target_value=24000.0, target_date="2050-12-31",
    )  # fmt: skip
    measured = [Measurement.create(indicator_id="jobs", date=f"{y}-06-30", value=1200.0 + 400 * (y - 1995)) for y in
                (2000, 2010, 2020)]  # fmt: skip
    long = trajectory_blocks(Document.of([long_run, *measured]), TODAY)
    return [figure_drawing(b.diagram) for b in [*sample, *long] if isinstance(b, Figure)]


def test_every_word_on_the_chart_is_at_least_8_pt_as_printed():
    for drawing in sample_and_long_charts():
        assert drawing.width == FIGURE_WIDTH  # laid out at its own size, never shrunk to fit
        small = {(n.text, n.fontSize) for n in drawing.contents if isinstance(n, String) and n.fontSize < PRINT_MINIMUM}
        assert small == set()


def test_no_label_on_the_chart_sits_over_another_or_under_a_line():
    from tests.templates_reports.drawn_overlaps import problems

    drawings = sample_and_long_charts()
    assert [problems(d) for d in drawings] == [[]] * len(drawings)
    long = strings(drawings[-1])
    assert "25,000" in long and not [t for t in long if "e+" in t]  # values read as numbers

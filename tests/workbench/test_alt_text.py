"""Every figure of a brief says in words what it shows (its alt text), from the model."""

from __future__ import annotations

import datetime as dt

import pytest

from templates_reports.catalogue import load_template
from workbench.briefs.alt_text import LISTED, listing
from workbench.briefs.compose import compose
from workbench.document import Document
from workbench.sample import sample_entities

DAY = dt.date(2026, 3, 5)


@pytest.mark.parametrize("template", ["ministerial", "evaluation", "workshop"])
def test_every_figure_gets_alt_text_at_composition(template):
    spec = load_template(template)
    every = [s.id for s in spec.sections]  # the optional diagnostic annexes too
    brief = compose(Document.of(sample_entities()), spec, today=DAY, sections=every)
    assert brief.figures and all(f.alt and f.alt.endswith(".") for f in brief.figures)


def test_the_venn_says_which_measures_sit_where_and_which_overlap_is_empty():
    spec = load_template("ministerial")
    brief = compose(Document.of(sample_entities()), spec, today=DAY, sections=[s.id for s in spec.sections])
    venn = next(f.alt for f in brief.figures if f.alt.startswith("Venn diagram"))
    assert venn.startswith("Venn diagram of three policy spheres: Science & research policy, Innovation policy, ")
    assert (
        "3 measures sit in science & research policy only: Electrochemistry frontier research grants, "
        "Battery doctoral training centre, Materials characterisation facility." in venn
    )
    assert "No measure sits where science & research policy and industrial policy overlap." in venn
    chart = next(f.alt for f in brief.figures if f.alt.startswith("Bar chart"))
    assert "Research €128m" in chart and "valley of death runs from Prototype / demonstration to Production" in chart
    ecosystem = next(f.alt for f in brief.figures if f.alt.startswith("Map of the institutional ecosystem"))
    assert "6 SMEs" in ecosystem and "1 other actor" in ecosystem and "47 links" in ecosystem


def test_long_lists_are_counted_after_the_first_names():
    names = [f"Measure {n}" for n in range(LISTED + 3)]
    assert listing(names).endswith(f"Measure {LISTED - 1} and 3 more")
    assert listing(names[:2]) == "Measure 0, Measure 1"

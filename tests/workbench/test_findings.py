"""The overview's summary of what needs attention, as kept between starts (workbench.findings)."""

from __future__ import annotations

import json

import pytest

from workbench.attention import needs_attention
from workbench.document import Document
from workbench.ecosystem.entities import Actor
from workbench.findings import AREAS, SUMMARY_SHOWN, Attention, Finding, from_summary_data, summary_data
from workbench.sample import sample_entities


def _many_alone() -> Document:
    """The sample with actors linked to no one: every area but one has findings, some many."""
    extra = [Actor(id=f"alone{n}", name=f"Alone {n}") for n in range(7)]
    return Document.of([*sample_entities(), *extra])


def test_a_summary_keeps_the_first_findings_of_each_area_and_counts_the_rest():
    found = needs_attention(_many_alone())
    kept = from_summary_data(json.loads(json.dumps(summary_data(found))))
    assert [a.area for a in kept] == [a.area for a in found]
    for whole, summary in zip(found, kept, strict=True):
        assert summary.findings == whole.findings[:SUMMARY_SHOWN] and summary.total == whole.total
    assert max(a.more for a in kept) > 10  # the theory of change's findings, say
    assert from_summary_data(summary_data(kept)) == kept  # a summary of a summary is itself


def test_every_area_needs_attention_names_is_one_a_summary_accepts():
    assert {a.area for a in needs_attention(_many_alone())} <= set(AREAS)


@pytest.mark.parametrize(
    "data",
    [
        {},
        [{"area": "nowhere", "title": "T", "findings": [], "more": 0}],
        [{"area": "spheres", "title": 3, "findings": [], "more": 0}],
        [{"area": "spheres", "title": "T", "findings": [], "more": -1}],
        [{"area": "spheres", "title": "T", "findings": [], "more": True}],
        [{"area": "spheres", "title": "T", "findings": [], "more": 0, "extra": 1}],
        [{"area": "spheres", "title": "T", "findings": [{"text": "x"}], "more": 0}],
        [{"area": "spheres", "title": "T", "findings": [{"text": "x", "refs": [["item"]]}], "more": 0}],
        [{"area": "spheres", "title": "T", "findings": [{"text": "x", "refs": [["item", 7]]}], "more": 0}],
    ],
)
def test_anything_but_a_summary_is_refused(data):
    with pytest.raises(ValueError):
        from_summary_data(data)


def test_an_area_counts_the_findings_a_summary_left_out():
    area = Attention("ecosystem", "Ecosystem", (Finding("a"), Finding("b", (("actor", "x"),))), more=3)
    assert area.total == 5 and from_summary_data(summary_data([area], shown=1))[0].total == 5

"""Monitoring: the status rule at its boundaries (90% and 70% of the way the straight path expects,
either direction), what cannot be judged, when a measurement is overdue, and the sample's examples."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.attention import needs_attention
from workbench.document import Document
from workbench.errors import ValidationError
from workbench.monitoring.entities import Indicator, Measurement
from workbench.monitoring.status import attention_lines, expected_value, monitoring, status_of
from workbench.sample import sample_entities

# 0 -> 100 over 2024 (a leap year: 366 days); halfway through, the path expects 50.
RISING = Indicator.create(
    id="i",
    name="Firms reached",
    baseline_value=0.0,
    baseline_date="2024-01-01",
    target_value=100.0,
    target_date="2025-01-01",
    frequency="quarterly",
)
HALFWAY = "2024-07-02"  # day 183 of 366
TODAY = dt.date(2024, 8, 1)


def at(value: float, date: str = HALFWAY, ind: Indicator = RISING):
    return status_of(ind, [Measurement.create(indicator_id=ind.id, date=date, value=value)], TODAY)


def test_the_path_is_straight_from_baseline_to_target_and_holds_at_the_target():
    assert expected_value(RISING, dt.date(2024, 7, 2)) == pytest.approx(50.0)
    assert expected_value(RISING, dt.date(2023, 1, 1)) == 0.0
    assert expected_value(RISING, dt.date(2030, 1, 1)) == 100.0


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (60.0, "on_track"),
        (45.0, "on_track"),
        (44.99, "at_risk"),
        (35.0, "at_risk"),
        (34.99, "off_track"),
        (-5.0, "off_track"),
    ],
)
def test_the_status_rule_at_its_boundaries(value, status):
    assert at(value).status == status


def test_a_falling_target_counts_a_fall_as_progress():
    falling = RISING.changed(baseline_value=100.0, target_value=0.0)
    assert at(55.0, ind=falling).status == "on_track"  # 45 of the expected 50 down
    assert at(66.0, ind=falling).status == "off_track"  # 34 of 50
    assert at(120.0, ind=falling).status == "off_track"  # the wrong way


def test_at_the_baseline_date_holding_is_on_track_and_going_back_is_not():
    assert at(0.0, date="2024-01-01").status == "on_track"
    assert at(-1.0, date="2024-01-01").status == "off_track"


def test_without_a_full_path_it_cannot_be_judged_and_without_a_value_it_is_not_measured():
    assert status_of(RISING.changed(target_date=None), [], TODAY).status == "no_path"
    s = status_of(RISING, [], TODAY)
    assert (s.status, s.words) == ("not_measured", "○ Not measured yet")


def test_the_latest_measurement_decides_and_the_next_is_due_a_period_later():
    measured = [
        Measurement.create(indicator_id="i", date="2024-07-02", value=10.0),
        Measurement.create(indicator_id="i", date="2024-04-01", value=30.0),
    ]
    s = status_of(RISING, measured, dt.date(2024, 10, 2))
    assert (s.status, s.latest.date, s.next_due, s.overdue) == ("off_track", "2024-07-02", "2024-10-02", False)
    assert status_of(RISING, measured, dt.date(2024, 10, 3)).overdue
    assert status_of(RISING, [], dt.date(2024, 4, 2)).overdue  # the first is due a period after the baseline


def test_the_status_is_said_in_words_and_a_shape():
    assert [at(v).words for v in (60.0, 40.0, 10.0)] == ["● On track", "▲ At risk", "■ Off track"]


def test_an_indicator_ends_no_earlier_than_it_starts():
    with pytest.raises(ValidationError, match="Baseline date"):
        RISING.changed(target_date="2023-01-01")


def test_the_sample_has_each_status_and_overdue_measurements():
    statuses = {s.indicator_id: s for s in monitoring(Document.of(sample_entities()), dt.date(2026, 3, 1))}
    assert {k: s.status for k, s in statuses.items()} == {
        "ind-cell-capacity": "off_track",
        "ind-sme-share": "at_risk",
        "ind-regional-jobs": "on_track",
        "ind-community-trust": "no_path",
        "ind-carbon-footprint": "on_track",
        "ind-supply-resilience": "not_measured",
    }
    lines = attention_lines(list(statuses.values()))
    assert (
        "A measurement of 'Share of the plant's inputs bought from Northland SMEs' was due on 2025-07-01 "
        "and is not recorded." in lines
    )
    assert (
        lines[0] == "■ Off track: 'Installed annual cell production capacity' has covered 18% of the way the "
        "path expects."
    )


def test_the_overview_lists_monitoring_among_what_needs_attention():
    found = {a.area: a for a in needs_attention(Document.of(sample_entities()), dt.date(2026, 3, 1))}
    assert "monitoring" in found and list(found).index("monitoring") == list(found).index("theory_of_change") + 1
    assert len(found["monitoring"].findings) == 5

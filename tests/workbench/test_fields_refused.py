"""FieldSpec.refused clears whole columns at once; it must refuse exactly what check refuses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.workbench.support import examples
from workbench.errors import ValidationError
from workbench.fields import FieldSpec

SPECS = st.builds(
    FieldSpec,
    label=st.just("Field"),
    kind=st.sampled_from(["text", "longtext", "ref", "int", "float"]),
    required=st.booleans(),
    minimum=st.none() | st.integers(-5, 5),
    maximum=st.none() | st.integers(5, 20),
    ref=st.just("actor"),
    max_length=st.integers(1, 80),
)
VALUE = (
    st.none()
    | st.booleans()
    | st.integers(-30, 30)
    | st.integers(min_value=2**62)
    | st.floats(allow_nan=False)
    | st.text(max_size=90)
    | st.sampled_from(["", "  ", "a\nb", "x\x01", "ok", "é" * 70, b"bytes"])
)
VALUES = st.sets(VALUE, max_size=8)
COLUMNS = st.lists(VALUE | st.sampled_from([None, "ok", 3]), max_size=12).map(tuple)  # as a table holds them


def _refused_one_by_one(spec: FieldSpec, values: set) -> set:
    out = set()
    for v in values:
        try:
            spec.check("Entity", spec.label, v)
        except ValidationError:
            out.add(v)
    return out


@settings(max_examples=examples(400), deadline=None)
@given(SPECS, VALUES)
def test_refused_agrees_with_check(spec, values):
    assert set(spec.refused("Entity", values)) == _refused_one_by_one(spec, values)


@settings(max_examples=examples(400), deadline=None)
@given(SPECS, COLUMNS)
def test_a_column_as_read_is_refused_as_its_values_one_by_one(spec, column):
    """Opening hands each column as read, repeats and blanks and all, not a set of its values."""
    assert set(spec.refused("Entity", column)) == _refused_one_by_one(spec, set(column))


def test_refused_names_the_reason():
    spec = FieldSpec(label="TRL from", kind="int", minimum=1, maximum=9)
    assert spec.refused("Instrument", [3, 4, 12, 3]) == {12: "TRL from must be at most 9, not 12"}


@settings(max_examples=examples(400), deadline=None)
@given(SPECS, VALUES)
def test_a_column_that_passes_is_accepted_and_kept_by_check(spec, values):
    """An import takes the values of a column that `passes` as they are, without `check` for each."""
    if spec.passes(values):
        for v in values - {None}:
            if not (isinstance(v, str) and not v.strip()):
                assert spec.check("Entity", spec.label, v) == v

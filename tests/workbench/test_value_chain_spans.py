"""Moving an instrument's span along the value chain with the arrow keys, without a window."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.value_chain.spans import stepped


def test_a_span_moves_whole_and_stops_at_the_ends_of_the_chain():
    assert stepped((1, 2), 1, 5) == (2, 3)
    assert stepped((1, 2), -1, 5) == (0, 1)
    assert stepped((3, 4), 1, 5) == (3, 4)  # already at the end: it stays, whole
    assert stepped((1, 2), -5, 5) == (0, 1)


def test_resizing_moves_only_the_last_stage_and_never_before_the_first():
    assert stepped((1, 2), 1, 5, resize=True) == (1, 3)
    assert stepped((1, 2), -3, 5, resize=True) == (1, 1)
    assert stepped((1, 4), 1, 5, resize=True) == (1, 4)


def test_a_span_not_placed_yet_goes_on_the_first_stage_going_forward_the_last_going_back():
    assert stepped(None, 1, 5) == (0, 0)
    assert stepped(None, -1, 5) == (4, 4)
    assert stepped(None, 1, 5, resize=True) == (0, 0)


@st.composite
def chains(draw):
    stages = draw(st.integers(1, 12))
    first = draw(st.integers(0, stages - 1))
    last = draw(st.integers(first, stages - 1))
    return stages, (first, last)


@given(chains(), st.integers(-15, 15), st.booleans())
def test_a_stepped_span_stays_on_the_chain_in_order(chain, steps, resize):
    stages, span = chain
    first, last = stepped(span, steps, stages, resize=resize)
    assert 0 <= first <= last < stages
    if resize:
        assert first == span[0]
    else:
        assert last - first == span[1] - span[0]  # moving never changes its length
        if span[0] + steps >= 0 and span[1] + steps < stages:
            assert (first, last) == (span[0] + steps, span[1] + steps)
            assert stepped((first, last), -steps, stages) == span  # and the way back is the way back

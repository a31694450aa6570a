"""Counts agree with their nouns and field labels read well mid-sentence, everywhere the program prints them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.words import count, field_words, plural

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [
        (1, "instrument", "1 instrument"),
        (0, "instrument", "0 instruments"),
        (2, "capability", "2 capabilities"),
        (1, "evaluation", "1 evaluation"),
        (3, "key", "3 keys"),
        (2, "sticky note", "2 sticky notes"),
        (2, "box", "2 boxes"),
    ],
)
def test_a_count_agrees_with_its_noun(n, noun, said):
    assert count(n, noun) == said


def test_an_irregular_plural_is_given():
    assert count(2, "instrument or programme", "instruments and programmes") == "2 instruments and programmes"
    assert count(1, "instrument or programme", "instruments and programmes") == "1 instrument or programme"
    assert plural("person") == "people"


def test_a_label_mid_sentence_keeps_its_acronyms():
    assert field_words("TRL from") == "TRL from"
    assert field_words("Budget (millions)") == "budget (millions)"
    assert field_words("Lead actor") == "lead actor"


# A number printed straight before a plural noun ("{len(ids)} actors"): "1 actors" whenever it is one.
_COUNT_BEFORE_PLURAL = re.compile(
    r"\{(len\([^{}]*\)|missing|total|cast|voters|groups|n)\} (?!is\b|was\b|has\b)[a-z]+s\b"
)


def test_no_message_prints_a_count_before_a_fixed_plural():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in ("ui", "workbench", "templates_reports", "db")
        for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _COUNT_BEFORE_PLURAL.search(line)
    ]
    assert not found, "counts that say '1 ...s':\n" + "\n".join(found)

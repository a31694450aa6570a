"""How the program says counts and field names in a sentence, written once so every message agrees.

`count(1, "instrument")` is "1 instrument", `count(3, "capability")` "3 capabilities"; `field_words`
puts a field's label mid-sentence ("Set TRL from of ...", "Set budget of ...") keeping acronyms.
"""

from __future__ import annotations

_IRREGULAR = {"person": "people", "criterion": "criteria", "this": "these"}


def plural(noun: str) -> str:
    """The plural of an English noun as the program uses them ("capability" -> "capabilities")."""
    head, _, tail = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if tail in _IRREGULAR:
        return prefix + _IRREGULAR[tail]
    if tail.endswith("y") and tail[-2:-1] not in tuple("aeiou"):
        return prefix + tail[:-1] + "ies"
    if tail.endswith(("s", "x", "ch", "sh")):
        return prefix + tail + "es"
    return prefix + tail + "s"


def count(n: int, noun: str, many: str = "") -> str:
    """'1 instrument', '0 instruments', '2 instruments'; `many` gives a plural the rule gets wrong
    ("instruments and programmes" for "instrument or programme")."""
    return f"{n} {agreeing(n, noun, many)}"


def agreeing(n: int, noun: str, many: str = "") -> str:
    """The noun as it follows the number `n` ("2 of 3 files"), as `count` writes it."""
    return noun if n == 1 else (many or plural(noun))


def field_words(label: str) -> str:
    """A field's label inside a sentence: lower case except words written in capitals (TRL, MRL, SME)."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in label.split(" "))


def listing(names: list[str] | tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C': names in a sentence, as a reader writes them."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"

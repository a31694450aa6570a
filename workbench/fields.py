"""Field descriptions shared by validation, storage and the inspector form.

Each entity attribute declares once what it holds (type, range, choices, reference); the database
mapping, the inspector and the validator all read the same description.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workbench.errors import ValidationError
from workbench.words import count

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Choice(StrEnum):
    """A closed list of values stored as readable strings; `label` is what a person reads."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())


# Labels that capitalisation alone would get wrong.
_LABELS = {
    "official_sensitive": "OFFICIAL-SENSITIVE",
    "official": "OFFICIAL",
    "secret": "SECRET",
    "top_secret": "TOP SECRET",
    "sme": "SME",
    "rto": "Research & technology organisation",
    "value_for_money": "Value for money",
    "ex_ante": "Ex-ante",
    "ex_post": "Ex-post",
    "long_term": "Long-term (beyond programme end)",
    "na": "Not applicable",
    "rd_grant": "R&D grant",
    "reports_to": "Reports to",
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What one attribute may hold.

    kind: text (one line), longtext, int, float, bool, choice, choices (list of choice values),
    date (ISO yyyy-mm-dd), colour (#rrggbb), ref (id of another entity), refs (list of ids),
    strings (list of free strings).
    """

    label: str
    kind: str
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: type[Choice] | None = None
    ref: str | None = None
    max_length: int = 10_000
    help: str = ""
    editable: bool = True
    money: bool = False  # whole units of the project currency, printed as "€420m" (workbench.money.currency)

    def check(self, entity: str, name: str, value: Any) -> Any:
        """Return the value normalised for storage, or raise ValidationError naming the field."""
        label = self.label
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise ValidationError(entity, label, "is required")
            if self.kind in LIST_KINDS:
                return []
            return "" if self.kind in ("text", "longtext") else None
        checker = _CHECKERS[self.kind]
        return checker(self, entity, label, value)

    def passes(self, values: Collection[Any]) -> bool:
        """True only if `check` accepts every one of `values` and gives back each that is not blank as it is
        (a number: an equal one), found for them all at once; False says only that some must go through
        `check` one by one. A column as it is will do: making a set of it first costs more than it spares."""
        clear = _ALL_PASS.get(self.kind)
        return clear is not None and clear(self, values)

    def refused(self, entity: str, values: Collection[Any]) -> dict[Any, str]:
        """The distinct `values` that `check` refuses, with its reason (opening checks every stored value).

        A column of plain numbers, one-line texts or ids is cleared as a whole when every value passes
        for certain; otherwise each distinct value goes through `check`. A test pins the two together."""
        if self.passes(values):
            return {}
        out = {}
        for value in set(values):
            try:
                self.check(entity, self.label, value)
            except ValidationError as err:
                out[value] = f"{err.field} {err.problem}"
        return out


def _check_text(spec: FieldSpec, entity: str, label: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(entity, label, f"must be text, not {type(value).__name__}")
    if len(value) > spec.max_length:
        raise ValidationError(
            entity, label, f"is too long ({count(len(value), 'character')}; at most {spec.max_length})"
        )
    if _CONTROL.search(value):
        raise ValidationError(entity, label, "contains control characters")
    if spec.kind == "text" and ("\n" in value or "\r" in value):
        raise ValidationError(entity, label, "must fit on one line")
    return value


def _check_number(spec: FieldSpec, entity: str, label: str, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(entity, label, f"must be a number, not {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(entity, label, "must be a finite number")
    if spec.kind == "int":
        if isinstance(value, float) and not value.is_integer():
            raise ValidationError(entity, label, f"must be a whole number, not {value}")
        value = int(value)
    else:
        try:
            value = float(value)
        except OverflowError:  # an integer of hundreds of digits, as a hostile JSON file may hold
            raise ValidationError(entity, label, "is far too large a number") from None
    if spec.minimum is not None and value < spec.minimum:
        raise ValidationError(entity, label, f"must be at least {spec.minimum:g}, not {value:g}")
    if spec.maximum is not None and value > spec.maximum:
        raise ValidationError(entity, label, f"must be at most {spec.maximum:g}, not {value:g}")
    return value


def _check_bool(spec: FieldSpec, entity: str, label: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(entity, label, f"must be yes or no, not {value!r}")
    return value


def _one_choice(spec: FieldSpec, entity: str, label: str, value: Any) -> str:
    assert spec.choices is not None
    try:
        return spec.choices(value).value
    except ValueError:
        allowed = ", ".join(c.value for c in spec.choices)
        raise ValidationError(entity, label, f"must be one of {allowed}, not {value!r}") from None


def _check_choices(spec: FieldSpec, entity: str, label: str, value: Any) -> list[str]:
    items = _as_list(entity, label, value)
    out = [_one_choice(spec, entity, label, v) for v in items]
    return list(dict.fromkeys(out))


def _check_date(spec: FieldSpec, entity: str, label: str, value: Any) -> str:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValidationError(entity, label, f"must be a date like 2026-03-31, not {value!r}")
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(entity, label, f"is not a real date: {value}") from None
    return value


def _check_colour(spec: FieldSpec, entity: str, label: str, value: Any) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value):
        raise ValidationError(entity, label, f"must be a colour like #1f77b4, not {value!r}")
    return value.lower()


def _check_ref(spec: FieldSpec, entity: str, label: str, value: Any) -> str:
    if not isinstance(value, str) or not value or _CONTROL.search(value) or len(value) > 64:
        raise ValidationError(entity, label, f"must be the id of a {spec.ref}, not {value!r}")
    return value


def _check_refs(spec: FieldSpec, entity: str, label: str, value: Any) -> list[str]:
    return list(dict.fromkeys(_check_ref(spec, entity, label, v) for v in _as_list(entity, label, value)))


def _check_strings(spec: FieldSpec, entity: str, label: str, value: Any) -> list[str]:
    items = _as_list(entity, label, value)
    one = dataclasses.replace(spec, kind="text")
    return [s for s in (_check_text(one, entity, label, v).strip() for v in items) if s]


def _as_list(entity: str, label: str, value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    raise ValidationError(entity, label, f"must be a list, not {value!r}")


_CHECKERS = {
    "text": _check_text,
    "longtext": _check_text,
    "int": _check_number,
    "float": _check_number,
    "bool": _check_bool,
    "choice": _one_choice,
    "choices": _check_choices,
    "date": _check_date,
    "colour": _check_colour,
    "ref": _check_ref,
    "refs": _check_refs,
    "strings": _check_strings,
}

LIST_KINDS = frozenset({"choices", "refs", "strings"})


def _texts_pass(spec: FieldSpec, values: Collection[Any]) -> bool:
    """True only if `check` accepts every value: all text (joining them refuses anything else), none blank
    when required, short enough, no control characters (one regex over all of them), on one line for
    one-line text. A column of 100,000 ids goes through each test in one pass of C, no copy of it made."""
    try:
        joined = "".join(values)
    except TypeError:  # not all text: blanks (None) left out, when they may be, the rest must be
        if spec.required or None not in values:
            return False
        values = [v for v in values if v is not None]
        try:
            joined = "".join(values)
        except TypeError:
            return False
    if spec.required and not all(map(str.strip, values)):
        return False
    if spec.kind == "ref" and "" in values:
        return False
    limit = 64 if spec.kind == "ref" else spec.max_length
    if (len(joined) > limit and max(map(len, values)) > limit) or _CONTROL.search(joined):
        return False
    return spec.kind == "longtext" or ("\n" not in joined and "\r" not in joined)


def _numbers_pass(spec: FieldSpec, values: Collection[Any]) -> bool:
    """True only if `check` accepts every value: all numbers of the right sort, finite, within range. The
    distinct ones: numbers are quick to hash, and many a column holds a handful."""
    distinct = set(values)
    if not spec.required:
        distinct.discard(None)
    if not distinct:
        return True
    allowed = {int} if spec.kind == "int" else {int, float}
    if not set(map(type, distinct)) <= allowed:
        return False
    try:
        if not all(map(math.isfinite, distinct)):
            return False
    except OverflowError:  # an integer too large for a float: let `check` say so
        return False
    low, high = min(distinct), max(distinct)
    return (spec.minimum is None or low >= spec.minimum) and (spec.maximum is None or high <= spec.maximum)


_ALL_PASS = {"text": _texts_pass, "longtext": _texts_pass, "ref": _texts_pass, "int": _numbers_pass,
             "float": _numbers_pass}


def attr(default: Any = None, /, label: str = "", kind: str = "text", **spec: Any) -> Any:
    """Declare an entity attribute with its FieldSpec (used inside entity dataclasses)."""
    meta = {"spec": FieldSpec(label=label, kind=kind, **spec)}
    if kind in LIST_KINDS:
        return dataclasses.field(default_factory=list, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)

"""Records read out of a file, and values spelt as text turned into what their field holds.

The formats differ only in how they spell values; a reader turns a file into records that name
their file and place, and `plan.plan_import` decides what each record does to the document.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import Any, overload

from workbench.ecosystem.entities import Actor, Link
from workbench.entity import Entity
from workbench.fields import Choice, FieldSpec
from workbench.interchange.errors import BadImportFile

TYPES: dict[str, type[Entity]] = {"actor": Actor, "link": Link}
MAX_ID = 64
OWN_ID = "workbench_id"  # the column or attribute that marks ids written by this app
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_NUMBER_SPELLING = b"0123456789+-.eE"  # all a number plainly spelt is made of (see `column_from_text`)
_DECIMAL_COMMA = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d*),\d+$")  # 200,5 and 1.200,25
_BAD_ID = re.compile(r"[\x00-\x1f\x7f]")
NOT_TEXT = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


class Record:
    """One actor or link as a file gives it: field -> value, only the fields the file names.

    `own` says the id was written by this app (the file carries the marker), so it is the
    document's id; otherwise it is the other tool's label. `problem` is set by a reader for a row it
    could not read whole (that row is skipped, the others imported). `decimal_comma` lets numbers
    be written 200,5 (a ';'-separated file from a spreadsheet set to German or French).

    A reader may give the values as read instead, a `row` of cells under `names` (a CSV row as long as
    its header, `values` None): a run of them is read a column at a time (`runs`), with no dict per row;
    `values` makes the dict only for a record planned on its own."""

    __slots__ = ("_values", "decimal_comma", "file", "kind", "names", "own", "problem", "row", "where")

    def __init__(
        self,
        kind: str,
        values: dict[str, Any] | None,
        file: str,
        where: str | None,
        own: bool = False,
        problem: str | None = None,
        decimal_comma: bool = False,
        names: tuple[str, ...] | None = None,
        row: Sequence[str] | None = None,
    ):
        self.kind, self._values, self.file, self.where = kind, values, file, where
        self.own, self.problem, self.decimal_comma = own, problem, decimal_comma
        self.names, self.row = (names, row) if values is None else (None, None)

    @property
    def values(self) -> dict[str, Any]:
        if self._values is None:
            assert self.names is not None and self.row is not None
            self._values = dict(zip(self.names, self.row, strict=True))
        return self._values

    def fail(self, problem: str) -> BadImportFile:
        return BadImportFile(self.file, problem, self.where)


class RowsRead(Sequence[Record]):
    """The records of one file's rows as a reader read them (see `csv_io`), all of one kind: a row's `values`
    (None: the row as read under `names`), the `line` it starts on and the `problem` found in it. A file of
    50,000 links makes no object per row: its runs are read a column at a time (`runs`), and a `Record` is
    made only for a row planned on its own or named in a message."""

    def __init__(
        self,
        kind: str,
        file: str,
        own: bool,
        decimal_comma: bool,
        names: tuple[str, ...],
        rows: Sequence[Sequence[str]],
        lines: Sequence[int],
        values: Sequence[dict[str, Any] | None],
        problems: Sequence[str | None],
    ):
        self.kind, self.file, self.own, self.decimal_comma, self.names = kind, file, own, decimal_comma, names
        self.rows, self.lines, self.values, self.problems = rows, lines, values, problems

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Record: ...
    @overload
    def __getitem__(self, index: slice) -> RowsRead: ...
    def __getitem__(self, index: int | slice) -> Record | RowsRead:
        if isinstance(index, slice):
            return RowsRead(
                self.kind,
                self.file,
                self.own,
                self.decimal_comma,
                self.names,
                self.rows[index],
                self.lines[index],
                self.values[index],
                self.problems[index],
            )
        where = f"line {self.lines[index]}"
        values, problem, row = self.values[index], self.problems[index], self.rows[index]
        return Record(self.kind, values, self.file, where, self.own, problem, self.decimal_comma, self.names, row)

    def __iter__(self) -> Iterator[Record]:
        return map(self.__getitem__, range(len(self.rows)))

    def as_read(self) -> bool:
        """True when every row is its record's as read (none needed its values in a dict of their own)."""
        return self.values.count(None) == len(self.values)


def check_id(record: Record, value: Any) -> str | None:
    """The record's id as text, None when it gives none; raises when it is not usable."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise record.fail(f"the id must be text, not {value!r}")
    value = value.strip()
    if len(value) > MAX_ID or _BAD_ID.search(value):
        raise record.fail(f"the id {value[:80]!r} is not usable: at most {MAX_ID} characters, on one line")
    return value


def plain_ids(values: Sequence[Any]) -> list[str] | None:
    """What `check_id` gives each of `values` when every one is a usable id spelt as text, found for the
    whole column at once (each test one pass of C); None when any is not, so each goes through `check_id`."""
    try:
        ids = list(map(str.strip, values))
    except TypeError:  # not text
        return None
    if not all(ids) or max(map(len, ids), default=0) > MAX_ID or _BAD_ID.search("".join(ids)):
        return None
    return ids


def mark_bad_characters(record: Record) -> None:
    """Lone surrogates and the non-characters U+FFFE/U+FFFF cannot be stored or written as XML; decoded
    bytes and XML never hold them, but JSON escapes can. Such a record is skipped, saying why."""
    for name, value in record.values.items():
        if isinstance(value, str) and NOT_TEXT.search(value):
            record.problem = f"{name!r} contains a character that is not allowed in text"


def from_text(spec: FieldSpec, text: str, *, decimal_comma: bool = False) -> Any:
    """A value spelt as text (a CSV cell, a GraphML data element) as its field holds it.

    Raises ValueError whose message completes '<field label> ...'.
    """
    if spec.kind == "longtext":
        return text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if not text:
        return None
    if spec.kind in ("text", "ref"):
        return text
    if spec.kind in ("float", "int"):
        if decimal_comma and _DECIMAL_COMMA.match(text):
            text = text.replace(".", "").replace(",", ".")
        if not _NUMBER.match(text):
            raise ValueError(f"must be a number like 2.5, not {text[:40]!r}")
        return float(text)
    if spec.kind == "bool":
        word = text.casefold()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise ValueError(f"must be yes or no (or true or false), not {text[:40]!r}")
    if spec.kind == "choice":
        assert spec.choices is not None
        found = _choice_names(spec.choices).get(_spelling(text))
        if found is None:
            allowed = ", ".join(c.value for c in spec.choices)
            raise ValueError(f"must be one of {allowed}, not {text[:40]!r}")
        return found
    raise AssertionError(f"no import for fields of kind {spec.kind}")


def column_from_text(spec: FieldSpec, texts: Sequence[str], *, decimal_comma: bool = False) -> list[Any] | None:
    """What `from_text` gives each of `texts` (a column of cells), found for the whole column at once, each
    test one pass of C: for a column of notes on one or more lines (blank ones too), or of text, ids or
    numbers spelt plainly, none blank. None for any other column, whose cells then go through `from_text`
    one by one."""
    if spec.kind not in ("text", "ref", "longtext", "float", "int"):  # choices, yes or no: a few distinct cells
        return None
    if spec.kind == "longtext":  # a cell of spaces alone is blank: its field stores it as nothing
        return None if "\r" in "".join(texts) or any(map(str.isspace, texts)) else list(texts)
    stripped = list(map(str.strip, texts))
    if not all(stripped):
        return None
    if spec.kind in ("text", "ref"):
        return stripped
    if spec.kind in ("float", "int") and not decimal_comma:
        # Each cell made only of digits, signs, points and exponents that `float` reads is one `_NUMBER`
        # matches (it refuses the rest: "1.2.3", "e5"); a pattern over the whole column took as long again.
        joined = "".join(stripped)
        if joined.isascii() and not joined.encode("ascii").translate(None, _NUMBER_SPELLING):
            with contextlib.suppress(ValueError):
                return list(map(float, stripped))
    return None


def _spelling(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


_CHOICE_NAMES: dict[type[Choice], dict[str, str]] = {}


def _choice_names(choices: type[Choice]) -> dict[str, str]:
    """Values and labels, as a person may type them ('Reports to', 'reports-to', 'REPORTS_TO')."""
    names = _CHOICE_NAMES.get(choices)
    if names is None:
        names = {_spelling(c.label): c.value for c in choices} | {_spelling(c.value): c.value for c in choices}
        _CHOICE_NAMES[choices] = names
    return names

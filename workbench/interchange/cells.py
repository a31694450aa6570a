"""What each distinct cell of an import holds for its field, worked out once per import: a column of
50,000 links holds a handful of link types and a few thousand actor ids, so most cells are seen before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.fields import FieldSpec
from workbench.interchange.records import TYPES, Record, column_from_text, from_text

OK, UNREAD, REFUSED, BLANK = range(4)  # what a cell holds for its field (OK is 0: a row is clean when none is set)
Found = tuple[int, Any]
Column = tuple[str, FieldSpec | None, dict[str, Found]]


class Cells:
    """Per (kind, decimal comma, field): text -> (OK, the value its field holds after the field's own check),
    (UNREAD, why the text is not a value of that field), (REFUSED, the check's error) or (BLANK, None) for
    a blank cell of a required field (it keeps the default or current value). Records of one file share
    their columns: each such shape is looked up once (`shape`), not once per cell."""

    def __init__(self) -> None:
        self.columns: dict[tuple[str, bool, str], dict[str, Found]] = {}
        self.shapes: dict[tuple[str, bool, tuple[str, ...]], list[Column]] = {}

    def shape(self, record: Record) -> list[Column]:
        """(name, its field or None, its cells) for each value of the record but its id."""
        key = (record.kind, record.decimal_comma, tuple(record.values))
        found = self.shapes.get(key)
        if found is None:
            specs = TYPES[record.kind].specs()
            found = self.shapes[key] = [
                (name, specs.get(name), self.columns.setdefault((record.kind, record.decimal_comma, name), {}))
                for name in record.values
                if name != "id"
            ]
        return found

    def found(self, record: Record, column: Column, texts: Sequence[str]) -> tuple[Sequence[int], Sequence[Any]]:
        """What each of `texts` (cells of `column` in records like `record`) holds, as `cell` works out one:
        how and value, each a column. A column read and passed as a whole (weights, ids: mostly distinct)
        is not kept; any other has each distinct cell worked out once."""
        name, spec, seen = column
        assert spec is not None
        values = column_from_text(spec, texts, decimal_comma=record.decimal_comma)
        if values is not None and spec.passes(values):
            return [OK] * len(values), values
        distinct = set(texts)
        for text in distinct.difference(seen):
            seen[text] = checked(TYPES[record.kind], name, spec, text, record.decimal_comma)
        if all(seen[text][0] == OK for text in distinct):  # a few distinct cells, all valid (types, yes or no)
            value_of = {text: seen[text][1] for text in distinct}
            return [OK] * len(texts), list(map(value_of.__getitem__, texts))
        hows, found = zip(*map(seen.__getitem__, texts), strict=True)
        return hows, found

    def cell(self, record: Record, column: Column, text: str) -> Found:
        """What one cell of `column` in `record` holds."""
        name, spec, seen = column
        assert spec is not None
        found = seen.get(text)
        if found is None:
            found = seen[text] = checked(TYPES[record.kind], name, spec, text, record.decimal_comma)
        return found


def checked(t: type[Entity], name: str, spec: FieldSpec, text: str, decimal_comma: bool) -> Found:
    """A cell read by its field's spelling and checked by the field itself."""
    if spec.required and not text.strip():
        return BLANK, None
    try:
        value = from_text(spec, text, decimal_comma=decimal_comma)
    except ValueError as err:
        return UNREAD, f"{spec.label} {err}"
    try:
        return OK, spec.check(t.LABEL, name, value)
    except ValidationError as err:
        return REFUSED, err

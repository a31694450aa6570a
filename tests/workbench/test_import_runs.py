"""Links planned a run at a time, a column at a time (workbench.interchange.runs), must be planned exactly as
one record at a time: the same links, the same rows skipped for the same plain reasons, in the same order."""

from __future__ import annotations

import csv
import io
import re
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.workbench.support import examples
from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.entity import Entity
from workbench.interchange import plan as planning
from workbench.interchange.errors import BadImportFile
from workbench.interchange.files import plan_files, read_records
from workbench.interchange.plan import ImportPlan, plan_import
from workbench.interchange.records import Record, check_id, column_from_text, from_text, plain_ids

DOC = Document.of(
    [
        *(Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(4)),
        Actor.create(id="twin1", name="Twin"),
        Actor.create(id="twin2", name="Twin"),
        Link.create(id="l1", source_id="a0", target_id="a1", link_type="funds"),
    ]
)
# Cells a person or a hostile file may put in each column: good ones, and ones each check refuses.
IDS = st.sampled_from(["l1", "l2", "l3", "l4", "", "  l5 ", "x" * 70, "bad\x01id", "a0"])
ENDS = st.sampled_from(["a0", "a1", "a2", " a3", "", "ghost", "Actor 2", "Twin", "n1", "New one"])
TYPES = st.sampled_from(["funds", "Reports to", "wizard", "", "FUNDS", "advises"])
WEIGHTS = st.sampled_from(["2.5", "0", "1e999", "nan", "-1", "", " 3 ", "2,5", "1.000,5", "1001", "heavy", "٣"]) | (
    st.floats(0, 1200).map(repr)
)
FORMAL = st.sampled_from(["yes", "no", "", "maybe", "TRUE"])
NOTES = st.sampled_from(["", "ok", "a\r\nb", "bad\x07", "x" * 10_001, "'=1+1", "  "])
OPTIONAL = {"Weight": WEIGHTS, "Type": TYPES, "formal": FORMAL, "notes": NOTES, "colour": NOTES}


@st.composite
def links_files(draw) -> tuple[str, list[str]]:
    """A links file (as text) of a few rows, and the files imported beside it."""
    ids = draw(st.sampled_from(["workbench_id", "id", None]))  # this app's ids, another tool's, or none
    columns = [*filter(None, [ids]), "From", "To"]
    columns += draw(st.lists(st.sampled_from(sorted(OPTIONAL)), unique=True, max_size=4))
    delimiter = draw(st.sampled_from([",", ";"]))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(columns)
    strategies = [*([IDS] if ids else []), ENDS, ENDS, *(OPTIONAL[c] for c in columns[3 if ids else 2 :])]
    for _ in range(draw(st.integers(1, 25))):
        writer.writerow([draw(s) for s in strategies])
    beside = ["id,name\nn1,New one\n"] if draw(st.booleans()) else []
    return out.getvalue(), beside


def _plans(tmp_path: Path, text: str, beside: list[str]) -> tuple[ImportPlan | str, ImportPlan | str]:
    paths = [tmp_path / "links.csv", *(tmp_path / f"actors{n}.csv" for n in range(len(beside)))]
    for path, content in zip(paths, [text, *beside], strict=True):
        path.write_text(content, encoding="utf-8")
    together = _planned(paths)
    with mock.patch.object(planning, "new_links", lambda run, identities, cells: ([], None)):
        one_by_one = _planned(paths)
    return together, one_by_one


def _planned(paths: list[Path]) -> ImportPlan | str:
    """The plan, or why the files are refused as a whole (a file of blank rows holds nothing to import)."""
    try:
        return plan_files(paths, DOC)
    except BadImportFile as err:
        return err.message


def _seen(plan: ImportPlan | str) -> tuple:
    """All a plan says, a new id (random) shown as 'new'."""
    if isinstance(plan, str):
        return (plan,)

    def shown(e: Entity) -> tuple:
        return e.KIND, "new" if re.fullmatch("[0-9a-f]{16}", e.id) else e.id, e.values() | {"id": None}

    updates = [(u.kind, u.id, u.fields) for u in plan.updates]
    counts = (plan.new, plan.updated, plan.unchanged, plan.skipped)
    return [shown(e) for e in plan.entities], counts, updates, plan.problems, plan.warnings


@settings(max_examples=examples(300), deadline=None, database=None)
@given(links_files())
def test_links_planned_a_run_at_a_time_are_planned_as_one_at_a_time(files):
    with tempfile.TemporaryDirectory() as folder:
        together, one_by_one = _plans(Path(folder), *files)
    assert _seen(together) == _seen(one_by_one)


def test_a_note_of_spaces_alone_is_stored_as_no_note_by_either_path(tmp_path):
    """Found by the property above: a run kept the spaces, one row at a time stored nothing."""
    together, one_by_one = _plans(tmp_path, "From,To,notes\r\na0,a2,  \r\n", [])
    assert _seen(together) == _seen(one_by_one)
    assert [link.notes for link in together.entities] == [""]


def test_a_run_takes_the_plain_links_and_leaves_each_bad_row_to_say_why(tmp_path):
    rows = "\n".join(["workbench_id,From,To,Weight", "l2,a0,a2,2.5", "l3,a2,a2,1", "l4,a1,ghost,1", "l5,a1,a3,-1"])
    together, one_by_one = _plans(tmp_path, rows, [])
    assert _seen(together) == _seen(one_by_one)
    assert isinstance(together, ImportPlan)
    assert [link.id for link in together.entities] == ["l2"] and together.skipped == {"link": 3}
    assert [p.split(": ", 1)[1] for p in together.problems] == [
        "To must be a different actor from 'From'",
        "To refers to an actor that is neither in the document nor imported: 'ghost'",
        "Weight must be at least 0, not -1",
    ]


# ----- the column-wise checks agree with the cell-wise ones they stand in for ----------------------
CELLS = st.lists(st.one_of(WEIGHTS, ENDS, IDS, NOTES, st.text(max_size=8)), min_size=1, max_size=12)


@settings(max_examples=examples(400), deadline=None, database=None)
@given(st.sampled_from(sorted(set(Link.specs()) | set(Actor.specs()))), CELLS, st.booleans())
def test_a_column_read_at_once_reads_as_each_cell_does(name, texts, decimal_comma):
    spec = {**Actor.specs(), **Link.specs()}[name]
    column = column_from_text(spec, texts, decimal_comma=decimal_comma)
    if column is not None:
        assert column == [from_text(spec, t, decimal_comma=decimal_comma) for t in texts]


def test_a_column_of_notes_with_blank_ones_is_read_at_once_as_each_cell_is():
    """Most links files leave their notes blank: a blank cell sent the column cell by cell."""
    spec = Link.specs()["notes"]
    texts = ["", "Key partner", "two\nlines"]
    assert column_from_text(spec, texts) == [from_text(spec, t) for t in texts] == texts
    assert column_from_text(spec, ["", "  "]) is None  # spaces alone: blank, which the field stores as nothing
    assert column_from_text(spec, ["", "a\r\nb"]) is None  # line ends made plain one by one


@settings(max_examples=examples(400), deadline=None, database=None)
@given(st.lists(IDS | st.text(max_size=70) | st.integers(), min_size=1, max_size=8))
def test_ids_read_at_once_are_the_ids_each_check_gives(values):
    ids = plain_ids(values)
    if ids is not None:
        record = Record("link", {}, "f.csv", "line 2")
        assert ids == [check_id(record, v) for v in values] and None not in ids
    else:
        try:
            each = [check_id(Record("link", {}, "f.csv", "line 2"), v) for v in values]
        except BadImportFile:
            return
        assert None in each or any(not isinstance(v, str) for v in values)


def test_entities_assembled_a_field_at_a_time_are_the_ones_init_makes():
    columns: dict[str, list[Any]] = {"source_id": ["a", "b"], "target_id": ["b", "c"], "weight": [2.0, 3.0]}
    made = Link.assembled(["l1", "l2"], columns)
    assert made == [Link(id=f"l{n + 1}", **{k: v[n] for k, v in columns.items()}) for n in range(2)]
    assert Actor.assembled(["x"], {}) == [Actor(id="x")]


# ----- the gain, counted ---------------------------------------------------------------------------
def test_a_large_links_file_is_read_and_planned_with_no_python_call_per_link(tmp_path):
    """Checking 3,000 links cell by cell took dozens of calls of Python per link; a run at a time, about two
    (a record made per row as read, the rule across its fields); kept as columns from the rows read to the
    plan, a few per run of a thousand."""
    n = 3000
    actors = [Actor.create(id=f"a{k}", name=f"Actor {k}") for k in range(300)]
    rows = ["workbench_id,From,To,Type,Weight,Formal,Notes"]
    rows += [f"l{k},a{k % 300},a{(k * 7 + 1) % 300},funds,{k / 7:.6f},yes,note {k}" for k in range(n)]
    path = tmp_path / "links.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    doc = Document.of(actors)
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        plan = plan_import([read_records(path)], doc, ["links.csv"])
    finally:
        sys.setprofile(None)
    assert plan.new == {"link": n} and not plan.problems
    assert calls < n / 2, f"{calls / n:.1f} calls per link"

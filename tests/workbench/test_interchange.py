"""Import and export of actors and links: round trips, and hostile files refused with a clear message."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quick import share
from workbench.document import Document
from workbench.ecosystem.entities import Actor, ActorSize, ActorType, Link, LinkType
from workbench.interchange import source
from workbench.interchange.csv_io import neutralise, restore, write_csv
from workbench.interchange.errors import BadImportFile, ImportStopped, NeedsEncodingChoice
from workbench.interchange.files import export_files, plan_files
from workbench.spheres.entities import SphereKey
from workbench.spheres.items import Level

# ----- strategies --------------------------------------------------------------------------------
# Text a person can type: any Unicode but control characters, surrogates and the two non-characters.
LETTERS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
FORMULA_PREFIXES = st.sampled_from(["", "=", "+", "-", "@", "'", "'=", "''-", '=HYPERLINK("x")'])
names = st.builds(lambda p, t: (p + t).strip(), FORMULA_PREFIXES, st.text(LETTERS, max_size=30)).filter(bool)
notes = st.text(st.one_of(LETTERS, st.sampled_from("\n\t")), max_size=60)
coords = st.one_of(st.none(), st.floats(-1e7, 1e7, allow_nan=False))


@st.composite
def ecosystems(draw) -> list:
    actors = [
        Actor.create(
            id=f"a{n}-{draw(st.text(LETTERS, max_size=5)).strip()}",
            name=draw(names),
            actor_type=draw(st.sampled_from(list(ActorType))).value,
            level=draw(st.sampled_from(list(Level))).value,
            sphere_key=draw(st.one_of(st.none(), st.sampled_from(list(SphereKey)).map(lambda k: k.value))),
            size=draw(st.one_of(st.none(), st.sampled_from(list(ActorSize)).map(lambda k: k.value))),
            x=draw(coords),
            y=draw(coords),
            notes=draw(notes),
        )
        for n in range(draw(st.integers(2, 6)))
    ]
    links = []
    for n in range(draw(st.integers(0, 6))):
        a, b = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=2, unique_by=lambda x: x.id))
        links.append(
            Link.create(
                id=f"l{n}",
                source_id=a.id,
                target_id=b.id,
                link_type=draw(st.sampled_from(list(LinkType))).value,
                weight=draw(st.floats(0.01, 1000)),
                formal=draw(st.booleans()),
                notes=draw(notes),
            )
        )
    return [*actors, *links]


def _round_trip(tmp_path: Path, entities: list, form: str) -> list:
    doc = Document.of(entities)
    written = export_files(doc, form, tmp_path / f"eco.{form}")
    plan = plan_files(written, Document())
    assert plan.summary().startswith(f"{len(doc.all(Actor))} actor")
    return plan.entities


@pytest.mark.parametrize("form", ["csv", "graphml", "json"])
def test_round_trip_keeps_every_field_including_unicode(tmp_path_factory, form):
    @settings(max_examples=share(40, floor=10), deadline=None, database=None)
    @given(ecosystems())
    def check(entities):
        back = _round_trip(tmp_path_factory.mktemp(form), entities, form)
        assert sorted(back, key=lambda e: (e.KIND, e.id)) == sorted(entities, key=lambda e: (e.KIND, e.id))

    check()


def test_round_trip_into_the_same_document_changes_nothing(tmp_path):
    from workbench.sample import sample_entities

    doc = Document.of(sample_entities())
    for form in ("csv", "graphml", "json"):
        plan = plan_files(export_files(doc, form, tmp_path / f"eco.{form}"), doc)
        assert plan.entities == [] and plan.unchanged == {"actor": 30, "link": 47}


@given(st.text(max_size=20))
@settings(database=None)
def test_neutralise_is_undone_by_restore(text):
    assert restore(neutralise(text)) == text
    assert neutralise(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


# ----- CSV details -------------------------------------------------------------------------------
def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_csv_export_neutralises_formulas_but_not_numbers_and_has_a_bom():
    evil = Actor.create(id="=cmd|' /C calc'!A0", name='=HYPERLINK("http://x")', notes="@SUM(1)", x=-5.0, y=2.0)
    data = write_csv([evil], "actor")
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["workbench_id"] == "'=cmd|' /C calc'!A0"
    assert cells["name"] == '\'=HYPERLINK("http://x")' and cells["notes"] == "'@SUM(1)"
    assert cells["x"] == "-5.0"  # a number stays a number
    assert b"\r\n" in data


def test_csv_accepts_semicolons_labels_any_order_and_choice_labels(tmp_path):
    path = _write(tmp_path, "a.csv", "Type;Name;Level;Map x\nResearch & technology organisation;Café;REGIONAL;-1.5\n")
    (actor,) = plan_files([path], Document()).entities
    assert (actor.actor_type, actor.name, actor.level, actor.x) == ("rto", "Café", "regional", -1.5)


def test_csv_kind_follows_the_header_and_links_may_use_new_actors(tmp_path):
    actors = _write(tmp_path, "actors.csv", "id,name,actor_type\nm,Ministry,ministry\ns,Start-up,sme\n")
    links = _write(tmp_path, "links.csv", "source_id,target_id,link_type,formal\nm,s,Funds,yes\n")
    plan = plan_files([links, actors], Document())
    assert plan.new == {"actor": 2, "link": 1}
    link = plan.entities[-1]
    ends = ("actors.csv#m", "actors.csv#s")  # another tool's ids, kept under the file's name
    assert (link.source_id, link.target_id, link.link_type, link.formal) == (*ends, "funds", True)


def test_a_column_left_out_keeps_the_current_value(tmp_path):
    current = Actor.create(id="m", name="Ministry", actor_type="ministry", x=10.0, y=20.0, notes="keep me")
    path = _write(tmp_path, "rename.csv", "workbench_id,name\nm,Ministry of Things\n")
    (after,) = plan_files([path], Document.of([current])).entities
    assert (after.name, after.actor_type, after.x, after.notes) == ("Ministry of Things", "ministry", 10.0, "keep me")


def test_cp1252_needs_the_users_confirmation(tmp_path):
    path = _write(tmp_path, "old.csv", "name,notes\nCafé Ltd,€ budget\n".encode("cp1252"))
    with pytest.raises(NeedsEncodingChoice, match=r"old\.csv, line 2: is not UTF-8 text \(byte 0xE9\)"):
        plan_files([path], Document())
    (actor,) = plan_files([path], Document(), allow_cp1252=True).entities
    assert (actor.name, actor.notes) == ("Café Ltd", "€ budget")


def test_utf8_with_bom_is_read_as_utf8(tmp_path):
    path = _write(tmp_path, "bom.csv", codecs.BOM_UTF8 + "name\nŁódź Agency\n".encode())
    assert plan_files([path], Document()).entities[0].name == "Łódź Agency"


# ----- following and stopping a large import ----------------------------------------------------
def _chain(tmp_path: Path, actors: int) -> list[Path]:
    """An actors file and a links file joining the actors in a line."""
    return [
        _write(tmp_path, "actors.csv", "id,name\n" + "".join(f"a{n},Actor {n}\n" for n in range(actors))),
        _write(
            tmp_path,
            "links.csv",
            "id,source_id,target_id\n" + "".join(f"l{n},a{n},a{n + 1}\n" for n in range(actors - 1)),
        ),
    ]


def test_progress_counts_files_read_then_records_checked_and_changes_no_result(tmp_path):
    paths = _chain(tmp_path, 1500)
    heard = []
    plan = plan_files(paths, Document(), progress=lambda *report: heard.append(report))
    checked = [(n, 2999, "actors and links checked") for n in (1000, 2000, 2999)]
    assert heard == [(1, 2, "files read"), (2, 2, "files read"), *checked]
    assert plan == plan_files(paths, Document())


def test_stop_ends_the_planning_before_a_file_or_between_records(tmp_path):
    paths = _chain(tmp_path, 1500)
    with pytest.raises(ImportStopped):
        plan_files(paths, Document(), stop=lambda: True)
    heard = []
    with pytest.raises(ImportStopped):
        plan_files(paths, Document(), progress=lambda *report: heard.append(report), stop=lambda: len(heard) == 3)
    assert heard[-1] == (1000, 2999, "actors and links checked")


# ----- hostile files -----------------------------------------------------------------------------
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"><data key="l">&lol9;</data></node></graph>
</graphml>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="l" for="node" attr.name="label" attr.type="string"/>
<graph><node id="a"><data key="l">&secret;</data></node></graph></graphml>
"""
GRAPHML_HEAD = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'

HOSTILE = {
    "billion laughs": ("lol.graphml", BILLION_LAUGHS, r"lol\.graphml, line 2: XML with a document type definition"),
    "external entity": ("xxe.graphml", EXTERNAL_ENTITY, r"xxe\.graphml, line 2: XML with a document type definition"),
    "no link columns": ("u.csv", "source_id,weight\nknown,2\n", r"u\.csv, line 1: a links file needs a source_id"),
    "empty": ("e.csv", "", r"e\.csv: is empty"),
    "broken xml": (
        "b.graphml",
        GRAPHML_HEAD + "<graph><node id='a'>\n</graph>",
        r"b\.graphml, line 4: is not well-formed XML",
    ),
    "not graphml": ("s.graphml", "<?xml version='1.0'?>\n<svg/>", r"s\.graphml, line 2: is not a GraphML file"),
    "undeclared key": (
        "k.graphml",
        GRAPHML_HEAD + "<graph>\n<node id='a'><data key='nope'>x</data></node></graph></graphml>",
        r"k\.graphml, line 4: a <data> element refers to the undeclared key 'nope'",
    ),
    "nested graph": (
        "g.graphml",
        GRAPHML_HEAD + "<graph>\n<node id='a'>\n<graph/></node></graph></graphml>",
        r"g\.graphml, line 5: holds more than one graph",
    ),
    "json NaN": ("n.json", '{"actors": [{"name": "A", "x": NaN}]}', r"n\.json: NaN is not a number JSON allows"),
    "json duplicate key": (
        "d.json",
        '{"actors": [{"name": "A", "name": "B"}]}',
        r"d\.json: the key 'name' appears twice",
    ),
    "json deep nesting": ("deep.json", "[" * 100_000 + "]" * 100_000, r"deep\.json: is nested too deeply"),
    "json syntax": ("s.json", '{"actors": [\n{"name": }]}', r"s\.json, line 2: is not valid JSON"),
    "json not ecosystem": ("w.json", "[1, 2]", r"w\.json: is not an ecosystem"),
    "non-character": ("f.csv", "name\nA\nB\ufffe\n", r"f\.csv, line 3: holds a character that is not allowed"),
}

# A bad value or reference skips its row, named by file, line and field; the good rows are imported.
SKIPPED = {
    "json surrogate": (
        "w.json",
        '{"actors": [{"name": "A\\ud800"}]}',
        r"w\.json, actors\[0\]: 'name' contains a character",
    ),
    "json record not an object": ("o.json", '{"links": [3]}', r"o\.json, links\[0\]: each record must be an object"),
    "graphml bad y": (
        "y.graphml",
        GRAPHML_HEAD + '<key id="y" for="node" attr.name="y" attr.type="float"/>\n<graph>\n'
        '<node id="a"><data key="y">up</data></node>\n<node id="b"/></graph></graphml>',
        r"y\.graphml, line 5: Map y must be a number like 2\.5, not 'up'",
    ),
    "duplicate ids": (
        "d.csv",
        "id,name\na,One\nb,Two\na,Three\n",
        r"d\.csv, line 4: the id 'a' is used by two actors \(also line 2\)",
    ),
    "unknown endpoint": (
        "l.csv",
        "source_id,target_id\nknown,known2\nknown,ghost\n",
        r"l\.csv, line 3: To refers to an actor that is neither in the document nor imported: 'ghost'",
    ),
    "bad number": (
        "n.csv",
        "source_id,target_id,weight\nknown,known2,heavy\n",
        r"n\.csv, line 2: Weight must be a number",
    ),
    "infinite number": ("n.csv", "name,x\nA,1e999\n", r"n\.csv, line 2: Map x must be a finite number"),
    "not a number": ("n.csv", "name,x\nA,nan\n", r"n\.csv, line 2: Map x must be a number like 2\.5, not 'nan'"),
    "number out of range": (
        "n.csv",
        "source_id,target_id,weight\nknown,known2,-0.5\n",
        r"line 2: Weight must be at least 0, not -0\.5",
    ),
    "control character": ("c.csv", "name\nGood\nBad\x07Name\n", r"c\.csv, line 3: Name contains control characters"),
    "control character in id": ("c.csv", "id,name\nx\x1by,A\n", r"c\.csv, line 2: the id 'x\\x1by' is not usable"),
    "NUL byte": ("z.csv", "name\nA\x00B\n", r"z\.csv, line 2: Name contains control characters"),
    "self link": ("s.csv", "source_id,target_id\nknown,known\n", r"s\.csv, line 2: To must be a different actor"),
    "too many values": (
        "t.csv",
        "name,level\nA,national,extra\n",
        r"t\.csv, line 2: has 3 values but the header names 2",
    ),
    "bad choice": ("t.csv", "name,actor_type\nA,wizard\n", r"t\.csv, line 2: Type must be one of ministry, agency"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_are_refused_naming_file_line_and_problem(tmp_path, case):
    name, content, message = HOSTILE[case]
    path = _write(tmp_path, name, content)
    known = Document.of([Actor.create(id="known", name="Known"), Actor.create(id="known2", name="Known 2")])
    with pytest.raises(BadImportFile, match=message):
        plan_files([path], known)


@pytest.mark.parametrize("case", SKIPPED)
def test_a_bad_row_is_skipped_naming_file_line_and_problem(tmp_path, case):
    name, content, message = SKIPPED[case]
    path = _write(tmp_path, name, content)
    known = Document.of([Actor.create(id="known", name="Known"), Actor.create(id="known2", name="Known 2")])
    plan = plan_files([path], known)
    assert len(plan.problems) == 1 and re.search(message, plan.problems[0]), plan.problems
    assert plan.skipped == {"link" if "source_id" in content or "links" in content else "actor": 1}


def test_size_and_record_caps(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 1000)
    path = _write(tmp_path, "big.csv", "name\n" + "Actor\n" * 300)
    with pytest.raises(BadImportFile, match=r"big\.csv: is larger than the 0 MB an import may be"):
        plan_files([path], Document())
    monkeypatch.setattr(source, "MAX_BYTES", 10**6)
    for module in ("csv_io", "graphml_io", "json_io"):
        monkeypatch.setattr(f"workbench.interchange.{module}.MAX_RECORDS", 10)
    with pytest.raises(BadImportFile, match=r"big\.csv: has more than 10 rows"):
        plan_files([path], Document())
    data = {"actors": [{"name": f"A{n}"} for n in range(11)]}
    with pytest.raises(BadImportFile, match=r"many\.json: holds more than 10 actors"):
        plan_files([_write(tmp_path, "many.json", json.dumps(data))], Document())


def test_graphml_attributes_of_other_tools_are_skipped_and_y_points_down(tmp_path):
    path = _write(
        tmp_path,
        "g.graphml",
        GRAPHML_HEAD + '<key id="lab" for="node" attr.name="Label" attr.type="string"/>'
        '<key id="yy" for="node" attr.name="y" attr.type="float"/>'
        '<key id="mc" for="node" attr.name="Modularity Class" attr.type="int"/>'
        '<graph edgedefault="undirected"><node id="n0"><data key="lab">Agency</data><data key="yy">12.5</data>'
        '<data key="mc">3</data></node></graph></graphml>',
    )
    (actor,) = plan_files([path], Document()).entities
    assert (actor.id, actor.name, actor.y, actor.actor_type) == ("g.graphml#n0", "Agency", -12.5, "other")


# ----- identity: which actor a record is ---------------------------------------------------------
def applied(doc: Document, plan) -> Document:
    """The document as it is once `plan` is applied."""
    return Document.of([*doc, *plan.entities])


def _networkx(tmp_path: Path, name: str, labels: list[str], edges: list[tuple[int, int]], weight: str = "1.0") -> Path:
    """GraphML as networkx and igraph write it: nodes numbered 0, 1, 2 ..., edges without ids."""
    nodes = "".join(f'<node id="{n}"><data key="d0">{label}</data></node>\n' for n, label in enumerate(labels))
    links = "".join(f'<edge source="{a}" target="{b}"><data key="d1">{weight}</data></edge>\n' for a, b in edges)
    return _write(
        tmp_path,
        name,
        GRAPHML_HEAD + '<key id="d0" for="node" attr.name="label" attr.type="string"/>\n'
        '<key id="d1" for="edge" attr.name="weight" attr.type="double"/>\n'
        f'<graph edgedefault="directed">\n{nodes}{links}</graph></graphml>\n',
    )


def test_an_unrelated_file_numbered_like_the_first_never_renames_its_actors(tmp_path):
    first = _networkx(tmp_path, "ministries.graphml", ["M0", "M1", "M2", "M3"], [(0, 1)])
    doc = applied(Document(), plan_files([first], Document()))
    second = _networkx(tmp_path, "firms.graphml", ["F0", "F1", "F2", "F3"], [(0, 1), (2, 3)])
    plan = plan_files([second], doc)
    assert plan.new == {"actor": 4, "link": 2} and plan.updated == {}
    after = applied(doc, plan)
    assert sorted(a.name for a in after.all(Actor)) == ["F0", "F1", "F2", "F3", "M0", "M1", "M2", "M3"]
    names = {a.id: a.name for a in after.all(Actor)}
    assert sorted((names[k.source_id], names[k.target_id]) for k in after.all(Link)) == [
        ("F0", "F1"),
        ("F2", "F3"),
        ("M0", "M1"),
    ]


def test_reimporting_a_file_without_edge_ids_changes_nothing(tmp_path):
    path = _networkx(tmp_path, "net.graphml", ["A", "B", "C"], [(0, 1), (1, 2), (2, 0)])
    doc = applied(Document(), plan_files([path], Document()))
    again = plan_files([path], doc)
    assert again.entities == [] and again.unchanged == {"actor": 3, "link": 3}


def test_a_zero_weight_is_valid(tmp_path):
    path = _networkx(tmp_path, "gephi.graphml", ["A", "B"], [(0, 1)], weight="0.0")
    plan = plan_files([path], Document())
    assert [k.weight for k in plan.entities if isinstance(k, Link)] == [0.0]


def test_a_file_this_app_wrote_updates_in_place_and_its_marker_survives_a_spreadsheet(tmp_path):
    doc = Document.of([Actor.create(id="m", name="Ministry"), Actor.create(id="s", name="Start-up")])
    for form in ("graphml", "json", "csv"):
        (written, *_) = export_files(doc, form, tmp_path / f"eco.{form}")
        text = written.read_text(encoding="utf-8-sig")
        assert "workbench_id" in text or '"format": "iip-workbench/ecosystem"' in text
        written.write_text(text.replace("Ministry", "Ministry of Things"), encoding="utf-8")
        plan = plan_files([written], doc)
        assert (plan.new, plan.updated, plan.unchanged) == ({}, {"actor": 1}, {"actor": 1}), form
        assert [(u.id, u.fields) for u in plan.updates] == [("m", {"name": ("Ministry", "Ministry of Things")})]
    # The same rows without the marker are another tool's: they add actors, never rename these.
    foreign = _write(tmp_path, "other.csv", "id,name\nm,Someone else\n")
    plan = plan_files([foreign], doc)
    assert plan.new == {"actor": 1} and plan.entities[0].id != "m"


def test_matching_by_name_or_never(tmp_path):
    doc = Document.of(
        [Actor.create(id="m", name="Ministry"), *(Actor.create(id=f"a{n}", name="Agency") for n in (1, 2))]
    )
    path = _write(tmp_path, "sheet.csv", "Name,Level\nMinistry,Regional\nAgency,International\nNew one,International\n")
    by_name = plan_files([path], doc, match="name")
    assert (by_name.new, by_name.updated, by_name.skipped) == ({"actor": 1}, {"actor": 1}, {"actor": 1})
    assert [(u.id, u.fields) for u in by_name.updates] == [("m", {"level": ("national", "regional")})]
    assert by_name.problems == [
        "sheet.csv, line 3: 2 actors of the document are named 'Agency'; match by id or none, or rename one first"
    ]
    assert plan_files([path], doc, match="none").new == {"actor": 3}
    assert plan_files([path], doc).new == {"actor": 3}  # no ids given, none matched by accident


def test_links_may_name_their_actors_where_unambiguous(tmp_path):
    doc = Document.of(
        [
            Actor.create(id="m", name="Ministry"),
            Actor.create(id="s", name="Start-up"),
            *(Actor.create(id=f"a{n}", name="Agency") for n in (1, 2)),
        ]
    )
    path = _write(tmp_path, "links.csv", "From,To,Type\nMinistry,Start-up,funds\nMinistry,Agency,funds\n")
    plan = plan_files([path], doc)
    (link,) = plan.entities
    assert (link.source_id, link.target_id, link.link_type) == ("m", "s", "funds")
    assert plan.problems == ["links.csv, line 3: To 'Agency' names 2 actors; give its id instead"]
    again = plan_files([path], applied(doc, plan))
    assert again.entities == [] and again.unchanged == {"link": 1}  # matched by (from, to, type)


def test_one_bad_value_skips_only_its_row_and_names_the_cell(tmp_path):
    path = _write(tmp_path, "n.csv", "source_id,target_id,weight\nk1,k2,heavy\nk1,k2,2\nk2,ghost,1\n")
    known = Document.of([Actor.create(id="k1", name="One"), Actor.create(id="k2", name="Two")])
    plan = plan_files([path], known)
    assert plan.new == {"link": 1} and plan.skipped == {"link": 2}
    assert plan.problems == [
        "n.csv, line 2: Weight must be a number like 2.5, not 'heavy'",
        "n.csv, line 4: To refers to an actor that is neither in the document nor imported: 'ghost'",
    ]
    assert "2 skipped" in plan.summary()


def test_a_link_to_a_skipped_actor_is_skipped_too(tmp_path):
    actors = _write(tmp_path, "actors.csv", "id,name\na,Bell\x07Agency\nb,Bank\n")
    links = _write(tmp_path, "links.csv", "source_id,target_id\nb,a\n")
    plan = plan_files([actors, links], Document())
    assert (plan.new, plan.skipped) == ({"actor": 1}, {"actor": 1, "link": 1})
    assert plan.problems[1] == (
        "links.csv, line 2: To refers to an actor that is neither in the document nor imported: 'a'"
    )


def test_unknown_columns_are_kept_in_the_notes_with_a_warning(tmp_path):
    path = _write(tmp_path, "u.csv", "id,name,colour,Notes\na,Agency,red,Key partner\nb,Bank,,\n")
    plan = plan_files([path], Document())
    assert [a.notes for a in plan.entities] == ["Key partner\ncolour: red", ""]
    assert plan.warnings == ["u.csv: the column 'colour' is not an actor field; its values are kept in the notes"]
    again = plan_files([path], applied(Document(), plan))
    assert again.entities == []  # the note is not added twice


def test_json_fields_no_actor_has_are_kept_in_the_notes_and_long_foreign_ids_refused(tmp_path):
    data = {"actors": [{"id": "1", "name": "A", "colour": "red"}, {"id": "x" * 63, "name": "B"}]}
    plan = plan_files([_write(tmp_path, "n.json", json.dumps(data))], Document())
    assert [(a.id, a.notes) for a in plan.entities] == [("n.json#1", "colour: red")]
    assert plan.problems == [
        f"n.json, actors[1]: the id '{'x' * 63}' is too long to keep beside the file name: at most 62"
    ]


def test_the_plan_reads_as_sentences(tmp_path):
    doc = Document.of([Actor.create(id="m", name="Ministry")])
    (written,) = export_files(doc, "json", tmp_path / "eco.json")
    written.write_text(written.read_text(encoding="utf-8").replace('"Ministry"', '"Ministry of Things"'))
    plan = plan_files([written], doc)
    assert plan.lines() == ["Update actor Ministry: Name 'Ministry' -> 'Ministry of Things'"]


# ----- CSV encodings and numbers -----------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_read(tmp_path, encoding):
    path = _write(tmp_path, "w.csv", "id\tname\nx\tŁódź Agency\n".encode(encoding))
    (actor,) = plan_files([path], Document()).entities
    assert actor.name == "Łódź Agency"


def test_decimal_comma_in_semicolon_files(tmp_path):
    path = _write(tmp_path, "de.csv", "Name;Map x;Map y\nAgentur;200,5;-1.200,25\nBank;3.5;4\n")
    plan = plan_files([path], Document())
    assert [(a.x, a.y) for a in plan.entities] == [(200.5, -1200.25), (3.5, 4.0)]


def test_mixed_encoding_keeps_utf8_lines_when_reading_cp1252(tmp_path):
    data = "name\nŁódź Agency\n".encode() + "Café Ltd\n".encode("cp1252")
    path = _write(tmp_path, "mixed.csv", data)
    with pytest.raises(NeedsEncodingChoice, match=r"mixed\.csv, line 3: is not UTF-8"):
        plan_files([path], Document())
    plan = plan_files([path], Document(), allow_cp1252=True)
    assert [a.name for a in plan.entities] == ["Łódź Agency", "Café Ltd"]
    neither = _write(tmp_path, "neither.csv", data + b"Bad \x81 byte\n")
    with pytest.raises(BadImportFile, match=r"neither\.csv, line 4: is neither UTF-8 nor Windows-1252 text"):
        plan_files([neither], Document(), allow_cp1252=True)


def test_a_file_written_by_networkx_imports_once_and_again_changes_nothing(tmp_path):
    import networkx as nx  # a dependency of the analysis: written as its users write files

    graph = nx.DiGraph()
    graph.add_nodes_from([(0, {"label": "Ministry"}), (1, {"label": "Agency"}), (2, {"label": "Firm"})])
    graph.add_weighted_edges_from([(0, 1, 0.0), (1, 2, 2.5)])
    path = tmp_path / "net.graphml"
    nx.write_graphml(graph, path)
    plan = plan_files([path], Document())
    assert (plan.new, plan.problems) == ({"actor": 3, "link": 2}, [])
    assert sorted(k.weight for k in plan.entities if isinstance(k, Link)) == [0.0, 2.5]
    again = plan_files([path], applied(Document(), plan))
    assert again.entities == [] and again.unchanged == {"actor": 3, "link": 2}


def test_each_distinct_cell_is_checked_once_and_a_bad_one_skips_every_row_that_holds_it(tmp_path):
    """Cells are checked once per import (a link file repeats its types and ends); the rows holding a
    refused value are each skipped and named, the field first in declaration order named first."""
    actors = [Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(3)]
    rows = ["workbench_id,From,To,Type,Weight,Notes"]
    rows += [f"l{n},a{n % 3},a{(n + 1) % 3},funds,{2000 if n % 4 == 0 else 2.5},ok" for n in range(12)]
    rows.append("l99,a0,a1,funds,-1," + "x" * 10_001)  # weight and notes both refused: weight is named
    path = tmp_path / "links.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    plan = plan_files([path], Document.of(actors))
    assert plan.new == {"link": 9} and plan.skipped == {"link": 4}
    assert sum("Weight must be at most 1000" in p for p in plan.problems) == 3
    assert any("line 14" in p and "Weight must be at least 0" in p for p in plan.problems)
    assert all(link.weight == 2.5 and link.link_type == "funds" for link in plan.entities)


def test_a_blank_cell_of_a_required_field_keeps_the_current_value_or_the_default(tmp_path):
    """Each distinct cell is worked out once per import: the blank one too, for every row that has it."""
    doc = Document.of([Actor(id="a", name="Agency", actor_type=ActorType.UNIVERSITY.value)])
    path = _write(tmp_path, "b.csv", "workbench_id,name,actor_type\na,Agency renamed, \nb,Bank, \nc,Lab,SME\n")
    plan = plan_files([path], doc)
    assert [(a.id, a.name, a.actor_type) for a in plan.entities] == [
        ("a", "Agency renamed", ActorType.UNIVERSITY.value),
        ("b", "Bank", ActorType.OTHER.value),
        ("c", "Lab", ActorType.SME.value),
    ]
    assert (plan.new, plan.updated, plan.skipped) == ({"actor": 2}, {"actor": 1}, {})


def test_blank_rows_are_skipped_wherever_they_stand_and_every_record_keeps_its_line():
    """Rows of blanks (spaces, empty cells, a non-breaking space) are no records; a row whose first cell
    alone is blank is one. A file without an apostrophe or a blank row is read as a whole."""
    from workbench.interchange.csv_io import read_csv

    rows = ["", "workbench_id,From,To", "l1,a0,a1", "  ", ",,", "\u00a0,,", "l2,a1,'=a2", " ,a2,a3", "l3,a3", ""]
    records = read_csv("\n".join(rows), "f.csv")
    assert [(r.where, r.values, r.problem) for r in records] == [
        ("line 3", {"id": "l1", "source_id": "a0", "target_id": "a1"}, None),
        ("line 7", {"id": "l2", "source_id": "a1", "target_id": "=a2"}, None),
        ("line 8", {"id": " ", "source_id": "a2", "target_id": "a3"}, None),
        ("line 9", {"id": "l3", "source_id": "a3"}, None),
    ]
    plain = read_csv("workbench_id,From,To\r\nl1,a0,a1\r\nl2,a1,a2\r\n", "g.csv")
    assert [(r.where, r.values) for r in plain] == [
        ("line 2", {"id": "l1", "source_id": "a0", "target_id": "a1"}),
        ("line 3", {"id": "l2", "source_id": "a1", "target_id": "a2"}),
    ]

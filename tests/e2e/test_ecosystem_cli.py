"""`iip-workbench import` / `export` / `analyse`, run as a user runs them (a real subprocess).

A failed import must leave the saved document byte for byte as it was: the command opens the
document, imports into the working copy, and saves only when every file was valid.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli import run_cli

DATA = Path(__file__).parent / "data"




def ecosystem(path: Path, home: Path) -> dict:
    out = run_cli("analyse", path, "--json", home=home)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["ecosystem"]


HUGE = "huge"  # a sparse file just over the 50 MB cap
HOSTILE = {
    "billion laughs": (
        "lol.graphml",
        '<?xml version="1.0"?>\n<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="x">&b;</node></graph></graphml>\n',
        "lol.graphml, line 2: XML with a document type definition",
    ),
    "external entity": (
        "xxe.graphml",
        '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="x">&s;</node></graph></graphml>\n',
        "xxe.graphml, line 2: XML with a document type definition",
    ),
    "over the size cap": ("huge.csv", HUGE, "huge.csv: is larger than the 50 MB"),
    "not utf-8": ("old.csv", "name\nCafé\n".encode("cp1252"), "--encoding cp1252"),
    "second file not json": ("two.json", '{"links": [', "two.json, line 1: is not valid JSON"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_failed_import_leaves_the_document_byte_identical(sample, tmp_path, app_home, case):
    name, content, message = HOSTILE[case]
    bad = tmp_path / name
    if content == HUGE:
        with bad.open("wb") as f:
            f.truncate(50 * 1024 * 1024 + 1)
    else:
        bad.write_bytes(content.encode() if isinstance(content, str) else content)
    good = tmp_path / "good.csv"
    good.write_text("name,actor_type\nA new agency,agency\n", encoding="utf-8")
    before = sample.read_bytes()
    out = run_cli("import", sample, good, bad, home=app_home)  # a good file first: it must not be applied either
    assert out.returncode == 2, out.stdout
    assert message in out.stderr and "Traceback" not in out.stderr
    assert sample.read_bytes() == before
    assert not list(sample.parent.glob(".~lock.*")), "the lock must be released"


def test_gephi_graphml_imports_with_its_attributes(tmp_path, app_home):
    path = tmp_path / "empty.iipw"
    assert run_cli("new", path, home=app_home).returncode == 0
    out = run_cli("import", path, DATA / "gephi_export.graphml", home=app_home)
    assert out.returncode == 0, out.stderr
    assert "8 actors (8 new" in out.stdout and "6 links (6 new" in out.stdout
    eco = ecosystem(path, app_home)
    assert eco["actors"] == 8 and eco["links"] == 6
    distance = {"gephi_export.graphml#4": 2, "gephi_export.graphml#5": None}  # CélulaCo - Centro - Agência
    assert eco["sme_distance_to_government"] == distance
    texts = [f["text"] for f in eco["findings"]]
    assert "1 SME has no path to any ministry or agency: Oficina Isolada Lda." in texts
    assert any(t.startswith("Centro de Baterias is the only bridge between universities and firms") for t in texts)
    exported = tmp_path / "back.json"
    assert run_cli("export", path, "--format", "json", "-o", exported, home=app_home).returncode == 0
    actors = {a["id"]: a for a in json.loads(exported.read_text(encoding="utf-8"))["actors"]}
    first, last = actors["gephi_export.graphml#0"], actors["gephi_export.graphml#7"]  # Gephi's ids, kept apart
    assert first["name"] == "Ministério da Indústria" and first["actor_type"] == "ministry"
    assert first["y"] == -143.90625  # Gephi's y points up, the map's down
    assert last["name"] == "7" and last["actor_type"] == "other"


@pytest.mark.parametrize("form", ["csv", "graphml", "json"])
def test_export_then_import_into_an_empty_document(sample, tmp_path, app_home, form):
    out = run_cli("export", sample, "--format", form, "-o", tmp_path / f"eco.{form}", home=app_home)
    assert out.returncode == 0, out.stderr
    files = sorted(tmp_path.glob("eco*.*"))
    assert [f.name for f in files] == (["eco-actors.csv", "eco-links.csv"] if form == "csv" else [f"eco.{form}"])
    empty = tmp_path / "empty.iipw"
    run_cli("new", empty, home=app_home)
    assert run_cli("import", empty, *files, home=app_home).returncode == 0
    before = ecosystem(sample, app_home)
    after = ecosystem(empty, app_home)
    assert after["metrics"] == before["metrics"] and after["findings"] == before["findings"]
    # Importing the same files again changes nothing, so the document is not even saved.
    saved = empty.read_bytes()
    again = run_cli("import", empty, *files, home=app_home)
    assert again.returncode == 0 and again.stdout.startswith("Nothing to change:")
    assert empty.read_bytes() == saved


# A bad value or reference skips its row, named; the rest of every file is imported.
SKIPPED = {
    "duplicate ids": ("dup.csv", "id,name\nn1,A\nn1,B\n", "dup.csv, line 3: the id 'n1' is used by two actors"),
    "unknown endpoint": (
        "links.csv",
        "source_id,target_id\nactor-min-industry,actor-nowhere\n",
        "links.csv, line 2: To refers to an actor that is neither in the document nor imported: 'actor-nowhere'",
    ),
    "bad number": ("w.csv", "name,x\nNew actor,12..5\n", "w.csv, line 2: Map x must be a number like 2.5"),
    "control character": ("c.csv", "name\nBell\x07Agency\n", "c.csv, line 2: Name contains control characters"),
    "link without To": ("two.json", '{"links": [{"source_id": "actor-min-industry"}]}', "two.json, links[0]: To is"),
}


@pytest.mark.parametrize("case", SKIPPED)
def test_a_bad_row_is_skipped_and_named_and_the_rest_imported(sample, tmp_path, app_home, case):
    name, content, message = SKIPPED[case]
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("name,actor_type\nA new agency,agency\n", encoding="utf-8")
    out = run_cli("import", sample, good, bad, home=app_home)
    assert out.returncode == 0, out.stderr
    assert f"  Skip {message}" in out.stdout and "skipped" in out.stdout
    assert ecosystem(sample, app_home)["actors"] >= 31  # the good file was imported and saved


def test_dry_run_prints_the_plan_and_changes_nothing(sample, tmp_path, app_home):
    exported = tmp_path / "eco.json"
    assert run_cli("export", sample, "--format", "json", "-o", exported, home=app_home).returncode == 0
    text = exported.read_text(encoding="utf-8").replace("Kestrel Coating Systems", "Kestrel Coatings")
    exported.write_text(text, encoding="utf-8")
    before = sample.read_bytes()
    out = run_cli("import", sample, exported, "--dry-run", home=app_home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "Would import 30 actors (0 new, 1 updated, 29 unchanged) and 47 links (0 new, 0 updated, 47 unchanged) "
        "from eco.json",
        "  Update actor Kestrel Coating Systems: Name 'Kestrel Coating Systems' -> 'Kestrel Coatings'",
        "Dry run: the document was not changed.",
    ]
    assert sample.read_bytes() == before
    assert run_cli("import", sample, exported, home=app_home).stdout.startswith("Imported 30 actors (0 new, 1 updated")


def test_a_spreadsheet_matched_by_name(sample, tmp_path, app_home):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Name;Level;Map x\nKestrel Coating Systems;Regional;12,5\nBrand new;National;3\n", encoding="utf-8"
    )
    out = run_cli("import", sample, sheet, "--match", "name", "--dry-run", home=app_home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Would import 2 actors (1 new, 1 updated, 0 unchanged) from sheet.csv")
    out = run_cli("import", sample, sheet, "--match", "none", "--dry-run", home=app_home)
    assert out.stdout.startswith("Would import 2 actors (2 new, 0 updated, 0 unchanged) from sheet.csv")


def test_two_unrelated_numbered_graphml_files_keep_their_actors_apart(tmp_path, app_home):
    """networkx and igraph number nodes 0, 1, 2 ... and give edges no ids."""
    path = tmp_path / "doc.iipw"
    assert run_cli("new", path, home=app_home).returncode == 0
    head = (
        '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<key id="d0" for="node" attr.name="label" attr.type="string"/>\n<graph edgedefault="directed">\n'
    )
    for name, prefix in (("ministries.graphml", "Ministry"), ("firms.graphml", "Firm")):
        nodes = "".join(f'<node id="{n}"><data key="d0">{prefix} {n}</data></node>\n' for n in range(4))
        (tmp_path / name).write_text(
            head + nodes + '<edge source="0" target="1"/>\n<edge source="2" target="3"/>\n</graph></graphml>\n',
            encoding="utf-8",
        )
        out = run_cli("import", path, tmp_path / name, home=app_home)
        assert "4 actors (4 new, 0 updated, 0 unchanged) and 2 links (2 new" in out.stdout, out.stdout + out.stderr
    again = run_cli("import", path, tmp_path / "firms.graphml", home=app_home)
    assert again.stdout.startswith("Nothing to change: 4 actors (0 new, 0 updated, 4 unchanged) and 2 links")
    exported = tmp_path / "all.json"
    assert run_cli("export", path, "--format", "json", "-o", exported, home=app_home).returncode == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in data["actors"]}
    assert sorted(names.values()) == [f"{p} {n}" for p in ("Firm", "Ministry") for n in range(4)]
    pairs = sorted((names[k["source_id"]], names[k["target_id"]]) for k in data["links"])
    assert pairs == [
        ("Firm 0", "Firm 1"),
        ("Firm 2", "Firm 3"),
        ("Ministry 0", "Ministry 1"),
        ("Ministry 2", "Ministry 3"),
    ]


def test_cp1252_import_with_the_users_say_so(sample, tmp_path, app_home):
    old = tmp_path / "old.csv"
    old.write_bytes("name;actor_type;level\nCafé Électrique;SME;Regional\n".encode("cp1252"))
    out = run_cli("import", sample, old, "--encoding", "cp1252", home=app_home)
    assert out.returncode == 0, out.stderr
    eco = ecosystem(sample, app_home)
    assert eco["actors"] == 31 and eco["sme_distance_to_government"]  # saved, and readable again


def test_csv_export_is_excel_friendly(sample, tmp_path, app_home):
    assert run_cli("export", sample, "--format", "csv", "-o", tmp_path / "x.csv", home=app_home).returncode == 0
    data = (tmp_path / "x-actors.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfworkbench_id,name,actor_type") and b"\r\n" in data


def test_analyse_summary_lists_the_ecosystem_findings(sample, app_home):
    out = run_cli("analyse", sample, home=app_home)
    assert "ecosystem:" in out.stdout and "Battery Scale-up Centre is the only bridge" in out.stdout

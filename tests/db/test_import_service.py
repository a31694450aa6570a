"""The import service: one transaction that adds new actors and links and overwrites known ones,
after a backup; a file that cannot be read, or a dry run, changes nothing."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from db import backups
from db.errors import DocumentBusy, DocumentError
from db.importing import apply_plan, import_files
from db.rows import columns
from db.session import DocumentSession
from db.upsert import REBUILD_FROM
from workbench.changes import Change, Op
from workbench.ecosystem.entities import Actor, Link
from workbench.errors import WorkbenchError
from workbench.interchange.errors import BadImportFile


@pytest.fixture
def session():
    s = DocumentSession.new()
    s.store.create([Actor.create(id="m", name="Ministry", actor_type="ministry")])
    yield s
    s.close()


def test_upsert_adds_new_overwrites_known_and_its_inverse_puts_back_what_it_overwrote(session):
    heard: list[list[Change]] = []
    session.store.listeners.append(heard.append)
    renamed = Actor.create(id="m", name="Ministry of Things", actor_type="ministry")
    fresh = [Actor.create(id="s", name="Start-up", actor_type="sme"), Link.create(id="l", source_id="m", target_id="s")]
    done = session.store.upsert([renamed, *fresh])
    changes = done.changes
    put_back = done.inverse
    assert [(i, values["name"]) for _kind, i, values in put_back.update] == [("m", "Ministry")]
    assert sorted(put_back.delete) == [("actor", "s"), ("link", "l")]
    assert set(changes) == {
        Change("actor", Op.CREATED, frozenset({"s"})),
        Change("actor", Op.UPDATED, frozenset({"m"}), frozenset(columns("actor")[1:])),
        Change("link", Op.CREATED, frozenset({"l"})),
    }
    assert heard == [changes]
    assert session.store.get("actor", "m").name == "Ministry of Things"
    assert session.store.get("link", "l").target_id == "s"


def test_upsert_with_a_broken_reference_rolls_everything_back(session):
    revision, counts = session.store.revision, session.store.counts()
    with pytest.raises(WorkbenchError, match="unknown actor: 'ghost'"):
        session.store.upsert(
            [Actor.create(id="m", name="Renamed"), Link.create(id="l", source_id="m", target_id="ghost")]
        )
    assert session.store.revision == revision and session.store.counts() == counts
    assert session.store.get("actor", "m").name == "Ministry"


def test_import_backs_up_first_and_a_bad_file_neither_backs_up_nor_changes(session, tmp_path):
    session.save_as(tmp_path / "doc.iipw")
    good = tmp_path / "a.csv"
    good.write_text("workbench_id,name\nm,Ministry of Things\nn,Agency\n", encoding="utf-8")
    bad = tmp_path / "b.json"
    bad.write_text('{"links": [\n', encoding="utf-8")
    revision = session.store.revision
    with pytest.raises(BadImportFile, match=r"b\.json, line 2: is not valid JSON"):
        import_files(session, [good, bad])
    assert session.store.revision == revision
    assert not [p for _stamp, p in backups.list_backups(session.path) if p.name.startswith("import-")]
    assert not [p for p in backups.folder_for(session.path).iterdir() if "import" in p.name]  # nor a copy
    plan = import_files(session, [good])
    assert plan.summary() == "2 actors (1 new, 1 updated, 0 unchanged) from a.csv"
    assert [p for _stamp, p in backups.list_backups(session.path) if p.name.startswith("import-")]
    assert session.store.get("actor", "m").name == "Ministry of Things"


def test_an_import_backs_up_and_writes_on_the_callers_thread_alone(session, tmp_path):
    """A copy made on a thread of its own beside the planning waited for Python's lock at each step, and
    starting the thread cost more than the two overlapping saved."""
    session.save_as(tmp_path / "doc.iipw")
    sheet = tmp_path / "a.csv"
    sheet.write_text("workbench_id,name\nn,Agency\n", encoding="utf-8")
    with mock.patch("threading.Thread.start", side_effect=AssertionError("a thread started")):
        plan = import_files(session, [sheet])
    assert plan.new == {"actor": 1} and session.store.get("actor", "n").name == "Agency"
    assert [p for _stamp, p in backups.list_backups(session.path) if p.name.startswith("import-")]


def test_the_backup_is_named_once_the_rows_are_written_before_they_are_committed(session, tmp_path):
    """The copy is written to disk while the rows are (its flush then waits for little); a copy that cannot
    be flushed leaves no backup and nothing imported."""
    session.save_as(tmp_path / "doc.iipw")
    sheet = tmp_path / "links.csv"
    sheet.write_text("From,To\nm,n\n", encoding="utf-8")
    actors = tmp_path / "actors.csv"
    actors.write_text("workbench_id,name\nn,Agency\n", encoding="utf-8")
    seen: list[tuple[bool, int]] = []
    publish = backups.Pending.publish

    def named(pending: backups.Pending) -> Path:
        conn = session.store.conn
        seen.append((conn.in_transaction, conn.execute("SELECT count(*) FROM link").fetchone()[0]))
        return publish(pending)

    revision = session.store.revision
    full = OSError(28, "No space left on device")
    with (
        mock.patch.object(backups, "fsync_path", side_effect=full),
        pytest.raises(DocumentError, match="backup before this import could not be made"),
    ):
        import_files(session, [actors, sheet])
    assert session.store.revision == revision and session.store.counts(["actor", "link"]) == {"actor": 1, "link": 0}
    assert not [p for _stamp, p in backups.list_backups(session.path) if p.name.startswith("import-")]
    assert not [p for p in backups.folder_for(session.path).iterdir() if p.name.endswith(".partial")]
    with mock.patch.object(backups.Pending, "publish", named):
        plan = import_files(session, [actors, sheet])
    assert plan.new == {"actor": 1, "link": 1} and seen == [(True, 1)]
    assert [p for _stamp, p in backups.list_backups(session.path) if p.name.startswith("import-")]


def test_a_dry_run_plans_and_changes_nothing_then_the_same_plan_applies(session, tmp_path):
    session.save_as(tmp_path / "doc.iipw")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("name,level,colour\nMinistry,regional,blue\nNew,national,\n", encoding="utf-8")
    revision = session.store.revision
    plan = import_files(session, [sheet], match="name", dry_run=True)
    assert (plan.new, plan.updated) == ({"actor": 1}, {"actor": 1})
    assert plan.updates[0].fields == {"level": ("national", "regional"), "notes": ("", "colour: blue")}
    assert session.store.revision == revision
    assert not [p for _stamp, p in backups.list_backups(session.path) if p.name.startswith("import-")]
    apply_plan(session, plan)
    assert session.store.get("actor", "m").level == "regional" and len(session.store.all("actor")) == 2


def test_new_links_go_from_the_file_to_the_document_as_columns_with_no_link_made_per_row(session, tmp_path):
    """An object per link while planning and writing was a tenth of importing 50,000 links; they are made only
    when asked for, as they were written. A row that breaks a rule is still refused on its own."""
    session.store.create([Actor.create(id="s", name="Start-up", actor_type="sme")])
    rows = [f"l{n},m,s,funds,{n}.5,yes,note {n}" for n in range(30)]
    sheet = tmp_path / "links.csv"
    sheet.write_text("\n".join(["workbench_id,From,To,Type,Weight,Formal,Notes", *rows, "l30,m,m,funds,1,no,"]))
    plain = tmp_path / "plain.csv"
    plain.write_text("From,To\ns,m\n")  # every other field as a new link has it
    with mock.patch.object(Link, "assembled", side_effect=AssertionError("a link made per row")):
        plan = import_files(session, [sheet, plain])
    assert (plan.new, plan.skipped) == ({"link": 31}, {"link": 1})
    assert plan.problems == ["links.csv, line 32: To must be a different actor from 'From'"]
    stored = {k.id: k for k in session.store.all("link")}
    made = Link(id="l7", source_id="m", target_id="s", link_type="funds", weight=7.5, formal=True, notes="note 7")
    assert stored["l7"] == made
    assert list(plan.entities) == [stored[k.id] for k in plan.entities] and plan.entities[-1] == Link(
        id=plan.entities[-1].id, source_id="s", target_id="m"
    )


def test_a_reference_to_nothing_among_many_is_found_in_any_chunk_of_ids(session):
    actors = [Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(1200)]
    session.store.create(actors)
    revision = session.store.revision
    links = [Link.create(id=f"l{n}", source_id="m", target_id=f"a{n}") for n in range(1200)]
    links[1100] = Link.create(id="l1100", source_id="m", target_id="ghost")
    with pytest.raises(WorkbenchError, match="unknown actor: 'ghost'"):
        session.store.upsert(links)
    assert session.store.revision == revision and session.store.counts(["link"]) == {"link": 0}
    session.store.upsert(links[:1100])
    assert session.store.counts(["link"]) == {"link": 1100}


def test_links_four_times_as_many_as_the_table_holds_are_written_first_and_its_indexes_built_after(session):
    from db.migrations import SCHEMA_VERSION
    from db.schema_guard import expected, objects

    actors = [Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(20)]
    session.store.upsert(actors)
    said: list[str] = []
    session.store.conn.set_trace_callback(said.append)
    links = [Link.create(id=f"l{n}", source_id=f"a{n % 20}", target_id=f"a{(n + 1) % 20}") for n in range(40)]
    done = session.store.upsert(links)
    wanted = ("DROP INDEX", "CREATE INDEX", "INSERT INTO link", "SELECT")
    written = [s.split(" (")[0] for s in said if s.startswith(wanted)]
    written = [s for s in written if not s.startswith("SELECT") or "FROM link WHERE id IN" in s]
    steps = [step for step, _rows in itertools.groupby(written)]  # a row of executemany is one INSERT traced
    assert steps == [  # none of them looked up: the table held none
        "DROP INDEX ix_link_source_id",
        "DROP INDEX ix_link_target_id",
        "INSERT INTO link",
        "CREATE INDEX ix_link_source_id ON link",
        "CREATE INDEX ix_link_target_id ON link",
    ]
    assert objects(session.store.conn) == expected(SCHEMA_VERSION)
    said.clear()
    more = [Link.create(id=f"m{n}", source_id="a1", target_id="a3") for n in range(REBUILD_FROM * 40 - 1)]
    session.store.upsert(more)  # not four times as many as the table holds
    assert not [s for s in said if "INDEX" in s]
    session.store.apply(done.inverse)
    session.store.conn.set_trace_callback(None)
    assert {k.id for k in session.store.all("link")} == {k.id for k in more}
    assert objects(session.store.conn) == expected(SCHEMA_VERSION)


def test_an_import_writes_many_rows_to_a_statement(session):
    """executemany stepped SQLite once a row, handing Python's lock to work beside the window at each."""
    session.store.create([Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(10)])
    said: list[str] = []
    session.store.conn.set_trace_callback(said.append)
    links = [
        Link.create(id=f"l{n}", source_id=f"a{n % 10}", target_id=f"a{(n + 1) % 10}", weight=n / 8) for n in range(1000)
    ]
    session.store.upsert(links, validated=True)
    session.store.conn.set_trace_callback(None)
    assert 0 < len([s for s in said if s.startswith("INSERT INTO link")]) <= 10
    assert {link.id: link for link in session.store.all("link")} == {link.id: link for link in links}


def test_the_undo_of_an_import_and_a_redo_write_many_rows_to_a_statement(session):
    session.store.create([Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(10)])
    links = [Link.create(id=f"l{n}", source_id=f"a{n % 10}", target_id=f"a{(n + 1) % 10}") for n in range(1000)]
    done = session.store.upsert(links, validated=True)
    said: list[str] = []
    session.store.conn.set_trace_callback(said.append)
    undone = session.store.apply(done.inverse)
    assert session.store.counts(["link"]) == {"link": 0}
    session.store.apply(undone.inverse)
    session.store.conn.set_trace_callback(None)
    assert 0 < len([s for s in said if s.startswith("DELETE FROM link")]) <= 5
    assert 0 < len([s for s in said if s.startswith("INSERT INTO link")]) <= 10
    assert {link.id: link for link in session.store.all("link")} == {link.id: link for link in links}


def test_an_import_reads_the_schema_of_the_table_it_writes_alone(session):
    """Reading every object of the schema to find the link table's indexes was a fixed cost of each import."""
    session.store.create([Actor.create(id="s", name="Start-up")])
    said: list[str] = []
    session.store.conn.set_trace_callback(said.append)
    session.store.upsert([Link.create(id="l", source_id="m", target_id="s")], validated=True)
    session.store.conn.set_trace_callback(None)
    read = [s for s in said if "sqlite_master" in s]
    assert read and all("WHERE type = 'index' AND tbl_name = " in s for s in read)
    assert session.store.get("link", "l").target_id == "s"


OPEN_AND_IMPORT_LINKS = (
    "import sys\n"
    "from pathlib import Path\n"
    "from db.session import DocumentSession\n"
    "from workbench.ecosystem.entities import Link\n"
    "session = DocumentSession.open(Path(sys.argv[1]))\n"
    "loaded = set(sys.modules)\n"
    "session.store.upsert([Link.create(id='l', source_id='a', target_id='b')])\n"
    "session.close()\n"
    "print(sorted(name for name in set(sys.modules) - loaded if name.startswith('workbench')))\n"
)


def _two_actors(tmp_path: Path) -> Path:
    """A saved document of two actors, "a" and "b", for links to join."""
    session = DocumentSession.new()
    session.store.create([Actor.create(id="a", name="A"), Actor.create(id="b", name="B")])
    path = session.save_as(tmp_path / "two actors.iipw")
    session.close()
    return path


def test_importing_links_into_an_opened_document_loads_the_declarations_of_no_other_kind(tmp_path):
    """Opening leaves the kinds a document does not show unloaded; the first import of links, on the window's
    thread, loaded them all (the workshop's among them) while the window waited."""
    path = _two_actors(tmp_path)
    ran = subprocess.run([sys.executable, "-c", OPEN_AND_IMPORT_LINKS, str(path)], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "[]"


def _links(n: int) -> list[Link]:
    return [Link.create(id=f"l{k}", source_id="m", target_id=f"a{k % 40}") for k in range(n)]


@pytest.fixture
def forty(session):
    session.store.create([Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(40)])
    return session


def test_a_stepwise_upsert_is_unseen_and_refuses_other_changes_until_its_last_step_commits_one_undo_step(forty):
    store = forty.store
    heard: list[list[Change]] = []
    store.listeners.append(heard.append)
    revision, state = store.revision, store.state
    write = store.upsert_stepwise(_links(1200), "1,200 links", validated=True, initiator="import")
    steps = 0
    while (done := write.step()) is None:
        steps += 1
        assert store.counts(["link"]) == {"link": 0} and store.revision == revision and not heard
        with pytest.raises(DocumentBusy, match="Importing 1,200 links: this change was not made"):
            store.create([Actor.create(id="x", name="Typed meanwhile")])
    assert steps >= 3  # looked up, then written, a slice at a time
    assert store.counts(["link"]) == {"link": 1200} and store.revision == revision + 1
    assert heard == [done.changes] and done.changes[0].initiator == "import" and store.writing is None
    store.apply(done.inverse, returns_to=state)
    assert store.counts(["link"]) == {"link": 0} and store.state == state
    store.create([Actor.create(id="x", name="Writable again")])


def test_a_stepwise_upsert_given_up_or_broken_half_way_leaves_the_document_as_it_was(forty):
    store = forty.store
    revision = store.revision
    write = store.upsert_stepwise(_links(1200), "1,200 links", validated=True)
    write.step(), write.step()
    write.abandon()
    assert store.counts(["link"]) == {"link": 0} and store.revision == revision and store.writing is None
    broken = [*_links(1200), Link.create(id="ghost link", source_id="m", target_id="ghost")]
    write = store.upsert_stepwise(broken, "1,201 links", validated=True)
    with pytest.raises(WorkbenchError, match="unknown actor: 'ghost'"):
        while write.step() is None:
            pass
    assert store.counts(["link"]) == {"link": 0} and store.revision == revision and store.writing is None
    store.upsert_stepwise(_links(10), "10 links", validated=True).step()
    forty.close()  # closing the document gives the write up


CRASH_HALF_WAY = (
    "import os, sys\n"
    "from pathlib import Path\n"
    "from db.session import DocumentSession\n"
    "from workbench.ecosystem.entities import Link\n"
    "session = DocumentSession.open(Path(sys.argv[1]))\n"
    "links = [Link.create(id=f'l{k}', source_id='a', target_id='b') for k in range(3000)]\n"
    "write = session.store.upsert_stepwise(links, '3,000 links', validated=True)\n"
    "for _ in range(8):\n"
    "    write.step()\n"
    "print(session.folder, flush=True)\n"
    "os._exit(1)\n"
)


def test_a_crash_half_way_through_a_stepwise_upsert_loses_it_all_and_nothing_else(tmp_path):
    import sqlite3

    from db.session import WORKING_FILE

    path = _two_actors(tmp_path)
    ran = subprocess.run([sys.executable, "-c", CRASH_HALF_WAY, str(path)], capture_output=True, text=True)
    assert ran.returncode == 1, ran.stderr
    working = sqlite3.connect(Path(ran.stdout.strip()) / WORKING_FILE)  # rolls the half-written journal back
    try:
        assert working.execute("SELECT count(*) FROM link").fetchone() == (0,)
        assert working.execute("SELECT count(*) FROM actor").fetchone() == (2,)
        assert working.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        working.close()


def test_an_import_refused_after_its_indexes_were_dropped_leaves_them_all_and_commits_once(session):
    """The indexes were dropped outside the import's transaction (each drop committed on its own, a wait on
    the disk each): an import refused after them left the document without its indexes."""
    from db.migrations import SCHEMA_VERSION
    from db.schema_guard import expected, objects

    session.store.create([Actor.create(id=f"a{n}", name=f"Actor {n}") for n in range(20)])
    revision = session.store.revision
    links = [Link.create(id=f"l{n}", source_id=f"a{n % 20}", target_id=f"a{(n + 1) % 20}") for n in range(40)]
    with pytest.raises(WorkbenchError, match="unknown actor: 'ghost'"):
        session.store.upsert([*links, Link.create(id="g", source_id="a1", target_id="ghost")])
    assert objects(session.store.conn) == expected(SCHEMA_VERSION)
    assert session.store.revision == revision and session.store.counts(["link"]) == {"link": 0}
    said: list[str] = []
    session.store.conn.set_trace_callback(said.append)
    session.store.upsert(links)
    session.store.conn.set_trace_callback(None)
    assert [s for s in said if s in ("BEGIN", "COMMIT") or s.startswith("BEGIN ")] == ["BEGIN", "COMMIT"]
    assert objects(session.store.conn) == expected(SCHEMA_VERSION)

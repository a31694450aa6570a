"""An old document opens upgraded, with its data intact, and takes the entities the later steps add.

Each case builds a file as an old version wrote it (the frozen steps up to that version, then rows in
its schema), opens it, saves new entities and reopens it read-only. Rows are compared as
{kind: [{field: value}, ...]} so that each case reads as the data it puts in and expects back.
The ladder itself: one step file per version, each shipped one unchanged (pinned by its hash), and a
document of every past version opening at the current one, with the schema the mapping creates.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine

import db.migrations
from db.mapping import metadata
from db.migrations import SCHEMA_VERSION, STEP_FILES, STEPS, migrate
from db.session import DocumentSession, check_document
from db.sqlite_file import APPLICATION_ID, inspect
from db.store import Store
from tests.quick import spread
from workbench.briefs.entities import Brief, BriefSection
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.money.entities import BAU_ID, Option, OptionFlow, SpendLine
from workbench.monitoring.entities import Indicator, Measurement
from workbench.practices.entities import Practice
from workbench.registers.entities import Risk
from workbench.spheres.items import Item
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode
from workbench.workshop.entities import Note, Participant, Vote

Rows = dict[str, list[dict[str, object]]]


def old_document(path: Path, version: int, *inserts: str) -> Path:
    """A document file as schema `version` wrote it, holding the rows `inserts` put in."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        for step in STEPS[:version]:
            step(conn)
        conn.execute(f"PRAGMA user_version={version}")
        for sql in inserts:
            conn.execute(sql)
    finally:
        conn.close()
    return path


def rows(store: Store, expected: Rows) -> Rows:
    """Every row of the kinds `expected` names, by id, cut down to the fields it names, to compare whole."""
    found: Rows = {}
    for kind, want in expected.items():
        fields = {name for row in want for name in row}
        found[kind] = [{name: getattr(e, name) for name in fields} for e in sorted(store.all(kind), key=lambda e: e.id)]
    return found


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


@dataclass(frozen=True)
class Upgrade:
    """A version-`version` file holding `inserts`, read back as `kept` after the upgrade; `created`
    is saved into the upgraded document and read back as `written` (tables that start empty)."""

    version: int
    inserts: tuple[str, ...]
    kept: Rows
    created: tuple[Entity, ...]
    written: Rows


V1_ITEM = (
    "INSERT INTO item (id, kind, name, description, x, y, outside_iip) "
    "VALUES ('old', 'instrument', 'Grant from v1', '', 1.0, 2.0, 0)"
)

UPGRADES = [
    pytest.param(
        Upgrade(
            version=1,
            inserts=(V1_ITEM,),
            kept={"item": [{"id": "old", "name": "Grant from v1"}]},
            created=(
                Brief.create(id="brief-ministerial", template="ministerial", subject="Scale-up"),
                BriefSection.create(template="ministerial", section="background", text="Written after the upgrade"),
            ),
            written={
                "brief": [{"id": "brief-ministerial", "subject": "Scale-up"}],
                "brief_section": [{"text": "Written after the upgrade"}],
            },
        ),
        id="v1-gains-briefs",
    ),
    pytest.param(
        Upgrade(
            version=2,
            inserts=(
                "INSERT INTO lesson (id, lesson, source_kind, source, context, transferability, knowledge_holder, "
                "holder_rotating, date, applied_to_ids) "
                "VALUES ('old', 'Kept from v2', 'own_programme', '', '', NULL, '', 0, NULL, '[]')",
            ),
            kept={"lesson": [{"id": "old", "lesson": "Kept from v2"}]},
            created=(Practice.create(id="mine", title="Our voucher pilot", country="Ireland"),),
            written={"practice": [{"id": "mine", "country": "Ireland"}]},
        ),
        id="v2-gains-practices",
    ),
    pytest.param(
        Upgrade(
            version=3,
            inserts=(
                "INSERT INTO practice (id, title, country, theme, summary, lesson, source) "
                "VALUES ('mine', 'Kept from v3', 'Éire', 'sme_engagement', '', '', '')",
            ),
            kept={"practice": [{"id": "mine", "title": "Kept from v3"}]},
            created=(
                Participant.create(id="g1", name="Table one"),
                Note.create(id="n1", text="Pilot line for cells", participant_id="g1", x=1.5, y=-2.0),
                Vote.create(id="v1", voter_id="g1", note_id="n1", count=2),
            ),
            written={
                "participant": [{"id": "g1", "name": "Table one"}],
                "note": [{"id": "n1", "text": "Pilot line for cells"}],
                "vote": [{"id": "v1", "count": 2}],
            },
        ),
        id="v3-gains-workshop",
    ),
    pytest.param(
        Upgrade(
            version=4,
            inserts=(
                "INSERT INTO participant (id, name, initials, colour, votes) "
                "VALUES ('g1', 'Kept from v4', 'K', '#1f77b4', 5)",
            ),
            kept={"participant": [{"id": "g1", "name": "Kept from v4"}]},
            created=(
                Rationale.create(id="r1", failure="coordination", statement="No one builds the first pilot line"),
                TocNode.create(id="out", result_type="output", title="Pilot line built"),
                TocNode.create(id="oc", result_type="outcome", title="Cells made at scale"),
                TocLink.create(id="l1", from_node_id="out", to_node_id="oc", assumption="Buyers sign offtakes"),
                Indicator.create(id="gwh", name="Cells made", unit="GWh"),
                Measurement.create(id="m1", indicator_id="gwh", date="2026-06-30", value=0.4),
            ),
            written={
                "rationale": [{"id": "r1", "failure": "coordination"}],
                "toc_node": [{"id": "oc", "result_type": "outcome"}, {"id": "out", "result_type": "output"}],
                "toc_link": [{"id": "l1", "assumption": "Buyers sign offtakes"}],
                "indicator": [{"id": "gwh", "unit": "GWh"}],
                "measurement": [{"id": "m1", "value": 0.4}],
            },
        ),
        id="v4-gains-theory-of-change-and-monitoring",
    ),
    pytest.param(
        Upgrade(
            version=9,
            inserts=(
                "INSERT INTO brief (id, template, subject, sender, recipient, date, copy_to, omitted_sections) "
                "VALUES ('brief-ministerial', 'ministerial', 'Kept from v9', '', '', NULL, '[]', '[]')",
            ),
            kept={"brief": [{"id": "brief-ministerial", "subject": "Kept from v9", "purpose": "for_decision"}]},
            created=(Risk.create(id="r1", risk="Cell prices fall", likelihood="high", mitigation="Pause drawdown"),),
            written={"risk": [{"id": "r1", "likelihood": "high", "mitigation": "Pause drawdown"}]},
        ),
        id="v9-gains-submission-header-and-risks",
    ),
    pytest.param(
        Upgrade(
            version=1,
            inserts=(
                V1_ITEM,
                "INSERT INTO actor (id, name, actor_type, level, sphere_key, size, x, y, notes) "
                "VALUES ('agency', 'Agência Nacional', 'agency', 'national', 'B', NULL, NULL, NULL, 'Since v1')",
            ),
            kept={
                "item": [{"id": "old", "name": "Grant from v1"}],
                "actor": [{"id": "agency", "name": "Agência Nacional", "notes": "Since v1"}],
            },
            created=(
                Brief.create(id="brief-workshop", template="workshop", subject="After every step"),
                Practice.create(id="mine", title="Our voucher pilot", country="Ireland"),
                Note.create(id="n1", text="Pilot line for cells"),
            ),
            written={
                "brief": [{"id": "brief-workshop", "subject": "After every step"}],
                "practice": [{"id": "mine", "title": "Our voucher pilot"}],
                "note": [{"id": "n1", "text": "Pilot line for cells"}],
            },
        ),
        id="v1-gains-every-later-step",
    ),
]


@pytest.mark.parametrize("case", UPGRADES)
def test_old_document_opens_upgraded_and_takes_new_entities(tmp_path, case: Upgrade):
    path = old_document(tmp_path / f"v{case.version}.iipw", case.version, *case.inserts)
    session = DocumentSession.open(path)
    try:
        assert session.info.upgraded_from == case.version
        assert rows(session.store, case.kept) == case.kept
        assert rows(session.store, case.written) == {kind: [] for kind in case.written}  # new tables, empty
        session.store.create(list(case.created))
        session.save()
    finally:
        session.close()
    assert user_version(path) == SCHEMA_VERSION
    again = DocumentSession.open(path, read_only=True)
    try:
        assert rows(again.store, case.kept) == case.kept
        assert rows(again.store, case.written) == case.written
    finally:
        again.close()


def _v4_instrument(id_: str, instrument_type: str, budget: str, start: str) -> tuple[str, str]:
    return (
        f"INSERT INTO item (id, kind, name, description, x, y, outside_iip) "
        f"VALUES ('{id_}', 'instrument', '{id_}', '', 0.0, 0.0, 0)",
        f"INSERT INTO instrument (id, instrument_type, budget, level, status, lead_actor_id, target_groups, "
        f"stage_from_id, stage_to_id, trl_min, trl_max, mrl_min, mrl_max, value_role, start_date, end_date) "
        f"VALUES ('{id_}', '{instrument_type}', {budget}, 'national', 'active', NULL, '[]', NULL, NULL, "
        f"NULL, NULL, NULL, NULL, 'creation', {start}, NULL)",
    )


def test_v4_budgets_become_spend_lines_of_whole_units_and_options_start_with_business_as_usual(tmp_path):
    """A budget of 420 (millions) on a loan starting 2025-04-01 becomes one loan spend line of 420,000,000
    in 2025; one without a start date goes to the base year; a regulation with a budget is administration;
    an evaluation's budget of 0.25 (millions) is 250,000; 'gbp ' is GBP."""
    path = old_document(
        tmp_path / "v4.iipw",
        4,
        "INSERT INTO project (id, title, department, country, author, version, marking, caveat, currency, summary) "
        "VALUES ('project', 'Cells', '', 'United Kingdom', '', '0.1', 'official', '', 'gbp ', '')",
        *_v4_instrument("loan", "loan", "420.0", "'2025-04-01'"),
        *_v4_instrument("grant", "rd_grant", "1.5", "NULL"),
        *_v4_instrument("rules", "regulation", "3.0", "'2026-10-01'"),
        *_v4_instrument("none", "standards", "NULL", "NULL"),
        "INSERT INTO evaluation (id, name, subject_id, timing, evaluation_type, criteria, independence, "
        "conflict_note, data_sources, budget, planned_date) "
        "VALUES ('ev', 'Impact', 'loan', 'ex_post', 'impact', '[]', 'in_house', '', '', 0.25, NULL)",
    )
    session = DocumentSession.open(path)
    try:
        store = session.store
        project = store.get("project", "project")
        base = project.base_year
        assert (project.currency, project.year_start_month, project.major_threshold) == ("GBP", 1, 50e6)
        spend = sorted((s.instrument_id, s.year, s.amount) for s in store.all_of(SpendLine))
        assert spend == [("grant", base, 1_500_000.0), ("loan", 2025, 420_000_000.0), ("rules", 2026, 3_000_000.0)]
        types = {i.id: i.budget_type for i in store.all("instrument")}
        assert types == {"loan": "loan", "grant": "grant", "rules": "administration", "none": "regulation"}
        assert store.get("evaluation", "ev").budget == 250_000.0
        [bau] = store.all_of(Option)
        assert (bau.id, bau.position, bau.name) == (BAU_ID, 0, "Business as usual")
        store.create([
            Option.create(id="loan-only", name="Loan only", position=1, adds_ids=["loan"]),
            OptionFlow.create(id="f1", option_id="loan-only", budget_type="loan", year=base, amount=5e6),
        ])
        with pytest.raises(WorkbenchError, match="Business as usual"):
            store.delete([("option", BAU_ID)])
        session.save()
    finally:
        session.close()
    again = DocumentSession.open(path, read_only=True)
    try:
        assert {o.id for o in again.store.all_of(Option)} == {BAU_ID, "loan-only"}
        assert again.store.get("option_flow", "f1").amount == 5e6
        assert again.store.get("instrument", "loan").budget_type == "loan"
    finally:
        again.close()


EVALUATIONS_V8 = 8  # the version before evaluations had questions and the Magenta Book's fields


def test_v8_evaluations_keep_their_type_as_a_list_start_planned_and_links_testers_become_questions(tmp_path):
    """An evaluation's one type becomes a list of one and its status 'planned'; each evaluation a link
    named as its tester asks one question about that link (its assumption quoted), in link order; a
    tester that no longer exists asks nothing; the links' own list is gone."""
    link = (
        "INSERT INTO toc_link (id, from_item_id, from_node_id, to_node_id, assumption, evidence, tested_by_ids) "
        "VALUES ('{id}', NULL, 'out', 'oc', '{assumption}', '', '{testers}')"
    )
    path = old_document(
        tmp_path / "v7.iipw",
        EVALUATIONS_V8,
        "INSERT INTO evaluation (id, name, subject_id, timing, evaluation_type, criteria, independence, "
        "conflict_note, data_sources, budget, planned_date) "
        "VALUES ('ev', 'Process review', NULL, 'interim', 'process', '[\"relevance\"]', 'in_house', 'Own team', "
        "'Surveys', 200000.0, '2026-09-30')",
        "INSERT INTO toc_node (id, result_type, title, description, objective_id, indicator, position) "
        "VALUES ('out', 'output', 'Line built', '', NULL, '', 0), ('oc', 'outcome', 'Cells made', '', NULL, '', 0)",
        link.format(id="l1", assumption="Buyers sign offtakes", testers='["ev", "gone"]'),
        link.format(id="l2", assumption="", testers='["ev"]'),
        link.format(id="l3", assumption="Prices fall", testers="[]"),
    )
    session = DocumentSession.open(path)
    try:
        store = session.store
        ev = store.get("evaluation", "ev")
        assert (ev.status, ev.types, ev.designs, ev.criteria) == ("planned", ["process"], [], ["relevance"])
        assert (ev.data_sources, ev.conflict_note, ev.budget, ev.planned_date) == (
            "Surveys", "Own team", 200000.0, "2026-09-30"
        )
        questions = store.all("evaluation_question")
        asked = sorted((q.position, q.evaluation_id, q.question, q.toc_link_ids) for q in questions)
        assert asked == [
            (0, "ev", "Does the assumption 'Buyers sign offtakes' hold?", ["l1"]),
            (1, "ev", "Does this step of the theory of change happen as planned?", ["l2"]),
        ]
        assert "tested_by_ids" not in store.get("toc_link", "l1").values()
        session.store.update("evaluation", "ev", {"status": "reported", "types": ["process", "impact"]})
        session.save()
    finally:
        session.close()
    again = DocumentSession.open(path, read_only=True)
    try:
        assert again.store.get("evaluation", "ev").types == ["process", "impact"]
    finally:
        again.close()


# ----- the ladder itself -------------------------------------------------------------------------


def _schema(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        columns = {
            t: [(r[1], r[2].upper(), r[3], r[5]) for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables
        }
        indexes = sorted(
            (r[0], r[1]) for r in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type='index'")
        )
        index_columns = {name: [r[2] for r in conn.execute(f'PRAGMA index_info("{name}")')] for name, _table in indexes}
    finally:
        conn.close()
    return {"tables": tables, "columns": columns, "indexes": indexes, "index_columns": index_columns}


def test_version_zero_file_is_migrated_on_open(tmp_path):
    path = old_document(tmp_path / "old.iipw", 0)
    before = path.read_bytes()
    assert inspect(path, SCHEMA_VERSION).schema_version == 0
    session = DocumentSession.open(path)
    try:
        assert session.info.upgraded_from == 0
        assert path.read_bytes() == before  # the user's file is not touched until they save
        conn = sqlite3.connect(session.folder / "document.sqlite")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        conn.close()
        assert session.store.revision == 0
        assert session.store.counts()["item"] == 0
        session.store.create([Item.create(id="new", name="After migration")])
        session.save()
        assert session.info.upgraded_from is None
    finally:
        session.close()
    assert inspect(path, SCHEMA_VERSION, full_check=True).schema_version == SCHEMA_VERSION
    again = DocumentSession.open(path)
    try:
        assert again.store.get("item", "new").name == "After migration"
        assert again.info.upgraded_from is None
    finally:
        again.close()


MIGRATIONS = Path(db.migrations.__file__).parent
PINS = Path(__file__).with_name("shipped_migrations.json")


def _digest(name: str) -> str:
    """The hash of a step as it runs: its text, read as the ladder reads it (line endings do not count)."""
    return hashlib.sha256((MIGRATIONS / name).read_text(encoding="utf-8").encode("utf-8")).hexdigest()


def test_shipped_steps_are_unchanged():
    pins = json.loads(PINS.read_text(encoding="utf-8"))
    assert pins, "no shipped step is pinned"
    for name, digest in pins.items():
        assert name in STEP_FILES, f"db/migrations/{name} was shipped; documents out there need it in the ladder"
        assert _digest(name) == digest, (
            f"db/migrations/{name} was shipped and has changed: documents written with it would no longer "
            "open as they did; add a new step instead of editing a shipped one"
        )


def test_every_step_is_named_for_its_version_and_pinned():
    assert tuple(f"v{v}_to_v{v + 1}.sql" for v in range(SCHEMA_VERSION)) == STEP_FILES
    assert sorted(p.name for p in MIGRATIONS.glob("*.sql")) == sorted(STEP_FILES), "a step file not in the ladder"
    pins = json.loads(PINS.read_text(encoding="utf-8"))
    unpinned = {name: _digest(name) for name in STEP_FILES if name not in pins}
    assert not unpinned, f"pin each new step when it ships: add {json.dumps(unpinned)} to {PINS.name}"


@pytest.mark.parametrize("version", spread(list(range(SCHEMA_VERSION))))  # the oldest and newest at least
def test_a_document_of_every_past_version_opens_at_the_current_one(tmp_path, version):
    """Built from the step files up to `version`, it passes the open checks, migrates, and ends at the
    schema a new document gets from the mapping."""
    laddered = old_document(tmp_path / "laddered.iipw", version)
    session = DocumentSession.open(laddered)
    try:
        assert session.info.upgraded_from == version
        session.save()
    finally:
        session.close()
    assert check_document(laddered).schema_version == SCHEMA_VERSION

    fresh = tmp_path / "fresh.sqlite"
    engine = create_engine(f"sqlite:///{fresh}")
    metadata.create_all(engine)
    engine.dispose()

    got, want = _schema(laddered), _schema(fresh)
    assert got["tables"] == want["tables"]
    assert set(want["tables"]) >= {"meta", "item", "project"}
    for table in want["tables"]:
        assert got["columns"][table] == want["columns"][table], table
    assert got["indexes"] == want["indexes"]
    assert got["index_columns"] == want["index_columns"]


def test_new_documents_are_at_the_current_version(tmp_path):
    session = DocumentSession.new()
    path = session.save_as(tmp_path / "new.iipw")
    session.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone() is not None
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        laddered = sqlite3.connect(":memory:")
        migrate(laddered)  # a new document is exactly what the ladder makes of an empty file
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        assert conn.execute(schema).fetchall() == laddered.execute(schema).fetchall()
    finally:
        conn.close()


BEFORE_ONE_INDICATOR_TRUTH = 7  # the last version in which an objective held its own indicator, baseline and target


def _v7_objective(id_: str, indicator: str, baseline: str, target: str, deadline: str = "NULL") -> str:
    return (
        "INSERT INTO objective (id, statement, objective_kind, aim, indicator, baseline, target, deadline, set_by, "
        f"owner, tradeoffs, instrument_ids) VALUES ('{id_}', 'Objective {id_}', 'quantitative', 'economic', "
        f"'{indicator}', '{baseline}', '{target}', {deadline}, '', 'Head of Batteries', '', '[]')"
    )


def test_an_objective_s_indicator_baseline_and_target_move_into_the_indicator_register(tmp_path):
    """Plain numbers become the indicator's values (the deadline its target date) and the words stay in its
    notes; an objective that already has an indicator keeps that one, with the old words added to its notes;
    an objective with none of the three gets no indicator. A capability gains evidence and a confidence."""
    path = old_document(
        tmp_path / "v7.iipw",
        BEFORE_ONE_INDICATOR_TRUTH,
        _v7_objective("numbers", "Cells made (GWh)", "0.4", "4,000", "'2030-12-31'"),
        _v7_objective("words", "Concentration rating", "High", "Medium"),
        _v7_objective("has-one", "Jobs", "About 300 (2024)", "4,000"),
        _v7_objective("empty", "", "", ""),
        "INSERT INTO indicator (id, name, objective_id, unit, baseline_value, baseline_date, target_value, "
        "target_date, source, frequency, owner) "
        "VALUES ('jobs', 'Direct jobs', 'has-one', 'jobs', 150.0, NULL, 3000.0, NULL, '', 'yearly', '')",
        "INSERT INTO capability (id, name, description, current, required, potential, instrument_ids) "
        "VALUES ('cap', 'Cell making', '', 1, 4, 3, '[]')",
    )
    session = DocumentSession.open(path)
    try:
        store = session.store
        found = {i.id: i for i in store.all("indicator")}
        assert sorted(found) == ["indicator-of-numbers", "indicator-of-words", "jobs"]
        numbers = found["indicator-of-numbers"]
        assert (numbers.name, numbers.objective_id, numbers.baseline_value, numbers.target_value) == (
            "Cells made (GWh)", "numbers", 0.4, 4000.0,
        )
        assert (numbers.target_date, numbers.owner, numbers.frequency) == ("2030-12-31", "Head of Batteries", "yearly")
        words = found["indicator-of-words"]
        assert (words.baseline_value, words.target_value) == (None, None)
        assert words.notes == "Baseline as the objective stated it: High.\nTarget as the objective stated it: Medium."
        jobs = found["jobs"]
        assert (jobs.name, jobs.baseline_value) == ("Direct jobs", 150.0)
        assert jobs.notes.splitlines() == [
            "The objective named it: Jobs.",
            "Baseline as the objective stated it: About 300 (2024).",
            "Target as the objective stated it: 4,000.",
        ]
        assert not hasattr(store.get("objective", "numbers"), "baseline")
        capability = store.get("capability", "cap")
        assert (capability.evidence, capability.confidence, capability.below_required) == ("", None, True)
        store.update("capability", "cap", {"evidence": "Audit 2024", "confidence": "low"})
        session.save()
    finally:
        session.close()
    again = DocumentSession.open(path, read_only=True)
    try:
        capability = again.store.get("capability", "cap")
        assert (capability.evidence, capability.confidence) == ("Audit 2024", "low")
    finally:
        again.close()

"""Shared helpers for the document-store tests: rich documents and child processes that crash on purpose."""

from __future__ import annotations

import dataclasses
import os
import queue
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from db.lockfile import read_lock
from db.session import WORKING_FILE, DocumentSession
from workbench.briefs.entities import Brief, BriefSection
from workbench.ecosystem.entities import Actor, Link
from workbench.entity import Entity
from workbench.kinds import KINDS
from workbench.money.entities import Option, OptionFlow, SpendLine, business_as_usual
from workbench.monitoring.entities import Indicator, Measurement
from workbench.practices.entities import Practice
from workbench.project import Project
from workbench.registers.entities import (
    ChecklistResponse,
    Evaluation,
    EvaluationQuestion,
    Experiment,
    Lesson,
    Objective,
    Risk,
)
from workbench.spheres.entities import Sphere
from workbench.spheres.items import Instrument, Item
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode
from workbench.value_chain.entities import Capability, ScaleUpAssessment, ValueChainStage
from workbench.workshop.entities import AgendaStep, Note, Participant, Snapshot, Vote, WorkshopState

REPO = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT = 60


def read_owner(document: Path) -> dict | None:
    """Whom the lock beside `document` names: None without a lock, {} for a lock that cannot be read."""
    seen = read_lock(document)
    return None if seen is None else seen.owner


def child_env() -> dict[str, str]:
    """The environment for a child process: this one's (so IIP_WORKBENCH_HOME is shared) plus the repo."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.pop("PYTHONWARNINGS", None)
    return env


def run_child(code: str, *args: str, timeout: float = CHILD_TIMEOUT) -> subprocess.CompletedProcess:
    """Run `code` in a fresh Python; raise with its output if it fails."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=timeout, check=False,
    )
    if proc.returncode != 0:
        raise AssertionError(f"child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


class Child:
    """A child Python process whose output lines a thread collects, so that every wait can time out."""

    def __init__(self, code: str, *args: str, stdin: bool = False):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code), *args],
            cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        )
        self.pid = self.proc.pid
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._errors: list[str] = []
        self._threads = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, self._lines.put), daemon=True),
            threading.Thread(target=self._pump, args=(self.proc.stderr, self._errors.append), daemon=True),
        ]
        for t in self._threads:
            t.start()

    @staticmethod
    def _pump(stream, put) -> None:
        for line in stream:
            put(line.rstrip("\n"))
        put(None)

    def read_line(self, timeout: float = CHILD_TIMEOUT) -> str:
        """The next line the child prints; fails (with the child's stderr) on timeout or end of output."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"child printed nothing for {timeout} s") from None
        if line is None:
            self.proc.wait(timeout=CHILD_TIMEOUT)
            raise AssertionError(f"child ended ({self.proc.returncode}):\n" + "\n".join(filter(None, self._errors)))
        return line

    def send(self, text: str) -> None:
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def finish(self, *, kill: bool = False) -> list[str]:
        """Wait for (or kill) the child; return the lines it printed that were not read yet."""
        if kill:
            self.proc.kill()
        self.proc.wait(timeout=CHILD_TIMEOUT)
        for t in self._threads:
            t.join(timeout=CHILD_TIMEOUT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        rest = []
        while not self._lines.empty():
            line = self._lines.get_nowait()
            if line is not None:
                rest.append(line)
        return rest

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode


def rich_entities() -> list[Entity]:
    """One or more entities of every kind, with non-default values in every field."""
    project = Project.create(
        title="Batterie-Hochlauf – Ελλάδα 🔋 «scale-up»",
        department="Ministère de l'Économie",
        country="Ísland",
        author="José Ñúñez 山田",
        version="2.3-β",
        marking="official_sensitive",
        caveat="commercial",
        currency="JPY",
        summary="Line one\nLine two with\ttab and emoji 🚀\n\nشكرا",
        year_start_month=4,
        base_year=2025,
        major_threshold=7.5e9,
    )
    spheres = [
        Sphere.create(id="sph-a", key="A", name="Wissenschaft", colour="#112233", cx=-101.25, cy=-60.5, r=180.75,
                      owner_department="Research ministry"),
        Sphere.create(id="sph-b", key="B", name="Innovation 创新", colour="#a1b2c3", cx=120.125, cy=-65.0, r=210.5,
                      owner_department="Innovation agency"),
        Sphere.create(id="sph-c", key="C", name="Industrie", colour="#ffeedd", cx=3.5, cy=130.0, r=199.0,
                      owner_department="Industry department"),
    ]
    stages = [ValueChainStage.create(id=f"stg-{i}", name=f"Étape {i}", position=i + 1, description=f"Stage {i}\nmore")
              for i in range(3)]
    actors = [
        Actor.create(id="act-1", name="Agência Nacional", actor_type="agency", level="regional", sphere_key="B",
                     size="large", x=12.5, y=-7.25, notes="Notes\nsecond line"),
        Actor.create(id="act-2", name="Universität Zürich", actor_type="university", level="international",
                     sphere_key="A", size="small", x=-3e5, y=4.4e-3, notes="ü"),
    ]
    items = [
        Item.create(id="itm-1", kind="programme", name="Gigafactory grant – €", description="Desc\nline",
                    x=0.1 + 0.2, y=-123456.789, outside_iip=True),
        Item.create(id="itm-2", kind="instrument", name="Loan 贷款", description="x", x=1e5, y=-1e5, outside_iip=True),
        Item.create(id="itm-3", kind="institution", name="Institute", description="inst", x=5.0, y=6.0,
                    outside_iip=True),
    ]
    instruments = [
        Instrument.create(id="itm-1", instrument_type="loan", budget_type="loan", private_finance=2.5e9,
                          loss_rate=0.125, level="international", status="active",
                          lead_actor_id="act-1", target_groups=["sme", "start_ups", "workers"],
                          stage_from_id="stg-0", stage_to_id="stg-2", trl_min=3, trl_max=7, mrl_min=2, mrl_max=9,
                          value_role="both", start_date="2025-02-28", end_date="2031-12-31"),
        Instrument.create(id="itm-2", instrument_type="equity", budget_type="equity", loss_rate=1.0, level="regional",
                          status="closed",
                          lead_actor_id="act-2", target_groups=["investors"], stage_from_id="stg-1",
                          stage_to_id="stg-1", trl_min=9, trl_max=9, mrl_min=10, mrl_max=10, value_role="capture",
                          start_date="2000-01-01", end_date="2000-01-01"),
    ]
    links = [
        Link.create(id="lnk-1", source_id="act-1", target_id="act-2", link_type="funds", weight=2.75, formal=True,
                    notes="Vertrag ✓"),
    ]
    rest: list[Entity] = [
        Capability.create(id="cap-1", name="Cell chemistry", description="Kathoden\nAnoden", current=1, required=4,
                          potential=5, instrument_ids=["itm-2", "itm-1"], evidence="Audit 2024\nÉtude",
                          confidence="medium"),
        ScaleUpAssessment.create(id="scl-1", subject="Batteries", production="weak", production_notes="p\nq",
                                 supply_chain="missing", supply_chain_notes="lithium", finance="strong",
                                 finance_notes="VC", instrument_ids=["itm-1"]),
        Objective.create(id="obj-1", statement="Double output ≥ 2×", objective_kind="qualitative", aim="both",
                         deadline="2030-06-30", set_by="Cabinet",
                         owner="Minister", tradeoffs="Jobs vs climate\nsecond", instrument_ids=["itm-1", "itm-2"]),
        Experiment.create(id="exp-1", name="Sandbox", experiment_type="regulatory_sandbox", scale="3 firms",
                          region="Nord", controlled_conditions="cc", hypothesis="h", decision_rule="scale if > 5%",
                          start_date="2026-01-01", end_date="2026-12-31", instrument_id="itm-2", result="r"),
        Evaluation.create(id="evl-1", name="Mid-term review", subject_id="itm-1", status="response_agreed",
                          planned_date="2028-03-15", timing="interim", types=["value_for_money", "process"],
                          criteria=["relevance", "impact", "sustainability"], designs=["contribution_analysis"],
                          counterfactual="Firms that applied\nand were refused", indicator_ids=["ind-1"],
                          data_sources="registers\nsurvey",
                          baseline="2024 survey", steering_group="Board ✓", quality_assurance="Analysts\nreview",
                          peer_review="Prof. Ø", independence="external_contractor", conflict_note="none",
                          proportionality=["spend", "novelty"], proportionality_note="Large\nand new",
                          budget=250_000.5, publication="publish_summary", registration="Registry 12",
                          management_response="Accepted «all»"),
        Lesson.create(id="lsn-1", lesson="Pilots need exit rules", source_kind="other_country", source="Suomi",
                      context="ctx", transferability="medium", knowledge_holder="Anna", holder_rotating=True,
                      date="2024-10-10", applied_to_ids=["itm-2", "itm-3"]),
        ChecklistResponse.create(id="rsp-1", checklist_id="objectives", question_id="q-01", answer="partly",
                                 note="Teilweise ✓"),
        Brief.create(id="brf-1", template="workshop", subject="Atelier <b>&</b>", sender="Équipe", recipient="Ministre",
                     date="2026-05-04", copy_to=["Cabinet", "Δ team"], omitted_sections=["votes"],
                     purpose="for_comment", clearance="Directrice ✓", contact="Anna, 0123 «x»",
                     added_sections=["annex_checklists"]),
        Risk.create(id="rsk-1", risk="Prices fall «vite»", category="market", likelihood="high", impact="low",
                    owner="Director ✓", mitigation="Pause\nthe drawdown"),
        BriefSection.create(id="bsc-1", template="evaluation", section="intro", text="Para one\n\n- bullet ✓"),
        Practice.create(id="prc-1", title="Voucher pilot ✓", country="Éire", theme="sme_engagement",
                        summary="Small vouchers\nfor SMEs", lesson="Keep forms short", source="OECD 2024"),
        *workshop_entities(),
        *money_entities(),
        *chain_entities(),
    ]
    return [project, *spheres, *stages, *actors, *items, *instruments, *links, *rest]


def chain_entities() -> list[Entity]:
    """A rationale, results and links of the theory of change, an indicator and a measurement, every field set."""
    return [
        Rationale.create(id="rat-1", statement="Firms underinvest in pilot lines «ja»", failure="coordination",
                         evidence="Survey\n2025", instrument_ids=["itm-1"], objective_ids=["obj-1"]),
        TocNode.create(id="nod-1", result_type="output", title="Pilot line built ✓", description="Line\none",
                       objective_id="obj-1", indicator="GWh a year", position=2),
        TocNode.create(id="nod-2", result_type="impact", title="Jobs in the region", position=1),
        TocLink.create(id="tlk-1", from_item_id="itm-1", to_node_id="nod-1", assumption="Firms take it up",
                       evidence="Pilot in Éire"),
        TocLink.create(id="tlk-2", from_node_id="nod-1", to_node_id="nod-2"),
        Indicator.create(id="ind-1", name="Cell output", objective_id="obj-1", unit="GWh", baseline_value=-2.5,
                         baseline_date="2024-01-31", target_value=40.0, target_date="2030-12-31", source="Statistik",
                         frequency="quarterly", owner="Head of Batteries", notes="Was 10 → 20\nin the objective"),
        Measurement.create(id="msr-1", indicator_id="ind-1", date="2025-06-30", value=7.25, note="Provisional ✓"),
        EvaluationQuestion.create(id="evq-1", evaluation_id="evl-1", question="Do firms take it up ✓?",
                                  toc_link_ids=["tlk-1", "tlk-2"], position=3),
    ]


def money_entities() -> list[Entity]:
    """Spend lines of the instruments above, business as usual and one option with every field set."""
    return [
        SpendLine.create(id="spd-1", instrument_id="itm-1", year=2025, amount=1_234_567_800.5),
        SpendLine.create(id="spd-2", instrument_id="itm-2", year=2000, amount=1000.0),
        business_as_usual(),
        Option.create(id="opt-1", name="Prêt seul ✓", position=1, description="Loan\nonly", adds_ids=["itm-1"],
                      changes_ids=["itm-2"], stops_ids=["itm-3"], non_monetised="Skills\nclusters", key_risks="Default",
                      optimism_bias=0.44, leakage=0.1, deadweight=0.25, displacement=0.05, substitution=0.02,
                      multiplier=1.3, outcome="jobs", outcome_units=1200.0, preferred=True),
        OptionFlow.create(id="flw-1", option_id="opt-1", flow="cost", budget_type="loan", year=2026, amount=4.2e8),
        OptionFlow.create(id="flw-2", option_id="opt-1", flow="benefit", budget_type=None, year=2030, amount=7.5e7,
                          objective_id="obj-1"),
    ]


def workshop_entities() -> list[Entity]:
    """Workshop mode: a group, an agenda step, notes (one converted), votes on a note and an item, a snapshot."""
    return [
        AgendaStep.create(id="stp-1", title="Gaps in the overlaps ✓", minutes=25, position=3, checklist_id="learning"),
        Participant.create(id="prt-1", name="Tisch Zwei – Ελλάδα", initials="T2", colour="#a6cee3", votes=5),
        Note.create(id="nte-1", text="Shared pilot line for cells 🔋 «ja»", participant_id="prt-1", colour="#ffccaa",
                    x=-12.5, y=33.25, decision=True, step_id="stp-1", converted_kind="objective", converted_id="obj-1"),
        Vote.create(id="vte-1", voter_id="prt-1", note_id="nte-1", count=3),
        Vote.create(id="vte-2", voter_id="prt-1", item_id="itm-1"),
        Snapshot.create(id="snp-1", name="After step 1 «gaps»", step_id="stp-1", taken="2026-05-04T10:15:00",
                        board='{"format": 1, "entities": {"note": []}}'),
        WorkshopState.create(totals_revealed=True, current_step_id="stp-1", anonymous_votes=True),
    ]


def field_default(t: type[Entity], name: str):
    f = next(f for f in dataclasses.fields(t) if f.name == name)
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def all_kinds() -> set[str]:
    return set(KINDS)


def snapshot(doc) -> dict[str, dict[str, dict]]:
    """A Document as plain values, for comparisons with readable diffs."""
    return {kind: {id_: e.values() for id_, e in sorted(items.items())} for kind, items in doc.entities.items()}


# One committed edit, then a large write transaction that spills pages into the file (the journal
# is hot) and waits to be killed.
HOT_JOURNAL = r"""
import sqlite3, sys
from pathlib import Path
from db.session import WORKING_FILE, DocumentSession
from workbench.ecosystem.entities import Actor

session = DocumentSession.open(Path(sys.argv[1]))
if sys.argv[2] == "edit":
    session.store.create([Actor.create(id="committed", name="Committed before the crash")])
print(session.folder, flush=True)
conn = sqlite3.connect(session.folder / WORKING_FILE, isolation_level=None)
conn.execute("PRAGMA cache_size=5")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE actor SET name = 'Never committed'")
conn.execute("CREATE TABLE bulk(x BLOB)")
for _ in range(200):
    conn.execute("INSERT INTO bulk VALUES (randomblob(4000))")
print("IN-COMMIT", flush=True)
sys.stdin.readline()
"""


def kill_during_hot_commit(saved_doc: Path, edit: str = "edit") -> Path:
    """Kill a session inside a commit, after one committed edit (or none); return its working-copy folder."""
    child = Child(HOT_JOURNAL, str(saved_doc), edit, stdin=True)
    folder = Path(child.read_line())
    assert child.read_line() == "IN-COMMIT"
    child.finish(kill=True)
    journal = folder / (WORKING_FILE + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the crash left no hot journal"
    return folder


def dead_pid() -> int:
    """The pid of a process of ours that has finished (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def make_doc(path: Path, title: str = "Battery cells") -> Path:
    """A saved, closed document whose project has `title`."""
    session = DocumentSession.new()
    session.store.update("project", "project", {"title": title})
    session.save_as(path)
    session.close()
    return path


def as_received(path: Path) -> Path:
    """`path`, as if another computer had sent it: its bytes not known to have been checked here, so that
    opening checks it whole (db.known_files)."""
    from db import known_files
    from db.paths import app_data_dir

    (app_data_dir() / known_files.FOLDER / f"{known_files.digest_of(path)}.json").unlink(missing_ok=True)
    return path

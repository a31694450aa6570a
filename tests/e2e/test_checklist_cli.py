"""`iip-workbench checklist` and `render --view checklists`, run as a user would run them (a real subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

from db.session import DocumentSession
from tests.e2e.cli import run_cli
from workbench.checklists.answers import new_response
from workbench.sample import sample_entities


def answered_sample(path: Path) -> Path:
    session = DocumentSession.new(sample_entities())
    session.store.create(
        [
            new_response("roamef", "feedback", "yes", note="Findings go to the programme board"),
            new_response("roamef", "appraisal", "na"),
        ]
    )
    session.save_as(path)
    session.close()
    return path


def test_checklist_json_gives_scores_states_and_failing_ids(tmp_path, app_home):
    path = answered_sample(tmp_path / "sample.iipw")
    out = run_cli("checklist", str(path), "--json", home=app_home)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    checklists = {c["id"]: c for c in report["checklists"]}
    assert list(checklists) == ["objectives", "experimentation", "evaluation", "learning", "context", "roamef"]
    roamef = {q["id"]: q for q in checklists["roamef"]["questions"]}
    assert (roamef["feedback"]["state"], roamef["feedback"]["note"]) == ("yes", "Findings go to the programme board")
    assert roamef["appraisal"]["state"] == "na"
    # rationale and monitoring are computed from the registers: the sample's gaps fail them, by name
    assert roamef["rationale"]["state"] == "fails" and roamef["monitoring"]["state"] == "fails"
    assert ("indicator", "ind-supply-resilience") in {(f["kind"], f["id"]) for f in roamef["monitoring"]["failing"]}
    assert checklists["context"]["questions"][0]["state"] == "not_answered"
    assert checklists["roamef"]["score"] == {"points": 1.0, "possible": 5, "percent": 20}
    decision = next(q for q in checklists["experimentation"]["questions"] if q["id"] == "decision_rule_set")
    assert decision["state"] == "fails"
    assert [(f["kind"], f["id"]) for f in decision["failing"]] == [("experiment", "exp-second-life-sandbox")]
    assert report["overall"]["possible"] == sum(c["score"]["possible"] for c in checklists.values())


def test_checklist_text_shows_symbols_words_and_failing_objects(tmp_path, app_home):
    path = answered_sample(tmp_path / "sample.iipw")
    out = run_cli("checklist", str(path), home=app_home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Overall: ")
    assert "✖ Fails" in out.stdout and "✔ Passes" in out.stdout and "? Not answered" in out.stdout
    assert "- experiment exp-second-life-sandbox: Second-life storage sandbox" in out.stdout
    assert "ROAMEF policy cycle: 20% (1 of 5 points; 0 not answered)" in out.stdout


def test_checklist_of_a_missing_file_is_a_clear_error(tmp_path, app_home):
    out = run_cli("checklist", str(tmp_path / "nowhere.iipw"), home=app_home)
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_render_checklists_and_practices_views(tmp_path, app_home):
    path = answered_sample(tmp_path / "sample.iipw")
    for view in ("checklists", "practices"):
        target = tmp_path / f"{view}.png"
        out = run_cli("render", str(path), "--view", view, "-o", str(target), home=app_home)
        assert out.returncode == 0, out.stderr
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

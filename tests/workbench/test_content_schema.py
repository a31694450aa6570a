"""Schema tests for the built-in content under resources/: readiness scales, checklists, practice library.

Every file is loaded the way the application loads it, through importlib.resources, so a missing
package marker (__init__.py) or a file left out of the package fails here too.
"""

from __future__ import annotations

import importlib
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import pytest

ALLOWED_RULES = frozenset(
    {
        "objectives_have_indicator_baseline_and_target",
        "objectives_have_owner",
        "objectives_cover_societal_and_economic",
        "objectives_have_deadline",
        "objectives_linked_to_instruments",
        "major_instruments_have_evaluation",
        "evaluation_runs_past_programme_end",
        "major_programmes_independent_evaluator",
        "major_programmes_cover_dac_criteria",
        "new_and_major_instruments_have_ex_ante",
        "roamef_rationale",
        "roamef_objectives",
        "roamef_monitoring",
        "roamef_evaluation",
        "instruments_reach_smes",
        "experiments_have_decision_rule",
        "experiments_have_hypothesis",
        "experiments_linked_to_instrument",
        "lessons_have_stable_owner",
        "lessons_from_other_countries",
        "lessons_applied",
    }
)
THRESHOLD_RULES = frozenset(
    {
        "major_instruments_have_evaluation",
        "major_programmes_independent_evaluator",
        "major_programmes_cover_dac_criteria",
        "new_and_major_instruments_have_ex_ante",
    }
)
# Which checklist each computed rule belongs in.
RULE_HOME = {
    "objectives": {r for r in ALLOWED_RULES if r.startswith("objectives_")},
    "experimentation": {r for r in ALLOWED_RULES if r.startswith("experiments_")},
    "evaluation": {
        "major_instruments_have_evaluation",
        "evaluation_runs_past_programme_end",
        "major_programmes_independent_evaluator",
        "major_programmes_cover_dac_criteria",
        "new_and_major_instruments_have_ex_ante",
    },
    "learning": {r for r in ALLOWED_RULES if r.startswith("lessons_")},
    "context": {"instruments_reach_smes"},
    "roamef": {"roamef_rationale", "roamef_objectives", "roamef_monitoring", "roamef_evaluation"},
}
CHECKLISTS = ("objectives", "experimentation", "evaluation", "learning", "context", "roamef")
PROCESS_CHECKLISTS = ("objectives", "experimentation", "evaluation", "learning")
ROAMEF_STAGES = ("rationale", "objectives", "appraisal", "monitoring", "evaluation", "feedback")
MODES = frozenset({"answered", "computed"})

COUNTRIES = frozenset({"China", "France", "Germany", "Italy", "Japan", "Korea", "Singapore", "Sweden", "UK", "US"})
THEME_GROUPS = {
    "international_context": "content",
    "national_objectives": "content",
    "industrial_capabilities": "content",
    "industrial_scale_up": "content",
    "structure_and_methods": "process",
    "experimentation": "process",
    "evaluation": "process",
    "policy_learning": "process",
    "institutional_ecosystems": "organisation",
    "regional_vs_national": "organisation",
    "sme_engagement": "organisation",
}
PRACTICE_SOURCE = "Babbage Forum, Industrial Innovation Policy: Challenges and opportunities (2023)"

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
YEAR_IN_BRACKETS = re.compile(r"\((?:19|20)\d{2}\)")

READINESS_FILES = {"trl.json": 9, "mrl.json": 10}
ALL_FILES = (
    [("readiness", name) for name in READINESS_FILES]
    + [("checklists", f"{c}.toml") for c in CHECKLISTS]
    + [("practices", "library.json")]
)


# -- loading --------------------------------------------------------------------------------------------------------


def _text(*parts: str) -> str:
    return resources.files("resources").joinpath(*parts).read_text(encoding="utf-8")


@cache
def load(folder: str, name: str) -> Any:
    text = _text(folder, name)
    return tomllib.loads(text) if name.endswith(".toml") else json.loads(text)


def checklist(cid: str) -> dict[str, Any]:
    return load("checklists", f"{cid}.toml")


def library() -> dict[str, Any]:
    return load("practices", "library.json")


def empty_strings(value: Any, path: str = "$") -> Iterator[str]:
    """Paths of every string (value or key) in a nested structure that is empty or has stray whitespace."""
    if isinstance(value, str):
        if not value.strip() or value != value.strip():
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not key.strip():
                yield f"{path}.<key {key!r}>"
            yield from empty_strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from empty_strings(item, f"{path}[{n}]")


def is_nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- packaging ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("package", ["resources.readiness", "resources.checklists", "resources.practices"])
def test_resource_folders_are_packages(package):
    module = importlib.import_module(package)
    assert resources.files(module).joinpath("__init__.py").is_file()


@pytest.mark.parametrize(("folder", "name"), ALL_FILES)
def test_every_file_parses_to_an_object_without_empty_strings(folder, name):
    data = load(folder, name)
    assert isinstance(data, dict)
    assert list(empty_strings(data)) == []


def test_empty_string_walker_finds_blank_values():
    data = {"a": ["ok", ""], "b": {"c": "  padded "}, "d": 3, "": "x"}
    assert sorted(empty_strings(data)) == ["$.<key ''>", "$.a[1]", "$.b.c"]


# -- readiness scales -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "top"), READINESS_FILES.items())
def test_readiness_scale_levels(name, top):
    data = load("readiness", name)
    assert set(data) == {"scale", "source", "note", "levels"}
    for key in ("scale", "source", "note"):
        assert is_nonempty_str(data[key]), key
    levels = data["levels"]
    assert isinstance(levels, list)
    for entry in levels:
        assert isinstance(entry, dict)
        assert set(entry) == {"level", "name", "definition", "example"}, entry
        assert type(entry["level"]) is int
        for key in ("name", "definition", "example"):
            assert is_nonempty_str(entry[key]), (entry["level"], key)
        assert len(entry["definition"]) <= 400, entry["level"]
    assert [e["level"] for e in levels] == list(range(1, top + 1))
    assert len({e["name"] for e in levels}) == top, "level names must be distinct"


def test_readiness_sources_name_the_public_scales():
    trl, mrl = load("readiness", "trl.json"), load("readiness", "mrl.json")
    assert "NASA" in trl["source"]
    assert "Horizon 2020" in trl["source"]
    assert "Department of Defense" in mrl["source"] or "DoD" in mrl["source"]
    assert "Deskbook" in mrl["source"]


# -- checklists -----------------------------------------------------------------------------------------------------


def test_checklist_folder_holds_exactly_the_six_checklists():
    folder = resources.files("resources").joinpath("checklists")
    found = {entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")}
    assert found == {f"{c}.toml" for c in CHECKLISTS}


def test_checklist_ids_match_files_and_are_unique():
    ids = [checklist(c)["id"] for c in CHECKLISTS]
    assert ids == list(CHECKLISTS)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("cid", CHECKLISTS)
def test_checklist_header(cid):
    data = checklist(cid)
    assert set(data) == {"id", "title", "summary", "source", "questions"}
    for key in ("id", "title", "summary", "source"):
        assert is_nonempty_str(data[key]), key
    assert isinstance(data["questions"], list)
    assert data["questions"], "a checklist needs questions"


@pytest.mark.parametrize("cid", CHECKLISTS)
def test_checklist_questions_schema(cid):
    questions = checklist(cid)["questions"]
    ids = [q.get("id") for q in questions]
    assert len(ids) == len(set(ids)), f"duplicate question ids in {cid}: {ids}"
    for q in questions:
        assert isinstance(q, dict)
        qid = q.get("id")
        assert isinstance(qid, str)
        assert SNAKE_CASE.fullmatch(qid), qid
        assert {"id", "text", "why", "source", "mode"} <= set(q), qid
        assert set(q) <= {"id", "text", "why", "source", "mode", "rule"}, qid
        for key in ("text", "why", "source"):
            assert is_nonempty_str(q[key]), (qid, key)
        assert YEAR_IN_BRACKETS.search(q["source"]), (qid, "source should name a year, e.g. (2023)")
        assert q["mode"] in MODES, (qid, q["mode"])
        if q["mode"] == "answered":
            assert "rule" not in q, qid
            assert "{threshold}" not in q["text"], qid
        else:
            assert q.get("rule") in ALLOWED_RULES, (qid, q.get("rule"))
            assert q["rule"] in RULE_HOME[cid], (qid, f"rule {q['rule']} belongs in another checklist")
            # a rule that judges by the project's threshold shows it in the question ("a budget of £50m or more")
            assert ("{threshold}" in q["text"]) == (q["rule"] in THRESHOLD_RULES), (qid, "threshold shown iff used")


def test_each_allowed_rule_is_used_exactly_once():
    used = Counter(q["rule"] for c in CHECKLISTS for q in checklist(c)["questions"] if q.get("mode") == "computed")
    assert set(used) == ALLOWED_RULES
    assert {rule: n for rule, n in used.items() if n != 1} == {}


@pytest.mark.parametrize("cid", PROCESS_CHECKLISTS)
def test_process_checklists_size_and_mix(cid):
    modes = Counter(q["mode"] for q in checklist(cid)["questions"])
    assert 6 <= sum(modes.values()) <= 10
    assert modes["computed"] >= 1
    assert modes["answered"] >= 1


def test_roamef_has_one_question_per_stage_computed_where_the_registers_can_answer():
    questions = checklist("roamef")["questions"]
    assert tuple(q["id"] for q in questions) == ROAMEF_STAGES
    computed = {q["id"]: q["rule"] for q in questions if q["mode"] == "computed"}
    assert computed == {
        "rationale": "roamef_rationale",
        "objectives": "roamef_objectives",
        "monitoring": "roamef_monitoring",
        "evaluation": "roamef_evaluation",
    }


# -- practice library -----------------------------------------------------------------------------------------------


def test_library_top_level_and_themes():
    data = library()
    assert set(data) == {"source", "themes", "practices"}
    assert is_nonempty_str(data["source"])
    themes = data["themes"]
    assert isinstance(themes, list)
    for theme in themes:
        assert set(theme) == {"id", "group", "name"}, theme
        assert is_nonempty_str(theme["name"]), theme
    ids = [t["id"] for t in themes]
    assert len(ids) == len(set(ids))
    assert {t["id"]: t["group"] for t in themes} == THEME_GROUPS


def test_practice_schema():
    practices = library()["practices"]
    assert isinstance(practices, list)
    ids = [p.get("id") for p in practices]
    assert len(ids) == len(set(ids)), "practice ids must be unique"
    for p in practices:
        assert set(p) == {"id", "country", "theme", "title", "summary", "lesson", "source"}, p.get("id")
        for key, value in p.items():
            assert is_nonempty_str(value), (p["id"], key)
        assert SNAKE_CASE.fullmatch(p["id"]), p["id"]
        assert p["country"] in COUNTRIES, (p["id"], p["country"])
        assert p["theme"] in THEME_GROUPS, (p["id"], p["theme"])
        assert p["source"] == PRACTICE_SOURCE, p["id"]


def test_all_ten_countries_have_three_to_six_practices():
    per_country = Counter(p["country"] for p in library()["practices"])
    assert set(per_country) == COUNTRIES
    assert {c: n for c, n in per_country.items() if not 3 <= n <= 6} == {}


def test_every_theme_covered_by_at_least_two_practices():
    per_theme = Counter(p["theme"] for p in library()["practices"])
    assert {t: per_theme[t] for t in THEME_GROUPS if per_theme[t] < 2} == {}

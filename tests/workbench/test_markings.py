"""Protective markings come from data (resources/markings): the UK scheme by default, descriptors with
OFFICIAL-SENSITIVE only, SECRET and TOP SECRET never offered but kept by an old document."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import resources
from workbench import markings
from workbench.errors import ValidationError, WorkbenchError
from workbench.project import Marking, Project


def test_the_uk_scheme_is_the_default_and_offers_official_markings_only():
    uk = markings.schemes()["uk"]
    assert uk.name == "UK Government Security Classifications" and markings.default_scheme() is uk
    table = [(m.value, m.label, m.descriptors, m.offered) for m in uk.markings]
    assert table == [
        ("official", "OFFICIAL", (), True),
        ("official_sensitive", "OFFICIAL-SENSITIVE", ("COMMERCIAL", "PERSONAL", "LOCSEN"), True),
        ("secret", "SECRET", (), False),
        ("top_secret", "TOP SECRET", (), False),
    ]
    assert [m.label for m in markings.offered()] == ["OFFICIAL", "OFFICIAL-SENSITIVE"]
    assert markings.scheme_for("Ruritania") is uk and markings.scheme_for("united kingdom") is uk
    assert {m.value for m in Marking} == {"official", "official_sensitive", "secret", "top_secret"}  # all known


@pytest.mark.parametrize(
    ("marking", "descriptor", "printed", "problem"),
    [
        ("official", "", "OFFICIAL", None),
        ("official_sensitive", "", "OFFICIAL-SENSITIVE", None),
        ("official_sensitive", "commercial", "OFFICIAL-SENSITIVE COMMERCIAL", None),
        ("official_sensitive", " Personal ", "OFFICIAL-SENSITIVE PERSONAL", None),
        ("official_sensitive", "LOCSEN", "OFFICIAL-SENSITIVE LOCSEN", None),
        ("official_sensitive", "UK EYES ONLY", "OFFICIAL-SENSITIVE UK EYES ONLY", "must be one of"),
        ("official", "COMMERCIAL", "OFFICIAL", "COMMERCIAL goes only with OFFICIAL-SENSITIVE"),
        ("top_secret", "COMMERCIAL", "TOP SECRET", "COMMERCIAL goes only with OFFICIAL-SENSITIVE"),
        ("secret", "", "SECRET", None),
    ],
)
def test_a_descriptor_goes_with_official_sensitive_only(marking, descriptor, printed, problem):
    assert markings.marking_text(marking, descriptor) == printed
    found = markings.descriptor_problem(marking, descriptor)
    assert (found is None) if problem is None else (problem in found)
    if problem:
        with pytest.raises(ValidationError, match="Descriptor"):
            Project.create(marking=marking, caveat=descriptor)


def test_top_secret_commercial_cannot_be_made_and_secret_is_never_chosen_anew():
    sensitive = Project.create(marking="official_sensitive", caveat="COMMERCIAL")
    with pytest.raises(ValidationError, match="goes only with OFFICIAL-SENSITIVE"):
        sensitive.changed(marking="top_secret")
    for value in ("secret", "top_secret"):
        with pytest.raises(WorkbenchError, match="is not offered: IIP Workbench is for OFFICIAL information"):
            sensitive.with_marking(value)
    assert sensitive.with_marking("official").marking_text == "OFFICIAL"  # the descriptor does not go along


def test_an_old_secret_document_keeps_its_marking_and_says_so_in_one_sentence():
    old = Project(marking="secret", caveat="")  # as stored by an earlier version
    assert old.changed(title="Renamed").marking == "secret"  # other edits go on; the marking stays
    assert old.with_marking("secret") is old  # its own marking prints on its briefs
    assert old.marking_text == "SECRET"
    assert old.marking_not_handled.startswith("This document is marked SECRET: IIP Workbench keeps the marking")
    assert old.marking_not_handled.count(".") == 1
    assert Project.create().marking_not_handled == ""


RURITANIA = {
    "scheme": "Ruritanian State Classifications",
    "countries": ["Ruritania"],
    "markings": [
        {"value": "ruritania_restricted", "label": "RESTRICTED", "descriptors": ["CABINET"]},
        {"value": "ruritania_open", "label": "OPEN"},
    ],
    "not_offered": [{"value": "ruritania_state_secret", "label": "STATE SECRET"}],
}


def test_a_country_s_scheme_added_as_a_data_file_is_offered_printed_and_enforced(tmp_path):
    """A copy of the data folder with one more file in markings/; the program, run on it, uses it."""
    shipped = Path(resources.__file__).parent
    copy = tmp_path / "resources"
    copy.mkdir()
    for entry in shipped.iterdir():
        if entry.name not in ("markings", "__pycache__"):
            (copy / entry.name).symlink_to(entry)
    shutil.copytree(shipped / "markings", copy / "markings")
    (copy / "markings" / "ruritania.json").write_text(json.dumps(RURITANIA), encoding="utf-8")
    code = """
import json
import resources
from workbench import markings
from workbench.errors import WorkbenchError
from workbench.project import Project
project = Project.create(country="Ruritania", marking="ruritania_restricted", caveat="cabinet")
try:
    project.with_marking("ruritania_state_secret")
    refused = ""
except WorkbenchError as err:
    refused = err.message
print(json.dumps({
    "folder": str(resources.FOLDER),
    "offered": [m.label for m in markings.offered("ruritania")],
    "elsewhere": [m.label for m in markings.offered("Ruritanian Republic of Elsewhere")],
    "printed": project.marking_text,
    "open": project.with_marking("ruritania_open").marking_text,
    "descriptor": markings.descriptor_problem("ruritania_open", "CABINET"),
    "refused": refused,
}))
"""
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    used = json.loads(out.stdout)
    assert used["folder"] == str(copy)
    assert used["offered"] == ["RESTRICTED", "OPEN"]
    assert used["elsewhere"] == ["OFFICIAL", "OFFICIAL-SENSITIVE"]  # the UK's stays the default
    assert (used["printed"], used["open"]) == ("RESTRICTED CABINET", "OPEN")
    assert used["descriptor"] == "CABINET goes only with RESTRICTED: choose that marking, or leave it empty"
    assert used["refused"].startswith("STATE SECRET is not offered")

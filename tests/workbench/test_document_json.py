"""The whole document as JSON: every kind and field (money and options included) written and read back
identical, and a file that is not such a document refused in one sentence naming it."""

from __future__ import annotations

import json

import pytest

from db.session import DocumentSession
from tests.db.support import rich_entities
from workbench.document import Document
from workbench.interchange.document_json import read_document_json, write_document_json
from workbench.interchange.errors import BadImportFile
from workbench.kinds import KINDS
from workbench.registers.questions import evaluations_testing
from workbench.sample import sample_entities


@pytest.mark.parametrize("entities", [rich_entities, sample_entities], ids=["every-kind-and-field", "sample"])
def test_a_document_round_trips_through_json_identically(entities):
    doc = Document.of(entities())
    written = write_document_json(doc)
    back = Document.of(read_document_json(written.decode("utf-8"), "doc.json"))
    assert back == doc
    assert write_document_json(back) == written
    assert set(json.loads(written)["entities"]) == set(KINDS) - {"project"}


def test_a_saved_document_writes_the_json_of_what_was_put_in(tmp_path):
    entities = rich_entities()
    session = DocumentSession.new(entities)
    try:
        path = session.save_as(tmp_path / "rich.iipw")
    finally:
        session.close()
    again = DocumentSession.open(path, read_only=True)
    try:
        assert write_document_json(again.store.load()) == write_document_json(Document.of(entities))
    finally:
        again.close()


def _sample_json() -> dict:
    return json.loads(write_document_json(Document.of(sample_entities())))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: "not json", "doc.json, line 1: is not valid JSON (Expecting value)"),
        (lambda d: {**d, "format": "iip-workbench/ecosystem"},
         "doc.json: is not an IIP Workbench document in JSON (its format is not 'iip-workbench/document')"),
        (lambda d: {**d, "version": 2}, "doc.json: is version 2 of the document format; this program reads 1"),
        (lambda d: {**d, "entities": {**d["entities"], "spend": [{"instrument_id": "item-gigafactory-loan",
                                                                   "year": 2026, "amount": -5}]}},
         "doc.json: cannot be read: spend record 1: Spend line: Amount must be at least 0, not -5"),
        (lambda d: {**d, "entities": {**d["entities"], "option_flow": [{"option_id": "nowhere", "year": 2026}]}},
         "doc.json: cannot be read: 1 broken references, first: Option cost or benefit '2026': Option refers to "
         "unknown option 'nowhere'"),
    ],
)
def test_a_file_that_is_not_a_sound_document_is_refused_naming_it(change, message):
    data = change(_sample_json())
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(BadImportFile) as refused:
        read_document_json(text, "doc.json")
    assert refused.value.message == message


def test_evaluations_go_round_with_their_magenta_book_fields_and_questions():
    """The sample's evaluations in JSON: every new field by name, the questions as their own kind, and
    read back the same links are tested by the same evaluations."""
    doc = Document.of(sample_entities())
    data = json.loads(write_document_json(doc))
    [pilot] = [e for e in data["entities"]["evaluation"] if e["id"] == "eval-pilot-lines-interim"]
    assert pilot["status"] == "in_progress" and pilot["types"] == ["impact"]
    assert pilot["designs"] == ["quasi_experimental", "contribution_analysis"]
    assert pilot["indicator_ids"] == ["ind-cell-capacity"] and pilot["publication"] == "publish_in_full"
    assert pilot["steering_group"].startswith("Pilot lines evaluation group")
    asked = {q["question"]: q["toc_link_ids"] for q in data["entities"]["evaluation_question"]}
    assert asked["Can start-ups afford the line fees, and who is priced out?"] == ["toc-l-lines"]
    assert "tested_by_ids" not in data["entities"]["toc_link"][0]
    back = Document.of(read_document_json(json.dumps(data), "doc.json"))
    assert evaluations_testing(back) == evaluations_testing(doc) != {}

"""The money entities through the store: business as usual refuses to be deleted by any path and nothing
changes; an instrument's spend lines and an option's costs and benefits go with their owner and come
back with one undo."""

from __future__ import annotations

import pytest

from db.operations import Batch
from db.session import DocumentSession
from tests.db.test_services import _unchanged
from workbench.errors import WorkbenchError
from workbench.money.entities import BAU_ID, Option, OptionFlow, SpendLine
from workbench.spheres.items import Instrument, Item


@pytest.fixture
def store():
    session = DocumentSession.new()
    session.store.create([
        Item.create(id="loan", name="Gigafactory loan"),
        Instrument.create(id="loan", budget_type="loan", loss_rate=0.15),
        SpendLine.create(id="s1", instrument_id="loan", year=2026, amount=180e6),
        Option.create(id="o1", name="Loan only", position=1, changes_ids=["loan"]),
        OptionFlow.create(id="f1", option_id="o1", budget_type="loan", year=2027, amount=75e6),
        OptionFlow.create(id="f2", option_id=BAU_ID, budget_type="grant", year=2027, amount=1e6),
    ])
    yield session.store
    session.close()


MESSAGE = "Business as usual is the option every other is compared with"


def test_business_as_usual_is_in_a_new_document_and_refuses_every_way_of_deleting_it(store):
    assert store.get("option", BAU_ID).position == 0
    _unchanged(store, lambda: store.delete([("option", BAU_ID)]), match=MESSAGE)
    _unchanged(store, lambda: store.delete([("option", "o1"), ("option", BAU_ID)]), match=MESSAGE)
    _unchanged(store, lambda: store.batch(delete=[("option", BAU_ID)]), match=MESSAGE)
    _unchanged(store, lambda: store.apply(Batch(delete=[("option", BAU_ID)])), match=MESSAGE)
    _unchanged(store, lambda: store.update("option", BAU_ID, {"position": 3}), error=WorkbenchError)


def test_spend_lines_and_option_flows_go_with_their_owner_and_come_back_with_undo(store):
    done = store.delete([("item", "loan")])
    assert store.get("spend", "s1") is None and store.get("option", "o1").changes_ids == []
    store.apply(done.inverse)
    assert store.get("spend", "s1").amount == 180e6 and store.get("option", "o1").changes_ids == ["loan"]
    done = store.delete([("option", "o1")])
    assert store.get("option_flow", "f1") is None and store.get("option_flow", "f2") is not None
    store.apply(done.inverse)
    assert store.get("option_flow", "f1").amount == 75e6

"""Which policy items the Spheres view's search and filters keep, without a window."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.document import Document
from workbench.sample import sample_entities
from workbench.spheres.filtering import ItemFilter, matching
from workbench.spheres.items import Instrument, InstrumentType, Item, ItemKind, Level, Status

LOAN = Item.create(id="loan", kind="instrument", name="Gigafactory Loan", description="Senior debt")
GRANT = Item.create(id="grant", kind="programme", name="Battery grants", description="For a pilot LOAN line")
CENTRE = Item.create(id="centre", kind="institution", name="Scale-up centre")
ITEMS = [LOAN, GRANT, CENTRE]
SAMPLE = Document.of(sample_entities())
PROFILES = {
    "loan": Instrument.create(id="loan", instrument_type="loan", level="national", status="active"),
    "grant": Instrument.create(id="grant", instrument_type="rd_grant", level="regional", status="active"),
}


def kept(**chosen) -> list[str]:
    return matching(ITEMS, PROFILES, ItemFilter(**chosen))


def test_nothing_chosen_keeps_every_item_in_order():
    assert kept() == ["loan", "grant", "centre"]
    assert kept(text="   ") == ["loan", "grant", "centre"]


def test_nothing_chosen_asks_no_item_whether_it_is_kept(monkeypatch):
    """A board of 20,000 items opens with nothing chosen: asking each item held the window."""

    def asked(*_args) -> bool:
        raise AssertionError("an item was asked")

    monkeypatch.setattr(ItemFilter, "keeps", asked)
    assert kept(text="  ") == ["loan", "grant", "centre"]


def test_words_match_the_name_or_the_description_whatever_their_case():
    assert kept(text=" loan ") == ["loan", "grant"]
    assert kept(text="SENIOR DEBT") == ["loan"]
    assert kept(text="nowhere") == []


def test_filters_combine_and_profile_filters_leave_out_items_without_a_profile():
    assert kept(kind="institution") == ["centre"]
    assert kept(level="regional") == ["grant"]
    assert kept(status="active") == ["loan", "grant"]  # the centre has no status to match
    assert kept(status="active", instrument_type="loan") == ["loan"]
    assert kept(text="loan", level="national") == ["loan"]
    assert kept(kind="programme", level="national") == []


@given(
    text=st.sampled_from(["", "loan", "battery", "GIGA", "x"]),
    kind=st.one_of(st.none(), st.sampled_from([k.value for k in ItemKind])),
    level=st.one_of(st.none(), st.sampled_from([k.value for k in Level])),
    status=st.one_of(st.none(), st.sampled_from([k.value for k in Status])),
    itype=st.one_of(st.none(), st.sampled_from([k.value for k in InstrumentType])),
)
def test_on_the_sample_an_item_is_kept_exactly_when_it_meets_every_choice(text, kind, level, status, itype):
    profiles = {p.id: p for p in SAMPLE.all(Instrument)}
    chosen = ItemFilter(text=text, kind=kind, level=level, status=status, instrument_type=itype)
    result = matching(SAMPLE.all(Item), profiles, chosen)
    for item in SAMPLE.all(Item):
        profile = profiles.get(item.id)
        wanted = (
            (text.lower() in item.name.lower() or text.lower() in item.description.lower())
            and kind in (None, item.kind)
            and (profile is not None or not (level or status or itype))
            and (profile is None or level in (None, profile.level))
            and (profile is None or status in (None, profile.status))
            and (profile is None or itype in (None, profile.instrument_type))
        )
        assert (item.id in result) == wanted, item.name

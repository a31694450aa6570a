"""The practice library: loading, coverage, search and filters, and turning a practice into a lesson or a draft."""

from __future__ import annotations

import json
from importlib import resources

from workbench.document import Document
from workbench.practices.entities import Practice, Theme
from workbench.practices.library import (
    DRAFT_STEP,
    all_practices,
    as_draft_instrument,
    as_lesson,
    countries,
    draft_position,
    is_built_in,
    load_library,
    search,
)
from workbench.registers.entities import Lesson
from workbench.spheres.entities import Region, default_spheres, region_of
from workbench.spheres.items import Instrument, Item

TEN = ["China", "France", "Germany", "Italy", "Japan", "Korea", "Singapore", "Sweden", "UK", "US"]


def library_json() -> dict:
    return json.loads(resources.files("resources").joinpath("practices", "library.json").read_text(encoding="utf-8"))


def mine(**values) -> Practice:
    defaults = dict(title="Our voucher pilot", country="Ireland", theme="sme_engagement", summary="Vouchers for SMEs.")
    return Practice.create(**{**defaults, **values})


def test_library_loads_every_practice_as_a_read_only_built_in():
    library = load_library()
    assert len(library.practices) == len(library_json()["practices"]) >= 30
    assert all(is_built_in(p) for p in library.practices)
    assert not is_built_in(mine())
    assert library.source.startswith("Babbage Forum")


def test_library_covers_all_ten_countries_and_every_theme():
    practices = load_library().practices
    assert countries(practices) == TEN
    assert {p.theme for p in practices} == {t.value for t in Theme}
    for country in TEN:
        assert len(search(practices, country=country)) >= 3, country


def test_theme_choice_matches_the_library_themes_and_names():
    themes = library_json()["themes"]
    assert [t["id"] for t in themes] == [t.value for t in Theme]
    assert {t["id"]: t["name"] for t in themes} == {t.value: t.label for t in Theme}


def test_search_matches_every_word_in_any_field_ignoring_case():
    practices = [
        mine(id="a", title="Regulatory SANDBOX", country="Singapore", theme="experimentation"),
        mine(id="b", title="Test beds", summary="States try policies first", country="US", theme="experimentation"),
        mine(id="c", title="Catapult centres", lesson="Reach out to SMEs", country="UK", theme="sme_engagement"),
    ]
    assert [p.id for p in search(practices, "sandbox")] == ["a"]
    assert [p.id for p in search(practices, "states  POLICIES")] == ["b"]
    assert [p.id for p in search(practices, "states sandbox")] == []
    assert [p.id for p in search(practices, "smes reach")] == ["c"]
    assert [p.id for p in search(practices, "experimentation")] == ["a", "b"]  # the theme's label
    assert [p.id for p in search(practices, "", country="UK")] == ["c"]
    assert [p.id for p in search(practices, theme="experimentation", country="US")] == ["b"]
    assert [p.id for p in search(practices)] == ["a", "b", "c"]


def test_user_practices_join_the_built_in_ones():
    own = mine(id="own-1")
    practices = all_practices(Document.of([own]))
    assert practices[-1] == own
    assert "Ireland" in countries(practices)
    assert [p.id for p in search(practices, "voucher", country="Ireland")] == ["own-1"]


def test_a_practice_becomes_a_lesson_from_another_country():
    practice = load_library().practices[0]
    lesson = as_lesson(practice)
    assert isinstance(lesson, Lesson)
    assert (lesson.source_kind, lesson.source, lesson.transferability) == ("other_country", practice.country, None)
    assert lesson.lesson == practice.lesson
    assert practice.summary in lesson.context and practice.source in lesson.context


def test_a_practice_without_a_lesson_gives_its_title_as_the_lesson():
    assert as_lesson(mine(lesson="", source="")).lesson == "Our voucher pilot"


def test_a_practice_becomes_a_proposed_draft_instrument():
    practice = load_library().practices[0]
    item, profile = as_draft_instrument(practice, (12.0, 34.0))
    assert isinstance(item, Item) and isinstance(profile, Instrument)
    assert (item.kind, item.name, item.x, item.y) == ("instrument", practice.title, 12.0, 34.0)
    assert profile.id == item.id and profile.status == "proposed"
    assert practice.country in item.description and practice.source in item.description


def test_drafts_go_outside_the_spheres_without_covering_each_other():
    spheres = default_spheres()
    doc = Document.of(spheres)
    first = draft_position(doc)
    assert region_of(*first, spheres) is Region.OUTSIDE
    item, profile = as_draft_instrument(mine(), first)
    second = draft_position(Document.of([*spheres, item, profile]))
    assert second == (first[0], first[1] + DRAFT_STEP)

"""The dataclasses' methods compiled at one start are run at the next, not compiled again; a kept copy that
cannot be read is compiled afresh and written again."""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field

import pytest

from ui import compiled_methods


def made() -> type:
    """A dataclass made anew, from the same source, each time it is called."""

    @dataclass(frozen=True)
    class Point:
        x: int
        label: str = ""
        tags: tuple[str, ...] = field(default_factory=tuple)

    return Point


@pytest.fixture
def kept(tmp_path):
    yield tmp_path / "methods.bin"
    compiled_methods.uninstall()


def test_a_dataclass_made_again_runs_the_methods_compiled_before(kept):
    first = compiled_methods.install(kept)
    made()
    assert first.compiled > 0
    first.keep()
    second = compiled_methods.install(kept)
    point = made()
    assert second.compiled == 0 and second.used
    assert point(1, "a") == point(1, "a") != point(2)
    assert repr(point(1, "a")).endswith("Point(x=1, label='a', tags=())")
    assert hash(point(1, "a")) == hash(point(1, "a"))
    with pytest.raises(AttributeError):
        point(1).x = 2  # type: ignore[misc]


def test_a_copy_that_cannot_be_read_is_compiled_afresh_and_kept_again(kept):
    kept.write_bytes(b"not marshal data")
    methods = compiled_methods.install(kept)
    point = made()
    assert methods.compiled > 0 and point(3).x == 3
    methods.keep()
    assert compiled_methods.install(kept).kept.keys() == methods.used.keys()


def test_the_methods_are_what_dataclasses_would_have_compiled(kept):
    """Compiled here, they must not take this module's `from __future__ import annotations`: their annotations
    are the classes themselves, as without the kept copy (tools that read a signature see the same)."""
    plain = made()
    compiled_methods.install(kept)
    point = made()
    assert point.__init__.__annotations__ == plain.__init__.__annotations__
    assert point.__init__.__code__.co_flags == plain.__init__.__code__.co_flags


SUPPORT = "def double(x: Undefined) -> int:\n    return 2 * x\n"  # a module a library compiles from its source


def test_a_module_compiled_from_its_source_at_one_start_is_not_compiled_at_the_next(kept):
    first = compiled_methods.install(kept)
    compile(SUPPORT, "support/double.py", "exec")
    assert first.compiled == 1
    compiled_methods.keep()
    second = compiled_methods.install(kept)
    code = compile(SUPPORT, "support/double.py", "exec")
    assert second.compiled == 0
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["double"](2) == 4 and code.co_filename == "support/double.py"


def test_a_module_s_code_takes_the_future_switches_of_its_caller_as_the_built_in_compile_does(kept):
    """This module has `from __future__ import annotations`: the annotation is not looked up, as without the
    kept copy; compiled without it, defining the function would look up `Undefined`."""
    plain = compile(SUPPORT, "support/double.py", "exec")
    compiled_methods.install(kept)
    code = compile(SUPPORT, "support/double.py", "exec")
    alone = compile(SUPPORT, "support/double.py", "exec", dont_inherit=True)
    assert code.co_flags == plain.co_flags != alone.co_flags
    exec(code, {})
    with pytest.raises(NameError):
        exec(alone, {})


def test_a_pattern_compiled_at_one_start_is_made_at_the_next_from_what_was_kept_and_matches_alike(kept):
    source = r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(\d\d))?"
    plain = re.compile(source, re.IGNORECASE)
    first = compiled_methods.install(kept)
    re.purge()  # re's own cache of this process would answer instead
    re.compile(source, re.IGNORECASE)
    assert first.compiled == 1
    made()  # patterns are kept with the code compiled beside them
    compiled_methods.keep()
    second = compiled_methods.install(kept)
    re.purge()
    pattern = re.compile(source, re.IGNORECASE)
    assert second.compiled == 0 and second.used
    assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (
        plain.pattern,
        plain.flags,
        plain.groups,
        plain.groupindex,
    )
    found = pattern.search("On 2026-12-04, or 2027-01")
    assert found is not None and found.groupdict() == {"year": "2026", "month": "12"} and found.group(3) == "04"
    assert [m.group() for m in pattern.finditer("2026-12-04 2027-01")] == ["2026-12-04", "2027-01"]


def test_patterns_alone_are_not_kept_so_a_pattern_new_at_every_start_writes_nothing(kept):
    """A pattern made of a set's words is another pattern at each start (string hashing is randomised)."""
    compiled_methods.install(kept)
    made()
    compiled_methods.keep()
    written = kept.stat().st_mtime_ns
    again = compiled_methods.install(kept)
    made()
    re.purge()
    re.compile("|".join(sorted({"alpha", "beta"}, key=lambda _: random.random())) + "(?#new at every start)")
    assert again.compiled == 1
    compiled_methods.keep()
    assert kept.stat().st_mtime_ns == written


def test_a_module_python_imports_from_its_file_is_left_to_python_s_own_cache(kept, tmp_path, monkeypatch):
    """Its source changes as the program is upgraded: kept here, every version would be kept."""
    (tmp_path / "fresh_module.py").write_text("def double(x: int) -> int:\n    return 2 * x\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    methods = compiled_methods.install(kept)
    import fresh_module  # type: ignore[import-not-found]

    assert fresh_module.double(3) == 6
    assert methods.compiled == 0 and methods.used == {}
    monkeypatch.delitem(sys.modules, "fresh_module")


def test_a_start_reads_of_what_was_kept_only_the_code_it_runs(kept, monkeypatch):
    """A start uses about half of what the starts before it kept (the first opening of a file, a section
    shown, make more): the rest is left as bytes."""
    import marshal

    compiled_methods.install(kept)
    made()

    @dataclass
    class Other:
        name: str = ""

    compiled_methods.keep()
    read = []
    real = marshal.loads
    monkeypatch.setattr(marshal, "loads", lambda data: read.append(data) or real(data))
    second = compiled_methods.install(kept)
    made()
    assert second.compiled == 0 and len(second.used) < len(second.kept)
    assert len(read) == 1 + len(second.used)  # the copy's index, then each code run


def test_what_is_compiled_beside_while_the_copy_is_kept_does_not_stop_the_keeping(kept, monkeypatch):
    """Work beside the window may compile a row reader at the very moment the window keeps the copy."""
    methods = compiled_methods.install(kept)
    made()
    dumps = compiled_methods.marshal.dumps

    def while_keeping(value):
        methods.used[(f"<row reader {len(methods.used)}>", 0, "")] = value  # compiled beside, meanwhile
        return dumps(value)

    monkeypatch.setattr(compiled_methods.marshal, "dumps", while_keeping)
    methods.keep()
    monkeypatch.undo()
    assert compiled_methods.install(kept).kept  # the copy was written

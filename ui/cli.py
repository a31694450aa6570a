"""The `iip-workbench` command: the GUI with no subcommand, headless subcommands otherwise."""

from __future__ import annotations

import atexit
import gc
import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from workbench import __version__
from workbench.errors import WorkbenchError, os_reason, sentence
from workbench.words import count

if TYPE_CHECKING:
    import argparse  # loaded by build_parser: the window's start path does without it

    from ui.compiled_methods import CompiledMethods

log = logging.getLogger(__name__)
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = fn
        return fn

    return register


def build_parser() -> argparse.ArgumentParser:
    import argparse  # here, as the next: the window's start path does without them

    from workbench.interchange.identity import MATCHES

    parser = argparse.ArgumentParser(
        prog="iip-workbench",
        description="Design industrial innovation policy. With no command (or a document path) the window opens; "
        "the commands below run without a window.",
    )
    parser.add_argument("--version", action="version", version=f"IIP Workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="create an empty document, or the sample project with --sample")
    p.add_argument("path", type=Path)
    p.add_argument("--sample", action="store_true", help="fill it with the battery scale-up sample project")
    p.add_argument("--from", dest="source", type=Path, metavar="JSON", help="fill it from a whole document in JSON "
                   "(as `export --format document` writes it)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = sub.add_parser("info", help="title, marking, schema version and counts of a document")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("check", help="check a document's integrity; exit 0 when sound")
    p.add_argument("path", type=Path)

    p = sub.add_parser("checklist", help="score the checklists: each question's state and the objects that fail it")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print JSON (the default output is a summary)")

    p = sub.add_parser(
        "analyse", help="analyse a document: sphere regions and gaps, value chain, ecosystem, money and options"
    )
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print JSON (the default output is a summary)")

    p = sub.add_parser("appraise", help="compare the options against business as usual (HM Treasury Green Book)")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print every figure as JSON (the default output is a table)")

    p = sub.add_parser("brief", help="export a brief as PDF or Word (ministerial, workshop or evaluation template)")
    p.add_argument("path", type=Path)
    p.add_argument("--template", required=True, help="ministerial, workshop or evaluation")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--page-size", default="a4", help="a4 (the default) or letter")
    p.add_argument("--marking", help="instead of the project's: official or official_sensitive")
    p.add_argument("--date", help="date the brief YYYY-MM-DD and make the PDF reproducible (fixed creation date)")
    p.add_argument(
        "--final",
        action="store_true",
        help="export as final: no DRAFT mark; refused while a section of a submission is still to be completed",
    )
    p.add_argument(
        "--format", choices=BRIEF_FORMATS, help="pdf or docx (Word); by default the output's extension says which"
    )
    p.add_argument("--word-template", type=Path, metavar="DOCX", help="with --format docx: a department's Word "
                   "document whose styles the brief takes")

    p = sub.add_parser("render", help="render a view of a document to PNG without a screen")
    p.add_argument("path", type=Path, nargs="?", help="the document (not needed for --view welcome)")
    p.add_argument("--view", default="window", help="window, welcome, or a section: " + ", ".join(_section_keys()))
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--width", type=int, default=1280)
    p.add_argument("--height", type=int, default=800)

    p = sub.add_parser("import", help="import actors and links (CSV, GraphML, JSON) into a document and save it")
    p.add_argument("path", type=Path)
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p.add_argument("--kind", choices=("actors", "links", "graphml", "json"), help="by default the name tells")
    p.add_argument(
        "--encoding", choices=("utf-8", "cp1252"), default="utf-8", help="cp1252: CSV from older Excel (line by line)"
    )
    p.add_argument(
        "--match",
        choices=MATCHES,
        default="id",
        help="which actors a row updates: id (ids of this app's exports; the default), name (also the one actor "
        "of that name), none (every row adds an actor)",
    )
    p.add_argument("--dry-run", action="store_true", help="print what the import would do and change nothing")

    p = sub.add_parser(
        "export",
        help="export the ecosystem's actors and links as CSV, GraphML (Gephi) or JSON, or the whole document as JSON",
    )
    p.add_argument("path", type=Path)
    p.add_argument(
        "--format", required=True, choices=("csv", "graphml", "json", "document"), help="document: every entity"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="for csv: OUT-actors.csv and OUT-links.csv; each file marks its ids (workbench_id) so that importing "
        "it again updates the actors and links in place",
    )
    return parser


def _section_keys() -> list[str]:
    from ui.views.section_keys import SECTION_KEYS

    return list(SECTION_KEYS)


@command("new")
def _new(args: argparse.Namespace) -> int:
    from db.session import DocumentSession, held
    from workbench.sample import sample_entities

    target = args.path if args.path.suffix == ".iipw" else args.path.with_name(args.path.name + ".iipw")
    if target.exists() and not args.force:
        raise WorkbenchError(f"{target} already exists; use --force to overwrite it.")
    entities = sample_entities() if args.sample else None
    if args.source is not None:
        from workbench.interchange.document_json import read_document_json
        from workbench.interchange.source import decode, read_capped

        entities = read_document_json(decode(read_capped(args.source), args.source.name), args.source.name)
    with held(DocumentSession.new(entities)) as session:
        session.save_as(target)
    print(f"Created {target}")
    return 0


@command("info")
def _info(args: argparse.Namespace) -> int:
    from db.migrations import SCHEMA_VERSION
    from db.session import opened
    from workbench.project import Project

    with opened(args.path) as session:
        project = session.store.get_of(Project, "project")
        counts = session.store.counts()
        version = session.info.upgraded_from or SCHEMA_VERSION
    assert project is not None
    info = {
        "path": str(args.path),
        "title": project.title,
        "marking": project.marking_text,
        "schema_version": version,
        "counts": counts,
    }
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
    else:
        print(f"{info['title']}  [{info['marking']}]")
        print(f"schema version {version}")
        for kind, n in counts.items():
            print(f"  {kind:<12} {n}")
    return 0


@command("check")
def _check(args: argparse.Namespace) -> int:
    from db.session import check_document

    found = check_document(args.path)
    print(f"{args.path}: sound (IIP Workbench document, schema version {found.schema_version})")
    return 0


@command("checklist")
def _checklist(args: argparse.Namespace) -> int:
    from db.session import opened
    from workbench.checklists.report import checklist_report, report_lines

    with opened(args.path) as session:
        report = checklist_report(session.store.load())
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else "\n".join(report_lines(report)))
    return 0


@command("analyse")
def _analyse(args: argparse.Namespace) -> int:
    from db.session import opened
    from workbench.analysis import analyse

    with opened(args.path) as session:
        result = analyse(session.store.load())
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        for key, part in result.items():
            print(f"{key}:")
            for gap in [*part.get("gaps", []), *part.get("findings", [])]:
                print(f"  - {gap['text']}")
            if "error" in part:
                print(f"  - {part['error']}")
    return 0


@command("appraise")
def _appraise(args: argparse.Namespace) -> int:
    from db.session import opened
    from workbench.options.appraisal import appraise_options
    from workbench.options.table import comparison_lines

    with opened(args.path) as session:
        result = appraise_options(session.store.load())
    if args.json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(comparison_lines(result)))
    return 0


BRIEF_FORMATS = ("pdf", "docx")
COMMAND_COLLECTION = (20_000, 10, 10)  # a command's collector thresholds (see run)


def brief_format(asked: str | None, output: Path) -> str:
    """The format a brief is written in: as asked, else as the output's extension says (a file named .docx
    holding a PDF would not open in Word); asking for one and naming the file as the other is refused."""
    named = output.suffix.lower().lstrip(".")
    if asked and named in BRIEF_FORMATS and named != asked:
        raise WorkbenchError(f"{output.name} is named as a .{named} file but --format {asked} was asked for.")
    return asked or (named if named in BRIEF_FORMATS else "pdf")


@command("brief")
def _brief(args: argparse.Namespace) -> int:
    from db.session import opened
    from templates_reports.catalogue import load_template
    from templates_reports.export import make_brief, parse_day, write_pdf

    load_template(args.template)  # a bad name fails before the document is opened
    word = brief_format(args.format, args.output) == "docx"
    fixed_date = parse_day(args.date) if args.date else None
    with opened(args.path) as session:
        doc = session.store.load()
    if doc.project.marking_not_handled:
        print(doc.project.marking_not_handled, file=sys.stderr)
    if word:
        from templates_reports.export import make_docx, write_file
        from ui.page_image import ensure_gui, house_family, png_bytes

        ensure_gui()  # the figures are painted by Qt, with no window
        family = house_family()
        data = make_docx(
            doc,
            args.template,
            lambda picture: png_bytes(picture, family),
            marking=args.marking,
            page_size=args.page_size,
            fixed_date=fixed_date,
            word_template=args.word_template,
            final=args.final,
        )
        print(f"Wrote {write_file(data, args.output)}")
        return 0
    brief = make_brief(
        doc, args.template, marking=args.marking, page_size=args.page_size, fixed_date=fixed_date, final=args.final
    )
    print(f"Wrote {write_pdf(brief, args.output)} ({count(brief.pages, 'page')})")
    return 0


@command("render")
def _render(args: argparse.Namespace) -> int:
    from ui.render import render

    out = render(args.path, args.view, args.output, args.width, args.height)
    print(f"Wrote {out}")
    return 0


@command("import")
def _import(args: argparse.Namespace) -> int:
    """Open (and lock) the document, plan the import and print the plan; unless --dry-run, apply
    it and save. A file that cannot be read changes nothing; a bad row is skipped and named."""
    from db.importing import import_files
    from db.session import opened
    from workbench.interchange.errors import NeedsEncodingChoice

    with opened(args.path, read_only=args.dry_run) as session:
        try:
            plan = import_files(
                session,
                args.files,
                args.kind,
                allow_cp1252=args.encoding == "cp1252",
                match=args.match,
                dry_run=args.dry_run,
            )
        except NeedsEncodingChoice as err:
            raise WorkbenchError(f"{err.message}; if so, run again with --encoding cp1252.") from err
        if plan.entities and not args.dry_run:
            session.save()
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb if plan.entities else 'Nothing to change:'} {plan.summary()}")
    for line in plan.lines():
        print(f"  {line}")
    if args.dry_run:
        print("Dry run: the document was not changed.")
    return 0


@command("export")
def _export(args: argparse.Namespace) -> int:
    from db.importing import ecosystem_of
    from db.session import opened
    from workbench.interchange.files import export_files

    if args.format == "document":
        from workbench.interchange.document_json import write_document_json
        from workbench.safe_files import write_atomically

        with opened(args.path) as session:
            data = write_document_json(session.store.load())
        write_atomically(args.output, data)
        print(f"Wrote {args.output}")
        return 0
    with opened(args.path) as session:
        doc = ecosystem_of(session)
    print("Wrote " + " and ".join(str(p) for p in export_files(doc, args.format, args.output)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in _command_names() and not argv[0].startswith("-")):
        # Start-up makes many objects and little garbage: the collector waits until the window
        # shows (run_gui turns it back on). The document layer loads first: once PySide6 is loaded
        # it reads the source of every module imported after it (looking for __feature__ switches).
        # Before either, the dataclasses' methods compiled at an earlier start are taken up; and before
        # PySide's first Qt module, a faster way for it to read them (ui.feature_check).
        gc.disable()
        _kept_between_runs()
        from ui import feature_check, opening_ahead

        if argv:
            opening_ahead.begin(Path(argv[0]))  # checked while PySide and the window load (ui.opening_ahead)
        feature_check.install()
        from ui.app import run_gui

        return run_gui(Path(argv[0]) if argv else None)
    from ui import compiled_methods

    methods = _kept_between_runs()
    args = build_parser().parse_args(argv)
    from ui.logging_setup import setup_logging

    setup_logging()
    if args.command is None:
        from ui.app import run_gui

        return run_gui(None)
    try:
        code = COMMANDS[args.command](args)
    except WorkbenchError as err:
        log.info("%s stopped: %s (%s)", args.command, err.message, err.detail or "no detail")
        _say(sentence(err.message))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a command that stopped reading (e.g. head)
        sys.stderr.close()
        return 0
    except Exception as err:  # never a traceback for the user; the log keeps the detail
        log.exception("%s stopped", args.command)
        _say(sentence(_last_resort(args, err)))
        return 2
    finally:
        methods.keep()  # for the next run, if this one compiled any
        compiled_methods.uninstall()
    return _flushed(code, args.command)


def _kept_between_runs() -> CompiledMethods:
    """Take up what earlier runs kept for this one: the dataclasses' methods they compiled
    (ui.compiled_methods) and the fonts' tables they read (templates_reports.kept_faces)."""
    from templates_reports import kept_faces
    from ui import compiled_methods

    kept_faces.keep_in(compiled_methods.kept_path().parent / "faces")
    return compiled_methods.install()


def _flushed(code: int, command: str) -> int:
    """The command has done its work; output that cannot be written is said as just that."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stdout = None  # the reader has gone (e.g. head); nothing to flush at exit either
    except OSError as err:
        sys.stdout = None
        _say(f"The {command} command finished, but what it reports could not be printed: {os_reason(err)[0]}.")
        return 2
    return code


def _say(message: str) -> None:
    """The one sentence on stderr; when even that cannot be written there is no one left to tell."""
    try:
        print(f"iip-workbench: {message}", file=sys.stderr, flush=True)
    except OSError:
        sys.stderr = None  # nor at exit, which would print a traceback and exit 120 instead of 2


def _last_resort(args: argparse.Namespace, err: Exception) -> str:
    """An error no boundary turned into a sentence, said about the command and its document."""
    from db.errors import plain_error

    path = getattr(args, "path", None)
    subject = f"The {args.command} command" + (f" on {path.name}" if path else "") + " stopped"
    return plain_error(err, subject).message


def _command_names() -> set[str]:
    return set(COMMANDS) | {"help"}


def run() -> NoReturn:
    """The `iip-workbench` program. A command that leaves no work running beside it ends once its exit
    handlers have run (logs flushed, temporary files removed), without Python freeing each object it made
    one by one: tens of milliseconds after a large brief, for nothing. Otherwise, and for the window, the
    process ends as Python ends it (work beside is told to stop and waited for).

    A command's cyclic collector runs every 20,000 new objects rather than 700: a command runs for a
    moment and most of what it makes lives to its end (the modules, the document), which the collector
    went through again and again: 30 ms of a large brief's half second. The window collects by hand
    (ui.collector)."""
    argv = sys.argv[1:]
    command = bool(argv) and argv[0] in _command_names()
    if command:
        gc.set_threshold(*COMMAND_COLLECTION)
    before = set(threading.enumerate())
    code = main(argv)
    saving = sys.modules.get("db.atomic_save")  # (loaded by a command that used a document)
    if saving is not None and command:
        saving.end_helpers()  # its threads' work done (a working copy removed, a backup named), they end
    beside = [t for t in set(threading.enumerate()) - before if not t.daemon and t.is_alive()]
    if command and not beside:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError, AttributeError):  # gone, closed, or None (see _flushed)
                stream.flush()
        atexit._run_exitfuncs()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()

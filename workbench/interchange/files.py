"""The entry points the command line and the window share: plan an import, write an export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.errors import WorkbenchError
from workbench.interchange.csv_io import read_csv, write_csv
from workbench.interchange.errors import BadImportFile, ImportStopped
from workbench.interchange.graphml_io import read_graphml, write_graphml
from workbench.interchange.json_io import read_json, write_json
from workbench.interchange.plan import ImportPlan, Progress, Stop, never, plan_import, quiet
from workbench.interchange.records import Record
from workbench.interchange.source import MAX_RECORDS, decode, read_capped
from workbench.safe_files import write_atomically
from workbench.words import agreeing

IMPORT_KINDS = ("actors", "links", "graphml", "json")
EXPORT_FORMATS = ("csv", "graphml", "json")
_BY_SUFFIX = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".graphml": "graphml", ".xml": "graphml", ".json": "json"}
_CSV_KINDS = {"actors": "actor", "links": "link"}


def read_records(path: Path, kind: str | None = None, *, allow_cp1252: bool = False) -> Sequence[Record]:
    """Records of one file; `kind` is one of IMPORT_KINDS, or None to go by the file name (and,
    for CSV, by the header)."""
    path = Path(path)
    form = "csv" if kind in _CSV_KINDS else kind or _BY_SUFFIX.get(path.suffix.lower())
    if form not in EXPORT_FORMATS:
        raise BadImportFile(
            path.name, "cannot tell the format from the name; say whether it holds actors, links, graphml or json"
        )
    data = read_capped(path)
    if form == "graphml":
        return read_graphml(data, path.name)
    if form == "json":
        return read_json(decode(data, path.name), path.name)  # JSON is UTF-8 by definition (RFC 8259)
    return read_csv(decode(data, path.name, allow_cp1252=allow_cp1252), path.name, _CSV_KINDS.get(kind or ""))


def plan_files(
    paths: Sequence[Path],
    doc: Document,
    kind: str | None = None,
    *,
    allow_cp1252: bool = False,
    match: str = "id",
    progress: Progress = quiet,
    stop: Stop = never,
) -> ImportPlan:
    """Read every file and decide what each record does to `doc` (see `identity` for `match`);
    raises BadImportFile for a file that cannot be read at all, and changes nothing.

    `progress` hears how many files are read, then how many records are checked; once `stop()` is
    true (the window's Cancel) the planning ends with ImportStopped."""
    read: list[Sequence[Record]] = []
    for n, path in enumerate(paths, 1):
        if stop():
            raise ImportStopped
        read.append(read_records(path, kind, allow_cp1252=allow_cp1252))
        progress(n, len(paths), f"{agreeing(len(paths), 'file')} read")
    if sum(map(len, read)) > MAX_RECORDS:
        raise BadImportFile(", ".join(Path(p).name for p in paths), f"hold more than {MAX_RECORDS:,} actors and links")
    return plan_import(read, doc, [Path(p).name for p in paths], match=match, progress=progress, stop=stop)


def csv_paths(out: Path) -> tuple[Path, Path]:
    """One CSV per kind, named after `out`: 'eco.csv' -> 'eco-actors.csv' and 'eco-links.csv'."""
    out = Path(out)
    stem = out.name[: -len(out.suffix)] if out.suffix.lower() == ".csv" else out.name
    return out.with_name(f"{stem}-actors.csv"), out.with_name(f"{stem}-links.csv")


def export_files(doc: Document, form: str, out: Path) -> list[Path]:
    """Write the document's actors and links as `form`; returns the files written."""
    actors, links = doc.all(Actor), doc.all(Link)
    out = Path(out)
    if form == "csv":
        actors_path, links_path = csv_paths(out)
        outputs = {actors_path: write_csv(actors, "actor"), links_path: write_csv(links, "link")}
    elif form == "graphml":
        outputs = {out: write_graphml(actors, links)}
    elif form == "json":
        outputs = {out: write_json(actors, links)}
    else:
        raise WorkbenchError(f"Unknown export format {form!r}; choose {', '.join(EXPORT_FORMATS)}.")
    for path, data in outputs.items():
        write_atomically(path, data)
    return list(outputs)

"""Reading an untrusted file: a size cap before reading, and strict decoding.

Text must be UTF-8 (with or without a byte-order mark) or UTF-16 (Excel's "Unicode text", with a
byte-order mark or plainly recognisable by its zero bytes). Older Excel versions save Windows-1252;
that is only assumed when the caller says the user confirmed it, and then only for the lines that
are not UTF-8, so a file pasted together from both keeps its UTF-8 lines as they are.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from workbench.interchange.errors import BadImportFile, NeedsEncodingChoice, line

MAX_BYTES = 50 * 1024 * 1024
MAX_RECORDS = 250_000  # actors plus links in one import


def read_capped(path: Path) -> bytes:
    """The file's bytes, refusing files over MAX_BYTES without reading them whole."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise BadImportFile(path.name, "the file does not exist") from None
    except IsADirectoryError:
        raise BadImportFile(path.name, "is a folder, not a file") from None
    except OSError as err:
        raise BadImportFile(path.name, f"cannot be read ({err.strerror or err})") from err
    if len(data) > MAX_BYTES:
        raise BadImportFile(path.name, f"is larger than the {MAX_BYTES // (1024 * 1024)} MB an import may be")
    return data


def decode(data: bytes, file: str, *, allow_cp1252: bool = False) -> str:
    """UTF-8 or UTF-16 text (a leading byte-order mark dropped); lines that are not UTF-8 are read
    as Windows-1252 only when `allow_cp1252`."""
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16).removeprefix("\ufeff")
        except UnicodeDecodeError as err:
            where = line(data[: err.start].decode(utf16, "replace").count("\n") + 1)
            raise BadImportFile(file, "is not valid UTF-16 text", where) from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        where = line(data.count(b"\n", 0, err.start) + 1)
        if not allow_cp1252:
            raise NeedsEncodingChoice(
                file,
                f"is not UTF-8 text (byte 0x{data[err.start]:02X}). It may be Windows-1252, as older versions "
                "of Excel save; import it as Windows-1252 only if you know it is",
                where,
            ) from None
    return "".join(_utf8_or_cp1252(text, file, n) for n, text in enumerate(data.splitlines(keepends=True), 1))


def _utf8_or_cp1252(text: bytes, file: str, n: int) -> str:
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return text.decode("cp1252")
    except UnicodeDecodeError:
        raise BadImportFile(file, "is neither UTF-8 nor Windows-1252 text", line(n)) from None


def _utf16(data: bytes) -> str | None:
    """'utf-16' for a byte-order mark, 'utf-16-le'/'-be' when every other byte of the start is zero
    (text in Latin letters without a mark), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    start = data[:2048]
    if len(start) < 4 or len(start) % 2:
        return None
    even, odd = start[0::2], start[1::2]
    if not even.count(0) and odd.count(0) > len(odd) // 2:
        return "utf-16-le"
    if not odd.count(0) and even.count(0) > len(even) // 2:
        return "utf-16-be"
    return None

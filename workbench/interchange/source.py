"""Reading an untrusted file: a size cap before reading, and strict decoding.

Text must be UTF-8 (with or without a byte-order mark). Older Excel versions save Windows-1252;
that is only assumed when the caller says the user confirmed it, since guessing wrong silently
garbles every accented name.
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
    """UTF-8 text (a leading byte-order mark dropped); Windows-1252 only when `allow_cp1252`."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadImportFile(file, "is saved as UTF-16; save it again as 'CSV UTF-8' (or plain UTF-8) and import that")
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
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise BadImportFile(
            file, "is neither UTF-8 nor Windows-1252 text", line(data.count(b"\n", 0, err.start) + 1)
        ) from None

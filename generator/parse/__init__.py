"""Parse the raw text of question sets into `Dossier` models; knows nothing of MkDocs or pages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.model import Diagnostic, Dossier, Kind, Level
from generator.parse.combine import combine
from generator.parse.document import dossier_id, parse_text

DOSSIER_SUFFIXES = (".txt",)

__all__ = [
    "DOSSIER_SUFFIXES",
    "UnreadableDossier",
    "combine",
    "decode",
    "dossier_id",
    "is_dossier_file",
    "load_folder",
    "parse_bytes",
    "parse_file",
    "parse_or_report",
    "parse_text",
]


class UnreadableDossier(Exception):
    """A dossier file that cannot be read at all: missing, a directory, binary, or not text."""


# The longest real question set is some 25 kB. Parsing costs seconds per megabyte, so a file this
# large is a mistake (a whole Handelingen, an export) that would stall every build and `mkdocs serve`.
MAX_DOSSIER_BYTES = 1_000_000

# What is often saved under a .txt name instead of the text extracted from it.
_BINARY_SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive, such as a .docx document",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Word (.doc) document",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
_UTF16_BYTE_ORDER_MARKS = (b"\xff\xfe", b"\xfe\xff")
# Bytes that Windows-1252 gives printable characters (“ ” ‘ ’ – € …) and Latin-1 gives control codes.
_WINDOWS_1252_ONLY = frozenset(range(0x80, 0xA0))


def decode(data: bytes, *, name: str) -> tuple[str, str]:
    """The text of a dossier file and the encoding it was read in.

    UTF-8 (with or without a byte order mark) is the norm. Files saved on Windows come as
    Windows-1252, or as Latin-1 when they use none of the characters the two encode differently,
    or as UTF-16 with a byte order mark ("Unicode" in Notepad).
    """
    if len(data) > MAX_DOSSIER_BYTES:
        raise UnreadableDossier(
            f"{name}: file of {len(data) / 1_000_000:.1f} MB is too large for a question set "
            f"(at most {MAX_DOSSIER_BYTES // 1_000_000} MB); expected the text of one question set"
        )
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableDossier(f"{name}: binary file ({kind}); expected the text extracted from it")
    if data.startswith(_UTF16_BYTE_ORDER_MARKS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the NUL check below says what it is
    if b"\x00" in data:
        raise UnreadableDossier(f"{name}: binary file (it contains NUL bytes); expected plain text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _WINDOWS_1252_ONLY.isdisjoint(data):
        return data.decode("latin-1"), "latin-1"
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 reads every byte, and the odd ones
        # show as control characters rather than being lost.
        return data.decode("latin-1"), "latin-1"


def parse_file(path: Path) -> Dossier:
    """Parse one dossier file. Raises `UnreadableDossier` only when the file cannot be read at all."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDossier(f"{path}: cannot read: {error.strerror or error}") from error
    return parse_bytes(data, name=path.name, shown_as=str(path))


def parse_bytes(data: bytes, *, name: str, shown_as: str | None = None) -> Dossier:
    """Parse the bytes of a dossier file called `name` (the file name under dossiers/)."""
    text, encoding = decode(data, name=shown_as or name)
    dossier = parse_text(text.replace("\r\n", "\n").replace("\r", "\n"), source=name)
    if encoding != "utf-8":
        note = Diagnostic(level=Level.NOTE, line=None, message=f"file is not UTF-8; read as {encoding}")
        dossier = replace(dossier, diagnostics=(note, *dossier.diagnostics))
    return dossier


def is_dossier_file(name: str) -> bool:
    """Whether a file of this name in the dossier folder is a dossier: it has a dossier suffix, as
    `PurePath.suffix` sees it (so ".txt" alone is not one, and "...txt" is), told without a Path."""
    return any(name.endswith(suffix) and len(name) > len(suffix) for suffix in DOSSIER_SUFFIXES)


def load_folder(folder: Path) -> list[Dossier]:
    """Parse every dossier file in a folder, sorted by file name, and combine each question set.

    A file that cannot be read still gives a dossier, empty but for the error, so that one bad file
    is reported with the others instead of stopping the build.
    """
    paths = sorted(p for p in folder.iterdir() if p.is_file() and is_dossier_file(p.name))
    return combine([parse_or_report(p) for p in paths])


def parse_or_report(path: Path) -> Dossier:
    try:
        return parse_file(path)
    except UnreadableDossier as error:
        problem = Diagnostic(level=Level.ERROR, line=None, message=str(error).removeprefix(f"{path}: "))
        return Dossier(
            id=dossier_id(path.name),
            source=path.name,
            kind=Kind.QUESTIONS,
            title=path.name,
            diagnostics=(problem,),
        )

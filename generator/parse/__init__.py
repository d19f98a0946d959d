"""Parse the raw text of question sets into `Dossier` models; knows nothing of MkDocs or pages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.model import Diagnostic, Dossier, Kind, Level
from generator.parse.combine import combine
from generator.parse.document import parse_text

DOSSIER_SUFFIXES = (".txt",)

__all__ = [
    "DOSSIER_SUFFIXES",
    "UnreadableDossier",
    "combine",
    "decode",
    "load_folder",
    "parse_bytes",
    "parse_file",
    "parse_or_report",
    "parse_text",
]


class UnreadableDossier(Exception):
    """A dossier file that cannot be read at all: missing, a directory, binary, or not text."""


def decode(data: bytes, *, name: str) -> tuple[str, str]:
    """The text of a dossier file and the encoding it was read in.

    UTF-8 (with or without a byte order mark) is the norm; files saved on Windows come as
    Windows-1252, which also covers Latin-1 text in practice.
    """
    if b"\x00" in data:
        raise UnreadableDossier(f"{name}: binary file (it contains NUL bytes); expected plain text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
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


def load_folder(folder: Path) -> list[Dossier]:
    """Parse every dossier file in a folder, sorted by file name, and combine each question set.

    A file that cannot be read still gives a dossier, empty but for the error, so that one bad file
    is reported with the others instead of stopping the build.
    """
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in DOSSIER_SUFFIXES)
    return combine([parse_or_report(p) for p in paths])


def parse_or_report(path: Path) -> Dossier:
    try:
        return parse_file(path)
    except UnreadableDossier as error:
        problem = Diagnostic(level=Level.ERROR, line=None, message=str(error).removeprefix(f"{path}: "))
        return Dossier(
            id=path.stem, source=path.name, kind=Kind.QUESTIONS, title=path.name, diagnostics=(problem,)
        )

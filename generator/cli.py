"""The command line: ``python -m generator parse FILE`` and ``python -m generator check [PATH ...]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.model import Diagnostic, Dossier, dossier_to_dict
from generator.parse import DOSSIER_SUFFIXES, UnreadableDossier, load_folder, parse_file

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="print one parsed dossier as JSON")
    parse.add_argument("file", type=Path)

    check = commands.add_parser("check", help="parse dossiers and report errors and notes")
    check.add_argument("paths", type=Path, nargs="*", default=[Path("dossiers")])
    check.add_argument("--quiet", action="store_true", help="only errors, no notes")

    arguments = parser.parse_args(argv)
    if arguments.command == "parse":
        return _parse(arguments.file)
    return _check(arguments.paths, quiet=arguments.quiet)


def _parse(path: Path) -> int:
    try:
        dossier = parse_file(path)
    except UnreadableDossier as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    json.dump(dossier_to_dict(dossier), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def _check(paths: Iterable[Path], *, quiet: bool) -> int:
    dossiers: list[Dossier] = []
    for path in paths:
        if path.is_dir():
            dossiers.extend(load_folder(path))
        elif path.suffix in DOSSIER_SUFFIXES or path.is_file():
            try:
                dossiers.append(parse_file(path))
            except UnreadableDossier as error:
                print(f"{path}: error: {error}")
                return EXIT_UNREADABLE
        else:
            print(f"{path}: error: no such file or folder")
            return EXIT_UNREADABLE
    error_count = note_count = 0
    for dossier in dossiers:
        shown = dossier.errors if quiet else dossier.diagnostics
        for diagnostic in shown:
            print(format_diagnostic(dossier.source, diagnostic))
        error_count += len(dossier.errors)
        note_count += len(dossier.notes)
    with_errors = sum(1 for dossier in dossiers if dossier.errors)
    print(
        f"{_count(len(dossiers), 'dossier')} checked: {_count(error_count, 'error')} "
        f"in {_count(with_errors, 'dossier')}, {_count(note_count, 'note')}"
    )
    return EXIT_ERRORS if error_count else EXIT_OK


def format_diagnostic(source: str, diagnostic: Diagnostic) -> str:
    """``file:line: level: message: 'quote'``, the form editors and their tools know from compilers."""
    where = f"{source}:{diagnostic.line}" if diagnostic.line else source
    quoted = f": {diagnostic.quote!r}" if diagnostic.quote else ""
    return f"{where}: {diagnostic.level}: {diagnostic.message}{quoted}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"

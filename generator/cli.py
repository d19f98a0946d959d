"""The command line: ``python -m generator parse FILE``, ``check [PATH ...]`` and ``add FILE ...``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.add import Filing, Outcome, Progress, expand_inputs, file_dossiers, summary_lines
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

    add = commands.add_parser("add", help="file raw question sets in dossiers/ under their canonical names")
    add.add_argument("files", type=Path, nargs="+", help="text from a PDF or .docx; a folder: all its .txt")
    add.add_argument("--dossiers", type=Path, default=Path("dossiers"), help="the folder to file them in")
    add.add_argument("--dry-run", action="store_true", help="report the names, write nothing")

    arguments = parser.parse_args(argv)
    if arguments.command == "parse":
        return _parse(arguments.file)
    if arguments.command == "add":
        return _add(arguments.files, dossiers=arguments.dossiers, dry_run=arguments.dry_run)
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


def _add(paths: Iterable[Path], *, dossiers: Path, dry_run: bool) -> int:
    if not dossiers.is_dir():
        print(f"{dossiers}: error: no such folder; give the dossiers folder with --dossiers", file=sys.stderr)
        return EXIT_UNREADABLE
    sources = expand_inputs(paths)
    progress = Progress(total=len(sources), stream=sys.stderr)
    progress.show()
    filings: list[Filing] = []
    for filing in file_dossiers(sources, dossiers=dossiers, dry_run=dry_run):
        progress.clear()
        _report_filing(filing, dry_run=dry_run)
        filings.append(filing)
        progress.advance()
    progress.clear()
    outcomes = [filing.outcome for filing in filings]
    dossiers_read = [filing.dossier for filing in filings if filing.dossier]
    error_count = sum(len(dossier.errors) for dossier in dossiers_read)
    note_count = sum(len(dossier.notes) for dossier in dossiers_read)
    not_filed = len(outcomes) - outcomes.count(Outcome.ADDED) - outcomes.count(Outcome.UNCHANGED)
    print(
        f"{_count(len(filings), 'file')} read: {outcomes.count(Outcome.ADDED)} "
        f"{'to add' if dry_run else 'added'}, {outcomes.count(Outcome.UNCHANGED)} unchanged, "
        f"{not_filed} not filed; {_count(error_count, 'error')}, {_count(note_count, 'note')}"
    )
    if Outcome.UNREADABLE in outcomes:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if not_filed or error_count else EXIT_OK


def _report_filing(filing: Filing, *, dry_run: bool) -> None:
    """A headline, what was found, then the diagnostics against the file that holds exactly this text."""
    if filing.outcome is Outcome.ADDED:
        print(f"{'would add' if dry_run else 'added'} {filing.destination} from {filing.source}")
    elif filing.outcome is Outcome.UNCHANGED:
        print(f"unchanged {filing.destination}: same text as {filing.source}")
    else:
        print(f"{filing.source}: error: {filing.problem}")
    if filing.dossier is None:
        return
    for line in summary_lines(filing.dossier):
        print(line)
    if filing.converted_from and filing.outcome is Outcome.ADDED:
        print(f"  stored as UTF-8 with \\n line ends (was {filing.converted_from})")
    filed = filing.outcome in (Outcome.ADDED, Outcome.UNCHANGED) and not dry_run
    shown_as = str(filing.destination if filed else filing.source)
    for diagnostic in filing.dossier.diagnostics:
        print(format_diagnostic(shown_as, diagnostic))


def format_diagnostic(source: str, diagnostic: Diagnostic) -> str:
    """``file:line: level: message: 'quote'``, the form editors and their tools know from compilers."""
    where = f"{source}:{diagnostic.line}" if diagnostic.line else source
    quoted = f": {diagnostic.quote!r}" if diagnostic.quote else ""
    return f"{where}: {diagnostic.level}: {diagnostic.message}{quoted}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"

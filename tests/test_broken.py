"""Broken dossier files: read right where they can be, refused with a clear message where not, and in a
build reported (file, line, what was expected) while the other dossiers are still published.

The files are in ``tests/fixtures/broken/``; what each must give is the table below. Files too large
for the repository (20 MB, very long lines) and names some systems cannot store are made in the test.
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import ROOT, Element, parse_html, squash
from fixtures.projects import FIXTURES, article, files_of, make_project, mkdocs_build, section_text

from generator.model import Dossier, Level
from generator.parse import (
    MAX_DOSSIER_BYTES,
    decode,
    dossier_id,
    load_folder,
    parse_bytes,
    parse_or_report,
)

BROKEN = FIXTURES / "broken"
ERROR, NOTE = Level.ERROR, Level.NOTE


def unsafe_name_note(name: str, page_id: str) -> str:
    return (
        f"file name {name!r} is not safe in a web address (use letters, digits, '-' and '_'); "
        f"its page is published as {page_id!r}"
    )


# What each fixture must give: (level, line or None for the whole file, part of the message).
EXPECTED_DIAGNOSTICS: dict[str, list[tuple[Level, int | None, str]]] = {
    "windows-1252.txt": [(NOTE, None, "file is not UTF-8; read as windows-1252")],
    "latin-1.txt": [(NOTE, None, "file is not UTF-8; read as latin-1")],
    "mojibake.txt": [
        (NOTE, 2, "UTF-8 text read as Windows-1252: 'cafÃ©s' read as 'cafés'"),
        (NOTE, 5, "UTF-8 text read as Windows-1252: 'FinanciÃ«n-beleid' read as 'Financiën-beleid'"),
    ],
    "nul-bytes.txt": [(ERROR, None, "binary file (it contains NUL bytes); expected plain text")],
    "pdf-saved-as-text.txt": [
        (ERROR, None, "binary file (a PDF document); expected the text extracted from it")
    ],
    "empty.txt": [
        (ERROR, None, "no header found: expected 'Vragen van het lid ...' or 'Antwoord van ...'"),
        (ERROR, None, "no questions found: expected 'Vraag 1' or numbered questions"),
    ],
    "only-a-header.txt": [(ERROR, None, "no questions found: expected 'Vraag 1' or numbered questions")],
    "questions-without-header.txt": [
        (ERROR, None, "no header found: expected 'Vragen van het lid ...' or 'Antwoord van ...'")
    ],
    "tabs-nbsp-zero-width.txt": [
        (NOTE, None, "tab normalised"),
        (NOTE, None, "no-break space U+00A0 normalised"),
        (NOTE, None, "zero-width character U+200B normalised"),
    ],
    "duplicate-a.txt": [(ERROR, None, "the same question set as duplicate-b.txt")],
    "duplicate-b.txt": [(ERROR, None, "the same question set as duplicate-a.txt")],
    "mijn dossier.txt": [(NOTE, None, unsafe_name_note("mijn dossier.txt", "mijn-dossier-c6db94bc"))],
    "café über.txt": [(NOTE, None, unsafe_name_note("café über.txt", "cafe-uber-87f44d2f"))],
    "...txt": [(NOTE, None, unsafe_name_note("...txt", "dossier-5ec1f7e7"))],
}
# Files that are read without any error.
CLEAN = [
    "utf-8-bom.txt",
    "windows-1252.txt",
    "latin-1.txt",
    "mojibake.txt",
    "crlf.txt",
    "cr-only.txt",
    "tabs-nbsp-zero-width.txt",
    "vragen-2024Z91030.txt",
    "mijn dossier.txt",
    "café über.txt",
    "...txt",
]
# The questions as a reader must see them, whatever the encoding or line ends of the file.
EXPECTED_QUESTIONS = {
    "utf-8-bom.txt": ["Waarom begint dit bestand met een byte order mark?"],
    "windows-1252.txt": [
        "Klopt het dat de heffing € 25 per ton bedraagt – en niet meer?",
        "Is de Minister van Financiën het eens met de café-eigenaren?",
    ],
    "latin-1.txt": ["Waarom noemt het Centraal Planbureau de ramingen «naïef» en «ongeëvenaard»?"],
    "mojibake.txt": ["Hoeveel cafés in Financiën-beleid worden gecontroleerd?"],
    "crlf.txt": ["Waarom eindigt elke regel met twee tekens?", "Is dat erg?"],
    "cr-only.txt": ["Waarom eindigt elke regel met een carriage return?", "Is dat erg?"],
    "tabs-nbsp-zero-width.txt": [
        "Waarom staan er onzichtbare tekens in belasting?",
        "Hoe vaak komt dat voor?",
    ],
}
# Page addresses of files whose names are not safe in a URL; they must never change.
PAGE_IDS = {
    "mijn dossier.txt": "mijn-dossier-c6db94bc",
    "café über.txt": "cafe-uber-87f44d2f",
    "...txt": "dossier-5ec1f7e7",
}
SAFE_ADDRESS = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def fixture_names() -> list[str]:
    return sorted(name for name in files_of(BROKEN) if name.endswith(".txt"))


@pytest.fixture(scope="module")
def dossiers() -> dict[str, Dossier]:
    """The fixtures as the build reads them: parsed, then combined per question set."""
    return {dossier.source: dossier for dossier in load_folder(BROKEN)}


def has_diagnostic(dossier: Dossier, level: Level, line: int | None, message: str) -> bool:
    return any(d.level is level and d.line == line and message in d.message for d in dossier.diagnostics)


# --- reading each file ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED_DIAGNOSTICS.items()))
def test_fixture_is_reported_with_file_line_and_what_was_expected(dossiers, name, expected) -> None:
    dossier = dossiers[name]

    assert [item for item in expected if not has_diagnostic(dossier, *item)] == []


@pytest.mark.parametrize("name", CLEAN)
def test_fixture_that_can_be_read_gives_no_error(dossiers, name) -> None:
    assert [str(error) for error in dossiers[name].errors] == []


@pytest.mark.parametrize(("name", "questions"), sorted(EXPECTED_QUESTIONS.items()))
def test_questions_read_the_same_whatever_the_encoding_and_line_ends(dossiers, name, questions) -> None:
    assert [question.text for question in dossiers[name].questions] == questions


def test_byte_order_mark_is_not_part_of_the_text(dossiers) -> None:
    dossier = dossiers["utf-8-bom.txt"]

    assert dossier.zaak == "2024Z91001"
    assert dossier.title == "de byte order mark"


def test_windows_1252_member_name_and_title_keep_their_characters(dossiers) -> None:
    dossier = dossiers["windows-1252.txt"]

    assert [member.name for member in dossier.submitters] == ["Öztürk"]
    assert dossier.title == "de “groene” heffing"


def test_utf16_with_byte_order_mark_is_read_and_named() -> None:
    text = (BROKEN / "crlf.txt").read_bytes().decode("utf-8")

    assert decode(text.encode("utf-16"), name="notepad.txt") == (text, "utf-16")


def test_answers_to_questions_of_the_same_zaak_are_one_dossier_not_a_duplicate(dossiers) -> None:
    dossier = dossiers["vragen-2024Z91030.txt"]

    assert dossier.also_from == ("antwoorden-2024Z91030.txt",)
    assert [answer.text for answer in dossier.answers] == ["Ja, dit is het antwoord.", "Nu."]
    assert "antwoorden-2024Z91030.txt" not in dossiers


@pytest.mark.parametrize(("name", "page_id"), sorted(PAGE_IDS.items()))
def test_file_name_unsafe_in_a_url_gives_a_stable_safe_page_id(dossiers, name, page_id) -> None:
    assert dossiers[name].id == page_id


@pytest.mark.parametrize(
    "name",
    [
        '<b onclick="x">.txt',
        "a#b?c.txt",
        "%2e%2e%2f.txt",
        "..txt",
        "con.txt",
        " .txt",
        "ﬁ ß ж 中.txt",
        "a" * 240 + ".txt",
    ],
)
def test_any_file_name_gives_a_page_id_safe_in_a_url_and_a_path(name: str) -> None:
    page_id = dossier_id(name)

    assert SAFE_ADDRESS.fullmatch(page_id) and len(page_id) <= 245
    assert dossier_id(name) == page_id


def test_file_names_with_the_same_slug_get_different_page_ids() -> None:
    names = [
        "mijn dossier.txt",
        "Mijn dossier.txt",
        "mijn-dossier!.txt",
        "mijn_dossier .txt",
        "mijn-dossier.txt",
    ]

    assert len({dossier_id(name) for name in names}) == len(names)


# --- files too large or too long for the repository -------------------------------------------------


def dossier_text(questions: list[str]) -> str:
    header = (
        "2024Z91099\nVragen van het lid Jansen (SP) aan de Minister van Financiën over grote bestanden "
        "(ingezonden 1 april 2024).\n\n"
    )
    return header + "".join(f"Vraag {n}\n{text}\n\n" for n, text in enumerate(questions, start=1))


def test_twenty_megabyte_file_is_refused_with_its_size(tmp_path: Path) -> None:
    seed = (ROOT / "dossiers" / "2019Z15231.txt").read_bytes()
    huge = tmp_path / "groot.txt"
    huge.write_bytes(seed * (20_000_000 // len(seed) + 1))

    dossier = parse_or_report(huge)

    assert [error.message for error in dossier.errors] == [
        "file of 20.0 MB is too large for a question set (at most 1 MB); "
        "expected the text of one question set"
    ]


def test_twenty_megabyte_file_does_not_stop_the_other_dossiers(tmp_path: Path) -> None:
    (tmp_path / "groot.txt").write_bytes(b"Vraag 1\n" + b"x " * 10_000_000)
    (tmp_path / "klein.txt").write_bytes(dossier_text(["Wordt dit nog gepubliceerd?"]).encode())

    by_source = {dossier.source: dossier for dossier in load_folder(tmp_path)}

    assert by_source["groot.txt"].errors and not by_source["klein.txt"].errors
    assert by_source["klein.txt"].questions[0].text == "Wordt dit nog gepubliceerd?"


def varied_sentences(size: int) -> str:
    """Text of about `size` characters that never repeats a passage (the parser drops repeats)."""
    words = "de het een gemeente belasting inwoners betalen jaar minister kosten waarom hoeveel".split()
    chooser = random.Random(0)
    sentences = []
    while sum(map(len, sentences)) < size:
        sentences.append(" ".join(chooser.choice(words) for _ in range(12)).capitalize() + "?")
    return " ".join(sentences)


def test_file_just_under_the_limit_with_very_long_lines_is_parsed_whole() -> None:
    long_lines = [varied_sentences(MAX_DOSSIER_BYTES // 3), varied_sentences(MAX_DOSSIER_BYTES // 4)]
    data = dossier_text([*long_lines, "Is dat te veel?"]).replace("\n", "\r\n").encode()
    assert len(data) < MAX_DOSSIER_BYTES

    dossier = parse_bytes(data, name="lang.txt")

    assert [question.text for question in dossier.questions] == [*long_lines, "Is dat te veel?"]
    assert dossier.errors == ()


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Turns a parse that would run for hours into a failure: a guard against hangs, not a benchmark."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still parsing after {seconds} s")

    previous: Callable[..., object] | int | None = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("line", ["x" * 100_000, "ab-" * 40_000], ids=["one word", "hyphens"])
def test_line_of_one_long_token_is_parsed(line: str) -> None:
    with time_limit(3):
        dossier = parse_bytes(dossier_text([line]).encode(), name="blob.txt")

    assert len(dossier.questions[0].text) >= len(line)


# --- a build over all of them -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(
        tmp_path_factory.mktemp("broken"), {name: (BROKEN / name).read_bytes() for name in fixture_names()}
    )


@pytest.fixture(scope="module")
def build(project: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    result = mkdocs_build(project, project / "site", strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site", result


def page(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text(encoding="utf-8"))


def editors_entry(site: Path, dossier: Dossier) -> str:
    """The text of the editors' page under the heading of one dossier."""
    return squash(section_text(article(page(site, "redactie")), "dossier-" + dossier.id))


def test_every_dossier_is_published_even_when_others_are_broken(build, dossiers) -> None:
    site, _ = build

    missing = [d.source for d in dossiers.values() if not (site / "dossiers" / d.id / "index.html").is_file()]

    assert missing == []


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED_DIAGNOSTICS.items()))
def test_editors_page_lists_what_is_wrong_with_each_broken_fixture(build, dossiers, name, expected) -> None:
    site, _ = build

    entry = editors_entry(site, dossiers[name])

    assert entry.startswith(name)
    for level, line, message in expected:
        where = f"regel {line}" if line else "hele bestand"
        assert f"{'fout' if level is ERROR else 'opmerking'}, {where}: {squash(message)}" in entry


def test_build_log_names_the_file_and_problem_of_each_error(build, dossiers) -> None:
    _, result = build
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]

    unlogged = [
        (name, message)
        for name, expected in EXPECTED_DIAGNOSTICS.items()
        for level, line, message in expected
        if level is ERROR
        and not any(
            f"dossiers/{name}: {f'line {line}' if line else 'file'}: error: {message}" in w for w in warnings
        )
    ]

    assert unlogged == []


def test_strict_build_fails_and_names_every_file_with_an_error(project, tmp_path) -> None:
    result = mkdocs_build(project, tmp_path / "strict", strict=True)

    assert result.returncode != 0
    failing = {
        name for name, expected in EXPECTED_DIAGNOSTICS.items() if any(e[0] is ERROR for e in expected)
    }
    assert [name for name in sorted(failing) if f"dossiers/{name}:" not in result.stderr] == []


def test_check_command_fails_on_the_broken_folder_and_lists_each_error(project) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--quiet", "dossiers"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert "nul-bytes.txt: error: binary file (it contains NUL bytes)" in result.stdout
    assert "duplicate-a.txt: error: the same question set as duplicate-b.txt" in result.stdout


def test_answers_to_a_question_set_are_shown_on_its_page_and_reported_as_no_duplicate(
    build, dossiers
) -> None:
    site, _ = build

    text = squash(article(page(site, "dossiers/vragen-2024Z91030")).text().replace("¶", ""))

    assert "Antwoord Ja, dit is het antwoord." in text and "Antwoord Nu." in text
    assert not (site / "dossiers" / "antwoorden-2024Z91030").exists()
    assert "the same question set" not in editors_entry(site, dossiers["vragen-2024Z91030.txt"])


@pytest.mark.parametrize(("name", "questions"), sorted(EXPECTED_QUESTIONS.items()))
def test_page_of_a_readable_fixture_shows_its_questions(build, dossiers, name, questions) -> None:
    site, _ = build

    paragraphs = [
        squash(p.text()) for p in article(page(site, f"dossiers/{dossiers[name].id}")).find_all("p")
    ]

    assert [question for question in questions if question not in paragraphs] == []


@pytest.mark.parametrize("name", sorted(PAGE_IDS))
def test_page_of_an_oddly_named_file_is_at_its_safe_address_and_on_the_home_page(build, name) -> None:
    site, _ = build
    hrefs = [a.attrs.get("href", "") for a in page(site, "").find_all("a")]

    assert f"dossiers/{PAGE_IDS[name]}/" in hrefs


def test_every_published_file_has_a_safe_address(build) -> None:
    site, _ = build

    published = [path.relative_to(site) for path in site.rglob("*") if path.is_file()]
    unsafe = [
        path.as_posix()
        for path in published
        if path.parts[0] != "assets"
        and not all(SAFE_ADDRESS.fullmatch(part.split(".")[0]) for part in path.parts)
    ]

    assert unsafe == []


@pytest.mark.parametrize("name", sorted(PAGE_IDS))
def test_source_link_of_an_oddly_named_file_leads_to_its_text(build, name) -> None:
    site, _ = build
    content = article(page(site, f"dossiers/{PAGE_IDS[name]}"))

    link = next(a for a in content.find_all("a") if a.text() == name)

    published = site / "dossiers" / PAGE_IDS[name] / unquote(link.attrs["href"])
    assert published.resolve().read_bytes() == (BROKEN / name).read_bytes()

"""Nothing of a source is lost on the way to the reader: every word of a dossier is on its built page.

The page-level companion of `test_nothing_lost.py` (which checks the parsed model), for dossiers of
each shape: a word counts as kept when the page shows it, or when the editors' page records the
repair that changed it (as in the model test, letters only, lower-cased).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Element, parse_html
from fixtures.projects import ROOT, article, make_project, mkdocs_build, section_text
from test_nothing_lost import STRUCTURE_WORDS, squashed, words_of_source

from generator.parse import parse_file

DOSSIERS = [
    "kv-2021-02-03-yesilgoz-zegerius.txt",  # seed: questions with footnotes over page breaks
    "2019Z15231.txt",  # seed: mangled footnote numbers
    "ah-tk-20242025-570.txt",  # answers, grouped answers, a Toelichting, Zie ook
    "2024Z18882.txt",  # .docx text: unnumbered questions, four members
    "ah-tk-20242025-615.txt",  # a notice that the answers will be late
    "ah-tk-20112012-1013.txt",  # flattened to one line, mojibake
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {name: (ROOT / "dossiers" / name).read_bytes() for name in DOSSIERS}
    project = make_project(tmp_path_factory.mktemp("pages"), files)
    result = mkdocs_build(project, project / "site", strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


def html(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text(encoding="utf-8"))


def lost_on_page(source: Path, page_text: str) -> list[tuple[int, str]]:
    kept = squashed(page_text)

    def is_kept(word: str) -> bool:
        return word in kept or word in STRUCTURE_WORDS

    def is_kept_split(word: str) -> bool:
        # words run together in the header's frame ("overhet") are two kept words
        return any(
            (word[:i] in STRUCTURE_WORDS and is_kept(word[i:]))
            or (is_kept(word[:i]) and word[i:] in STRUCTURE_WORDS)
            for i in range(2, len(word) - 1)
        )

    return [
        (line, word)
        for line, word in words_of_source(source)
        if not is_kept(word) and not is_kept_split(word)
    ]


@pytest.mark.parametrize("name", DOSSIERS)
def test_every_word_of_the_source_is_on_the_built_page(site: Path, name: str) -> None:
    dossier = parse_file(ROOT / "dossiers" / name)
    notes = section_text(article(html(site, "redactie")), f"dossier-{dossier.id}")
    shown = article(html(site, f"dossiers/{dossier.id}")).text() + notes

    assert lost_on_page(ROOT / "dossiers" / name, shown) == []


def test_a_word_missing_from_the_page_is_noticed(site: Path) -> None:
    name = "kv-2021-02-03-yesilgoz-zegerius.txt"
    page_text = article(html(site, f"dossiers/{name.removesuffix('.txt')}")).text()

    without_question_7 = page_text.replace("grensbewaking", "")

    assert [word for _, word in lost_on_page(ROOT / "dossiers" / name, without_question_7)] == [
        "grensbewaking"
    ]

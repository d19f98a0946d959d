"""Nothing of a source is lost: every word of every dossier, page furniture aside, is in the parsed model.

Words are compared as letters only, lower-cased, against the model's text squashed the same way, so
that repairs the parser makes (a hyphen undone, words run together split, a footnote number
turned into a marker) count as kept while a dropped line, block or footnote does not.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.model import Dossier, dossier_to_dict
from generator.parse import decode, parse_file
from generator.parse.layout import split_lines
from generator.parse.text import fix_encoding

DOSSIERS = Path(__file__).resolve().parent.parent / "dossiers"
WORD = re.compile(r"[^\W\d_]{2,}")
# Identifier lines before the header say nothing a reader needs twice ("AH 604").
PREAMBLE_IDENTIFIER = re.compile(r"^AH ?\d+$")
# The words of the documents' own grammar: headings and the header's frame, which the model keeps as
# structure (a question number, an ISO date, a list of members) rather than as words.
STRUCTURE_WORDS = frozenset(
    "vraag vragen antwoord antwoorden op ingezonden ontvangen leden lid kamerlid beiden allen mede namens "
    "mondelinge toelichting mededeling zie ook aanhangsel handelingen vergaderjaar nr ah aan over "
    "minister ministers staatssecretaris staatssecretarissen van voor het de en "
    "januari februari maart april mei juni juli augustus september oktober november december".split()
)


def squashed(text: str) -> str:
    # every letter, one-letter words too: "bentu" split into "bent u" is kept, not lost
    return "".join(re.findall(r"[^\W\d_]+", text.lower()))


def words_of_source(path: Path) -> list[tuple[int, str]]:
    text, _ = decode(path.read_bytes(), name=path.name)
    fixed, _ = fix_encoding(text.replace("\r\n", "\n"))
    return [
        (line.number, word)
        for line in split_lines(fixed)
        if not PREAMBLE_IDENTIFIER.match(line.text.strip())
        for word in WORD.findall(line.text.lower())
    ]


def text_of(dossier: Dossier) -> str:
    """The model's text, and its notes: a word the parser corrected is kept where a note says so."""
    data = dossier_to_dict(dossier)
    parts = [str(value) for key, value in data.items() if key not in ("errors", "id", "source")]
    return squashed(" ".join(parts))


def lost_words(path: Path, dossier: Dossier) -> list[tuple[int, str]]:
    kept = text_of(dossier)

    def is_kept(word: str) -> bool:
        return word in kept or word in STRUCTURE_WORDS

    def is_kept_split(word: str) -> bool:
        # words run together in the header's frame ("overhet") are split into two kept words
        return any(
            (word[:i] in STRUCTURE_WORDS and is_kept(word[i:])) or (is_kept(word[:i]) and word[i:] in STRUCTURE_WORDS)
            for i in range(2, len(word) - 1)
        )

    return [(line, word) for line, word in words_of_source(path) if not is_kept(word) and not is_kept_split(word)]


@pytest.mark.parametrize("path", sorted(DOSSIERS.glob("*.txt")), ids=lambda path: path.name)
def test_every_word_of_the_source_is_in_the_parsed_dossier(path: Path) -> None:
    assert lost_words(path, parse_file(path)) == []


def test_nothing_lost_notices_a_dropped_paragraph(tmp_path: Path) -> None:
    source = tmp_path / "2024Z99999.txt"
    source.write_text(
        "Vragen van het lid Jansen (SP) aan de Minister van Financiën over belastingen "
        "(ingezonden 1 maart 2024).\n\nVraag 1\nWaarom betalen wij belasting?\n",
        encoding="utf-8",
    )
    dossier = parse_file(source)
    without_question = replace(dossier, questions=())
    assert [word for _, word in lost_words(source, without_question)] == ["waarom", "betalen", "wij"]

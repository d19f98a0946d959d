"""Citations of official papers found in dossier text, with their keys and the addresses of the papers."""

from __future__ import annotations

import pytest

from generator.references import ReferenceKind, find_references


def cited(text: str) -> list[tuple[str, str]]:
    return [(text[reference.start : reference.end], reference.key) for reference in find_references(text)]


@pytest.mark.parametrize(
    ("text", "printed", "key"),
    [
        # Seed 2019Z15231, footnote 2.
        ("Kamerstuk 22 112, nr. 2686", "Kamerstuk 22 112, nr. 2686", "kst-22112-2686"),
        (
            "Kamerstukken II 2021–2022, 29 279, nr. 339",
            "Kamerstukken II 2021–2022, 29 279, nr. 339",
            "kst-29279-339",
        ),
        ("Kamerstuk 36 410 VIII, nr. 112", "Kamerstuk 36 410 VIII, nr. 112", "kst-36410-VIII-112"),
        ("zie 24 587, nr. 969 voor de brief", "24 587, nr. 969", "kst-24587-969"),
        ("Kamerstuk 33529, nr. 1219", "Kamerstuk 33529, nr. 1219", "kst-33529-1219"),
    ],
)
def test_kamerstuk_gets_the_key_of_its_publication(text, printed, key) -> None:
    assert cited(text) == [(printed, key)]


def test_kamerstuk_links_to_its_official_publication() -> None:
    (reference,) = find_references("Kamerstuk 22 112, nr. 2686")

    assert reference.kind is ReferenceKind.KAMERSTUK
    assert reference.url == "https://zoek.officielebekendmakingen.nl/kst-22112-2686.html"


@pytest.mark.parametrize(
    "text",
    [
        "Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025,nr. 349.",
        "Aanhangsel Handelingen, vergaderjaar 2024/2025, nr. 349",
        "Aanhangsel Handelingen II 2024-25, nr. 349",
    ],
)
def test_aanhangsel_number_gets_the_key_of_its_session(text) -> None:
    (reference,) = find_references(text)

    assert reference.kind is ReferenceKind.AANHANGSEL
    assert reference.key == "ah-tk-20242025-349"
    assert reference.url == "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-349.html"


def test_staatsblad_gets_year_and_number() -> None:
    # Real footnote of ah-tk-20242025-584.
    assert cited("Stb. 2024, 153 en Stb. 2024, 213") == [
        ("Stb. 2024, 153", "stb-2024-153"),
        ("Stb. 2024, 213", "stb-2024-213"),
    ]


def test_zaak_number_printed_with_a_space_gets_the_plain_key() -> None:
    (reference,) = find_references("vragen 2024Z 17972 van het lid")

    assert reference.kind is ReferenceKind.ZAAK
    assert reference.key == "2024Z17972"
    assert reference.url == "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2024Z17972"


def test_follow_up_note_cites_the_zaak_of_the_earlier_questions() -> None:
    # The Toelichting of 2024Z18656.
    text = (
        "Deze vragen dienen ter aanvulling op eerdere vragen terzake van het lid Bamenga (D66), "
        "ingezonden 13 november 2024 (vraagnummer 2024Z18284)."
    )

    assert cited(text) == [("2024Z18284", "2024Z18284")]


def test_references_come_in_reading_order() -> None:
    text = "Eerst 2024Z18284, dan Kamerstuk 29 279, nr. 438 en tot slot Stb. 2024, 153."

    assert [key for _, key in cited(text)] == ["2024Z18284", "kst-29279-438", "stb-2024-153"]


@pytest.mark.parametrize(
    "text",
    [
        "Hoeveel scanners van Nuctech worden er gebruikt?",
        "In 2024 waren het 22 112 scanners, nr. onbekend.",
        "Op 5.4.4 in het hoofdstuk »30.06.00 Strategische goederen»",
    ],
)
def test_text_that_cites_no_paper_has_no_references(text) -> None:
    assert find_references(text) == []

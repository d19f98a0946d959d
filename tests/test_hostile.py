"""Hostile dossier files, built by MkDocs: their text shows literally and never becomes markup or a link.

Each file in ``tests/fixtures/hostile/`` carries attacks in the fields a dossier has (a member's name,
the title, questions, answers, footnotes, the lines before the header); one more file has an attack
for a name. The site is built twice: from the files as they are, and from neutral twins in which
every character of an attack but its letters, digits and http(s) URLs is replaced by a harmless
mark. Whatever element, attribute, class or link the hostile site has that its twin lacks came from
dossier text, and must not exist.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import Element, parse_html, squash
from fixtures.projects import (
    FIXTURES,
    article,
    files_of,
    finish,
    html_pages,
    make_project,
    mkdocs_build,
    start_mkdocs_build,
)

from generator.model import Dossier
from generator.parse import parse_bytes

HOSTILE = FIXTURES / "hostile"

# The attacks in each fixture file, by the field of the dossier they end up in. A multi-line attack
# is checked line by line: the parser joins the lines of a paragraph, as in any PDF text.
ATTACKS: dict[str, dict[str, list[str]]] = {
    "html.txt": {
        "member name": ["<script>alert`lid`</script>"],
        "title": ["<img src=x onerror=alert`titel`>"],
        "question": [
            "<script>alert`vraag`</script>",
            "<iframe src=//e.vil></iframe>",
            "<!-- verborgen -->",
            '<b onmouseover="alert`vet`">vet</b>',
            '<a href="https://e.vil/">een link</a>',
            "<svg onload=alert`svg`>",
            "<style>* {color: red}</style>",
        ],
        "footnote": ["<img src=x onerror=alert`voetnoot`>", "<script>alert`voetnoot`</script>"],
    },
    "links.txt": {
        "member name": ["<javascript://e.vil/%0Aalert`lid`>"],
        "title": ["![beeld](https://e.vil/titel.png)", "[klik](javascript://e.vil/%0Aalert`titel`)"],
        "question": [
            "[klik hier](javascript://e.vil/%0Aalert`vraag`)",
            "javascript://e.vil/%0Aalert`kaal`",
            "data:,%3Cscript%3Ealert`data`%3C/script%3E",
            '<a href="data:,x">a</a>',
            "![afbeelding](https://e.vil/x.png)",
            "[de site](https://e.vil/)",
            "[ref][evil]",
            "[evil]: https://e.vil/ref",
            "vbscript://x",
            "file:///etc/passwd",
            "ftp://e.vil/bestand",
            "mailto:info@e.vil",
        ],
        "footnote": ["<https://e.vil/auto>", "[bron](data:,alert`voetnoot`)"],
    },
    "markdown.txt": {
        "member name": ["Jansen[^x]"],
        "title": ["!!! danger", '{: onclick="alert`titel`" }'],
        "question": [
            "[^x]",
            "[^7]",
            '{: onclick="alert`vraag`" }',
            "{#eigen-id .klasse}",
            '!!! danger "Let op"\n    Dit is een waarschuwing.',
            '--8<-- "/etc/passwd"',
            ":smile:",
            ":material-alert:",
            "# Een kop\n```\ncode\n```\n| a | b |\n|---|---|",
            "==gemarkeerd==",
            "~~doorgehaald~~",
            "^^onder^^",
            "H~2~O",
            '<div markdown="1">*nadruk*</div>',
        ],
        "footnote": ["**vet**", "_schuin_", "`code`", "> citaat"],
    },
    "templates.txt": {
        "member name": ["{{ config.site_name }}"],
        "title": ["{% include 'main.html' %}", "{{ 7*7 }}"],
        "question": [
            "{{ config }}",
            "{{ page.meta }}",
            "{% raw %}",
            "{% macro x() %}",
            "{# commentaar #}",
            "{%- if true -%}",
            "${7*7}",
            "<%= 7*7 %>",
        ],
        "footnote": ["{{ lipsum() }}", "{% for x in range(n) %}x{% endfor %}"],
    },
    "front-matter.txt": {
        "text before the header": [
            "---\ntitle: <script>alert`voorblad`</script>\nhide:\n  - navigation\n---"
        ],
        "question": ["---\ntemplate: main.html\n---"],
    },
    "answers.txt": {
        "answer": [
            "<script>alert`antwoord`</script>",
            "<img src=x onerror=alert`antwoord`>",
            "[klik](javascript://e.vil/%0Aalert`antwoord`)",
            "![beeld](https://e.vil/a.png)",
            "[^x]",
            '{: onclick="alert`antwoord`" }',
            "{{ config }}",
            "{% raw %}",
            "!!! note",
            '--8<-- "/etc/passwd"',
            ":smile:",
            "<!-- weg -->",
        ],
    },
}
# What a twin has where an attack stood: the same letters, digits and http(s) URLs, so that the same
# words, names, topics and links are found, with a harmless mark for every other character.
NEUTRAL_MARK = "·"
PRINTED_URL = re.compile(r"https?://[^\s<>\"'`)\]]+")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "data", "poster", "xlink:href")
# A file name with an attack, made in the test: some systems cannot check such a name out.
HOSTILE_NAME = "<img src=x onerror=alert`naam`>.txt"
HOSTILE_NAME_TEXT = (
    "2024Z90010\nVragen van het lid Smit (SP) aan de Minister van Financiën over bestandsnamen "
    "(ingezonden 12 maart 2024).\n\nVraag 1\nWaarom heet dit bestand zo?\n"
).encode()
# The editors' page lists the parser's notes, and an attack may draw a note its twin does not: it is
# compared like the pages that only one build has.
EDITORS_PAGE = "redactie/index.html"

Shape = tuple[str, tuple[str, ...], tuple[str, ...]]


def attacks_of(name: str) -> list[str]:
    return [attack for attacks in ATTACKS[name].values() for attack in attacks]


def neutral_twin(text: str, attacks: list[str]) -> str:
    """The text with every attack neutralised: only its words, numbers and http(s) URLs are left."""

    def neutral(match: re.Match[str]) -> str:
        return f" {match.group('url')} " if match.group("url") else NEUTRAL_MARK

    pattern = re.compile(rf"(?P<url>{PRINTED_URL.pattern})|[^\w\s]|_")
    for attack in sorted(attacks, key=len, reverse=True):
        text = text.replace(attack, pattern.sub(neutral, attack))
    return text


def hostile_files() -> dict[str, bytes]:
    return files_of(HOSTILE) | {HOSTILE_NAME: HOSTILE_NAME_TEXT}


def twin_files() -> dict[str, bytes]:
    twins = {
        name: neutral_twin(data.decode("utf-8"), attacks_of(name)).encode("utf-8")
        for name, data in files_of(HOSTILE).items()
    }
    return twins | {neutral_twin(HOSTILE_NAME, [HOSTILE_NAME.removesuffix(".txt")]): HOSTILE_NAME_TEXT}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site built from the hostile files, and the one built from their neutral twins."""
    projects = [
        make_project(tmp_path_factory.mktemp(label), files)
        for label, files in (("hostile", hostile_files()), ("neutral", twin_files()))
    ]
    builds = [start_mkdocs_build(project, project / "site", strict=False) for project in projects]
    for result in map(finish, builds):
        assert result.returncode == 0, result.stderr[-4000:]
    return projects[0] / "site", projects[1] / "site"


def read_page(site: Path, path: str) -> Element:
    return parse_html((site / path).read_text(encoding="utf-8"))


def markup_shape(root: Element) -> Counter[Shape]:
    """Every element as its tag, the names of its attributes and its classes."""
    return Counter(
        (element.tag, tuple(sorted(element.attrs)), tuple(sorted(element.attrs.get("class", "").split())))
        for element in root.iter()
    )


def url_values(root: Element) -> Iterator[tuple[Element, str]]:
    for element in root.iter():
        for attribute in URL_ATTRIBUTES:
            if attribute in element.attrs:
                yield element, element.attrs[attribute]


def paired_pages(sites: tuple[Path, Path]) -> list[str]:
    """Pages at the same path in both builds, whose markup must be the same."""
    hostile, neutral = sites
    return sorted((set(html_pages(hostile)) & set(html_pages(neutral))) - {EDITORS_PAGE})


def test_every_attack_is_in_the_table_and_in_its_fixture() -> None:
    assert sorted(ATTACKS) == sorted(files_of(HOSTILE))
    for name, data in files_of(HOSTILE).items():
        text = data.decode("utf-8")
        assert [attack for attack in attacks_of(name) if attack not in text] == []


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_neutral_twin_parses_to_a_dossier_of_the_same_shape(name: str) -> None:
    def shape(dossier: Dossier) -> tuple[object, ...]:
        numbers = {str(footnote.number) for footnote in dossier.footnotes}
        texts = " ".join([*(q.text for q in dossier.questions), *(a.text for a in dossier.answers)])
        return (
            dossier.kind,
            len(dossier.submitters),
            [len(question.numbers) for question in dossier.questions],
            [len(answer.questions) for answer in dossier.answers],
            [len(footnote.urls) for footnote in dossier.footnotes],
            [section.heading for section in dossier.sections],
            [number for number in re.findall(r"\[\^(\d+)\]", texts) if number in numbers],
        )

    hostile = parse_bytes((HOSTILE / name).read_bytes(), name=name)
    twin = parse_bytes(twin_files()[name], name=name)

    assert shape(hostile) == shape(twin)


@pytest.mark.parametrize(
    ("name", "field", "attack"),
    [
        (name, field, attack)
        for name, fields in ATTACKS.items()
        for field, attacks in fields.items()
        for attack in attacks
    ],
    ids=lambda value: value[:30] if isinstance(value, str) else value,
)
def test_attack_shows_on_the_dossier_page_as_literal_text(sites, name: str, field: str, attack: str) -> None:
    hostile, _ = sites

    text = squash(article(read_page(hostile, f"dossiers/{Path(name).stem}/index.html")).text())

    assert [line for line in attack.split("\n") if squash(line) not in text] == []


def test_file_name_shows_literally_on_its_page_and_the_editors_page(sites) -> None:
    hostile, _ = sites
    page_id = parse_bytes(HOSTILE_NAME_TEXT, name=HOSTILE_NAME).id

    dossier_page = article(read_page(hostile, f"dossiers/{page_id}/index.html"))

    assert f"Brontekst: {HOSTILE_NAME}" in squash(dossier_page.text())
    assert HOSTILE_NAME in squash(read_page(hostile, EDITORS_PAGE).text())


def test_text_quoted_on_the_editors_page_is_literal(sites) -> None:
    hostile, _ = sites

    text = squash(read_page(hostile, EDITORS_PAGE).text())

    assert (
        "regel 2: text outside any question, answer or footnote: «title: <script>alert`voorblad`</script>»"
        in text
    )


def test_both_builds_have_every_dossier_page(sites) -> None:
    expected = {f"dossiers/{Path(name).stem}/index.html" for name in ATTACKS}

    assert expected <= set(paired_pages(sites))


def test_pages_of_both_builds_have_the_same_elements_attributes_and_classes(sites) -> None:
    hostile, neutral = sites

    added = {
        path: markup_shape(read_page(hostile, path)) - markup_shape(read_page(neutral, path))
        for path in paired_pages(sites)
    }

    assert {path: dict(shapes) for path, shapes in added.items() if shapes} == {}


def test_other_pages_use_only_markup_the_templates_make_for_the_twins(sites) -> None:
    hostile, neutral = sites
    template_shapes = {
        shape for path in html_pages(neutral) for shape in markup_shape(read_page(neutral, path))
    }

    others = sorted(set(html_pages(hostile)) - set(paired_pages(sites)))
    foreign = {path: set(markup_shape(read_page(hostile, path))) - template_shapes for path in others}

    assert EDITORS_PAGE in others
    assert {path: shapes for path, shapes in foreign.items() if shapes} == {}


def test_no_link_or_source_uses_a_scheme_other_than_http_or_https(sites) -> None:
    hostile, _ = sites

    bad = [
        (path, element.tag, value)
        for path in html_pages(hostile)
        for element, value in url_values(read_page(hostile, path))
        if urlsplit(value.strip()).scheme.lower() not in ("", "http", "https")
    ]

    assert bad == []


def test_every_link_inside_the_site_leads_to_a_page_or_file_of_the_site(sites) -> None:
    hostile, _ = sites

    broken = []
    for path in html_pages(hostile):
        for element, value in url_values(read_page(hostile, path)):
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # outside the site, or an anchor on the same page
            # The 404 page is served at any depth, so its links start at the site root.
            base = "/" if parts.path.startswith("/") else posixpath.dirname(path)
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
            if target.startswith("..") or not (hostile / target).exists():
                broken.append((path, element.tag, value))

    assert broken == []


def test_every_outside_link_is_made_by_the_templates_or_printed_in_a_dossier(sites) -> None:
    hostile, neutral = sites

    def outside_links(site: Path) -> set[str]:
        return {
            value
            for path in html_pages(site)
            for _, value in url_values(read_page(site, path))
            if "://" in value
        }

    printed = {url for data in hostile_files().values() for url in PRINTED_URL.findall(data.decode("utf-8"))}

    assert sorted(outside_links(hostile) - outside_links(neutral) - printed) == []


def test_search_index_holds_no_markup_from_dossier_text(sites) -> None:
    def shapes(site: Path) -> set[Shape]:
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        return {
            shape for doc in index["docs"] for shape in markup_shape(parse_html(doc["title"] + doc["text"]))
        }

    hostile, neutral = sites

    assert shapes(hostile) - shapes(neutral) == set()


def test_build_survives_a_footnote_url_that_cannot_be_split(tmp_path: Path) -> None:
    text = (
        "2024Z90009\nVragen van het lid Jansen (SP) aan de Minister van Financiën over adressen "
        "(ingezonden 4 maart 2024).\n\nVraag 1\nKlopt dit adres?1\n\n1 Zie https://[e.vil/x\n"
    )
    project = make_project(tmp_path / "project", {"adres.txt": text.encode()})

    result = mkdocs_build(project, project / "site", strict=False)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "Zie https://[e.vil/x" in squash(
        article(read_page(project / "site", "dossiers/adres/index.html")).text()
    )

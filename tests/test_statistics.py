"""Statistics on the built site: counts per month, party and office, answer times, nothing fetched."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import Element, make_dossier, parse_html, squash
from fixtures.projects import article

from generator.link import link
from generator.model import Kind, Member
from generator.site import URLS, SiteIndex
from generator.statistics import Bar, bar_chart, column_chart, statistics_page

# Elements that would make the browser fetch something, with the attributes that say from where.
FETCHING = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "link": ("href",),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "object": ("data",),
    "embed": ("src",),
}


@pytest.fixture(scope="module")
def page(site) -> Element:
    return parse_html((site / "statistieken" / "index.html").read_text(encoding="utf-8"))


def table_after(content: Element, heading_id: str) -> list[list[str]]:
    """The rows of the first table after the heading with this id, as cell texts."""
    seen_heading = False
    for child in content.children:
        if not isinstance(child, Element):
            continue
        if child.attrs.get("id") == heading_id:
            seen_heading = True
        elif seen_heading and child.find_all("table"):
            return [[squash(cell.text()) for cell in row.find_all("td")] for row in child.find_all("tr")[1:]]
    raise AssertionError(f"no table after #{heading_id}")


def test_counts_per_party_are_those_of_the_shipped_dossiers(page, dossiers) -> None:
    expected = Counter(party for d in dossiers for party in {m.party for m in d.submitters if m.party})

    rows = table_after(article(page), "per-partij")

    assert {party: int(count) for party, count in rows} == dict(expected)
    assert rows[0] == ["GroenLinks-PvdA", "12"]


def test_counts_per_office_are_those_of_the_office_pages(site, page) -> None:
    rows = table_after(article(page), "per-bewindspersoon")

    def label_and_count(path: Path) -> tuple[str, str]:
        content = article(parse_html(path.read_text(encoding="utf-8")))
        # "6 documenten met vragen gericht aan deze bewindspersoon, ..."
        count = re.match(r"(\d+) document", squash(content.find("p").text()))
        assert count is not None
        return squash(content.find("h1").text()).removesuffix("¶").strip(), count.group(1)

    office_pages = dict(label_and_count(path) for path in (site / "ambten").glob("*/index.html"))

    assert dict(rows) == office_pages
    assert office_pages["Minister van Justitie en Veiligheid"] == "6"


def test_counts_per_month_add_up_to_the_dated_dossiers(page, dossiers) -> None:
    rows = table_after(article(page), "per-maand")

    assert sum(int(count) for _, count in rows) == sum(1 for d in dossiers if d.submitted or d.received)
    assert ["november 2024", "25"] in rows


def test_longest_answer_time_is_the_erkens_question_set(page) -> None:
    rows = table_after(article(page), "langst-op-antwoord-gewacht")

    # Sent 21 June 2024, answers received 18 November 2024.
    assert rows[0] == [
        "Het artikel «RWE hoopt op geitenpaadje voor project met waterstof uit afval»",
        "21 juni 2024",
        "18 november 2024",
        "150",
    ]


def test_answer_time_summary_counts_answers_within_three_weeks(page, dossiers) -> None:
    days = [
        (d.received - d.submitted).days
        for d in dossiers
        if d.kind is Kind.ANSWERS and d.submitted and d.received
    ]
    within = sum(1 for day in days if day <= 21)

    text = squash(article(page).text())

    assert f"Van {len(days)} documenten met antwoorden" in text
    assert f"er {within} ({round(100 * within / len(days))}%) binnen drie weken" in text


def test_every_chart_has_a_text_alternative_and_a_table(page) -> None:
    content = article(page)

    charts = content.find_all("svg")
    assert len(charts) == 4
    for chart in charts:
        (title,) = chart.find_all("title")[:1]
        assert chart.attrs["role"] == "img"
        assert chart.attrs["aria-labelledby"] == title.attrs["id"]
        assert "De tabel eronder geeft alle aantallen." in title.text()
    assert len(content.find_all("table")) >= len(charts)


def test_statistics_page_asks_no_other_host_for_anything(page) -> None:
    outside = [
        (element.tag, attribute, element.attrs[attribute])
        for element in page.iter()
        for attribute in FETCHING.get(element.tag, ())
        if attribute in element.attrs
        and ("//" in element.attrs[attribute] or "http" in element.attrs[attribute])
    ]
    # Material links its own assets relative to the page; a site_url would make the canonical link absolute.
    assert [entry for entry in outside if entry[:2] != ("link", "href") or "canonical" not in entry[2]] == []


def test_statistics_and_open_data_are_in_the_navigation(site) -> None:
    home = parse_html((site / "index.html").read_text(encoding="utf-8"))

    navigation = {
        a.text().strip(): a.attrs.get("href") for nav in home.find_all("nav") for a in nav.find_all("a")
    }

    assert navigation["Statistieken"] == "statistieken/"
    assert navigation["Open data"] == "gegevens/"


def test_month_chart_shows_empty_months_between_dossiers() -> None:
    months = [
        Bar(label="november 2024", value=3),
        Bar(label="december 2024", value=0),
        Bar(label="januari 2025", value=1),
    ]

    chart = parse_html(column_chart(months, chart_id="test", description="Per maand"))

    assert len(chart.find_all("rect")) == 2
    assert [text.text() for text in chart.find_all("text")] == ["3", "2024", "2025"]


def test_party_label_with_markup_stays_text_in_the_chart() -> None:
    chart = bar_chart([Bar(label="<script>x</script>", value=1)], chart_id="p", description="Per partij")

    assert parse_html(chart).find_all("script") == []
    assert "&lt;script&gt;x&lt;/script&gt;" in chart


def test_dossier_of_two_parties_counts_for_each() -> None:
    dossier = make_dossier(
        submitters=(Member(name="Jansen", party="SP"), Member(name="De Vries", party="VVD"))
    )
    spec = statistics_page([dossier], SiteIndex([dossier], link([dossier]), URLS))

    assert [(bar.label, bar.value) for bar in spec.context["parties"]] == [("SP", 1), ("VVD", 1)]

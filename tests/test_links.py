"""Cross-references: related dossiers with their reasons, citations both ways, and the index pages."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import string
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from conftest import ROOT, Element, make_dossier, outputs_under_hash_seeds, parse_html, squash
from fixtures.fresh import in_fresh_interpreter
from fixtures.projects import make_project, mkdocs_build

from generator.link import Linker, Links, Relation, content_words, link, normalize_url
from generator.link.terms import SimilarityIndex, search_range, weighted_by_stem
from generator.model import Addressee, Answer, Dossier, Footnote, Kind, Member, Question
from generator.parse import load_folder
from generator.site import URLS, build_site

SCANNERS = (
    "Klopt het dat de douane scanners van het Chinese bedrijf Nuctech gebruikt in de haven van Rotterdam?",
    "Hoe beoordeelt u het risico op spionage door de Chinese overheid via deze scanners?",
    "Bent u bereid de scanners van Nuctech te vervangen door scanners uit Europa?",
)
EXPORT = (
    "Leveren Nederlandse bedrijven surveillance technologie aan de Chinese overheid?",
    "Welke risico's ziet u voor spionage met Nederlandse technologie in China?",
    "Bent u bereid de export van deze technologie naar China te beperken?",
)
HOUSING = (
    "Hoeveel huurwoningen worden dit jaar gebouwd in de regio Utrecht?",
    "Wat doet u aan de wachtlijsten voor sociale huurwoningen?",
    "Deelt u de mening dat de bouw van huurwoningen sneller moet?",
)
PIGS = (
    "Hoeveel varkens worden jaarlijks vervoerd naar slachthuizen in Duitsland?",
    "Hoe lang duurt het vervoer van varkens in de zomer?",
    "Bent u bereid het vervoer van varkens bij hitte te verbieden?",
)


SCHOOLS = (
    "Hoeveel leraren ontbreken er op basisscholen in Almere?",
    "Wat doet u om het lerarentekort op basisscholen op te lossen?",
)
TRAINS = (
    "Hoe vaak vielen intercity's tussen Zwolle en Groningen uit door storingen aan het spoor?",
    "Wanneer is het spoor tussen Zwolle en Groningen weer betrouwbaar?",
)
FISHING = (
    "Hoeveel kotters van de garnalenvisserij liggen stil door de stikstofregels?",
    "Krijgen garnalenvissers compensatie voor het stilliggen van hun kotters?",
)

SUBJECTS = (SCANNERS, EXPORT, HOUSING, PIGS, SCHOOLS, TRAINS, FISHING)


def questions(*texts: str) -> tuple[Question, ...]:
    return tuple(Question(numbers=(number,), text=text) for number, text in enumerate(texts, start=1))


def dossier(id_: str, texts: tuple[str, ...] = HOUSING, **fields) -> Dossier:
    values = {
        "id": id_,
        "source": f"{id_}.txt",
        "title": texts[-1],
        "zaak": None,
        "questions": questions(*texts),
        "addressees": (Addressee(office=f"Minister voor {id_}"),),
    }
    values |= fields
    return make_dossier(**values)


def related_ids(dossiers: list[Dossier], id_: str) -> list[str]:
    return [related.id for related in link(dossiers).related_to(id_)]


def reasons(dossiers: list[Dossier], this: str, other: str) -> dict[Relation, tuple[str, ...]]:
    found = next(related for related in link(dossiers).related_to(this) if related.id == other)
    return {reason.relation: reason.details for reason in found.reasons}


def unrelated_crowd() -> list[Dossier]:
    """Dossiers on other subjects by other members, so that word weights are those of a real collection."""
    subjects = [SCHOOLS, TRAINS, FISHING]
    return [
        dossier(
            f"ander-{number}",
            subjects[number % 3],
            submitters=(Member(name=f"Lid {number}", party="Partij"),),
            addressees=(Addressee(office=f"Minister van Zaken {number}"),),
        )
        for number in range(6)
    ]


# --- related dossiers and their reasons ------------------------------------------------------------


def test_dossiers_on_the_same_subject_list_each_other_with_the_shared_words() -> None:
    scanners = dossier("scanners", SCANNERS, submitters=(Member(name="Yesilgöz-Zegerius", party="VVD"),))
    export = dossier("export", EXPORT, submitters=(Member(name="Van Ojik", party="GroenLinks"),))
    dossiers = [scanners, export, *unrelated_crowd()]

    assert related_ids(dossiers, "scanners")[0] == "export"
    assert related_ids(dossiers, "export")[0] == "scanners"
    shared = reasons(dossiers, "scanners", "export")[Relation.SIMILAR_CONTENT]
    assert "Chinese" in shared and "spionage" in shared


def test_question_words_alone_do_not_make_dossiers_alike() -> None:
    boilerplate = "Bent u bereid deze vragen te beantwoorden? Deelt u de mening van de minister? Hoeveel?"
    first = dossier("eerste", (boilerplate, *HOUSING[:1]), submitters=(Member(name="A", party="X"),))
    second = dossier("tweede", (boilerplate, *PIGS[:1]), submitters=(Member(name="B", party="Y"),))
    dossiers = [first, second, *unrelated_crowd()]

    assert "tweede" not in related_ids(dossiers, "eerste")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "https://fd.nl/artikel/123?utm_source=nieuwsbrief&utm_medium=email",
            "https://www.fd.nl/artikel/123/#reacties",
        ),
        ("http://nos.nl/artikel/2541672", "https://NOS.nl/artikel/2541672/"),
    ],
)
def test_same_source_is_recognised_without_tracking_fragment_or_trailing_slash(first, second) -> None:
    assert normalize_url(first) == normalize_url(second)


def test_different_query_keeps_sources_apart() -> None:
    assert normalize_url("https://example.nl/zoek?id=1") != normalize_url("https://example.nl/zoek?id=2")


def test_dossiers_citing_the_same_source_are_related_with_that_source() -> None:
    url = "https://nos.nl/artikel/2541672-wachttijden-ggz-niet-goed-vastgelegd"
    first = dossier(
        "eerste",
        HOUSING,
        footnotes=(Footnote(number=1, text=url + "?utm_source=x", urls=(url + "?utm_source=x",)),),
    )
    second = dossier("tweede", PIGS, footnotes=(Footnote(number=1, text=url + "/", urls=(url + "/",)),))
    dossiers = [first, second, *unrelated_crowd()]

    assert related_ids(dossiers, "eerste")[0] == "tweede"
    assert reasons(dossiers, "eerste", "tweede")[Relation.SHARED_SOURCE] == (url + "/",)


def test_dossiers_citing_the_same_kamerstuk_are_related_with_that_citation() -> None:
    first = dossier("eerste", HOUSING, footnotes=(Footnote(number=1, text="Kamerstuk 29 279, nr. 339"),))
    second = dossier(
        "tweede", PIGS, footnotes=(Footnote(number=1, text="Kamerstukken II 2021–2022, 29 279, nr. 339"),)
    )
    dossiers = [first, second, *unrelated_crowd()]

    assert reasons(dossiers, "eerste", "tweede")[Relation.SHARED_REFERENCE] == (
        "Kamerstukken II 2021–2022, 29 279, nr. 339",
    )


def test_follow_up_questions_and_the_earlier_questions_list_each_other() -> None:
    earlier = dossier("2024Z18284", HOUSING, zaak="2024Z18284")
    later = dossier(
        "2024Z18656",
        PIGS,
        zaak="2024Z18656",
        footnotes=(
            Footnote(
                number=1,
                text="Deze vragen dienen ter aanvulling op eerdere vragen terzake van het lid Bamenga (D66), "
                "ingezonden 13 november 2024 (vraagnummer 2024Z18284).",
            ),
        ),
    )
    dossiers = [earlier, later, *unrelated_crowd()]

    assert Relation.FOLLOWS_UP in reasons(dossiers, "2024Z18656", "2024Z18284")
    assert Relation.FOLLOWED_UP_BY in reasons(dossiers, "2024Z18284", "2024Z18656")
    assert related_ids(dossiers, "2024Z18284")[0] == "2024Z18656"


def test_delay_notice_and_questions_of_the_same_zaak_list_each_other() -> None:
    asked = dossier("2024Z17538", HOUSING, zaak="2024Z17538")
    notice = dossier("ah-tk-20242025-615", PIGS, zaak="2024Z17538", kind=Kind.MEDEDELING)

    assert reasons([asked, notice], "2024Z17538", "ah-tk-20242025-615") == {
        Relation.SAME_ZAAK: ("2024Z17538",),
        Relation.SAME_MEMBER: ("Lodders (VVD)", "Yesilgöz-Zegerius (VVD)"),
    }


def test_same_office_alone_does_not_make_dossiers_related() -> None:
    office = (Addressee(office="Minister van Financiën"),)
    first = dossier("eerste", HOUSING, submitters=(Member(name="A", party="X"),), addressees=office)
    second = dossier("tweede", PIGS, submitters=(Member(name="B", party="Y"),), addressees=office)

    assert related_ids([first, second, *unrelated_crowd()], "eerste") == []


def test_same_member_is_a_weaker_reason_than_the_same_subject() -> None:
    member = (Member(name="Kröger", party="GroenLinks-PvdA"),)
    scanners = dossier("scanners", SCANNERS, submitters=member)
    housing = dossier("woningen", HOUSING, submitters=member)
    export = dossier("export", EXPORT, submitters=(Member(name="Van Ojik", party="GroenLinks"),))
    dossiers = [scanners, housing, export, *unrelated_crowd()]

    assert related_ids(dossiers, "scanners")[:2] == ["export", "woningen"]
    assert reasons(dossiers, "scanners", "woningen") == {Relation.SAME_MEMBER: ("Kröger (GroenLinks-PvdA)",)}


def test_at_most_eight_related_dossiers_are_listed() -> None:
    member = (Member(name="Kröger", party="GroenLinks-PvdA"),)
    source = "https://nos.nl/artikel/1"
    dossiers = [
        dossier(
            f"d{number}",
            HOUSING,
            submitters=member,
            footnotes=(Footnote(number=1, text=source, urls=(source,)),),
        )
        for number in range(12)
    ]

    assert len(link(dossiers).related_to("d0")) == 8


# --- citations ----------------------------------------------------------------------------------------


def aanhangsel_pair() -> tuple[Dossier, Dossier]:
    cited = dossier("ah-tk-20242025-342", HOUSING, kind=Kind.MEDEDELING, session="2024-2025", aanhangsel=342)
    citing = dossier(
        "ah-tk-20242025-559",
        PIGS,
        kind=Kind.ANSWERS,
        session="2024-2025",
        aanhangsel=559,
        see_also=("Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 342.",),
        answers=(
            Answer(questions=(1,), text="Zie het antwoord in Aanhangsel Handelingen 2024–2025, nr. 342."),
        ),
    )
    return cited, citing


def test_citation_of_a_dossier_on_the_site_is_known_both_ways() -> None:
    cited, citing = aanhangsel_pair()

    links = link([cited, citing])

    assert [(c.citing, c.place) for c in links.cited_by["ah-tk-20242025-342"]] == [
        ("ah-tk-20242025-559", "de kop"),
        ("ah-tk-20242025-559", "het antwoord op vraag 1"),
    ]
    assert all(c.cited == "ah-tk-20242025-342" for c in links.citations["ah-tk-20242025-559"])


def test_a_dossier_citing_its_own_zaak_is_not_its_own_citation() -> None:
    own = dossier(
        "2024Z18656", HOUSING, zaak="2024Z18656", footnotes=(Footnote(number=1, text="Zaak 2024Z18656"),)
    )

    assert link([own]).citations == {}


# --- pages -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> list[Dossier]:
    cited, citing = aanhangsel_pair()
    return [
        dossier(
            "scanners",
            SCANNERS,
            title="Chinese scanners in de haven",
            submitters=(Member(name="Van Dijk", party="CDA"),),
            session="2020-2021",
            submitted=dt.date(2021, 2, 3),
        ),
        dossier(
            "export",
            EXPORT,
            title="de export van technologie aan de Chinese overheid",
            submitters=(Member(name="Van Dijk", party="SGP"),),
            session="2018-2019",
            submitted=dt.date(2019, 7, 18),
        ),
        dossier(
            "uitgeleend",
            PIGS,
            submitters=(Member(name="Van Dijk", party="CDA"), Member(name="Bromet", party="GroenLinks-PvdA")),
            addressees=(
                Addressee(
                    office="Minister van Economische Zaken", standing_in_for="Staatssecretaris van Financiën"
                ),
            ),
            footnotes=(Footnote(number=1, text="Kamerstuk 22 112, nr. 2686"),),
            questions=questions("Zie Kamerstuk 22 112, nr. 2686 en https://example.nl/22-112-nr-5 ."),
        ),
        cited,
        citing,
    ]


@pytest.fixture(scope="module")
def pages(corpus) -> dict[str, str]:
    return build_site(corpus, home_intro="# Kamervragen")


def html_of(pages: dict[str, str], path: str, markdown_to_html: Callable[[str], str]) -> Element:
    return parse_html(markdown_to_html(pages[path]))


def listed_dossiers(page: Element) -> list[str]:
    return [a.attrs["href"] for a in page.find_all("a") if "dossiers/" in a.attrs["href"]]


def test_member_page_lists_exactly_the_dossiers_that_member_signed(pages, markdown_to_html) -> None:
    page = html_of(pages, "leden/van-dijk-cda.md", markdown_to_html)

    assert page.find("h1").text().startswith("Van Dijk (CDA)")
    assert listed_dossiers(page) == ["../dossiers/scanners.md", "../dossiers/uitgeleend.md"]
    assert "../partijen/cda.md" in [a.attrs["href"] for a in page.find_all("a")]


def test_member_of_the_same_name_in_another_party_has_a_page_of_their_own(pages, markdown_to_html) -> None:
    page = html_of(pages, "leden/van-dijk-sgp.md", markdown_to_html)

    assert listed_dossiers(page) == ["../dossiers/export.md"]


def test_dossier_page_links_members_parties_offices_and_vergaderjaar(pages, markdown_to_html) -> None:
    hrefs = [
        a.attrs["href"] for a in html_of(pages, "dossiers/uitgeleend.md", markdown_to_html).find_all("a")
    ]

    assert "../leden/van-dijk-cda.md" in hrefs and "../leden/bromet-groenlinks-pvda.md" in hrefs
    assert "../partijen/groenlinks-pvda.md" in hrefs
    assert "../ambten/minister-van-economische-zaken.md" in hrefs
    assert "../vergaderjaren/2020-2021.md" in hrefs


def test_party_page_lists_its_members_and_their_dossiers(pages, markdown_to_html) -> None:
    page = html_of(pages, "partijen/cda.md", markdown_to_html)

    assert "../leden/van-dijk-cda.md" in [a.attrs["href"] for a in page.find_all("a")]
    assert listed_dossiers(page) == ["../dossiers/scanners.md", "../dossiers/uitgeleend.md"]


def test_office_stood_in_for_lists_the_dossier_too(pages, markdown_to_html) -> None:
    page = html_of(pages, "ambten/staatssecretaris-van-financien.md", markdown_to_html)

    assert listed_dossiers(page) == ["../dossiers/uitgeleend.md"]


def test_vergaderjaar_and_year_pages_list_their_dossiers(pages, markdown_to_html) -> None:
    assert listed_dossiers(html_of(pages, "vergaderjaren/2018-2019.md", markdown_to_html)) == [
        "../dossiers/export.md"
    ]
    assert listed_dossiers(html_of(pages, "vergaderjaren/jaar-2019.md", markdown_to_html)) == [
        "../dossiers/export.md"
    ]


def test_overview_lists_every_index_page_of_its_kind_with_counts(pages, markdown_to_html) -> None:
    page = html_of(pages, "leden/index.md", markdown_to_html)

    assert [squash(li.text()) for li in page.find_all("li")] == [
        "Bromet (GroenLinks-PvdA) (1)",
        "Lodders (VVD) (2)",
        "Van Dijk (CDA) (2)",
        "Van Dijk (SGP) (1)",
        "Yesilgöz-Zegerius (VVD) (2)",
    ]


def test_topic_page_lists_the_dossiers_the_word_characterises(pages, markdown_to_html) -> None:
    overview = html_of(pages, "onderwerpen/index.md", markdown_to_html)
    topics = {squash(a.text()): a.attrs["href"] for a in overview.find_all("a")}

    assert "Chinese" in topics
    assert listed_dossiers(html_of(pages, "onderwerpen/" + topics["Chinese"], markdown_to_html)) == [
        "../dossiers/scanners.md",
        "../dossiers/export.md",
    ]


def test_related_dossier_is_shown_with_its_reason(pages, markdown_to_html) -> None:
    page = html_of(pages, "dossiers/scanners.md", markdown_to_html)
    box = next(div for div in page.find_all("div") if "Verwante vragen" in div.text())

    assert "export.md" in [a.attrs["href"] for a in box.find_all("a")]
    assert "Vergelijkbare inhoud: Chinese" in squash(box.text())


def test_kamerstuk_in_text_and_footnote_links_to_the_official_publication(pages, markdown_to_html) -> None:
    page = html_of(pages, "dossiers/uitgeleend.md", markdown_to_html)

    links = [a for a in page.find_all("a") if "kst-22112-2686" in a.attrs["href"]]
    assert {a.attrs["href"] for a in links} == {"https://zoek.officielebekendmakingen.nl/kst-22112-2686.html"}
    # In the question and in the footnote; the list of citations under the text links it as well.
    assert [a.text() for a in links].count("Kamerstuk 22 112, nr. 2686") == 2


def test_number_inside_a_url_stays_part_of_the_url(pages, markdown_to_html) -> None:
    page = html_of(pages, "dossiers/uitgeleend.md", markdown_to_html)

    assert "https://example.nl/22-112-nr-5" in [a.attrs["href"] for a in page.find_all("a")]


def test_cited_dossier_on_the_site_is_linked_and_shows_aangehaald_door(pages, markdown_to_html) -> None:
    citing = html_of(pages, "dossiers/ah-tk-20242025-559.md", markdown_to_html)
    cited = html_of(pages, "dossiers/ah-tk-20242025-342.md", markdown_to_html)

    assert "ah-tk-20242025-342.md" in [a.attrs["href"] for a in citing.find_all("a")]
    box = next(div for div in cited.find_all("div") if "Aangehaald door" in div.text())
    assert [a.attrs["href"] for a in box.find_all("a")] == ["ah-tk-20242025-559.md", "ah-tk-20242025-559.md"]
    assert "in het antwoord op vraag 1" in squash(box.text())


def test_home_page_shows_counts_and_the_ways_in(pages, markdown_to_html) -> None:
    page = html_of(pages, "index.md", markdown_to_html)

    text = squash(page.text())
    assert "5 documenten" in text
    assert [a.attrs["href"] for a in page.find_all("a") if not a.attrs["href"].startswith("#")][:5] == [
        "leden/index.md",
        "partijen/index.md",
        "ambten/index.md",
        "vergaderjaren/index.md",
        "onderwerpen/index.md",
    ]


def test_home_page_lists_only_the_newest_and_says_where_the_rest_is(markdown_to_html) -> None:
    dossiers = [
        dossier(f"d{number:02d}", HOUSING, submitted=dt.date(2024, 1, 1) + dt.timedelta(days=number))
        for number in range(25)
    ]

    page = html_of(build_site(dossiers), "index.md", markdown_to_html)

    assert listed_dossiers(page) == [f"dossiers/d{number:02d}.md" for number in range(24, 4, -1)]
    assert "alle documenten staan bij de vergaderjaren" in squash(page.text())


def test_only_home_overviews_and_hand_written_pages_are_in_the_navigation(pages) -> None:
    in_navigation = sorted(path for path in pages if URLS.in_navigation(path))

    assert in_navigation == [
        "ambten/index.md",
        "gegevens/index.md",
        "index.md",
        "leden/index.md",
        "onderwerpen/index.md",
        "partijen/index.md",
        "redactie.md",
        "statistieken.md",
        "vergaderjaren/index.md",
    ]


def test_member_name_on_an_index_page_stays_text(markdown_to_html) -> None:
    payload = "<script>alert(1)</script> [x](javascript:alert(1))"
    pages = build_site([dossier("d", HOUSING, submitters=(Member(name=payload, party="*VVD*"),))])

    page = html_of(
        pages,
        next(path for path in pages if path.startswith("leden/") and path != "leden/index.md"),
        markdown_to_html,
    )

    assert page.find_all("script") == []
    assert squash(page.find("h1").text()).startswith(squash(payload) + " (*VVD*)")
    assert all(not a.attrs["href"].startswith("javascript") for a in page.find_all("a"))


def test_same_dossiers_give_byte_identical_site_in_separate_runs() -> None:
    # Separate interpreters with different hash seeds: set or dict order must not leak into pages.
    script = (
        "import sys, hashlib; sys.path.insert(0, 'tests');"
        "from test_links import corpus_for_determinism; from generator.site import build_site;"
        "pages = build_site(corpus_for_determinism());"
        "print(hashlib.sha256(repr(sorted(pages.items())).encode()).hexdigest(), len(pages))"
    )
    outputs = outputs_under_hash_seeds(script)

    assert len(outputs) == 1


def corpus_for_determinism() -> list[Dossier]:
    cited, citing = aanhangsel_pair()
    source = "https://nos.nl/artikel/1"
    shared = (Footnote(number=1, text=source, urls=(source,)),)
    return [
        dossier("scanners", SCANNERS, footnotes=shared),
        dossier(
            "export", EXPORT, footnotes=shared, submitters=(Member(name="Van Ojik", party="GroenLinks"),)
        ),
        dossier("woningen", HOUSING),
        dossier("varkens", PIGS, submitters=(Member(name="Kröger", party="GroenLinks-PvdA"),)),
        cited,
        citing,
        *unrelated_crowd(),
    ]


# --- scale ---------------------------------------------------------------------------------------------


def synthetic_dossiers(count: int, *, seed: int = 7) -> tuple[list[Dossier], int]:
    """Dossiers of made-up words in topics of eight; every tenth asks follow-up questions to one of its topic."""
    rng = random.Random(seed)
    syllables = [c + v for c in "bdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "aa", "ee", "oe", "ij")]
    vocabulary = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(40_000)})
    rng.shuffle(vocabulary)
    common, special = vocabulary[:20_000], vocabulary[20_000:]
    cumulative, total = [], 0.0
    for rank in range(len(common)):
        total += 1 / (rank + 1) ** 1.1  # Zipf: a few words everywhere, most words rare
        cumulative.append(total)
    topic_count = max(1, count // 8)
    topics = [special[(i * 12) % len(special) :][:12] for i in range(topic_count)]
    members = [Member(name=f"Lid {i}", party=f"Partij {i % 15}") for i in range(150)]
    offices = [Addressee(office=f"Minister van Zaken {i}") for i in range(25)]
    dossiers = []
    for index in range(count):
        topic = topics[index % topic_count]
        words = rng.choices(common, cum_weights=cumulative, k=360) + rng.choices(topic, k=60)
        rng.shuffle(words)
        footnotes = ()
        if index >= topic_count and index % 10 == 0:
            footnotes = (Footnote(number=1, text=f"Eerdere vragen, zaak 2024Z{index - topic_count:05d}"),)
        dossiers.append(
            Dossier(
                id=f"2024Z{index:05d}",
                source=f"2024Z{index:05d}.txt",
                kind=Kind.QUESTIONS,
                title=" ".join(rng.choices(topic, k=3)),
                submitted=dt.date(2020, 1, 1) + dt.timedelta(days=index % 1500),
                session="2023-2024",
                zaak=f"2024Z{index:05d}",
                submitters=tuple(rng.sample(members, k=rng.randint(1, 2))),
                addressees=(rng.choice(offices),),
                questions=questions(*(" ".join(words[n * 70 : (n + 1) * 70]) + "?" for n in range(6))),
                footnotes=footnotes,
            )
        )
    return dossiers, topic_count


def test_linking_many_dossiers_finds_follow_ups_and_topics(capsys) -> None:
    # LINK_BENCH_DOSSIERS=10000 pytest -s -k many_dossiers prints the time for ten thousand.
    count = int(os.environ.get("LINK_BENCH_DOSSIERS", "800"))
    dossiers, topic_count = synthetic_dossiers(count)

    started = time.perf_counter()
    links = link(dossiers)
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nlink() of {count} synthetic dossiers: {seconds:.1f} s")

    for index in range(topic_count, count, 10):
        earlier = f"2024Z{index - topic_count:05d}"
        listed = {related.id: related for related in links.related_to(f"2024Z{index:05d}")}
        assert Relation.FOLLOWS_UP in [reason.relation for reason in listed[earlier].reasons]
    # Each topic has eight dossiers: the seven others of its topic should lead the list of the alike.
    similar = [
        (int(this[5:]) % topic_count, int(related.id[5:]) % topic_count)
        for this, listed in links.related.items()
        for related in [
            related
            for related in listed
            if any(reason.relation is Relation.SIMILAR_CONTENT for reason in related.reasons)
        ][:5]
    ]
    assert similar and sum(a == b for a, b in similar) / len(similar) > 0.95


def test_linking_in_several_processes_gives_the_same_links() -> None:
    script = (
        "import sys; sys.path.insert(0, 'tests'); import generator.link as g, generator.parallel as p;"
        "from test_links import synthetic_dossiers; dossiers, _ = synthetic_dossiers(300);"
        "alone = g.link(dossiers); p.PARALLEL_FROM = 1; import os;"
        "assert p.workers_for(300) > 1 or (os.cpu_count() or 1) == 1;"
        "print(g.link(dossiers) == alone)"
    )
    result = in_fresh_interpreter(script)

    assert result.stdout.strip() == "True", result.stderr[-2000:]


# --- linking again after a change ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_dossiers() -> list[Dossier]:
    return load_folder(ROOT / "dossiers")


def real(dossiers: list[Dossier], id_: str) -> Dossier:
    return next(dossier for dossier in dossiers if dossier.id == id_)


def replaced(dossiers: list[Dossier], new: Dossier) -> list[Dossier]:
    return [new if dossier.id == new.id else dossier for dossier in dossiers]


def updated(before: list[Dossier], after: list[Dossier]) -> tuple[Linker, Links]:
    """A linker that linked `before` in full, and its links of `after`."""
    linker = Linker()
    linker.link(before)
    return linker, linker.link(after)


def full_link_with_the_same_weights(linker: Linker, dossiers: list[Dossier]) -> Links:
    return Linker(weights=linker.weights).link(dossiers)


def repeated_question(dossiers: list[Dossier]) -> Dossier:
    """The export questions ask their second question twice: its words weigh more, no word comes or goes."""
    export = real(dossiers, "2019Z15231")
    again = Question(numbers=(len(export.questions) + 1,), text=export.questions[1].text)
    return replace(export, questions=(*export.questions, again))


def title_from_own_text(dossiers: list[Dossier]) -> Dossier:
    escort = real(dossiers, "2024Z18891")
    return replace(escort, title=f"{escort.title}: {escort.questions[1].text}")


def earlier_questions_cited(dossiers: list[Dossier]) -> Dossier:
    hiv = real(dossiers, "2024Z18436")
    note = Footnote(number=len(hiv.footnotes) + 1, text="Eerdere vragen van het lid, 2024Z18439.")
    return replace(hiv, footnotes=(*hiv.footnotes, note))


@pytest.mark.parametrize("change", [repeated_question, title_from_own_text, earlier_questions_cited])
def test_update_keeping_the_words_of_the_collection_equals_the_full_link(real_dossiers, change) -> None:
    changed = change(real_dossiers)
    after = replaced(real_dossiers, changed)
    counted_anew = Linker()
    expected = counted_anew.link(after)

    linker, links = updated(real_dossiers, after)

    assert linker.weights == counted_anew.weights  # no word came or went, so the weights are the same
    assert link(real_dossiers) != expected  # the change shows in the links
    assert not linker.last_run.full
    assert links == expected


def test_update_after_a_question_like_another_dossier_lists_that_dossier(real_dossiers) -> None:
    escort, export = real(real_dossiers, "2024Z18891"), real(real_dossiers, "2019Z15231")
    after = replaced(real_dossiers, replace(escort, questions=(*escort.questions, *export.questions[:3])))

    linker, links = updated(real_dossiers, after)

    assert links.related_to("2024Z18891")[0].id == "2019Z15231"
    assert "2024Z18891" in [related.id for related in links.related_to("2019Z15231")]
    assert links == full_link_with_the_same_weights(linker, after)


def test_update_after_a_title_like_another_dossier_lists_that_dossier(real_dossiers) -> None:
    escort, ggz = real(real_dossiers, "2024Z18891"), real(real_dossiers, "ah-tk-20242025-562")
    after = replaced(real_dossiers, replace(escort, title=ggz.title))

    linker, links = updated(real_dossiers, after)

    assert "ah-tk-20242025-562" in [related.id for related in links.related_to("2024Z18891")]
    assert "ggz" in links.key_terms["2024Z18891"]
    assert links == full_link_with_the_same_weights(linker, after)


def test_added_dossier_citing_one_on_the_site_shows_in_aangehaald_door_after_an_update(real_dossiers) -> None:
    citation = "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 562"
    new = replace(
        real(real_dossiers, "2024Z18891"),
        id="2024Z19999",
        source="2024Z19999.txt",
        zaak="2024Z19999",
        footnotes=(Footnote(number=1, text=citation),),
    )
    after = [*real_dossiers, new]

    linker, links = updated(real_dossiers, after)

    assert [(c.citing, c.label) for c in links.cited_by["ah-tk-20242025-562"]] == [("2024Z19999", citation)]
    expected = link(after)
    assert (links.citations, links.cited_by) == (expected.citations, expected.cited_by)
    assert links == full_link_with_the_same_weights(linker, after)


def test_added_dossier_that_another_already_cites_is_linked_both_ways_after_an_update(real_dossiers) -> None:
    # 2024Z18656 says: "Deze vragen dienen ter aanvulling op eerdere vragen ... (vraagnummer 2024Z18284)".
    earlier = replace(
        real(real_dossiers, "2024Z18439"), id="2024Z18284", source="2024Z18284.txt", zaak="2024Z18284"
    )
    after = [*real_dossiers, earlier]

    linker, links = updated(real_dossiers, after)

    assert [c.citing for c in links.cited_by["2024Z18284"]] == ["2024Z18656"]
    assert Relation.FOLLOWS_UP in [reason.relation for reason in links.related_to("2024Z18656")[0].reasons]
    expected = link(after)
    assert (links.citations, links.cited_by) == (expected.citations, expected.cited_by)
    assert links == full_link_with_the_same_weights(linker, after)


def test_removed_dossier_leaves_every_related_list_after_an_update(real_dossiers) -> None:
    after = [dossier for dossier in real_dossiers if dossier.id != "ah-tk-20242025-562"]
    assert "ah-tk-20242025-562" in [related.id for related in link(real_dossiers).related_to("2024Z18439")]

    linker, links = updated(real_dossiers, after)

    assert "ah-tk-20242025-562" not in links.related
    assert all(related.id != "ah-tk-20242025-562" for listed in links.related.values() for related in listed)
    expected = link(after)
    assert (links.citations, links.cited_by) == (expected.citations, expected.cited_by)
    assert links == full_link_with_the_same_weights(linker, after)


def test_source_shared_by_one_dossier_too_many_becomes_a_reason_when_one_leaves() -> None:
    source = "https://nos.nl/artikel/2541672"
    sharing = [
        dossier(
            f"d{number:02d}",
            SUBJECTS[number % len(SUBJECTS)],
            submitters=(Member(name=f"Lid {number}", party="P"),),
        )
        for number in range(26)
    ]
    sharing = [replace(d, footnotes=(Footnote(number=1, text=source, urls=(source,)),)) for d in sharing]
    linker = Linker()
    linker.link(sharing)  # 26 dossiers share the page: too many for it to say anything

    links = linker.link(sharing[:-2])

    reasons = {reason.relation: reason.details for reason in links.related_to("d00")[0].reasons}
    assert reasons[Relation.SHARED_SOURCE] == (source,)
    assert links == full_link_with_the_same_weights(linker, sharing[:-2])


def test_update_ranks_anew_only_the_dossiers_the_change_reaches(real_dossiers) -> None:
    after = replaced(real_dossiers, earlier_questions_cited(real_dossiers))

    linker, _ = updated(real_dossiers, after)

    # The citing dossier and the cited one; the other 43 keep their lists without being looked at.
    assert linker.last_run.reranked == {"2024Z18436", "2024Z18439"}


def test_the_same_dossiers_again_give_the_same_links_without_ranking_any(real_dossiers) -> None:
    linker = Linker()
    first = linker.link(real_dossiers)

    again = linker.link(list(reversed(real_dossiers)))

    assert again is first
    assert linker.last_run.reranked == frozenset()


def test_word_shown_for_a_stem_follows_the_forms_in_the_collection_after_updates() -> None:
    scanners = dossier("scanners", SCANNERS, title="Nuctech scanners in de haven")
    # "scanner" is a shorter form of the stem of "scanners", so it is the one shown once a dossier has it.
    singular = dossier("enkelvoud", ("Welke scanner van Nuctech staat in de haven van Rotterdam?",))
    customs = dossier("douane", ("Hoeveel scanners van Nuctech heeft de douane in Vlissingen?",))
    crowd = [customs, *unrelated_crowd()]
    linker = Linker()
    before = linker.link([scanners, *crowd])

    with_singular = linker.link([scanners, singular, *crowd])
    without_it_again = linker.link([scanners, *crowd])

    assert "scanners" in before.key_terms["scanners"]
    assert "scanner" in with_singular.key_terms["scanners"]
    assert with_singular == full_link_with_the_same_weights(linker, [scanners, singular, *crowd])
    assert without_it_again == before


def test_many_changes_since_the_last_full_link_count_the_weights_anew(real_dossiers) -> None:
    linker = Linker()
    linker.link(real_dossiers)
    retitled = [replace(dossier, title=dossier.title + " (herzien)") for dossier in real_dossiers]

    links = linker.link(retitled)

    assert linker.last_run.full
    assert links == link(retitled)


@pytest.mark.parametrize("collection", ["dossiers/", "synthetic"])
def test_random_updates_give_what_a_full_link_with_the_same_weights_gives(real_dossiers, collection) -> None:
    # The synthetic dossiers share words with more dossiers than the index keeps per word.
    dossiers = real_dossiers if collection == "dossiers/" else synthetic_dossiers(240)[0]
    rng = random.Random(5)
    current = {dossier.id: dossier for dossier in dossiers[::2]}
    linker = Linker()
    linker.link(list(current.values()))
    for step in range(16):
        target = current[rng.choice(sorted(current))]
        donor = rng.choice(dossiers)
        kind = step % 4
        if kind == 0:  # a dossier comes in, or goes
            if donor.id in current:
                del current[donor.id]
            else:
                current[donor.id] = donor
        elif kind == 1:
            current[target.id] = replace(target, questions=donor.questions, title=donor.title)
        elif kind == 2:
            current[target.id] = replace(target, submitters=donor.submitters, submitted=donor.submitted)
        else:
            aanhangsel = f"Aanhangsel Handelingen, vergaderjaar {donor.session}, nr. {donor.aanhangsel}"
            cited = donor.zaak or aanhangsel
            footnote = Footnote(number=90 + step, text=f"Eerdere vragen, {cited}")
            current[target.id] = replace(target, footnotes=(*target.footnotes, footnote))
        dossiers = list(current.values())

        links = linker.link(dossiers)

        assert links == full_link_with_the_same_weights(linker, dossiers), f"step {step}"


def random_vector(rng: random.Random) -> dict[str, float]:
    """A dossier's stem weights, strongest first, over a dozen stems: few stems among many vectors,
    so every stem has more dossiers than the index keeps for it."""
    chosen = rng.sample([f"stam{number}" for number in range(12)], k=rng.randint(2, 8))
    return dict(zip(chosen, sorted((rng.random() for _ in chosen), reverse=True)))


def test_index_of_similar_dossiers_after_updates_equals_one_built_anew() -> None:
    rng = random.Random(3)

    def vector() -> dict[str, float]:
        return random_vector(rng)

    def built(vectors: dict[str, dict[str, float]]) -> SimilarityIndex:
        return SimilarityIndex.built(vectors, lambda ids, *shared: search_range(0, len(ids), ids, *shared))

    vectors = {f"d{number:02d}": vector() for number in range(70)}
    index = built(vectors)
    for step in range(60):
        changed_ids = rng.sample(sorted(vectors), k=rng.randint(1, 3))
        changes = {id_: None if step % 5 == 0 else vector() for id_ in changed_ids}
        changes |= {f"n{step:02d}": vector()} if step % 5 == 1 else {}
        if step % 5 == 2:  # a little stronger: every posting keeps its order, yet every likeness changes
            id_, before = rng.choice(sorted(vectors.items()))
            changes[id_] = {stem: weight * 1.001 for stem, weight in before.items()}

        index.update(changes)

        vectors = {id_: found for id_, found in (vectors | changes).items() if found is not None}
        updated_pairs = {id_: pairs for id_, pairs in index.similar.items() if pairs}
        assert updated_pairs == built(vectors).similar, f"step {step}"


def test_index_built_from_the_parts_of_several_workers_finds_and_updates_as_one_built_at_once() -> None:
    rng = random.Random(5)

    def vector() -> dict[str, float]:
        return random_vector(rng)

    def search(ids: list[str], *shared) -> list:
        return search_range(0, len(ids), ids, *shared)

    vectors = {f"d{number:02d}": vector() for number in range(70)}
    in_order = list(vectors.items())
    parts = [weighted_by_stem(in_order[start:stop]) for start, stop in ((0, 20), (20, 45), (45, 70))]
    at_once = SimilarityIndex.built(vectors, search)
    from_parts = SimilarityIndex.built(vectors, search, weighted_parts=parts)
    changes = {"d03": None, "d30": vector(), "d69": vector(), "n00": vector()}

    assert from_parts.similar == at_once.similar
    assert from_parts.update(changes) == at_once.update(changes)
    assert from_parts.similar == at_once.similar


@given(st.text(alphabet=string.printable + "éëï’«»", max_size=200))
def test_words_of_a_text_are_its_runs_of_three_letters_or_more(text) -> None:
    # Text in ASCII takes a quicker way than the regular expression; both must find the same words.
    text_dossier = dossier("d", (text,), title="")

    assert content_words(text_dossier) == re.findall(r"[^\W\d_]{3,}", re.sub(r"https?://\S+", " ", text))


def test_two_dossiers_with_one_id_are_refused() -> None:
    with pytest.raises(ValueError, match="two dossiers have the id 'd'"):
        link([dossier("d", HOUSING), dossier("d", PIGS)])


# --- a small site, built -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("links-project")
    # A real answer whose header cites an earlier Aanhangsel number, and that earlier notice.
    notice = (ROOT / "dossiers" / "ah-tk-20242025-562.txt").read_text(encoding="utf-8")
    make_project(
        project,
        {
            "ah-tk-20242025-559.txt": (ROOT / "dossiers" / "ah-tk-20242025-559.txt").read_bytes(),
            "ah-tk-20242025-342.txt": notice.replace("ah-tk-20242025-562", "ah-tk-20242025-342")
            .replace("\n562\n", "\n342\n")
            .encode("utf-8"),
        },
    )
    site = project / "site"
    result = mkdocs_build(project, site, strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


def test_built_page_of_a_cited_dossier_shows_aangehaald_door(small_site) -> None:
    from test_build import article, page

    content = article(page(small_site, "dossiers/ah-tk-20242025-342"))

    box = next(div for div in content.find_all("div") if div.text().strip().startswith("Aangehaald door"))
    assert [a.attrs["href"] for a in box.find_all("a")] == ["../ah-tk-20242025-559/"]

"""What a reader sees on the generated pages, and that dossier text can never become markup."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest
from conftest import ROOT, Element, make_dossier, outputs_under_hash_seeds, parse_html, squash

from generator.model import Answer, Diagnostic, Footnote, Kind, Level, Member, Question, Section
from generator.page_head import split_front_matter
from generator.render import INLINE_MARKUP_ESCAPES, do_md_text
from generator.site import build_pages

PAGE = "dossiers/2021Z02062.md"

NUCTECH_FD_URL = (
    "https://fd.nl/economie-politiek/1371071/zorgen-over-chinese-spionage-via-douanescanners-in-haven-rotterdam"
    "?utm_source=nieuwsbrief&utm_campaign=fd-ochtendnieuwsbrief_#126;SYSTEM.CAMPAIGNID#126;_#126;SYSTEM.MAILID#126;"
    "&utm_medium=email&utm_content=20210201&s_cid=671"
)


def render(dossier, markdown_to_html: Callable[[str], str]) -> Element:
    return parse_html(markdown_to_html(build_pages([dossier])[f"dossiers/{dossier.id}.md"]))


def question(number: int, text: str, line: int | None = None) -> Question:
    return Question(numbers=(number,), text=text, line=line)


# --- dossier text is data, never markup -------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](https://e.vil/x.png)",
    "[^x]",
    "{: onclick=x }",
    "{{ 7*7 }}",
    "!!! note",
    '--8<-- "/etc/passwd"',
    ":smile:",
    "# heading",
    "---\ntitle: x\n---",
    "```\ncode\n```",
    "~~~\ncode\n~~~",
    "a | b\n--|--\nc | d",
    "Titel\n===",
    "    indented code",
    "1. lijst\n* lijst\n+ lijst\n- lijst",
    "> citaat",
    "[TOC]",
    "&lt;b&gt; &amp; &#60;",
    "*nadruk* _nadruk_ **vet** `code`",
    "[a]: https://e.vil/\n[a]",
    "<!-- comment -->",
    "tekst\\\\[x](javascript:alert(1))",
]


def put_payload(field: str, payload: str):
    base = make_dossier(
        questions=(question(1, "Eerste vraag?[^1]"),),
        answers=(Answer(questions=(1,), text="Eerste antwoord."),),
        footnotes=(Footnote(number=1, text="Kamerstuk 22 112, nr. 2686"),),
    )
    if field == "question":
        return replace(base, questions=(question(1, payload + " [^1]"),))
    if field == "answer":
        return replace(base, kind=Kind.ANSWERS, answers=(Answer(questions=(1,), text=payload),))
    if field == "footnote":
        return replace(base, footnotes=(Footnote(number=1, text=payload),))
    if field == "member name":
        return replace(base, submitters=(Member(name=payload, party="VVD"),))
    if field == "title":
        # A capitalised first word, so that the heading shows the payload unchanged.
        return replace(base, title="Vragen " + payload)
    raise AssertionError(field)


def markup_shape(root: Element) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter((element.tag, tuple(sorted(element.attrs))) for element in root.iter())


def assert_literal_without_new_markup(rendered: Element, baseline: Element, payload: str) -> None:
    """The payload shows as text, and the page has no element or attribute the baseline lacks."""
    assert squash(payload) in squash(rendered.text())
    urls_in_payload = set(re.findall(r"https?://[^\s)\]]+", payload))
    added = markup_shape(rendered) - markup_shape(baseline)
    # Line breaks keep the lines of the text apart; an http(s) URL may become a plain link.
    links = [a for a in rendered.find_all("a") if a.attrs.get("href") in urls_in_payload]
    allowed = Counter({("br", ()): added[("br", ())], ("a", ("href",)): len(links)})
    assert added - allowed == Counter()
    assert all(set(a.attrs) == {"href"} for a in links)


@pytest.mark.parametrize("field", ["question", "answer", "footnote", "member name", "title"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda payload: payload[:24])
def test_dossier_text_appears_literally_and_adds_no_markup(field, payload, markdown_to_html) -> None:
    rendered = render(put_payload(field, payload), markdown_to_html)
    baseline = render(put_payload(field, "PAYLOAD"), markdown_to_html)

    assert_literal_without_new_markup(rendered, baseline, payload)


@pytest.mark.parametrize("page", ["index.md", "redactie.md"])
@pytest.mark.parametrize("field", ["member name", "title"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda payload: payload[:24])
def test_text_on_list_pages_appears_literally_and_adds_no_markup(page, field, payload, markdown_to_html) -> None:
    def list_page(text: str) -> Element:
        note = Diagnostic(level=Level.NOTE, line=1, message=text, quote=text)
        dossier = replace(put_payload(field, text), diagnostics=(note,))
        return parse_html(markdown_to_html(build_pages([dossier])[page]))

    assert_literal_without_new_markup(list_page(payload), list_page("PAYLOAD"), payload)


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda payload: payload[:24])
def test_title_in_front_matter_is_html_escaped_for_the_theme(payload) -> None:
    from mkdocs.utils.meta import get_data

    _, meta = get_data(build_pages([put_payload("title", payload)])[PAGE])

    # MkDocs themes print the title and description into <title> and <meta> without escaping.
    assert meta["title"] == html.escape(squash("Vragen " + payload), quote=True)
    assert "<" not in meta["description"] and '"' not in meta["description"]


def test_every_backslash_escape_is_one_the_configured_markdown_takes_away() -> None:
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    escaped_anywhere = {character for character, escape in INLINE_MARKUP_ESCAPES.items() if escape == "\\" + character}
    escaped_at_line_start = {"#", "+", "!", "-", ".", ")"}

    # Any other backslash would stay visible on the page.
    assert escaped_anywhere | escaped_at_line_start <= set(md.ESCAPED_CHARS)


@pytest.mark.parametrize(
    "line",
    ["# Kop", "- lijst", "+ lijst", "* lijst", "1. lijst", "2024. Een jaar", "!!! note", "---", "===", "~~~",
     "> citaat", "a | b | c", "`code`", "*nadruk* en _nadruk_", "{: #id }", "[link](pagina.html)", "<b>vet</b>",
     "&amp; en &#61;", "a\\b", "1) Eerste", "Zie (noot). Dan - of + of !"],
)
def test_a_line_that_looks_like_markup_shows_as_written(line, markdown_to_html) -> None:
    page = parse_html(markdown_to_html(do_md_text(f"Eerst tekst.\n{line}")))

    assert [element.tag for element in page.iter()][1:] == ["p", "br"]
    assert page.find("p").text().split() == f"Eerst tekst. {line}".split()


def test_javascript_url_stays_text(markdown_to_html) -> None:
    page = render(make_dossier(questions=(question(1, "Zie javascript:alert(1) hier."),)), markdown_to_html)

    assert not [a for a in page.find_all("a") if "javascript" in a.attrs.get("href", "")]
    assert "Zie javascript:alert(1) hier." in page.text()


def test_control_characters_are_shown_as_symbols_not_dropped() -> None:
    assert do_md_text("a\x02b\x03c") == "a\u2402b\u2403c"


# --- the dossier page ------------------------------------------------------------------------------


def test_each_question_has_its_own_heading_with_a_stable_anchor(markdown_to_html) -> None:
    dossier = make_dossier(questions=tuple(question(n, f"Vraag nummer {n}?") for n in (1, 2, 3)))

    page = render(dossier, markdown_to_html)

    assert [h.text().rstrip("¶") for h in page.find_all("h2")] == ["Vraag 1", "Vraag 2", "Vraag 3"]
    assert page.find("h2", id="vraag-3").text().startswith("Vraag 3")


def test_grouped_question_heading_names_every_number(markdown_to_html) -> None:
    dossier = make_dossier(questions=(Question(numbers=(2, 3), text="Twee vragen in één?"),))

    assert render(dossier, markdown_to_html).find("h2", id="vraag-2").text().startswith("Vraag 2 en 3")


def test_answer_follows_its_question_under_antwoord_heading(markdown_to_html) -> None:
    dossier = make_dossier(
        kind=Kind.ANSWERS,
        questions=(question(1, "Bent u bekend met het bericht?"), question(2, "Klopt het?")),
        answers=(Answer(questions=(1,), text="Ja."), Answer(questions=(2,), text="Nee.")),
    )

    markdown = build_pages([dossier])[PAGE]

    assert (
        markdown.index("## Vraag 1")
        < markdown.index("### Antwoord {#antwoord-1}")
        < markdown.index("## Vraag 2")
    )
    assert render(dossier, markdown_to_html).find("h3", id="antwoord-2").text().startswith("Antwoord")


def test_grouped_answer_is_shown_once_after_the_last_question_it_covers() -> None:
    dossier = make_dossier(
        kind=Kind.ANSWERS,
        questions=tuple(question(n, f"Vraag {n}?") for n in (1, 2, 3, 4)),
        answers=(Answer(questions=(1,), text="Ja."), Answer(questions=(3, 4), text="Beide niet.")),
    )

    # The page's body: the schema.org data in the front matter names each answer too.
    _, markdown = split_front_matter(build_pages([dossier])[PAGE])

    assert markdown.count("Beide niet") == 1
    assert markdown.index("## Vraag 4") < markdown.index("### Antwoord op vraag 3 en 4 {#antwoord-3}")


def test_question_answered_together_with_a_later_one_links_to_that_answer(markdown_to_html) -> None:
    dossier = make_dossier(
        kind=Kind.ANSWERS,
        questions=(question(3, "Drie?"), question(4, "Vier?")),
        answers=(Answer(questions=(3, 4), text="Samen."),),
    )

    page = render(dossier, markdown_to_html)

    assert [a.attrs["href"] for a in page.find_all("a") if a.text() == "Antwoord op vraag 3 en 4"] == [
        "#antwoord-3"
    ]


def test_answer_to_a_question_the_page_lacks_is_still_shown(markdown_to_html) -> None:
    dossier = make_dossier(
        kind=Kind.ANSWERS,
        questions=(question(1, "Een?"),),
        answers=(Answer(questions=(7,), text="Dit antwoord hoort bij vraag 7."),),
    )

    page = render(dossier, markdown_to_html)

    assert "Dit antwoord hoort bij vraag 7." in page.text()
    assert page.find("h3", id="antwoord-7").text().startswith("Antwoord op vraag 7")


def test_section_is_shown_under_its_heading(markdown_to_html) -> None:
    dossier = make_dossier(
        questions=(question(1, "Een?", line=5),),
        sections=(Section(heading="Toelichting", text="Deze vragen dienen ter aanvulling.", line=9),),
    )

    page = render(dossier, markdown_to_html)

    heading = next(h for h in page.find_all("h2") if h.text().startswith("Toelichting"))
    assert heading.attrs["id"] == "toelichting"
    assert "Toelichting¶ Deze vragen dienen ter aanvulling." in squash(page.text())


def test_footnote_marker_becomes_a_reference_to_the_footnote(markdown_to_html) -> None:
    dossier = make_dossier(
        questions=(question(1, "Bent u bekend met het bericht?[^1]"),),
        footnotes=(Footnote(number=1, text="aivd.nl, «spionage en ongewenste inmenging»"),),
    )

    page = render(dossier, markdown_to_html)

    assert page.find("sup", id="fnref:1").find("a").attrs["href"] == "#fn:1"
    assert "aivd.nl, «spionage en ongewenste inmenging»" in page.find("li", id="fn:1").text()


def test_marker_of_a_footnote_the_dossier_lacks_stays_literal(markdown_to_html) -> None:
    page = render(make_dossier(questions=(question(1, "Klopt het?[^9]"),)), markdown_to_html)

    assert "Klopt het?[^9]" in page.text()
    assert not page.find_all("sup")


def test_footnote_url_is_a_link_to_exactly_that_url(markdown_to_html) -> None:
    dossier = make_dossier(
        questions=(question(1, "Bent u bekend met het bericht?[^1]"),),
        footnotes=(
            Footnote(number=1, text=f"fd.nl, 31 januari 2021, {NUCTECH_FD_URL}", urls=(NUCTECH_FD_URL,)),
        ),
    )

    footnote = render(dossier, markdown_to_html).find("li", id="fn:1")

    assert [a.attrs["href"] for a in footnote.find_all("a") if "fd.nl" in a.attrs["href"]] == [NUCTECH_FD_URL]


def test_footnote_url_that_the_text_lacks_is_added_as_a_link(markdown_to_html) -> None:
    url = "https://nos.nl/artikel/2541672-wachttijden-ggz-niet-goed-vastgelegd-zeggen-onderzoekers"
    dossier = make_dossier(
        questions=(question(1, "Bent u bekend met het bericht?[^1]"),),
        footnotes=(
            Footnote(number=1, text="NOS, 22 oktober 2024 (https://\nnos.nl/artikel/…)", urls=(url,)),
        ),
    )

    footnote = render(dossier, markdown_to_html).find("li", id="fn:1")

    assert url in [a.attrs["href"] for a in footnote.find_all("a")]


def test_url_in_running_text_leaves_closing_punctuation_outside_the_link(markdown_to_html) -> None:
    dossier = make_dossier(questions=(question(1, "Zie het bericht (https://nos.nl/artikel/1)."),))

    page = render(dossier, markdown_to_html)

    assert [a.attrs["href"] for a in page.find_all("a") if "nos.nl" in a.attrs["href"]] == [
        "https://nos.nl/artikel/1"
    ]
    assert "Zie het bericht (https://nos.nl/artikel/1)." in page.text()


def test_footnote_no_text_refers_to_is_still_shown_and_referenced(markdown_to_html) -> None:
    dossier = make_dossier(
        questions=(question(1, "Een?"),),
        footnotes=(Footnote(number=1, text="Kamerstuk 36 200, nr. 77"),),
    )

    page = render(dossier, markdown_to_html)

    assert "Kamerstuk 36 200, nr. 77" in page.find("li", id="fn:1").text()
    assert page.find("sup", id="fnref:1")


def test_members_are_shown_with_their_party(markdown_to_html) -> None:
    text = squash(render(make_dossier(), markdown_to_html).text())

    assert "Indieners: Yesilgöz-Zegerius (VVD), Lodders (VVD)" in text


def test_addressees_are_all_shown(markdown_to_html) -> None:
    text = squash(render(make_dossier(), markdown_to_html).text())

    assert "Gericht aan: Minister van Justitie en Veiligheid; Staatssecretaris van Financiën" in text


def test_submission_date_is_written_out_in_dutch(markdown_to_html) -> None:
    text = squash(render(make_dossier(submitted=dt.date(2021, 2, 3)), markdown_to_html).text())

    assert "Ingezonden: 3 februari 2021" in text


def test_answered_by_and_received_are_shown_for_answers(markdown_to_html) -> None:
    from generator.model import Official

    dossier = make_dossier(
        kind=Kind.ANSWERS,
        received=dt.date(2024, 11, 14),
        answered_by=(Official(name="Van Weel", office="Minister", portfolio="Justitie en Veiligheid"),),
    )

    text = squash(render(dossier, markdown_to_html).text())

    assert "Beantwoord door: Minister Van Weel (Justitie en Veiligheid)" in text
    assert "Ontvangen: 14 november 2024" in text


def test_known_zaak_links_to_official_publication_and_tweede_kamer(markdown_to_html) -> None:
    hrefs = [a.attrs["href"] for a in render(make_dossier(zaak="2019Z15231"), markdown_to_html).find_all("a")]

    assert "https://zoek.officielebekendmakingen.nl/kv-tk-2019Z15231.html" in hrefs
    assert "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2019Z15231" in hrefs


def test_unknown_zaak_gives_no_official_links(markdown_to_html) -> None:
    hrefs = [a.attrs["href"] for a in render(make_dossier(zaak=None), markdown_to_html).find_all("a")]

    assert not [href for href in hrefs if "officielebekendmakingen" in href or "tweedekamer" in href]


def test_known_aanhangsel_number_links_to_the_handelingen(markdown_to_html) -> None:
    dossier = make_dossier(kind=Kind.ANSWERS, session="2024-2025", aanhangsel=546)

    hrefs = [a.attrs["href"] for a in render(dossier, markdown_to_html).find_all("a")]

    assert "https://zoek.officielebekendmakingen.nl/ah-tk-20242025-546.html" in hrefs


def test_page_links_to_its_source_file(markdown_to_html) -> None:
    page = render(make_dossier(), markdown_to_html)

    assert "../bronnen/2021Z02062.txt" in [a.attrs["href"] for a in page.find_all("a")]


def test_dossier_with_errors_is_published_with_a_visible_warning(markdown_to_html) -> None:
    problem = Diagnostic(level=Level.ERROR, line=14, message="text that fits nowhere", quote="Vraag 5b")
    dossier = make_dossier(questions=(question(1, "Wat wel gevonden is?"),), diagnostics=(problem,))

    page = render(dossier, markdown_to_html)

    warning = page.find("div", **{"class": "admonition warning"})
    assert "regel 14: text that fits nowhere: «Vraag 5b»" in squash(warning.text())
    assert "Wat wel gevonden is?" in page.text()


def test_dossier_with_only_notes_has_no_warning(markdown_to_html) -> None:
    note = Diagnostic(level=Level.NOTE, line=3, message="joined a word split over two lines")

    page = render(make_dossier(diagnostics=(note,)), markdown_to_html)

    assert not [div for div in page.find_all("div") if "warning" in div.attrs.get("class", "")]


def test_page_title_starts_with_a_capital(markdown_to_html) -> None:
    page = render(make_dossier(title="de export van cybersurveillance technologie"), markdown_to_html)

    assert page.find("h1").text().startswith("De export van cybersurveillance technologie")


# --- home page and editors' page ----------------------------------------------------------------


def test_home_page_starts_with_the_intro_and_lists_dossiers_newest_first_then_by_id(markdown_to_html) -> None:
    dossiers = [
        make_dossier(id="oud", source="oud.txt", title="oud", submitted=dt.date(2019, 7, 18)),
        make_dossier(id="b-nieuw", source="b-nieuw.txt", title="b", submitted=dt.date(2024, 11, 14)),
        make_dossier(id="a-nieuw", source="a-nieuw.txt", title="a", submitted=dt.date(2024, 11, 14)),
        make_dossier(id="zonder-datum", source="zonder-datum.txt", title="z", submitted=None),
        make_dossier(
            id="ontvangen", source="ontvangen.txt", title="o", submitted=None, received=dt.date(2021, 1, 1)
        ),
    ]

    # After the front matter, which links the feed.
    _, markdown = split_front_matter(build_pages(dossiers, home_intro="# Kamervragen\n\nWelkom.")["index.md"])

    assert markdown.lstrip("\n").startswith("# Kamervragen\n\nWelkom.")
    links = parse_html(markdown_to_html(markdown)).find_all("a")
    assert [a.attrs["href"] for a in links if a.attrs["href"].startswith("dossiers/")] == [
        "dossiers/a-nieuw.md",
        "dossiers/b-nieuw.md",
        "dossiers/ontvangen.md",
        "dossiers/oud.md",
        "dossiers/zonder-datum.md",
    ]


def test_editors_page_lists_each_problem_with_file_line_and_message(markdown_to_html) -> None:
    problems = (
        Diagnostic(
            level=Level.NOTE, line=3, message="joined a word split over two lines", quote="douanescan-"
        ),
        Diagnostic(level=Level.ERROR, line=12, message="text that fits nowhere"),
    )
    dossiers = [make_dossier(diagnostics=problems), make_dossier(id="schoon", source="schoon.txt")]

    page = parse_html(markdown_to_html(build_pages(dossiers)["redactie.md"]))

    text = squash(page.text())
    assert "2021Z02062.txt" in page.find("h2", id="dossier-2021Z02062").text()
    assert "fout, regel 12: text that fits nowhere" in text
    assert "opmerking, regel 3: joined a word split over two lines: «douanescan-»" in text
    assert text.index("regel 12") < text.index("regel 3")
    assert "schoon" not in text


def test_editors_page_says_so_when_there_is_nothing_to_report(markdown_to_html) -> None:
    page = parse_html(markdown_to_html(build_pages([make_dossier()])["redactie.md"]))

    assert "Geen meldingen" in page.text()


def test_same_dossiers_give_byte_identical_pages_in_separate_runs() -> None:
    # Separate interpreters with different hash seeds: set or dict order must not leak into pages.
    script = (
        "import datetime as dt, hashlib, sys; sys.path.insert(0, 'tests');"
        "from conftest import make_dossier; from generator.model import *; from generator.site import build_pages;"
        "ds = [make_dossier(questions=(Question(numbers=(2, 1), text='Een?[^2][^1]'),),"
        " footnotes=(Footnote(number=2, text='b'), Footnote(number=1, text='a'), Footnote(number=3, text='c')),"
        " diagnostics=(Diagnostic(level=Level.NOTE, line=None, message='n'),"
        " Diagnostic(level=Level.ERROR, line=4, message='e'))),"
        " make_dossier(id='ander', source='ander.txt', submitted=dt.date(2020, 1, 1))];"
        "pages = build_pages(ds, home_intro='Intro');"
        "print(hashlib.sha256(repr(sorted(pages.items())).encode()).hexdigest(), list(pages))"
    )
    outputs = outputs_under_hash_seeds(script)

    assert len(outputs) == 1
    assert "['index.md', 'redactie.md', 'dossiers/2021Z02062.md', 'dossiers/ander.md']" in outputs.pop()


def test_url_that_needs_encoding_is_shown_as_printed_and_linked_encoded(markdown_to_html) -> None:
    url = "https://nl.wikipedia.org/wiki/Ministerie_van_Financiën_[x]"
    page = render(make_dossier(questions=(question(1, f"Zie {url} hier."),)), markdown_to_html)

    link = next(a for a in page.find_all("a") if "wikipedia" in a.attrs["href"])
    assert link.text() == url
    assert link.attrs["href"] == "https://nl.wikipedia.org/wiki/Ministerie_van_Financi%C3%ABn_%5Bx%5D"

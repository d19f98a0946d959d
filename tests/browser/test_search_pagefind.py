"""The header's search box answered by Pagefind, as large sites get it: Dutch queries find dossiers."""

from __future__ import annotations

import contextlib
import html
import multiprocessing
import os
import re
import resource
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from fixtures.projects import files_of, make_project, mkdocs_build
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, Locator, Page, expect

from generator.bench import make_dossiers
from generator.link import link
from generator.parse import combine, parse_or_report
from generator.render import make_environment, render_template
from generator.search import (
    PAGEFIND_INDEX_PAGES,
    is_dossier_page,
    mark_for_index,
    plan_periods,
    run_pagefind,
    year_of,
)
from generator.site import URLS, page_specs

from .conftest import ROOT, SiteTab, open_tab, serve
from .test_accessibility import serious_axe_violations

pytestmark = pytest.mark.browser

NUCTECH = "dossiers/kv-2021-02-03-yesilgoz-zegerius/"
NUCTECH_TITLE = "Het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»"
# Material's Dutch result counts ("search.result.none/one/other"), which the Pagefind box shows too,
# with a thousands separator: "1.234 overeenkomende documenten", and on a site with an index per
# period, the years searched: "12 overeenkomende documenten uit 2020–2025". A quoted phrase whose
# results are not all checked yet says how far the box got: "2 overeenkomende documenten in de eerste 40
# van 45 documenten".
SEARCH_ANSWERED = re.compile(
    r"^(Geen|[\d.]+) overeenkomend(e)? document(en)?( in de eerste [\d.]+ van [\d.]+ documenten)?"
    r"( uit \d{4}(–\d{4})?)?$"
)


def type_query(page: Page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    expect(page.locator(".md-search-result__meta")).to_have_text(SEARCH_ANSWERED, timeout=20_000)


def result_paths(tab: SiteTab) -> list[str]:
    site_path = urlsplit(tab.site_url).path
    return [
        urlsplit(anchor.get_attribute("href") or "").path.removeprefix(site_path)
        for anchor in tab.page.locator(".md-search-result__item > a.md-search-result__link").all()
    ]


def search(tab: SiteTab, query: str) -> list[str]:
    """Type a query into the header's search box; the site paths of the pages listed, best first."""
    type_query(tab.open(""), query)
    return result_paths(tab)


def test_typing_spionage_lists_the_nuctech_dossier_first(pagefind_tab: SiteTab) -> None:
    assert search(pagefind_tab, "spionage")[:1] == [NUCTECH]


def test_clicking_a_result_opens_the_dossier_page(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, "spionage")

    page.locator(".md-search-result__link", has_text="douanescanners in haven Rotterdam").first.click()

    expect(page).to_have_url(pagefind_tab.url_of(NUCTECH))
    expect(page.locator("article h1")).to_contain_text(NUCTECH_TITLE)


def test_result_shows_the_dossier_title_and_an_excerpt_with_the_word_marked(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, "spionage")

    first = page.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_have_text(NUCTECH_TITLE)
    expect(first.locator("p mark").first).to_have_text(re.compile("^spionage$", re.IGNORECASE))


def test_a_plural_finds_the_page_that_has_only_the_singular(pagefind_tab: SiteTab) -> None:
    # ah-tk-20242025-576, answer 5: "is de Kamer recent geïnformeerd over dit standpunt"; no dossier
    # says "standpunten". Pagefind stems Dutch (Snowball) in the index and in the query alike.
    assert "dossiers/ah-tk-20242025-576/" in search(pagefind_tab, "standpunten")


def test_a_singular_finds_the_dossier_that_says_the_plural(pagefind_tab: SiteTab) -> None:
    # The Nuctech dossier speaks of "douanescanners" and "Nuctech scanners", never of one "scanner".
    assert NUCTECH in search(pagefind_tab, "scanner")


def test_a_dossier_is_not_found_by_the_titles_of_its_related_dossiers(pagefind_tab: SiteTab) -> None:
    # 2019Z15231 lists the Nuctech dossier under "Verwante vragen"; only Nuctech's own text has the word.
    assert search(pagefind_tab, "douanescanners") == [NUCTECH]


def test_arrow_down_and_enter_open_the_first_result(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, "spionage")

    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    expect(page).to_have_url(pagefind_tab.url_of(NUCTECH))


def test_index_pages_and_overviews_are_not_search_results(pagefind_tab: SiteTab) -> None:
    # With lunr, this name finds her member page; Pagefind indexes dossier text only.
    paths = search(pagefind_tab, "Yesilgöz")

    assert NUCTECH in paths
    assert all(path.startswith("dossiers/") for path in paths), paths


def test_more_results_come_ten_at_a_time_until_each_is_listed_once(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, "minister")
    total = int(page.locator(".md-search-result__meta").inner_text().split()[0])
    links = page.locator(".md-search-result__link")
    more = page.get_by_role("button", name="Meer resultaten")
    assert total > 20, "the query should need two clicks"
    expect(links).to_have_count(10)

    while more.count():
        listed = links.count()
        more.click()
        # The next ten and the button (if more are left) appear together.
        expect(links).not_to_have_count(listed)

    paths = result_paths(pagefind_tab)
    assert len(paths) == len(set(paths)) == total


def test_a_word_in_no_dossier_says_so(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, "zwxqvbrt")

    expect(page.locator(".md-search-result__meta")).to_have_text("Geen overeenkomende documenten")


def test_escape_closes_the_search_box(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, "spionage")

    page.keyboard.press("Escape")

    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator(".md-search__output")).not_to_be_visible()


def test_search_neither_asks_another_host_nor_logs_an_error(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    page.wait_for_load_state("networkidle")
    errors_before_search = list(pagefind_tab.console_errors)

    type_query(page, "spionage")

    assert pagefind_tab.requests_to_other_hosts == []
    assert pagefind_tab.console_errors == errors_before_search


def test_material_search_index_is_never_requested(pagefind_tab: SiteTab) -> None:
    requested: list[str] = []
    pagefind_tab.page.on("request", lambda request: requested.append(request.url))

    search(pagefind_tab, "spionage")

    assert not [url for url in requested if "search_index" in url or "/workers/search" in url]
    assert any(url.endswith("pagefind/pagefind.js") for url in requested)


def test_axe_finds_nothing_serious_in_the_search_box_with_results(
    pagefind_tab: SiteTab, axe_script: str
) -> None:
    page = pagefind_tab.open("")
    type_query(page, "spionage")

    violations = serious_axe_violations(page, axe_script)
    assert not violations, "\n".join(violations)


def index_chunks_fetched(browser: Browser, site_url: str, terms: str) -> set[str]:
    """The word chunks of the index that a new visitor's query fetches."""
    with new_visitor(browser, site_url) as tab:
        requested: list[str] = []
        tab.page.on("request", lambda request: requested.append(urlsplit(request.url).path))
        type_query(tab.open(""), terms)
        return {path for path in requested if path.endswith(".pf_index")}


def test_words_in_every_dossier_are_not_looked_up_beside_telling_ones(
    browser: Browser, pagefind_site_url: str
) -> None:
    # "de" is in every dossier, so it narrows nothing, and its chunk is the largest (354 KB at scale).
    with_common_words = index_chunks_fetched(browser, pagefind_site_url, "Bent u bekend met de douanescanners?")

    assert with_common_words == index_chunks_fetched(browser, pagefind_site_url, "bekend douanescanners")


@pytest.mark.parametrize("query", ["de", '"van de"'], ids=["words", "phrase"])
def test_a_query_of_only_common_words_asks_for_a_telling_word_and_fetches_no_word_list(
    browser: Browser, pagefind_site_url: str, query: str
) -> None:
    # "de" is in every dossier: it would list them all, and its word list is the largest chunk of
    # the index (635 KB with the rest of a query at 50,000 dossiers, over the 500 KB budget).
    with new_visitor(browser, pagefind_site_url) as tab:
        requested: list[str] = []
        tab.page.on("request", lambda request: requested.append(urlsplit(request.url).path))
        page = tab.open("")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)

        expect(page.locator(".md-search-result__meta")).to_have_text(
            "Deze woorden staan in bijna elk document; zoek met een woord dat meer zegt"
        )
        page.wait_for_timeout(500)  # past the 150 ms in which Pagefind would start a search
        assert [path for path in requested if path.endswith(".pf_index")] == []

        type_query(page, "de spionage")  # and with a telling word, it searches
        assert result_paths(tab)[:1] == [NUCTECH]


# A phrase in quotes with a common word: Pagefind would need that word's chunk (every position of
# "de" in every dossier) to match it, so the box asks for the phrase's telling words and keeps the
# results whose text has the phrase. Both dossiers below say "in hoeverre" and "Amerikaanse"; only
# Nuctech's says "de Amerikaanse" (Senaat), 2024Z18797 "van Amerikaanse sancties".
OTHER_AMERIKAANSE = "dossiers/2024Z18797/"


@pytest.mark.parametrize(
    "phrase", ['"de Amerikaanse"', '"DE   amerikaanse"'], ids=["as-written", "any-case-and-spacing"]
)
def test_a_phrase_with_a_common_word_finds_the_dossier_that_has_it_not_one_with_its_words_apart(
    pagefind_tab: SiteTab, phrase: str
) -> None:
    assert set(search(pagefind_tab, "hoeverre Amerikaanse")) >= {NUCTECH, OTHER_AMERIKAANSE}

    assert search(pagefind_tab, f"hoeverre {phrase}") == [NUCTECH]


def test_a_phrase_result_marks_the_phrase_in_its_excerpt(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, 'hoeverre "de Amerikaanse"')

    first = page.locator(".md-search-result__item").first
    expect(first.locator("p mark")).to_have_text(["de Amerikaanse"])
    expect(first.locator("p")).to_contain_text("constatering van de Amerikaanse Senaat dat Nuctech")


def chunks_pagefind_fetches(browser: Browser, site_url: str, word: str) -> set[str]:
    """The word chunks Pagefind fetches when asked for a word directly, past the box's common words."""
    with new_visitor(browser, site_url) as tab:
        requested: list[str] = []
        tab.page.on("request", lambda request: requested.append(urlsplit(request.url).path))
        tab.open("").evaluate(
            "async (word) => (await (await import('./pagefind/pagefind.js')).search(word)).results.length",
            word,
        )
        return {path for path in requested if path.endswith(".pf_index")}


def test_a_phrase_with_a_common_word_fetches_no_index_chunk_for_that_word(
    browser: Browser, pagefind_site_url: str
) -> None:
    chunks_of_minister = index_chunks_fetched(browser, pagefind_site_url, "minister")
    # In an index of 45 pages a chunk holds many words: this pair is in two, so the test can tell.
    chunks_of_de = chunks_pagefind_fetches(browser, pagefind_site_url, "de")
    assert chunks_of_de and not chunks_of_de & chunks_of_minister

    assert index_chunks_fetched(browser, pagefind_site_url, '"de minister"') == chunks_of_minister


def test_a_phrase_whose_word_is_everywhere_is_checked_a_step_at_a_time_and_says_how_far(
    browser: Browser, pagefind_site_url: str
) -> None:
    # Every dossier says "Gegevens" (its data link), two say "de gegevens" (a third only "benodigde
    # gegevens"): the box loads the text of only a step's share of the 45 candidates, says how many it
    # checked, and goes on when asked.
    with new_visitor(browser, pagefind_site_url) as tab:
        fragments: list[str] = []
        tab.page.on(
            "request", lambda request: request.url.endswith(".pf_fragment") and fragments.append(request.url)
        )
        page = tab.open("")
        type_query(page, '"de gegevens"')
        meta = page.locator(".md-search-result__meta")
        partial = re.fullmatch(
            r"(Geen|\d+) overeenkomende documenten? in de eerste (\d+) van (\d+) documenten",
            meta.inner_text(),
        )
        assert partial, meta.inner_text()
        assert len(fragments) == int(partial[2]) < int(partial[3]) == 45

        page.get_by_role("button", name="Meer resultaten").click()

        expect(meta).to_have_text("2 overeenkomende documenten")
        expect(page.get_by_role("button", name="Meer resultaten")).to_have_count(0)
        assert sorted(result_paths(tab)) == ["dossiers/ah-tk-20242025-570/", "dossiers/ah-tk-20242025-571/"]
        assert len(fragments) == 45


def test_a_site_with_one_index_names_no_years_and_offers_no_older_ones(pagefind_tab: SiteTab) -> None:
    page = pagefind_tab.open("")
    type_query(page, "spionage")

    expect(page.locator(".md-search-result__meta")).not_to_contain_text(" uit ")
    expect(page.get_by_role("button", name=re.compile("^Ook zoeken in"))).to_have_count(0)


def test_without_javascript_the_dossier_reads_and_there_is_no_search_box(
    pagefind_tab_without_javascript: SiteTab,
) -> None:
    page = pagefind_tab_without_javascript.open(NUCTECH)

    expect(page.locator("article h1")).to_contain_text(NUCTECH_TITLE)
    expect(page.locator("h2#vraag-1 + p")).to_contain_text("Bent u bekend met het bericht")
    expect(page.locator("input.md-search__input")).to_have_count(0)


# --- an index per period: the project's dossiers with at most two pages in an index ----------------
#
# Its 45 dossiers: 40 from 2024 (one index, as a year is never split), Nuctech's from 2021 and one
# from 2023, 2019Z15231 from 2019, two from 2011.

NEWEST_YEARS = "2024"
STANDPUNT = "dossiers/ah-tk-20242025-576/"  # 2024: "dit standpunt"
CYBERSURVEILLANCE = "dossiers/2019Z15231/"


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("split-project"), files_of(ROOT / "dossiers"))
    settings = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "dossier-search" in plugin:
            plugin["dossier-search"].update(engine="pagefind", pagefind_index_pages=2)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    site = project / "site"
    build = mkdocs_build(project, site, strict=True)
    assert build.returncode == 0, build.stderr[-4000:]
    return site


@pytest.fixture
def split_tab(split_site: Path, browser: Browser) -> Iterator[SiteTab]:
    with contextlib.contextmanager(serve)(split_site) as url, new_visitor(browser, url) as tab:
        yield tab


def older_years(page: Page) -> Locator:
    return page.get_by_role("button", name=re.compile("^Ook zoeken in"))


def test_a_query_finds_a_recent_dossier_at_once(split_tab: SiteTab) -> None:
    assert STANDPUNT in search(split_tab, "standpunten")


def test_the_box_says_which_years_it_searched(split_tab: SiteTab) -> None:
    page = split_tab.open("")
    type_query(page, "standpunten")

    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(f" uit {NEWEST_YEARS}$"))


def test_an_older_dossier_is_found_only_after_the_reader_adds_its_years(split_tab: SiteTab) -> None:
    page = split_tab.open("")
    type_query(page, "douanescanners")
    assert NUCTECH not in result_paths(split_tab)

    older_years(page).click()

    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(" uit 2021–2024$"))
    assert NUCTECH in result_paths(split_tab)


def test_the_control_names_each_older_period_until_every_year_is_searched(split_tab: SiteTab) -> None:
    page = split_tab.open("")
    type_query(page, "minister")
    offered = []

    while older_years(page).count():
        offered.append(older_years(page).inner_text())
        older_years(page).click()
        # Pressed, the control names the next older period, or goes when none is left.
        expect(older_years(page).filter(has_text=offered[-1])).to_have_count(0)

    assert offered == ["Ook zoeken in 2021–2023", "Ook zoeken in 2019", "Ook zoeken in 2011"]
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(" uit 2011–2024$"))


def test_the_control_comes_after_the_results_with_the_arrow_keys_and_works_with_enter(
    split_tab: SiteTab,
) -> None:
    page = split_tab.open("")
    type_query(page, "douanescanners")
    steps = page.locator(".md-search-result__link").count() + 1

    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    expect(older_years(page)).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(" uit 2021–2024$"))
    expect(older_years(page)).to_be_focused()
    expect(older_years(page)).to_have_text("Ook zoeken in 2019")


def test_the_control_sits_under_the_results(split_tab: SiteTab) -> None:
    page = split_tab.open("")
    type_query(page, "douanescanners")

    last_result = page.locator(".md-search-result__item").last.bounding_box()
    control = older_years(page).bounding_box()
    assert last_result and control
    assert control["y"] >= last_result["y"] + last_result["height"]


def test_a_query_fetches_no_older_index_until_the_reader_asks(split_tab: SiteTab) -> None:
    requested: list[str] = []
    split_tab.page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page = split_tab.open("")
    type_query(page, "douanescanners")
    newest_only = list(requested)

    older_years(page).click()
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(" uit 2021–2024$"))

    assert [path for path in newest_only if path.startswith("/pagefind/2")] == []
    assert any(path.startswith("/pagefind/2021-2023/") for path in requested)
    assert not any(path.startswith(("/pagefind/2019/", "/pagefind/2011/")) for path in requested)


def test_the_reader_finds_the_oldest_dossier_by_adding_every_period(split_tab: SiteTab) -> None:
    page = split_tab.open("")
    type_query(page, "2019Z15231")
    assert CYBERSURVEILLANCE not in result_paths(split_tab)

    older_years(page).click()
    expect(older_years(page)).to_have_text("Ook zoeken in 2019")
    older_years(page).click()

    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(" uit 2019–2024$"))
    # Not necessarily first: each index scores its pages by its own word counts, and in an index of
    # one page a word that is in every page weighs little (at scale the indexes are alike).
    assert CYBERSURVEILLANCE in result_paths(split_tab)


def test_axe_finds_nothing_serious_in_the_box_with_the_older_years_control(
    split_tab: SiteTab, axe_script: str
) -> None:
    page = split_tab.open("")
    type_query(page, "douanescanners")
    expect(older_years(page)).to_be_visible()

    violations = serious_axe_violations(page, axe_script)
    assert not violations, "\n".join(violations)


# --- pages Pagefind indexes without the MkDocs build around them ----------------------------------
#
# The theme adds a header, navigation and footer around a dossier's content, and Pagefind reads only
# the element that `mark_for_index` puts around that content; these pages have the same element
# around the same Markdown, converted with the same extensions, so Pagefind sees what it sees in a
# real build. The toc's "¶" links are there too (and are excluded, as in the real build).

HTML_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>{title}</title></head>
<body><header>Kamervragen</header><article class="md-content__inner md-typeset">
{content}
</article><footer>Kamervragen</footer></body>
</html>
"""


def write_dossier_page(site: Path, path: str, content_html: str, title: str) -> Path:
    """Write one page where MkDocs would (``dossiers/x.md`` -> ``dossiers/x/index.html``)."""
    target = site / path.removesuffix(".md") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        HTML_PAGE.format(title=html.escape(title), content=mark_for_index(content_html)), encoding="utf-8"
    )
    return target


def bytes_fetched(site: Path, urls: list[str]) -> int:
    """What the requests cost, read from the served files: the test server neither compresses nor
    reports the size of a worker's script, and a web server's gzip would only make it smaller."""
    total = 0
    for url in urls:
        served = site / unquote(urlsplit(url).path).lstrip("/")
        if served.is_file():
            total += served.stat().st_size
    return total


def pagefind_urls(urls: list[str]) -> list[str]:
    """The requests for the search bundles (the test sites live at the server's root)."""
    return [url for url in urls if urlsplit(url).path.startswith("/pagefind/")]


@dataclass(frozen=True, kw_only=True)
class Query:
    paths: list[str]  # site paths of the results shown, best first
    meta: str  # the line above the results: "12 overeenkomende documenten"
    search_bytes: int  # fetched from pagefind/ for this query, the first of a new visitor
    seconds: float  # from the last key to the answer


@contextlib.contextmanager
def new_visitor(browser: Browser, site_url: str) -> Iterator[SiteTab]:
    """A tab in a browser of its own, with an empty cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield from open_tab(context, site_url)
    finally:
        context.close()


def query_as_new_visitor(browser: Browser, site: Path, site_url: str, terms: str) -> Query:
    """One query from a browser with an empty cache, as the first query of a new visitor."""
    with new_visitor(browser, site_url) as tab:
        context = tab.page.context
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url))
        page = tab.open("")
        start = time.perf_counter()
        type_query(page, terms)
        seconds = time.perf_counter() - start
        return Query(
            paths=result_paths(tab),
            meta=page.locator(".md-search-result__meta").inner_text(),
            search_bytes=bytes_fetched(site, pagefind_urls(requested)),
            seconds=seconds,
        )


@pytest.fixture
def site_copy(pagefind_site: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(pagefind_site, site)
    return site


def test_markup_in_dossier_text_is_shown_as_text_in_results(site_copy: Path, browser: Browser) -> None:
    # Dossier text reaches the page escaped; the result must show it as the page does, not run it.
    text = "Kosten &amp; baten &lt;img src=x onerror=alert(1)&gt; bij douanespionage"
    write_dossier_page(site_copy, "dossiers/opmaak.md", f"<h1>{text}</h1>\n<p>{text}</p>", "Opmaak")
    run_pagefind(site_copy)

    with contextlib.contextmanager(serve)(site_copy) as url, new_visitor(browser, url) as tab:
        type_query(tab.open(""), "douanespionage")

        result = tab.page.locator(".md-search-result__item").first
        shown = "Kosten & baten <img src=x onerror=alert(1)> bij douanespionage"
        expect(result.locator("h1")).to_have_text(shown)
        expect(result.locator("p")).to_contain_text(shown)
        expect(result.locator("img")).to_have_count(0)


# --- at scale: opt in with SEARCH_SCALE_DOSSIERS=50000 --------------------------------------------

SCALE = int(os.environ.get("SEARCH_SCALE_DOSSIERS") or 0)
WORKERS = int(os.environ.get("SEARCH_SCALE_WORKERS") or os.cpu_count() or 1)
# The plugin's setting; smaller to try the split on fewer dossiers (SEARCH_SCALE_DOSSIERS=3000 with 1000).
INDEX_PAGES = int(os.environ.get("SEARCH_SCALE_INDEX_PAGES") or PAGEFIND_INDEX_PAGES)
MAX_QUERY_BYTES = 500_000
# Spawned, not forked: the test process runs Playwright's threads, which a fork would copy mid-step.
PROCESSES = multiprocessing.get_context("spawn")


@dataclass(frozen=True, kw_only=True)
class ScaleSite:
    site: Path
    url: str
    dossier_pages: int  # indexed: the synthetic ones and the project's own
    periods: tuple[str, ...]  # each index's years and pages, newest first: "2020–2025: 14,325"
    sought: str  # site path of a synthetic dossier in the newest period, found by its zaak number
    zaak: str
    old_sought: str  # the same, in the oldest period
    old_zaak: str
    prepare_seconds: float
    index_seconds: float
    peak_mb: float  # largest resident memory of Pagefind while indexing
    bundle_mb: float


def _parse_all(paths: list[Path]) -> list:
    with ProcessPoolExecutor(WORKERS, mp_context=PROCESSES) as pool:
        return combine(list(pool.map(parse_or_report, paths, chunksize=64)))


def _convert_and_write(site: Path, pages: list[tuple[str, str, str]]) -> int:
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(Path(__file__).resolve().parents[2] / "mkdocs.yml"))
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    for path, body, title in pages:
        converter.reset()
        write_dossier_page(site, path, converter.convert(body), title)
    return len(pages)


def _in_chunks(items: list, count: int) -> Iterator[list]:
    size = max(1, -(-len(items) // count))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def scale_site(pagefind_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaleSite]:
    if not SCALE:
        pytest.skip("opt in with SEARCH_SCALE_DOSSIERS=50000 (half an hour or more on two cores; docs/zoeken.md)")
    work = tmp_path_factory.mktemp("search-scale")
    site = work / "site"
    shutil.copytree(pagefind_site, site)
    start = time.perf_counter()
    # The project's own pages are in the copied site; their years decide their index too.
    real = _parse_all(sorted((ROOT / "dossiers").iterdir()))
    page_years = {_html_file(path): year_of(meta) for path, _, meta in _rendered_dossier_pages(real)}
    make_dossiers(work / "dossiers", SCALE)
    dossiers = _parse_all(sorted((work / "dossiers").iterdir()))
    pages = []
    for path, body, meta in _rendered_dossier_pages(dossiers):
        if _html_file(path) in page_years:
            continue  # a synthetic dossier with the id of a real one: the real page stays
        page_years[_html_file(path)] = year_of(meta)
        pages.append((path, body, str(meta.get("title", ""))))
    with ProcessPoolExecutor(WORKERS, mp_context=PROCESSES) as pool:
        written = sum(pool.map(_convert_and_write, [site] * WORKERS, _in_chunks(pages, WORKERS)))
    assert written == len(pages)
    prepare_seconds = time.perf_counter() - start
    periods = plan_periods(page_years, max_pages=INDEX_PAGES)
    # A questions-only dossier is named after its zaak ("2019Z04711.txt"), which its page shows.
    synthetic = {path for path, _, _ in pages}
    named_by_zaak = [
        dossier
        for dossier in dossiers
        if dossier.zaak and dossier.id == dossier.zaak and URLS.dossier_page(dossier) in synthetic
    ]

    def one_in(pages: tuple[str, ...]) -> tuple[str, str]:
        within = set(pages)
        found = [dossier for dossier in named_by_zaak if _html_file(URLS.dossier_page(dossier)) in within]
        dossier = found[len(found) // 2]
        return URLS.dossier_page(dossier).removesuffix(".md") + "/", dossier.zaak or ""

    sought, zaak = one_in(periods[0].pages)
    old_sought, old_zaak = one_in(periods[-1].pages)
    del real, dossiers, pages, synthetic

    peak_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = run_pagefind(site, periods)
    peak_after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert run.indexed_pages == len(page_years), run.output
    bundle = sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())
    with contextlib.contextmanager(serve)(site) as url:
        yield ScaleSite(
            site=site,
            url=url,
            dossier_pages=len(page_years),
            periods=tuple(f"{period.years}: {len(period.pages):,}" for period in periods),
            sought=sought,
            zaak=zaak,
            old_sought=old_sought,
            old_zaak=old_zaak,
            prepare_seconds=prepare_seconds,
            index_seconds=run.seconds,
            peak_mb=(peak_after / 1024) if peak_after > peak_before else float("nan"),
            bundle_mb=bundle / 1e6,
        )


def _html_file(markdown_path: str) -> str:
    """Where MkDocs and `write_dossier_page` put a page: "dossiers/x.md" -> "dossiers/x/index.html"."""
    return markdown_path.removesuffix(".md") + "/index.html"


def _rendered_dossier_pages(dossiers: list) -> Iterator[tuple[str, str, dict]]:
    """Each dossier page's path, Markdown body and front matter, as the generator renders them."""
    environment = make_environment()
    for spec in page_specs(dossiers, links=link(dossiers)):
        if is_dossier_page(spec.path):
            body, meta = get_data(render_template(environment, spec.template, spec.context))
            yield spec.path, body, meta


def report(scale: ScaleSite, terms: str, query: Query) -> None:
    print(
        f"\n{scale.dossier_pages:,} dossier pages (made and converted in {scale.prepare_seconds:.0f} s); "
        f"indexes {'; '.join(scale.periods)}; "
        f"Pagefind: {scale.index_seconds:.0f} s, peak {scale.peak_mb:,.0f} MB, "
        f"bundle {scale.bundle_mb:,.0f} MB; "
        f"query {terms!r}: {query.meta}, {query.search_bytes / 1000:,.0f} KB fetched, "
        f"answered in {query.seconds:.1f} s"
    )


def test_at_scale_a_zaak_number_finds_its_dossier_within_the_byte_budget(
    scale_site: ScaleSite, browser: Browser
) -> None:
    query = query_as_new_visitor(browser, scale_site.site, scale_site.url, scale_site.zaak)
    report(scale_site, scale_site.zaak, query)

    assert query.paths[:1] == [scale_site.sought]
    assert query.search_bytes < MAX_QUERY_BYTES


@pytest.mark.parametrize(
    "terms", ["spionage", "standpunten", "Chinese spionage douanescanners", '"de minister"']
)
def test_at_scale_a_common_query_stays_within_the_byte_budget(
    scale_site: ScaleSite, browser: Browser, terms: str
) -> None:
    query = query_as_new_visitor(browser, scale_site.site, scale_site.url, terms)
    report(scale_site, terms, query)

    assert query.paths, query.meta
    assert query.search_bytes < MAX_QUERY_BYTES


def test_at_scale_an_old_dossier_is_found_once_the_reader_adds_its_period(
    scale_site: ScaleSite, browser: Browser
) -> None:
    with new_visitor(browser, scale_site.url) as tab:
        requested: list[str] = []
        tab.page.context.on("request", lambda request: requested.append(request.url))
        page = tab.open("")
        type_query(page, scale_site.old_zaak)
        found_at_once = scale_site.old_sought in result_paths(tab)
        fetched = [bytes_fetched(scale_site.site, pagefind_urls(requested))]
        while scale_site.old_sought not in result_paths(tab) and older_years(page).count():
            label = older_years(page).inner_text()
            already = len(requested)
            older_years(page).click()
            expect(older_years(page).filter(has_text=label)).to_have_count(0, timeout=60_000)
            expect(page.locator(".md-search-result__meta")).to_have_text(SEARCH_ANSWERED, timeout=60_000)
            fetched.append(bytes_fetched(scale_site.site, pagefind_urls(requested[already:])))
        paths = result_paths(tab)
        print(
            f"\nold zaak {scale_site.old_zaak!r}: {page.locator('.md-search-result__meta').inner_text()}; "
            f"rank {paths.index(scale_site.old_sought) + 1 if scale_site.old_sought in paths else None}; "
            f"KB fetched by the query and by each period added: {[round(size / 1000) for size in fetched]}"
        )

    assert not found_at_once
    assert scale_site.old_sought in paths

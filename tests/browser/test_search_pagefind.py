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
from mkdocs.utils.meta import get_data
from playwright.sync_api import Browser, Page, expect

from generator.bench import make_dossiers
from generator.link import link
from generator.parse import combine, parse_or_report
from generator.render import make_environment, render_template
from generator.search import is_dossier_page, mark_for_index, run_pagefind
from generator.site import URLS, page_specs

from .conftest import SiteTab, open_tab, serve
from .test_accessibility import serious_axe_violations

pytestmark = pytest.mark.browser

NUCTECH = "dossiers/kv-2021-02-03-yesilgoz-zegerius/"
NUCTECH_TITLE = "Het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»"
# Material's Dutch result counts ("search.result.none/one/other"), which the Pagefind box shows too,
# with a thousands separator: "1.234 overeenkomende documenten".
SEARCH_ANSWERED = re.compile(r"^(Geen|[\d.]+) overeenkomende document(en)?$")


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


def test_without_javascript_the_dossier_reads_and_there_is_no_search_box(
    pagefind_tab_without_javascript: SiteTab,
) -> None:
    page = pagefind_tab_without_javascript.open(NUCTECH)

    expect(page.locator("article h1")).to_contain_text(NUCTECH_TITLE)
    expect(page.locator("h2#vraag-1 + p")).to_contain_text("Bent u bekend met het bericht")
    expect(page.locator("input.md-search__input")).to_have_count(0)


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
        bundle = urlsplit(site_url).path + "pagefind/"
        search_urls = [url for url in requested if urlsplit(url).path.startswith(bundle)]
        return Query(
            paths=result_paths(tab),
            meta=page.locator(".md-search-result__meta").inner_text(),
            search_bytes=bytes_fetched(site, search_urls),
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
MAX_QUERY_BYTES = 500_000
# Spawned, not forked: the test process runs Playwright's threads, which a fork would copy mid-step.
PROCESSES = multiprocessing.get_context("spawn")


@dataclass(frozen=True, kw_only=True)
class ScaleSite:
    site: Path
    url: str
    dossier_pages: int  # indexed: the synthetic ones and the project's own
    sought: str  # site path of a synthetic dossier, found by its zaak number
    zaak: str
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
        pytest.skip("opt in with SEARCH_SCALE_DOSSIERS=50000 (an hour or more on two cores; docs/zoeken.md)")
    work = tmp_path_factory.mktemp("search-scale")
    site = work / "site"
    shutil.copytree(pagefind_site, site)
    start = time.perf_counter()
    make_dossiers(work / "dossiers", SCALE)
    dossiers = _parse_all(sorted((work / "dossiers").iterdir()))
    specs = [spec for spec in page_specs(dossiers, links=link(dossiers)) if is_dossier_page(spec.path)]
    environment = make_environment()
    pages = []
    for spec in specs:
        if (site / spec.path.removesuffix(".md")).exists():
            continue  # a synthetic dossier with the id of a real one: the real page stays
        body, meta = get_data(render_template(environment, spec.template, spec.context))
        pages.append((spec.path, body, str(meta.get("title", ""))))
    with ProcessPoolExecutor(WORKERS, mp_context=PROCESSES) as pool:
        written = sum(pool.map(_convert_and_write, [site] * WORKERS, _in_chunks(pages, WORKERS)))
    prepare_seconds = time.perf_counter() - start
    # A questions-only dossier is named after its zaak ("2019Z04711.txt"), which its page shows.
    named_by_zaak = [dossier for dossier in dossiers if dossier.zaak and dossier.id == dossier.zaak]
    sought = named_by_zaak[len(named_by_zaak) // 2]
    sought_path = URLS.dossier_page(sought).removesuffix(".md") + "/"
    assert any(path == URLS.dossier_page(sought) for path, _, _ in pages)
    del dossiers, specs, pages

    peak_before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = run_pagefind(site)
    peak_after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    real_pages = sum(1 for path in (pagefind_site / "dossiers").iterdir() if (path / "index.html").is_file())
    assert run.indexed_pages == written + real_pages, run.output
    bundle = sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())
    with contextlib.contextmanager(serve)(site) as url:
        yield ScaleSite(
            site=site,
            url=url,
            dossier_pages=written + real_pages,
            sought=sought_path,
            zaak=sought.zaak or "",
            prepare_seconds=prepare_seconds,
            index_seconds=run.seconds,
            peak_mb=(peak_after / 1024) if peak_after > peak_before else float("nan"),
            bundle_mb=bundle / 1e6,
        )


def report(scale: ScaleSite, terms: str, query: Query) -> None:
    print(
        f"\n{scale.dossier_pages:,} dossier pages (made and converted in {scale.prepare_seconds:.0f} s); "
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


@pytest.mark.parametrize("terms", ["spionage", "standpunten", "Chinese spionage douanescanners"])
def test_at_scale_a_common_query_stays_within_the_byte_budget(
    scale_site: ScaleSite, browser: Browser, terms: str
) -> None:
    query = query_as_new_visitor(browser, scale_site.site, scale_site.url, terms)
    report(scale_site, terms, query)

    assert query.paths, query.meta
    assert query.search_bytes < MAX_QUERY_BYTES

"""Search at any size: Material's lunr search for small sites, Pagefind indexes by period for large ones."""

from __future__ import annotations

import enum
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.site import URLS, UrlFormats

log = logging.getLogger("mkdocs.plugins.dossier-search")


class Engine(enum.Enum):
    AUTO = "auto"
    LUNR = "lunr"
    PAGEFIND = "pagefind"


# Material's lunr search sends the whole index to every reader and builds it in the browser:
# measured at 20,000 dossiers, 85 MB, 48 s and 3.3 GB, so about 4.3 KB, 2.4 ms and 165 KB per
# dossier. At 2,000 dossiers that is already 8.5 MB to download and some 5 s and 330 MB before the
# first answer on a fast desktop (a phone is slower), the most a reader should wait once. Pagefind
# fetches only the index chunks a query needs (about 200 KB at 5,000 dossiers), at the cost of a
# build step of about 5 s per 2,000 pages; below this number lunr's single file is the simpler
# choice, and it also finds the index pages (members, parties), which Pagefind leaves out.
PAGEFIND_FROM = 2_000

# Pagefind's own cost grows too. Every query fetches the index's whole page list (pf_meta, about
# 7.8 bytes a page, already compressed) besides 160 KB of script and wasm, the index chunks of the
# words sought and the excerpts shown; one index of 49,628 pages made a query fetch 624-795 KB,
# and one index keeps under 500 KB only up to about 29,000 pages (37,000 with gzip). Above this
# many pages the dossiers are split by year into several indexes; the search box asks the newest
# and merges older ones only when the reader asks for them. 15,000 keeps the page list near 115 KB,
# leaving room for the word chunks, which also grow with the pages: at 49,628 dossiers in four
# indexes of at most 14,234, a query fetched 297-439 KB (docs/zoeken.md). It also bounds
# Pagefind's memory (about 290 KB a page, 4.2 GB there) to one index of that size at a time.
PAGEFIND_INDEX_PAGES = 15_000

# Pagefind's bundle folder in the site; the browser script loads pagefind/pagefind.js from there.
# The newest period's index is this bundle itself (so a site with one index looks as it always
# did); each older period's index is a bundle in a folder inside it, named after its years.
PAGEFIND_FOLDER = "pagefind"
# The list of indexes, newest first, with their years and page counts, which the search box reads.
PERIODS_FILE = "periods.json"
# Added to the pages only when Pagefind is chosen: it puts Pagefind behind the header's search box.
PAGEFIND_SCRIPT = "javascripts/pagefind-search.js"
PAGEFIND_STYLESHEET = "stylesheets/pagefind-search.css"
# Parts of a dossier page that are not the dossier's text: the headings' "¶" permalinks (no words,
# and they would end every result's title), and the boxes the site adds (a parse warning, related
# dossiers with their titles): a query should find a dossier by its own words, not its neighbours'.
NOT_INDEXED = (".headerlink", ".admonition")
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


class SearchConfig(base.Config):
    engine = c.Choice([engine.value for engine in Engine], default=Engine.AUTO.value)
    """`lunr` (Material's search), `pagefind`, or `auto`: Pagefind from `pagefind_from` dossier pages on."""
    pagefind_from = c.Type(int, default=PAGEFIND_FROM)
    """With `engine: auto`, the number of dossier pages from which Pagefind replaces lunr."""
    language = c.Type(str, default="nl")
    """The language Pagefind stems and splits words for (ISO 639-1); the whole site is indexed as one."""
    pagefind_index_pages = c.Type(int, default=PAGEFIND_INDEX_PAGES)
    """The most dossier pages in one Pagefind index; above it, consecutive years get an index each."""
    reindex_when_serving = c.Type(bool, default=False)
    """Whether each rebuild of `mkdocs serve` indexes the site again; by default only its first build
    does (Pagefind cannot add one page to an index, and indexing a large site takes minutes)."""


def choose_engine(setting: Engine, dossier_pages: int, *, pagefind_from: int = PAGEFIND_FROM) -> Engine:
    """The engine a build uses: the setting itself, or for `auto` the one that suits the site's size."""
    if setting is not Engine.AUTO:
        return setting
    return Engine.PAGEFIND if dossier_pages >= pagefind_from else Engine.LUNR


def is_dossier_page(src_uri: str, urls: UrlFormats = URLS) -> bool:
    """Whether a page (by its path in the docs folder) is a dossier page, the only kind Pagefind indexes."""
    prefix, _, suffix = urls.dossier.partition("{id}")
    if not (src_uri.startswith(prefix) and src_uri.endswith(suffix)):
        return False
    dossier_id = src_uri[len(prefix) : len(src_uri) - len(suffix)]
    return bool(dossier_id) and "/" not in dossier_id


def mark_for_index(content_html: str) -> str:
    """A page's content inside the element Pagefind indexes.

    Once any page has ``data-pagefind-body``, Pagefind leaves out every page without one (home,
    overviews, index pages, the editors' page) and, on the marked pages, the header, navigation and
    footer around the element.
    """
    return f"<div data-pagefind-body>\n{content_html}\n</div>"


def pagefind_glob(urls: UrlFormats = URLS) -> str:
    """The HTML files of a built site indexed when no period names them: those under the dossier
    pages' folder, so a site without any dossier does not fall back to indexing every page."""
    folder = urls.dossier.partition("{id}")[0].rstrip("/")
    return f"{folder}/**/*.html" if folder else "**/*.html"


@dataclass(frozen=True, kw_only=True)
class Period:
    """The dossier pages of consecutive years, which Pagefind indexes as one bundle."""

    first_year: int | None  # None only when no page has a year
    last_year: int | None
    pages: tuple[str, ...]  # HTML files, relative to the site folder, with "/"
    folder: str  # the bundle, relative to the site folder: "pagefind" or "pagefind/2005-2016"

    @property
    def years(self) -> str:
        """As the search box names the period: "2005–2016", "2024", or "" when no page has a year."""
        return _span(self.first_year, self.last_year, "–")


def plan_periods(
    page_years: Mapping[str, int | None], *, max_pages: int = PAGEFIND_INDEX_PAGES
) -> tuple[Period, ...]:
    """The indexes for the dossier pages (HTML file -> the year of the dossier's date), newest first.

    Whole years, newest first, are packed into each index until the next year would take it over
    ``max_pages``; a year with more pages than that gets an index of its own, as a year is never
    split. Pages without a year go with the newest, where a reader searches first. With at most
    ``max_pages`` pages there is one index, in ``pagefind/``; with no pages, none.
    """
    if max_pages < 1:
        raise ValueError(f"an index holds at least one page, not {max_pages}")
    known = [year for year in page_years.values() if year is not None]
    newest = max(known, default=None)
    by_year: dict[int | None, list[str]] = {}
    for page, year in sorted(page_years.items()):
        by_year.setdefault(newest if year is None else year, []).append(page)
    groups: list[list[int | None]] = []
    taken = 0  # pages in the last group
    for year in sorted(by_year, key=_newest_year_first):
        if groups and taken + len(by_year[year]) <= max_pages:
            groups[-1].append(year)
            taken += len(by_year[year])
        else:
            groups.append([year])
            taken = len(by_year[year])
    periods = []
    for number, years in enumerate(groups):
        dated = [year for year in years if year is not None]
        first, last = min(dated, default=None), max(dated, default=None)
        folder = f"{PAGEFIND_FOLDER}/{_span(first, last, '-')}" if number else PAGEFIND_FOLDER
        pages = tuple(page for year in years for page in by_year[year])
        periods.append(Period(first_year=first, last_year=last, pages=pages, folder=folder))
    return tuple(periods)


def _span(first: int | None, last: int | None, dash: str) -> str:
    if first is None or last is None:
        return ""
    return str(first) if first == last else f"{first}{dash}{last}"


def _newest_year_first(year: int | None) -> int:
    # None is a year only when no page has one, and then it is the only year.
    return -(year or 0)


def pagefind_command(site_dir: Path, output: Path, *, language: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-path",
        str(output),
        "--exclude-selectors",
        ", ".join(NOT_INDEXED),
        # One index in one language: the pages say lang="nl", and a stray page in another
        # language would otherwise get an index of its own that the search box never asks.
        "--force-language",
        language,
    ]


@dataclass(frozen=True, kw_only=True)
class PagefindRun:
    indexed_pages: int | None  # as Pagefind reports it, over all periods; None if its output no longer says
    periods: tuple[Period, ...]
    seconds: float
    output: str


def run_pagefind(
    site_dir: Path,
    periods: Sequence[Period] | None = None,
    *,
    language: str = "nl",
    urls: UrlFormats = URLS,
) -> PagefindRun:
    """Index the built site's dossier pages into ``site_dir/pagefind``, one bundle per period, and list
    the bundles in ``pagefind/periods.json``.

    Without periods, every HTML file under the dossier pages' folder goes into one index. Pagefind
    runs once per period, one after the other, so that it holds one period's pages in memory at a
    time. Raises `PagefindError` with Pagefind's own output when it is missing or fails.
    """
    start = time.perf_counter()
    if periods is None:
        pages = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.glob(pagefind_glob(urls)))
        periods = plan_periods(dict.fromkeys(pages), max_pages=max(1, len(pages)))
    if not periods:
        raise PagefindError(f"there are no dossier pages to index in {site_dir}")
    # Pagefind names its files by content hash and never removes old ones: without this, every
    # rebuild of `mkdocs serve --dirty` (which keeps the site folder) would leave a stale index behind.
    shutil.rmtree(site_dir / PAGEFIND_FOLDER, ignore_errors=True)
    outputs = []
    counts = []
    for period in periods:
        with _only(site_dir, period.pages) as pages_folder:
            output = _run(pagefind_command(pages_folder, site_dir / period.folder, language=language))
        outputs.append(output)
        found = INDEXED_PAGES.findall(output)
        counts.append(int(found[-1]) if found else None)
    (site_dir / PAGEFIND_FOLDER / PERIODS_FILE).write_text(periods_manifest(periods), encoding="utf-8")
    return PagefindRun(
        indexed_pages=None if None in counts else sum(count for count in counts if count is not None),
        periods=tuple(periods),
        seconds=time.perf_counter() - start,
        output="\n\n".join(outputs),
    )


def periods_manifest(periods: Sequence[Period]) -> str:
    """What the search box reads to know the indexes: newest first, each with its folder (relative
    to the site's root, as its URL is), years and number of pages."""
    return json.dumps(
        {
            "periods": [
                {
                    "path": period.folder + "/",
                    "years": period.years,
                    "first_year": period.first_year,
                    "last_year": period.last_year,
                    "pages": len(period.pages),
                }
                for period in periods
            ]
        },
        ensure_ascii=False,
        indent=1,
    )


@contextmanager
def _only(site_dir: Path, pages: Sequence[str]) -> Iterator[Path]:
    """A folder that holds just these pages of the site, at the same paths, for Pagefind to read as
    the site (its result URLs are the paths): links to the files, copies where links cannot be made.
    It is inside the site folder so that links are on the same file system.

    Pagefind's command reads a folder, not a list of files. Its Python API takes pages one by one
    (`PagefindIndex.add_html_file`), but reads one answer per 0.1 s (well over an hour for 50,000
    pages) and waits forever for answers when Pagefind dies, e.g. out of memory."""
    folder = Path(tempfile.mkdtemp(prefix=".pagefind-pages-", dir=site_dir))
    try:
        for page in pages:
            target = folder / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / page, target)
            except OSError:
                shutil.copyfile(site_dir / page, target)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(command: list[str]) -> str:
    try:
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:  # pragma: no cover - sys.executable itself missing
        raise PagefindError(str(error)) from error
    output = (finished.stdout + finished.stderr).strip()
    if finished.returncode != 0:
        raise PagefindError(output or f"pagefind exited with status {finished.returncode}")
    return output


class PagefindError(Exception):
    """Pagefind could not be run or failed; the message is its output."""


class SearchPlugin(BasePlugin[SearchConfig]):
    """Chooses the search engine for the build and, for Pagefind, indexes the dossier pages after it."""

    def __init__(self) -> None:
        self.engine = Engine.LUNR
        self._dossier_pages: list[str] = []  # their HTML files in the site
        # The year in each dossier page's front matter, by HTML file. Kept between the rebuilds of
        # `mkdocs serve --dirty`, which reads only the pages that changed.
        self._years: dict[str, int | None] = {}
        self._serving = False
        self._indexed = False  # whether a build of this `mkdocs serve` made the index

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance, and the years read, across `mkdocs serve` rebuilds."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if _material_search(config) is None:
            raise PluginError(
                "dossier-search needs Material's search plugin for its lunr engine and its search box;"
                " list it before this one in mkdocs.yml, e.g.\n  plugins:\n    - search:\n        lang: nl"
                "\n    - generator\n    - dossier-search"
            )
        if self.config.pagefind_index_pages < 1:
            raise PluginError(
                f"dossier-search: pagefind_index_pages is the most pages in one Pagefind index, at least 1,"
                f" not {self.config.pagefind_index_pages}; e.g. pagefind_index_pages: {PAGEFIND_INDEX_PAGES}"
            )
        return config

    # After the generator's on_files (priority 50), which adds the dossier pages that are counted here.
    @event_priority(40)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._dossier_pages = [
            file.dest_uri for file in files if file.is_documentation_page() and is_dossier_page(file.src_uri)
        ]
        self.engine = choose_engine(
            Engine(self.config.engine), len(self._dossier_pages), pagefind_from=self.config.pagefind_from
        )
        log.info("search: %s for %d dossier pages", self.engine.value, len(self._dossier_pages))
        if self.engine is Engine.PAGEFIND:
            # Material's search plugin skips its index (and the header skips its box) when disabled;
            # the Pagefind script then draws the box. Set on every build, as `mkdocs serve` reloads
            # the plugin's settings from mkdocs.yml for each rebuild.
            material_search = _material_search(config)
            assert material_search is not None, "checked in on_config"
            material_search.config.enabled = False
            if PAGEFIND_SCRIPT not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(PAGEFIND_SCRIPT)
            if PAGEFIND_STYLESHEET not in config.extra_css:
                config.extra_css.append(PAGEFIND_STYLESHEET)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.engine is Engine.PAGEFIND and is_dossier_page(page.file.src_uri):
            self._years[page.file.dest_uri] = year_of(page.meta)
            return mark_for_index(html)
        return html

    # Last, so that every other plugin has written its pages before Pagefind reads them.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.engine is not Engine.PAGEFIND:
            return
        self._years = {page: self._years.get(page) for page in self._dossier_pages}
        site_dir = Path(config.site_dir)
        if self._keeps_index(site_dir):
            # MkDocs reloads the browser only after this hook: indexing again would hold back the
            # editor's change by as long as indexing takes.
            log.info(
                "search: the Pagefind index is the one of the first build of this `mkdocs serve`;"
                " restart it (or set reindex_when_serving: true) for search to find the changes"
            )
            return
        periods = plan_periods(self._years, max_pages=self.config.pagefind_index_pages)
        try:
            run = run_pagefind(site_dir, periods, language=self.config.language)
        except PagefindError as error:
            raise PluginError(
                f"Pagefind failed to index the site:\n{error}\n"
                "Install it with: pip install 'pagefind[extended]' (or set `engine: lunr` for dossier-search)"
            ) from error
        self._indexed = True
        log.info(
            "search: Pagefind indexed %s pages in %.1f s, in %d %s: %s",
            run.indexed_pages,
            run.seconds,
            len(periods),
            "index" if len(periods) == 1 else "indexes",
            ", ".join(f"{period.years or 'no year'} ({len(period.pages)})" for period in periods),
        )
        for period in periods:
            if len(period.pages) > self.config.pagefind_index_pages:
                # Not a warning, which would stop a strict build: the index works, only larger.
                log.info(
                    "search: %s has %d dossier pages, more than pagefind_index_pages (%d): a year is never"
                    " split, so a query in it fetches more than the setting allows for",
                    period.years or "the index",
                    len(period.pages),
                    self.config.pagefind_index_pages,
                )
        if run.indexed_pages is not None and run.indexed_pages != len(self._dossier_pages):
            log.warning(
                "search: Pagefind indexed %d pages, but the site has %d dossier pages:\n%s",
                run.indexed_pages,
                len(self._dossier_pages),
                run.output,
            )


    def _keeps_index(self, site_dir: Path) -> bool:
        """A rebuild of `mkdocs serve` keeps the index its first build made, while that is there
        (a rebuild without --dirty empties the site folder)."""
        return (
            self._serving
            and self._indexed
            and not self.config.reindex_when_serving
            and (site_dir / PAGEFIND_FOLDER / "pagefind.js").exists()
        )


def year_of(meta: Mapping[str, object]) -> int | None:
    """The year a dossier page gives in its front matter (``year: 2024``), if any."""
    year = meta.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        return year
    if isinstance(year, str) and year.strip().isdigit():
        return int(year)
    return None


def _material_search(config: MkDocsConfig) -> BasePlugin | None:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and "enabled" in plugin.config:
            return plugin
    return None

"""Search at any size: Material's lunr search for small sites, a Pagefind index for large ones."""

from __future__ import annotations

import enum
import logging
import re
import shutil
import subprocess
import sys
import time
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
# Pagefind's own cost grows too: at 50,000 dossiers ~650 KB per query and 15 GB to index
# (docs/zoeken.md).
PAGEFIND_FROM = 2_000

# Pagefind's bundle folder in the site; the browser script loads pagefind/pagefind.js from there.
PAGEFIND_FOLDER = "pagefind"
# Added to the pages only when Pagefind is chosen: it puts Pagefind behind the header's search box.
PAGEFIND_SCRIPT = "javascripts/pagefind-search.js"
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
    """The HTML files Pagefind reads: those under the dossier pages' folder, so a site without any
    dossier does not fall back to indexing every page."""
    folder = urls.dossier.partition("{id}")[0].rstrip("/")
    return f"{folder}/**/*.html" if folder else "**/*.html"


def pagefind_command(site_dir: Path, *, language: str, urls: UrlFormats = URLS) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        PAGEFIND_FOLDER,
        "--glob",
        pagefind_glob(urls),
        "--exclude-selectors",
        ", ".join(NOT_INDEXED),
        # One index in one language: the pages say lang="nl", and a stray page in another
        # language would otherwise get an index of its own that the search box never asks.
        "--force-language",
        language,
    ]


@dataclass(frozen=True, kw_only=True)
class PagefindRun:
    indexed_pages: int | None  # as Pagefind reports it; None if its output no longer says
    seconds: float
    output: str


def run_pagefind(site_dir: Path, *, language: str = "nl", urls: UrlFormats = URLS) -> PagefindRun:
    """Index the built site's dossier pages into ``site_dir/pagefind``.

    Raises `PagefindError` with Pagefind's own output when it is missing or fails.
    """
    start = time.perf_counter()
    # Pagefind names its files by content hash and never removes old ones: without this, every
    # rebuild of `mkdocs serve --dirty` (which keeps the site folder) would leave a stale index behind.
    shutil.rmtree(site_dir / PAGEFIND_FOLDER, ignore_errors=True)
    try:
        finished = subprocess.run(
            pagefind_command(site_dir, language=language, urls=urls),
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:  # pragma: no cover - sys.executable itself missing
        raise PagefindError(str(error)) from error
    output = (finished.stdout + finished.stderr).strip()
    if finished.returncode != 0:
        raise PagefindError(output or f"pagefind exited with status {finished.returncode}")
    counts = INDEXED_PAGES.findall(output)
    return PagefindRun(
        indexed_pages=int(counts[-1]) if counts else None,
        seconds=time.perf_counter() - start,
        output=output,
    )


class PagefindError(Exception):
    """Pagefind could not be run or failed; the message is its output."""


class SearchPlugin(BasePlugin[SearchConfig]):
    """Chooses the search engine for the build and, for Pagefind, indexes the dossier pages after it."""

    def __init__(self) -> None:
        self.engine = Engine.LUNR
        self._dossier_pages = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if _material_search(config) is None:
            raise PluginError(
                "dossier-search needs Material's search plugin for its lunr engine and its search box;"
                " list it before this one in mkdocs.yml, e.g.\n  plugins:\n    - search:\n        lang: nl"
                "\n    - generator\n    - dossier-search"
            )
        return config

    # After the generator's on_files (priority 50), which adds the dossier pages that are counted here.
    @event_priority(40)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._dossier_pages = sum(
            1 for file in files if file.is_documentation_page() and is_dossier_page(file.src_uri)
        )
        self.engine = choose_engine(
            Engine(self.config.engine), self._dossier_pages, pagefind_from=self.config.pagefind_from
        )
        log.info("search: %s for %d dossier pages", self.engine.value, self._dossier_pages)
        if self.engine is Engine.PAGEFIND:
            # Material's search plugin skips its index (and the header skips its box) when disabled;
            # the Pagefind script then draws the box. Set on every build, as `mkdocs serve` reloads
            # the plugin's settings from mkdocs.yml for each rebuild.
            material_search = _material_search(config)
            assert material_search is not None, "checked in on_config"
            material_search.config.enabled = False
            if PAGEFIND_SCRIPT not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(PAGEFIND_SCRIPT)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.engine is Engine.PAGEFIND and is_dossier_page(page.file.src_uri):
            return mark_for_index(html)
        return html

    # Last, so that every other plugin has written its pages before Pagefind reads them.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.engine is not Engine.PAGEFIND:
            return
        try:
            run = run_pagefind(Path(config.site_dir), language=self.config.language)
        except PagefindError as error:
            raise PluginError(
                f"Pagefind failed to index the site:\n{error}\n"
                "Install it with: pip install 'pagefind[extended]' (or set `engine: lunr` for dossier-search)"
            ) from error
        log.info("search: Pagefind indexed %s pages in %.1f s", run.indexed_pages, run.seconds)
        if run.indexed_pages is not None and run.indexed_pages != self._dossier_pages:
            log.warning(
                "search: Pagefind indexed %d pages, but the site has %d dossier pages:\n%s",
                run.indexed_pages,
                self._dossier_pages,
                run.output,
            )


def _material_search(config: MkDocsConfig) -> BasePlugin | None:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and "enabled" in plugin.config:
            return plugin
    return None

"""The MkDocs plugin: parses the dossiers and adds their pages and source files to the build."""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.builder import SiteBuilder
from generator.cache import ParseCache
from generator.model import Dossier, Level
from generator.site import URLS

log = logging.getLogger("mkdocs.plugins.generator")


class GeneratorConfig(base.Config):
    dossiers = c.Dir(exists=True, default="dossiers")
    """Folder with one raw text file per question set, relative to mkdocs.yml."""
    cache = c.Type(str, default=".cache/generator")
    """Folder for parsed dossiers kept between runs, relative to mkdocs.yml; empty: keep none."""


class GeneratorPlugin(BasePlugin[GeneratorConfig]):
    """Publishes every dossier as a page, plus the home page list, the editors' page and the sources."""

    def __init__(self) -> None:
        self._parsed: ParseCache | None = None
        self._builder = SiteBuilder()
        # With `mkdocs serve --dirty`, generated files are written here, and only when they change,
        # so that MkDocs (which compares modification times) rebuilds just those pages.
        self._pages_folder: Path | None = None
        self.seconds: dict[str, float] = {}  # the generator's share of the last build, for the benchmark
        self._serving = False
        self._reported: dict[str, Dossier] = {}  # id -> the dossier whose notes were last shown

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance, its parse cache and its last build across
        # `mkdocs serve` rebuilds.
        self._serving = command == "serve"
        if command == "serve" and dirty:
            self._pages_folder = Path(tempfile.mkdtemp(prefix="kamervragen-pages-"))

    def on_shutdown(self) -> None:
        if self._pages_folder is not None:
            shutil.rmtree(self._pages_folder, ignore_errors=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.watch.append(self.config.dossiers)
        if self._parsed is None:
            cache = self.config.cache
            directory = Path(config.config_file_path).parent / cache if cache else None
            self._parsed = ParseCache(directory)
        return config

    # Before other plugins' on_files (default priority 0), so search, tags or redirects see the pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        folder = Path(self.config.dossiers)
        assert self._parsed is not None, "on_config runs before on_files"
        started = time.perf_counter()
        dossiers = self._parsed.load(folder)
        parsed = time.perf_counter()
        for dossier in dossiers:
            # A note once is enough while serving: only a changed dossier's notes are shown again.
            # Errors come every build, as a strict build fails on them.
            _report(dossier, folder, notes=self._reported.get(dossier.id) is not dossier)
        self._reported = {dossier.id: dossier for dossier in dossiers}

        # docs/index.md holds the hand-written intro; the generated home page takes its place.
        intro_file = files.get_file_from_path(URLS.home)
        intro = intro_file.content_string if intro_file else ""
        if intro_file:
            files.remove(intro_file)

        build = self._builder.build(dossiers, home_intro=intro)
        edit_links = bool(config.repo_url and (config.edit_uri or config.edit_uri_template))
        dossier_pages = {URLS.dossier_page(dossier): dossier for dossier in dossiers}
        for path, content in build.files.items():
            dossier = dossier_pages.get(path)
            # Dossier and index pages stay out of the navigation (see `UrlFormats.in_navigation`).
            inclusion = InclusionLevel.UNDEFINED if URLS.in_navigation(path) else InclusionLevel.NOT_IN_NAV
            page = _add(files, self._generated(config, path, content, path in build.changed, inclusion))
            if edit_links and dossier:
                page.edit_uri = _edit_uri(folder / dossier.source, config)
            elif edit_links and path == URLS.home:
                page.edit_uri = path  # its intro is docs/index.md
        for path in build.removed:
            if self._pages_folder is not None:
                (self._pages_folder / path).unlink(missing_ok=True)
        for dossier in dossiers:
            for name in (dossier.source, *dossier.also_from):
                source = folder / name
                if source.is_file():
                    path = URLS.source_of(name)
                    _add(files, File.generated(config, path, abs_src_path=str(source)))
        self.seconds = {"parse": parsed - started, **build.seconds}
        if self._serving:
            # What this build leaves (parses, links, the files made) lives on for the next rebuild:
            # millions of objects that a full run of the cyclic collector would scan, about a second
            # at 10,000 dossiers, in the middle of a rebuild. Frozen, its runs leave them out.
            gc.freeze()
        log.info(
            "%d dossiers, %d of them parsed anew (%.2f s); linked in %.2f s; %d of %d files made anew in %.2f s, %d changed",
            len(dossiers),
            self._parsed.parsed,
            self.seconds["parse"],
            self.seconds["link"],
            len(build.made),
            len(build.files),
            self.seconds["render"],
            len(build.changed),
        )
        return files

    def _generated(
        self, config: MkDocsConfig, path: str, content: str, changed: bool, inclusion: InclusionLevel
    ) -> File:
        if self._pages_folder is None:
            return File.generated(config, path, content=content, inclusion=inclusion)
        written = self._pages_folder / path
        if changed or not written.exists():
            written.parent.mkdir(parents=True, exist_ok=True)
            written.write_text(content, encoding="utf-8")
        return File.generated(config, path, abs_src_path=str(written), inclusion=inclusion)


def _report(dossier: Dossier, folder: Path, *, notes: bool) -> None:
    """Errors as warnings (so `mkdocs build --strict` fails on them), notes as info, naming file and line."""
    for diagnostic in dossier.diagnostics:
        where = f"{folder.name}/{dossier.source}"
        if diagnostic.level is Level.ERROR:
            log.warning("%s: %s", where, diagnostic)
        elif notes:
            log.info("%s: %s", where, diagnostic)


def _add(files: Files, file: File) -> File:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(
            "%s is generated from the dossiers; the file of that name in docs/ is ignored", file.src_uri
        )
        files.remove(existing)
    files.append(file)
    return file


def _edit_uri(source: Path, config: MkDocsConfig) -> str:
    # MkDocs joins edit_uri (which points at docs/ in the repository) with this path, so a path
    # relative to docs/ reaches the dossier's source file.
    return posixpath.join(*Path(os.path.relpath(source, config.docs_dir)).parts)

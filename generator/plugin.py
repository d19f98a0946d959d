"""The MkDocs plugin: parses the dossiers and adds their pages and source files to the build."""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import time
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.builder import Build, GeneratedFiles, SiteBuilder
from generator.cache import ParseCache
from generator.model import Dossier, Level
from generator.site import URLS

log = logging.getLogger("mkdocs.plugins.generator")

# What the files handed to MkDocs depend on besides their content: where they go, their edit links.
_FILE_SETTINGS = ("docs_dir", "site_dir", "use_directory_urls", "repo_url", "edit_uri", "edit_uri_template")


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
        self.seconds: dict[str, float] = {}  # the generator's share of the last build, for the benchmark
        self._serving = False
        self._reported: dict[str, Dossier] = {}  # id -> the dossier whose notes were last shown
        self._coming: GeneratedFiles | None = None  # files of this build that workers may still make
        self._kept: dict[str, _Generated] = {}  # path -> the file handed to MkDocs in the last build
        self._sources: dict[str, File] = {}  # name -> the file of a dossier's source in the last build
        self._kept_for: tuple[str, ...] = ()  # the settings of the build that made those files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance, its parse cache and its last build across
        # `mkdocs serve` rebuilds.
        self._serving = command == "serve"

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
        # The generator makes millions of objects that all stay for the rest of the build (and of the
        # process, while serving): the cyclic collector would scan them again and again while they are
        # made, some 2 s at 10,000 dossiers. It is paused meanwhile; afterwards they are frozen, so that
        # its runs during MkDocs's own work, and in the next rebuild, leave them out too.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._generate(files, config)
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def _generate(self, files: Files, config: MkDocsConfig) -> Files:
        folder = Path(self.config.dossiers)
        assert self._parsed is not None, "on_config runs before on_files"
        started = time.perf_counter()
        dossiers = self._parsed.load(folder)
        for dossier in dossiers:
            # A note once is enough while serving: only a changed dossier's notes are shown again.
            # Errors come every build, as a strict build fails on them.
            _report(dossier, folder, notes=self._reported.get(dossier.id) is not dossier)
        self._reported = {dossier.id: dossier for dossier in dossiers}
        parsed = time.perf_counter()  # the report of what the parse found is part of it

        # docs/index.md holds the hand-written intro; the generated home page takes its place.
        intro_file = files.get_file_from_path(URLS.home)
        intro = intro_file.content_string if intro_file else ""
        if intro_file:
            files.remove(intro_file)

        # In a first build, workers may still be making pages when this returns: MkDocs's own work on
        # them runs on one core, and it reads each page long after a worker made it.
        build = self._builder.build(dossiers, home_intro=intro, pages_later=True)
        registering = time.perf_counter()
        self._hand_over(build, dossiers, files, config)
        self.seconds = {**build.seconds, "parse": parsed - started}
        self.seconds["render"] += time.perf_counter() - registering
        self._coming = build.files if build.files.coming else None
        coming = build.files.coming
        made = (
            f"{len(build.made)} of {len(build.files)} files made anew, {coming} of them alongside MkDocs"
            if coming
            else f"{len(build.made)} of {len(build.files)} files made anew in {self.seconds['render']:.2f} s, "
            f"{len(build.changed)} changed"
        )
        log.info(
            "%d dossiers, %d of them parsed anew (%.2f s); linked in %.2f s; %s",
            len(dossiers),
            self._parsed.parsed,
            self.seconds["parse"],
            self.seconds["link"],
            made,
        )
        return files

    def _hand_over(self, build: Build, dossiers: Sequence[Dossier], files: Files, config: MkDocsConfig) -> None:
        """Add the generated files and the dossiers' sources to MkDocs's files.

        While serving, the files live on for the next rebuild, which hands over the same object for
        every file that did not change: tens of thousands of new ones at 10,000 dossiers cost more
        than the rest of the generator's rebuild. A file knows where it goes and its edit link, so
        they are kept only while those settings stay.
        """
        folder = Path(self.config.dossiers)
        settings = tuple(str(config[key]) for key in _FILE_SETTINGS)
        if settings != self._kept_for:
            self._kept, self._sources, self._kept_for = {}, {}, settings
        edit_links = bool(config.repo_url and (config.edit_uri or config.edit_uri_template))
        # Only for files made anew: a rebuild has a few of them among tens of thousands.
        dossier_pages: dict[str, Dossier] = {}
        in_docs = set(files.src_uris)
        kept: dict[str, _Generated] = {}
        for path in build.files:
            file = self._kept.get(path)
            if file is not None and path not in build.changed:
                file.made_before()
            else:
                # Dossier and index pages stay out of the navigation (see `UrlFormats.in_navigation`).
                inclusion = InclusionLevel.UNDEFINED if URLS.in_navigation(path) else InclusionLevel.NOT_IN_NAV
                file = self._generated(config, path, build, inclusion)
                if not dossier_pages:
                    dossier_pages = {URLS.dossier_page(dossier): dossier for dossier in dossiers}
                dossier = dossier_pages.get(path)
                if edit_links and dossier:
                    file.edit_uri = _edit_uri(folder / dossier.source, config)
                elif edit_links and path == URLS.home:
                    file.edit_uri = path  # its intro is docs/index.md
            _add(files, file, replacing=path in in_docs)
            kept[path] = file
        sources: dict[str, File] = {}
        for dossier in dossiers:
            for name in (dossier.source, *dossier.also_from):
                source = self._sources.get(name)
                if source is None and (folder / name).is_file():
                    source = File.generated(config, URLS.source_of(name), abs_src_path=str(folder / name))
                if source is not None:
                    _add(files, source, replacing=source.src_uri in in_docs)
                    sources[name] = source
        if self._serving:
            self._kept, self._sources = kept, sources

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._coming is None:
            return
        coming, self._coming = self._coming, None
        self._builder.settle()  # MkDocs has read every page: the workers are done, or nearly
        # The time MkDocs waited for pages, or made them itself, is the generator's; what the workers
        # did meanwhile, on the other cores, is not.
        self.seconds["render"] += coming.seconds
        log.info(
            "files made in %.2f s, %.2f s of it while MkDocs waited for pages made alongside it, or made them",
            self.seconds["render"],
            coming.seconds,
        )

    def on_build_error(self, *, error: Exception) -> None:
        self._coming = None
        self._builder.abandon()

    def _generated(
        self, config: MkDocsConfig, path: str, build: Build, inclusion: InclusionLevel
    ) -> _Generated:
        if not build.files.is_made(path):
            return _PageComing.of(config, path, inclusion, build.files)
        generated = _Generated.generated(config, path, content=build.files[path], inclusion=inclusion)
        assert isinstance(generated, _Generated)  # `File.generated` makes its own class
        generated.changed = path in build.changed
        return generated


class _Generated(File):
    """A generated file, which `mkdocs serve --dirty` builds again only where the build changed it."""

    changed = True

    def made_before(self) -> None:
        """Handed to MkDocs again, unchanged: as a file of the docs folder would be, with a new page."""
        self.changed = False
        self.page = None

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class _PageComing(_Generated):
    """A generated file that a worker may still be making: its content is waited for when MkDocs reads
    it, by which time it is usually made. MkDocs reads a generated file's content from `_content`, so
    that is where it is waited for."""

    _files: GeneratedFiles

    @classmethod
    def of(
        cls, config: MkDocsConfig, path: str, inclusion: InclusionLevel, files: GeneratedFiles
    ) -> _PageComing:
        page = cls.generated(config, path, content="", inclusion=inclusion)
        assert isinstance(page, cls)
        page._files = files
        return page

    @property  # type: ignore[override]
    def _content(self) -> str:
        return self._files[self.src_uri]

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        pass  # `File.generated` sets it; the content is the worker's


def _report(dossier: Dossier, folder: Path, *, notes: bool) -> None:
    """Errors as warnings (so `mkdocs build --strict` fails on them), notes as info, naming file and line."""
    for diagnostic in dossier.diagnostics:
        where = f"{folder.name}/{dossier.source}"
        if diagnostic.level is Level.ERROR:
            log.warning("%s: %s", where, diagnostic)
        elif notes:
            log.info("%s: %s", where, diagnostic)


def _add(files: Files, file: File, *, replacing: bool) -> None:
    """Add a generated file, ``replacing`` a file of docs/ at the same path (known beforehand, as
    looking each of tens of thousands of paths up in `Files` costs more than adding them)."""
    if replacing:
        log.warning("%s is generated from the dossiers; the file of that name in docs/ is ignored", file.src_uri)
        files.remove(files.src_uris[file.src_uri])
    files.append(file)


def _edit_uri(source: Path, config: MkDocsConfig) -> str:
    # MkDocs joins edit_uri (which points at docs/ in the repository) with this path, so a path
    # relative to docs/ reaches the dossier's source file.
    return posixpath.join(*Path(os.path.relpath(source, config.docs_dir)).parts)

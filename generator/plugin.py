"""The MkDocs plugin: parses the dossiers and adds their pages and source files to the build."""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.cache import ParseCache
from generator.model import Dossier, Level
from generator.site import URLS, build_site

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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its parse cache) across `mkdocs serve` rebuilds.
        pass

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
        dossiers = self._parsed.load(folder)
        for dossier in dossiers:
            _report(dossier, folder)

        # docs/index.md holds the hand-written intro; the generated home page takes its place.
        intro_file = files.get_file_from_path(URLS.home)
        intro = intro_file.content_string if intro_file else ""
        if intro_file:
            files.remove(intro_file)

        edit_links = bool(config.repo_url and (config.edit_uri or config.edit_uri_template))
        dossier_pages = {URLS.dossier_page(dossier): dossier for dossier in dossiers}
        for path, markdown in build_site(dossiers, home_intro=intro).items():
            dossier = dossier_pages.get(path)
            # Dossier and index pages stay out of the navigation (see `UrlFormats.in_navigation`).
            inclusion = InclusionLevel.UNDEFINED if URLS.in_navigation(path) else InclusionLevel.NOT_IN_NAV
            page = _add(files, File.generated(config, path, content=markdown, inclusion=inclusion))
            if edit_links:
                page.edit_uri = _edit_uri(folder / dossier.source, config) if dossier else path
        for dossier in dossiers:
            for name in (dossier.source, *dossier.also_from):
                source = folder / name
                if source.is_file():
                    path = URLS.source_of(name)
                    _add(files, File.generated(config, path, abs_src_path=str(source)))
        return files


def _report(dossier: Dossier, folder: Path) -> None:
    """Errors as warnings (so `mkdocs build --strict` fails on them), notes as info, naming file and line."""
    for diagnostic in dossier.diagnostics:
        where = f"{folder.name}/{dossier.source}"
        if diagnostic.level is Level.ERROR:
            log.warning("%s: %s", where, diagnostic)
        else:
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

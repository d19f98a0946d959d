"""Which search a build gets, and what a Pagefind build puts in the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from fixtures.projects import make_project, mkdocs_build
from mkdocs.utils.yaml import yaml_load

from generator.search import (
    PAGEFIND_FROM,
    Engine,
    choose_engine,
    is_dossier_page,
    mark_for_index,
    pagefind_glob,
    run_pagefind,
)
from generator.site import UrlFormats

ROOT = Path(__file__).resolve().parent.parent
NUCTECH = "kv-2021-02-03-yesilgoz-zegerius"
CYBERSURVEILLANCE = "2019Z15231"


# --- the choice of engine ------------------------------------------------------------------------


def test_auto_keeps_material_search_for_a_small_site() -> None:
    assert choose_engine(Engine.AUTO, 45) is Engine.LUNR


def test_auto_keeps_material_search_just_below_the_threshold() -> None:
    assert choose_engine(Engine.AUTO, PAGEFIND_FROM - 1) is Engine.LUNR


def test_auto_chooses_pagefind_from_the_threshold_on() -> None:
    assert choose_engine(Engine.AUTO, PAGEFIND_FROM) is Engine.PAGEFIND


def test_auto_chooses_pagefind_at_fifty_thousand_dossiers() -> None:
    assert choose_engine(Engine.AUTO, 50_000) is Engine.PAGEFIND


def test_threshold_is_a_setting() -> None:
    assert choose_engine(Engine.AUTO, 10, pagefind_from=10) is Engine.PAGEFIND


def test_pagefind_setting_holds_for_a_small_site() -> None:
    assert choose_engine(Engine.PAGEFIND, 2) is Engine.PAGEFIND


def test_lunr_setting_holds_for_a_large_site() -> None:
    assert choose_engine(Engine.LUNR, 50_000) is Engine.LUNR


# --- what Pagefind indexes -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["dossiers/2019Z15231.md", "dossiers/ah-tk-20242025-576.md"])
def test_dossier_pages_are_indexed(path: str) -> None:
    assert is_dossier_page(path)


@pytest.mark.parametrize(
    "path",
    [
        "index.md",
        "redactie.md",
        "leden/index.md",
        "leden/yesilgoz-zegerius-vvd.md",
        "partijen/vvd.md",
        "vergaderjaren/jaar-2021.md",
        "onderwerpen/nuctech.md",
        "dossiers/extra/2019Z15231.md",
        "bronnen/2019Z15231.txt",
    ],
)
def test_other_pages_are_not_indexed(path: str) -> None:
    assert not is_dossier_page(path)


def test_dossier_pages_follow_the_url_setting() -> None:
    urls = UrlFormats(dossier="vragen/{id}/index.md")

    assert is_dossier_page("vragen/2019Z15231/index.md", urls)
    assert not is_dossier_page("dossiers/2019Z15231.md", urls)
    assert pagefind_glob(urls) == "vragen/**/*.html"


def test_pagefind_reads_only_the_dossier_folder() -> None:
    assert pagefind_glob() == "dossiers/**/*.html"


def test_marked_content_is_kept_whole_inside_the_pagefind_body() -> None:
    content = "<h1>Vrees voor Chinese spionage</h1>\n<p>Vraag 1</p>"

    assert mark_for_index(content) == f"<div data-pagefind-body>\n{content}\n</div>"


# --- builds ----------------------------------------------------------------------------------------


def project_with_engine(project: Path, engine: str) -> Path:
    """A copy of the site with the two seed dossiers and the search engine set in its mkdocs.yml."""
    names = (f"{NUCTECH}.txt", f"{CYBERSURVEILLANCE}.txt")
    dossiers = {name: (ROOT / "dossiers" / name).read_bytes() for name in names}
    make_project(project, dossiers)
    settings = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "dossier-search" in plugin:
            plugin["dossier-search"]["engine"] = engine
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_engine(tmp_path_factory.mktemp("pagefind-project"), "pagefind")
    site = project / "site"
    result = mkdocs_build(project, site, strict=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="module")
def auto_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_engine(tmp_path_factory.mktemp("auto-project"), "auto")
    site = project / "site"
    result = mkdocs_build(project, site, strict=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


def test_pagefind_build_has_a_pagefind_bundle_and_no_lunr_index(pagefind_site: Path) -> None:
    assert (pagefind_site / "pagefind" / "pagefind.js").is_file()
    assert not (pagefind_site / "search" / "search_index.json").exists()


def test_pagefind_index_holds_exactly_the_dossier_pages(pagefind_site: Path) -> None:
    entry = json.loads((pagefind_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))

    assert list(entry["languages"]) == ["nl"]
    assert entry["languages"]["nl"]["page_count"] == 2


def test_pagefind_build_marks_the_dossier_text_for_indexing(pagefind_site: Path) -> None:
    page = (pagefind_site / "dossiers" / NUCTECH / "index.html").read_text(encoding="utf-8")
    body = page.split("<div data-pagefind-body>", 1)[1]

    assert "Vrees voor Chinese spionage via douanescanners in haven Rotterdam" in body
    assert "Nuctech" in body


@pytest.mark.parametrize("path", ["index.html", "redactie/index.html", "leden/index.html"])
def test_pagefind_build_leaves_other_pages_unmarked(pagefind_site: Path, path: str) -> None:
    assert "data-pagefind-body" not in (pagefind_site / path).read_text(encoding="utf-8")


def test_pagefind_build_loads_the_pagefind_search_box_instead_of_materials(pagefind_site: Path) -> None:
    page = (pagefind_site / "index.html").read_text(encoding="utf-8")

    assert 'src="javascripts/pagefind-search.js"' in page
    # Material's script fetches its lunr index when it finds a form named "search".
    assert 'name="search"' not in page


def test_indexing_again_leaves_no_file_of_the_previous_index(pagefind_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(pagefind_site, site)
    stale = site / "pagefind" / "index" / "nl_0000000.pf_index"
    stale.write_bytes(b"an index chunk of an earlier build")

    run = run_pagefind(site)

    assert run.indexed_pages == 2
    assert not stale.exists()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_small_site_keeps_materials_search(auto_site: Path) -> None:
    page = (auto_site / "index.html").read_text(encoding="utf-8")

    assert (auto_site / "search" / "search_index.json").is_file()
    assert not (auto_site / "pagefind").exists()
    assert 'name="search"' in page
    assert "pagefind-search.js" not in page

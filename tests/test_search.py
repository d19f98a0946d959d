"""Which search a build gets, and what a Pagefind build puts in the site."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
import yaml
from fixtures.projects import make_project, mkdocs_build
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from generator.link import link
from generator.parse import parse_or_report
from generator.render import make_environment, render_template
from generator.search import (
    PAGEFIND_FROM,
    Engine,
    Period,
    choose_engine,
    is_dossier_page,
    mark_for_index,
    pagefind_glob,
    plan_periods,
    run_pagefind,
    year_of,
)
from generator.site import UrlFormats, dossier_page

ROOT = Path(__file__).resolve().parent.parent
NUCTECH = "kv-2021-02-03-yesilgoz-zegerius"  # ingezonden 3 februari 2021
CYBERSURVEILLANCE = "2019Z15231"  # ingezonden 18 juli 2019
STANDPUNT = "ah-tk-20242025-576"  # ingezonden 21 juni 2024
MOBILE_PHONES = "ah-tk-20112012-1013"  # ingezonden 12 december 2011


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


# --- indexes by period ----------------------------------------------------------------------------


def page(name: str) -> str:
    return f"dossiers/{name}/index.html"


def test_a_site_within_the_limit_has_one_index_in_the_pagefind_folder() -> None:
    periods = plan_periods({page("a"): 2024, page("b"): 2011, page("c"): None}, max_pages=3)

    assert periods == (
        Period(first_year=2011, last_year=2024, pages=(page("a"), page("c"), page("b")), folder="pagefind"),
    )


def test_whole_years_are_packed_newest_first_into_indexes_of_at_most_the_limit() -> None:
    years = {page("a"): 2024, page("b"): 2024, page("c"): 2023, page("d"): 2021, page("e"): 2019}

    periods = plan_periods(years, max_pages=3)

    assert [(period.years, period.folder, period.pages) for period in periods] == [
        ("2023–2024", "pagefind", (page("a"), page("b"), page("c"))),
        ("2019–2021", "pagefind/2019-2021", (page("d"), page("e"))),
    ]


def test_a_year_with_more_pages_than_the_limit_keeps_them_in_one_index() -> None:
    years = {page("a"): 2024, page("b"): 2024, page("c"): 2024, page("d"): 2023}

    periods = plan_periods(years, max_pages=2)

    assert [(period.years, len(period.pages)) for period in periods] == [("2024", 3), ("2023", 1)]


def test_pages_without_a_year_go_with_the_newest() -> None:
    periods = plan_periods({page("a"): 2024, page("b"): None, page("c"): 2011}, max_pages=2)

    assert [(period.years, period.pages) for period in periods] == [
        ("2024", (page("a"), page("b"))),
        ("2011", (page("c"),)),
    ]


def test_a_site_without_any_year_has_one_index_without_years() -> None:
    (period,) = plan_periods({page("a"): None, page("b"): None}, max_pages=1)

    assert (period.years, period.folder, len(period.pages)) == ("", "pagefind", 2)


def test_the_limit_is_at_least_one_page() -> None:
    with pytest.raises(ValueError, match="at least one page"):
        plan_periods({page("a"): 2024}, max_pages=0)


def test_dossier_page_front_matter_gives_the_year_of_its_date() -> None:
    dossier = parse_or_report(ROOT / "dossiers" / f"{NUCTECH}.txt")
    spec = dossier_page(dossier, links=link([dossier]))

    _, meta = get_data(render_template(make_environment(), spec.template, spec.context))

    assert meta["year"] == 2021
    assert year_of(meta) == 2021


def test_a_page_without_a_year_in_its_front_matter_has_none() -> None:
    assert year_of({"title": "Antwoord op vragen 2024Z18285"}) is None


# --- builds ----------------------------------------------------------------------------------------


def project_with_engine(
    project: Path, engine: str, *, names: tuple[str, ...] = (NUCTECH, CYBERSURVEILLANCE), **settings: object
) -> Path:
    """A copy of the site with these dossiers and the search engine (and other search settings) in its
    mkdocs.yml."""
    dossiers = {f"{name}.txt": (ROOT / "dossiers" / f"{name}.txt").read_bytes() for name in names}
    make_project(project, dossiers)
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "dossier-search" in plugin:
            plugin["dossier-search"].update(engine=engine, **settings)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project


def indexed_urls(bundle: Path) -> list[str]:
    """The pages a Pagefind bundle answers with, from its fragments (gzipped JSON after a marker)."""
    urls = []
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{") :])["url"])
    return sorted(urls)


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
    assert 'href="stylesheets/pagefind-search.css"' in page
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
    assert "pagefind-search" not in page


def test_a_small_pagefind_site_has_one_index_and_lists_it_with_its_years(pagefind_site: Path) -> None:
    bundle = pagefind_site / "pagefind"

    assert [path.name for path in bundle.iterdir() if (path / "pagefind-entry.json").exists()] == []
    assert json.loads((bundle / "periods.json").read_text(encoding="utf-8")) == {
        "periods": [
            {"path": "pagefind/", "years": "2019–2021", "first_year": 2019, "last_year": 2021, "pages": 2}
        ]
    }


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_engine(
        tmp_path_factory.mktemp("split-project"),
        "pagefind",
        names=(NUCTECH, CYBERSURVEILLANCE, STANDPUNT, MOBILE_PHONES),
        pagefind_index_pages=2,
    )
    site = project / "site"
    result = mkdocs_build(project, site, strict=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


def test_a_site_over_the_limit_gets_an_index_per_period_with_its_own_pages(split_site: Path) -> None:
    assert indexed_urls(split_site / "pagefind") == [f"/dossiers/{STANDPUNT}/", f"/dossiers/{NUCTECH}/"]
    assert indexed_urls(split_site / "pagefind" / "2011-2019") == [
        f"/dossiers/{CYBERSURVEILLANCE}/",
        f"/dossiers/{MOBILE_PHONES}/",
    ]


def test_the_periods_file_lists_the_indexes_newest_first_with_their_years(split_site: Path) -> None:
    manifest = json.loads((split_site / "pagefind" / "periods.json").read_text(encoding="utf-8"))

    assert manifest["periods"] == [
        {"path": "pagefind/", "years": "2021–2024", "first_year": 2021, "last_year": 2024, "pages": 2},
        {
            "path": "pagefind/2011-2019/",
            "years": "2011–2019",
            "first_year": 2011,
            "last_year": 2019,
            "pages": 2,
        },
    ]


def test_each_period_index_holds_only_its_pages(split_site: Path) -> None:
    for bundle in (split_site / "pagefind", split_site / "pagefind" / "2011-2019"):
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["nl"]["page_count"] == 2


def test_indexing_by_period_leaves_no_pages_folder_in_the_site(split_site: Path) -> None:
    assert [path.name for path in split_site.iterdir() if path.name.startswith(".")] == []


def test_a_rebuild_with_fewer_periods_leaves_no_older_index_behind(split_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(split_site, site)
    pages = tuple(sorted(path.relative_to(site).as_posix() for path in site.glob("dossiers/*/index.html")))

    run_pagefind(site, [Period(first_year=2011, last_year=2024, pages=pages, folder="pagefind")])

    assert not (site / "pagefind" / "2011-2019").exists()
    assert len(indexed_urls(site / "pagefind")) == 4


def test_a_dirty_rebuild_keeps_the_pages_it_did_not_read_in_their_periods(tmp_path: Path) -> None:
    # `mkdocs serve --dirty` reads only the pages that changed; the others' years come from before.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = project_with_engine(
        tmp_path / "project",
        "pagefind",
        names=(NUCTECH, CYBERSURVEILLANCE, STANDPUNT, MOBILE_PHONES),
        pagefind_index_pages=2,
        reindex_when_serving=True,
    )
    site = tmp_path / "site"
    first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, dirty=True)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    finally:
        first.plugins.on_shutdown()

    assert indexed_urls(site / "pagefind" / "2011-2019") == [
        f"/dossiers/{CYBERSURVEILLANCE}/",
        f"/dossiers/{MOBILE_PHONES}/",
    ]


def test_a_serve_rebuild_keeps_the_index_of_the_first_build(tmp_path: Path) -> None:
    # Indexing a large site takes minutes; MkDocs shows an editor's change only after it.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = project_with_engine(tmp_path / "project", "pagefind")
    site = tmp_path / "site"
    first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        build(first, dirty=True)
        made = _index_files(site)
        changed = project / "dossiers" / f"{NUCTECH}.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)), dirty=True)
    finally:
        first.plugins.on_shutdown()

    assert made and _index_files(site) == made


def _index_files(site: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in (site / "pagefind").rglob("*") if path.is_file()}

"""`mkdocs serve --dirty`: after an editor changes one dossier, only the pages that depend on it are
built again, and they show the change."""

from __future__ import annotations

import gc
import json
import os
import textwrap
from pathlib import Path

import pytest
from fixtures.fresh import in_fresh_interpreter
from fixtures.projects import make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
NUCTECH = "kv-2021-02-03-yesilgoz-zegerius"
CYBERSURVEILLANCE = "2019Z15231"
OTHERS = ("2024Z18436", "ah-tk-20242025-546", "ah-tk-20242025-604")


def _rebuild(project: Path, site: Path) -> None:
    """What `mkdocs serve --dirty` does on every change: load the configuration again, build dirty."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    build(config, dirty=True)


def _modified(site: Path) -> dict[str, int]:
    return {str(path.relative_to(site)): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def _served_project(folder: Path) -> Path:
    names = (NUCTECH, CYBERSURVEILLANCE, *OTHERS)
    return make_project(folder, {f"{name}.txt": (ROOT / "dossiers" / f"{name}.txt").read_bytes() for name in names})


def _change_a_question(project: Path) -> None:
    source = project / "dossiers" / f"{NUCTECH}.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Klopt het dat bij", "Klopt het nog altijd dat bij", 1), encoding="utf-8")


@pytest.fixture()
def served(tmp_path: Path) -> tuple[Path, Path]:
    project = _served_project(tmp_path / "project")
    site = tmp_path / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    yield project, site
    config.plugins.on_shutdown()


def test_a_changed_question_is_shown_after_a_dirty_rebuild_and_unrelated_pages_are_not_rebuilt(served) -> None:
    project, site = served
    before = _modified(site)
    _change_a_question(project)

    _rebuild(project, site)

    after = _modified(site)
    rebuilt = {path for path in after if after[path] != before.get(path)}
    nuctech_page = f"dossiers/{NUCTECH}/index.html"
    assert nuctech_page in rebuilt
    assert "Klopt het nog altijd dat bij" in (site / nuctech_page).read_text(encoding="utf-8")
    # The hand-written pages and the pages of dossiers that do not list the Nuctech dossier stay as they were.
    assert "over/index.html" not in rebuilt
    assert {f"dossiers/{other}/index.html" for other in OTHERS}.isdisjoint(rebuilt)


def test_the_cyclic_collector_runs_again_after_each_build(served) -> None:
    # The generator pauses it while it works. Left off, a long `mkdocs serve` would keep every cycle
    # of garbage that MkDocs and each rebuild make.
    project, site = served
    assert gc.isenabled()
    _change_a_question(project)

    _rebuild(project, site)

    assert gc.isenabled()


def test_a_rebuild_without_a_change_builds_no_dossier_page_again(served) -> None:
    project, site = served
    before = _modified(site)

    _rebuild(project, site)

    after = _modified(site)
    assert not [path for path in after if path.startswith("dossiers/") and after[path] != before[path]]
    assert os.listdir(site / "dossiers")


def test_a_rebuild_shows_the_notes_of_the_changed_dossier_only(served, caplog) -> None:
    # Every dossier's notes came with the first build; the editor's change brings those of one file.
    project, site = served
    _change_a_question(project)

    with caplog.at_level("INFO", logger="mkdocs.plugins.generator"):
        _rebuild(project, site)

    noted = {record.getMessage().split(":")[0] for record in caplog.records if "note:" in record.getMessage()}
    assert noted == {f"dossiers/{NUCTECH}.txt"}


def test_a_dirty_build_into_another_site_folder_has_every_page(served, tmp_path: Path) -> None:
    # MkDocs keeps one instance of the plugin for the whole process; the files it handed over before
    # know the folder they went to.
    project, _ = served
    elsewhere = tmp_path / "elsewhere"

    _rebuild(project, elsewhere)

    for name in (NUCTECH, CYBERSURVEILLANCE, *OTHERS):
        assert (elsewhere / "dossiers" / name / "index.html").is_file(), name


# `mkdocs serve --dirty` of thousands of dossiers: forked workers make the pages of the first build while
# MkDocs goes on.
SERVED_WITH_WORKERS = textwrap.dedent(
    """
    import json, logging, sys
    from pathlib import Path
    sys.path.insert(0, "tests")
    import generator.builder
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from test_serve import _change_a_question, _modified, _rebuild

    logging.basicConfig(level=logging.INFO)
    generator.builder.PAGES_IN_PARALLEL_FROM = 1
    project, site = map(Path, sys.argv[1:])
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    before = _modified(site)
    _change_a_question(project)
    _rebuild(project, site)
    after = _modified(site)
    config.plugins.on_shutdown()
    print(json.dumps(sorted(path for path in after if after[path] != before.get(path))))
    """
)


def test_a_change_is_shown_after_a_first_build_whose_pages_workers_made(tmp_path: Path) -> None:
    project, site = _served_project(tmp_path / "project"), tmp_path / "site"

    result = in_fresh_interpreter(SERVED_WITH_WORKERS, str(project), str(site))

    assert result.returncode == 0, result.stderr[-2000:]
    assert "of them alongside MkDocs" in result.stderr
    rebuilt = json.loads(result.stdout)
    assert f"dossiers/{NUCTECH}/index.html" in rebuilt
    assert "Klopt het nog altijd dat bij" in (site / f"dossiers/{NUCTECH}/index.html").read_text(encoding="utf-8")
    assert {f"dossiers/{other}/index.html" for other in OTHERS}.isdisjoint(rebuilt)

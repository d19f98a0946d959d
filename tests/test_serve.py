"""`mkdocs serve --dirty`: after an editor changes one dossier, only the pages that depend on it are
built again, and they show the change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
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


@pytest.fixture()
def served(tmp_path: Path) -> tuple[Path, Path]:
    names = (NUCTECH, CYBERSURVEILLANCE, *OTHERS)
    project = make_project(
        tmp_path / "project",
        {f"{name}.txt": (ROOT / "dossiers" / f"{name}.txt").read_bytes() for name in names},
    )
    site = tmp_path / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    yield project, site
    config.plugins.on_shutdown()


def test_a_changed_question_is_shown_after_a_dirty_rebuild_and_unrelated_pages_are_not_rebuilt(served) -> None:
    project, site = served
    before = _modified(site)
    source = project / "dossiers" / f"{NUCTECH}.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Klopt het dat bij", "Klopt het nog altijd dat bij", 1), encoding="utf-8")

    _rebuild(project, site)

    after = _modified(site)
    rebuilt = {path for path in after if after[path] != before.get(path)}
    nuctech_page = f"dossiers/{NUCTECH}/index.html"
    assert nuctech_page in rebuilt
    assert "Klopt het nog altijd dat bij" in (site / nuctech_page).read_text(encoding="utf-8")
    # The hand-written pages and the pages of dossiers that do not list the Nuctech dossier stay as they were.
    assert "over/index.html" not in rebuilt
    assert {f"dossiers/{other}/index.html" for other in OTHERS}.isdisjoint(rebuilt)


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
    source = project / "dossiers" / f"{NUCTECH}.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Klopt het dat bij", "Klopt het nog altijd dat bij", 1), encoding="utf-8")

    with caplog.at_level("INFO", logger="mkdocs.plugins.generator"):
        _rebuild(project, site)

    noted = {record.getMessage().split(":")[0] for record in caplog.records if "note:" in record.getMessage()}
    assert noted == {f"dossiers/{NUCTECH}.txt"}

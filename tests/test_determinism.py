"""The same dossiers always give the same site: byte-identical Markdown and HTML from build to build.

Two builds of copies of the real project, each in a process with its own PYTHONHASHSEED, so that set
and dict order cannot leak into a page; and a third whose pages forked workers make while MkDocs goes
on, as in a first build of thousands of dossiers. A hook in each copy writes out the Markdown the
generator hands to MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from fixtures.projects import ROOT, files_of, finish, make_project, start_mkdocs_build

# The sitemap carries the date of the build.
DATED_FILES = {"sitemap.xml", "sitemap.xml.gz"}

MARKDOWN_HOOK = """
from pathlib import Path


def on_page_markdown(markdown, page, config, files):
    target = Path(config.config_file_path).parent / "markdown" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.file.content_string, encoding="utf-8")
    return markdown
"""


def with_hook(project: Path, name: str, source: str) -> Path:
    """The project, with a MkDocs hook of this name and source added to its mkdocs.yml."""
    (project / name).write_text(source, encoding="utf-8")
    settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["hooks"] = [*settings.get("hooks", []), name]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return project


# Forked workers make the pages while MkDocs goes on, as in a first build of thousands of dossiers.
WORKERS_HOOK = """
import generator.builder

generator.builder.PAGES_IN_PARALLEL_FROM = 1
"""


def output_of(project: Path, site: Path) -> dict[str, bytes]:
    """Every file of one build: the site under ``site/``, the written-out Markdown under ``markdown/``."""
    output = {}
    for label, folder in (("site", site), ("markdown", project / "markdown")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name not in DATED_FILES:
                output[f"{label}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return output


@dataclass(frozen=True)
class Builds:
    output: dict[str, dict[str, bytes]]  # each build's files: "seed 1", "seed 2", "workers" (seed 1)
    workers_log: str  # what the build whose pages workers made logged


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    dossiers = files_of(ROOT / "dossiers")
    projects = {
        name: make_project(tmp_path_factory.mktemp("build") / "project", dossiers)
        for name in ("seed 1", "seed 2", "workers")
    }
    for project in projects.values():
        with_hook(project, "markdown_hook.py", MARKDOWN_HOOK)
    with_hook(projects["workers"], "workers_hook.py", WORKERS_HOOK)
    seeds = {"seed 1": "1", "seed 2": "2", "workers": "1"}
    running = {
        name: start_mkdocs_build(
            project, project.parent / "site", strict=False, environment={"PYTHONHASHSEED": seeds[name]}
        )
        for name, project in projects.items()
    }
    results = {name: finish(build) for name, build in running.items()}
    for result in results.values():
        assert result.returncode == 0, result.stderr[-4000:]
    return Builds(
        output={name: output_of(project, project.parent / "site") for name, project in projects.items()},
        workers_log=results["workers"].stderr,
    )


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))


def test_markdown_of_every_dossier_page_is_compared(builds) -> None:
    output = builds.output["seed 1"]
    pages = [path for path in output if path.startswith("site/dossiers/") and path.endswith("/index.html")]

    assert len(pages) >= 40
    assert [path for path in pages if f"markdown/dossiers/{path.split('/')[2]}.md" not in output] == []


def test_two_builds_with_different_hash_seeds_give_byte_identical_markdown_and_html(builds) -> None:
    assert differences(builds.output["seed 1"], builds.output["seed 2"]) == []


def test_pages_made_by_workers_alongside_mkdocs_give_the_same_markdown_and_html(builds) -> None:
    assert "of them alongside MkDocs" in builds.workers_log
    assert differences(builds.output["seed 1"], builds.output["workers"]) == []

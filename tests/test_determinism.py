"""The same dossiers always give the same site: byte-identical Markdown and HTML from build to build.

Two builds of copies of the real project, each in a process with its own PYTHONHASHSEED, so that set
and dict order cannot leak into a page. A hook in each copy writes out the Markdown the generator
hands to MkDocs.
"""

from __future__ import annotations

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


def with_markdown_hook(project: Path) -> Path:
    (project / "markdown_hook.py").write_text(MARKDOWN_HOOK, encoding="utf-8")
    settings = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["hooks"] = [*settings.get("hooks", []), "markdown_hook.py"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return project


def output_of(project: Path, site: Path) -> dict[str, bytes]:
    """Every file of one build: the site under ``site/``, the written-out Markdown under ``markdown/``."""
    output = {}
    for label, folder in (("site", site), ("markdown", project / "markdown")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name not in DATED_FILES:
                output[f"{label}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return output


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    dossiers = files_of(ROOT / "dossiers")
    projects = {
        seed: with_markdown_hook(make_project(tmp_path_factory.mktemp(f"seed{seed}") / "project", dossiers))
        for seed in ("1", "2")
    }
    running = {
        seed: start_mkdocs_build(
            project, project.parent / "site", strict=False, environment={"PYTHONHASHSEED": seed}
        )
        for seed, project in projects.items()
    }
    for result in map(finish, running.values()):
        assert result.returncode == 0, result.stderr[-4000:]
    return {f"seed {seed}": output_of(project, project.parent / "site") for seed, project in projects.items()}


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))


def test_markdown_of_every_dossier_page_is_compared(builds) -> None:
    output = builds["seed 1"]
    pages = [path for path in output if path.startswith("site/dossiers/") and path.endswith("/index.html")]

    assert len(pages) >= 40
    assert [path for path in pages if f"markdown/dossiers/{path.split('/')[2]}.md" not in output] == []


def test_two_builds_with_different_hash_seeds_give_byte_identical_markdown_and_html(builds) -> None:
    assert differences(builds["seed 1"], builds["seed 2"]) == []

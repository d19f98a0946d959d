"""Shared fixtures: the project's Markdown settings, a small dossier factory and a tiny HTML tree."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest

from generator.model import Addressee, Dossier, Kind, Member

ROOT = Path(__file__).resolve().parent.parent
VOID_ELEMENTS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)


@pytest.fixture(scope="session")
def markdown_to_html() -> Callable[[str], str]:
    """Convert page Markdown (front matter included) with exactly the extensions MkDocs uses here."""
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    config = load_config(str(ROOT / "mkdocs.yml"))

    def convert(page: str) -> str:
        body, _ = get_data(page)
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        return md.convert(body)

    return convert


def make_dossier(**fields: Any) -> Dossier:
    """A plausible questions-only dossier; keyword arguments replace its fields."""
    defaults: dict[str, Any] = {
        "id": "2021Z02062",
        "source": "2021Z02062.txt",
        "kind": Kind.QUESTIONS,
        "title": "het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»",
        "submitted": dt.date(2021, 2, 3),
        "session": "2020-2021",
        "submitters": (Member(name="Yesilgöz-Zegerius", party="VVD"), Member(name="Lodders", party="VVD")),
        "addressees": (
            Addressee(office="Minister van Justitie en Veiligheid"),
            Addressee(office="Staatssecretaris van Financiën"),
        ),
    }
    return Dossier(**(defaults | fields))


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            element
            for element in self.iter()
            if element.tag == tag and all(element.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def text(self, *, skip: Callable[[Element], bool] = lambda element: False) -> str:
        """Visible text, a line break for <br>; elements for which ``skip`` is true are left out."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            elif not skip(child):
                parts.append(child.text(skip=skip))
        return "".join(parts)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def squash(text: str) -> str:
    """Whitespace runs as one space, for comparing text across line breaks."""
    return " ".join(text.split())


def outputs_under_hash_seeds(script: str) -> set[str]:
    """What a Python script prints in separate interpreters with different hash seeds: one
    output means no set or dict order leaked into it."""
    return {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=os.environ | {"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from mkdocs.yml and dossiers/ the way `make site` builds it."""
    from fixtures.projects import mkdocs_build

    folder = tmp_path_factory.mktemp("shipped-site")
    result = mkdocs_build(ROOT, folder, strict=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return folder


@pytest.fixture(scope="session")
def dossiers() -> list[Dossier]:
    from generator.parse import load_folder

    return load_folder(ROOT / "dossiers")

"""Properties over arbitrary input: the parser fails only with its own error, and no text becomes markup.

Examples are few and derandomized, so that the suite stays fast and CI sees the same examples every
run; raise ``max_examples`` and drop ``derandomize`` for a search that goes further.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, Element, make_dossier, parse_html
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from generator import site
from generator.model import (
    Addressee,
    Answer,
    Diagnostic,
    Dossier,
    Footnote,
    Kind,
    Level,
    Member,
    Question,
    Section,
)
from generator.parse import UnreadableDossier, dossier_id, parse_bytes, parse_text
from generator.site import URLS

FEW_FIXED_EXAMPLES = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    # A failing example is printed as found: shrinking a dozen fields of text takes minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)

# Named, not globbed: the examples must not change when a dossier is added.
SEED_LINES = [
    line
    for name in (
        "kv-2021-02-03-yesilgoz-zegerius.txt",
        "2019Z15231.txt",
        "ah-tk-20242025-570.txt",
        "2024Z18882.txt",
    )
    for line in (ROOT / "dossiers" / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]
# Pieces that mean something to the parser, Markdown, HTML, Jinja or MkDocs.
MEANINGFUL = [
    "Vraag 1",
    "Vraag 2 en 3",
    "Antwoord 1",
    "Antwoord",
    "Toelichting",
    "Mededeling",
    "1 ",
    "2\n",
    "(ingezonden 3 februari 2021)",
    "Vragen van het lid Jansen (SP) aan de Minister van Financiën over ",
    "Antwoord van Minister Heinen (Financiën) (ontvangen 1 maart 2024)",
    "2024Z18436",
    "AH 604",
    "’s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2024–2025, Vragen 1",
    "kv-tk-2019Z15231",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "<a href='https://e.vil'>",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://e.vil/x?a=1&b=(2)",
    "www.e.vil",
    "<https://e.vil>",
    "[a](https://e.vil)",
    "![i](x.png)",
    "[^1]",
    "[^x]",
    "[^1]: tekst",
    "{: onclick=x }",
    "{#id}",
    "{{ config }}",
    "{% raw %}",
    "{#",
    "!!! note",
    "--8<--",
    ":smile:",
    "---",
    "```",
    "~~~",
    "    ",
    "|",
    "# ",
    "> ",
    "* ",
    "1. ",
    "&amp;",
    "&#60;",
    "\\",
    "*",
    "_",
    "`",
    "=",
    "~",
    "\x00",
    "\x02",
    "\x03",
    "\t",
    "\r",
    "\r\n",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u0301",
    "Ã©",
    "«",
    "»",
    "’",
    "-\n",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(MEANINGFUL), st.sampled_from(SEED_LINES), st.text(max_size=12)), max_size=14
).map("".join)
LINES = st.lists(st.one_of(st.sampled_from(SEED_LINES), TEXT), max_size=30).map("\n".join)


# --- the parser -------------------------------------------------------------------------------------


@FEW_FIXED_EXAMPLES
@given(text=st.one_of(TEXT, LINES))
def test_parser_reads_any_text_without_raising(text: str) -> None:
    dossier = parse_text(text, source="vrij.txt")

    assert dossier.source == "vrij.txt"
    assert all(d.line is None or 1 <= d.line <= text.count("\n") + 1 for d in dossier.diagnostics)


@FEW_FIXED_EXAMPLES
@given(
    data=st.one_of(
        st.binary(max_size=2_000),
        LINES.map(lambda text: text.encode("utf-8")),
        LINES.map(lambda text: text.encode("cp1252", errors="replace")),
        st.tuples(LINES, st.binary(max_size=8)).map(lambda pair: pair[0].encode() + pair[1]),
    )
)
def test_parser_reads_any_bytes_or_refuses_them_with_its_own_error(data: bytes) -> None:
    try:
        dossier = parse_bytes(data, name="vrij.txt")
    except UnreadableDossier as error:
        assert str(error).startswith("vrij.txt: ")
    else:
        assert dossier.id == "vrij"


@FEW_FIXED_EXAMPLES
@given(name=st.text(min_size=1, max_size=60).map(lambda stem: stem + ".txt"))
def test_any_file_name_gives_a_safe_page_id(name: str) -> None:
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", dossier_id(name))


# --- rendering ---------------------------------------------------------------------------------------

PLACEHOLDER = "Gewone tekst"
FIELDS = [
    "title",
    "member name",
    "party",
    "addressee",
    "question",
    "answer",
    "footnote",
    "section heading",
    "section",
    "diagnostic",
    "quote",
    "see also",
]


# One citation of each kind, so that the blocks the templates make for citations are in the baseline.
CITATIONS = (
    "Zie https://www.rijksoverheid.nl/a en Kamerstuk 22 112, nr. 2686 en Aanhangsel Handelingen, "
    "vergaderjaar 2024–2025, nr. 349 en Stb. 2024, 153 en 2019Z15231."
)

FOOTNOTE_URL = "https://e.vil/a"


def dossier_with(texts: dict[str, str]) -> Dossier:
    """A dossier that fills every field the templates show, each with its text from `texts`."""
    return make_dossier(
        kind=Kind.ANSWERS,
        zaak="2024Z18436",
        aanhangsel=604,
        received=make_dossier().submitted,
        title=texts["title"],
        submitters=(
            Member(name=texts["member name"], party=texts["party"]),
            Member(name="Lodders", party=None),
        ),
        addressees=(Addressee(office=texts["addressee"], standing_in_for=texts["addressee"]),),
        see_also=(texts["see also"],),
        questions=(
            Question(numbers=(1,), text=texts["question"] + "[^7]", line=5),
            Question(numbers=(2, 3), text=f"Gegroepeerd?\nTweede regel.\n\n{CITATIONS}", line=9),
        ),
        answers=(
            Answer(questions=(1,), text=texts["answer"]),
            Answer(questions=(2, 3), text="Samen beantwoord."),
            Answer(questions=(9,), text="Antwoord zonder vraag."),
        ),
        footnotes=(
            Footnote(number=7, text=texts["footnote"], urls=(FOOTNOTE_URL,)),
            Footnote(number=8, text="Niet verwezen."),
        ),
        sections=(Section(heading=texts["section heading"], text=texts["section"], line=2),),
        diagnostics=(
            Diagnostic(level=Level.ERROR, line=3, message=texts["diagnostic"], quote=texts["quote"]),
            Diagnostic(level=Level.NOTE, line=None, message=texts["diagnostic"]),
        ),
    )


@pytest.fixture(scope="module")
def render_site(markdown_to_html) -> Iterator[Renderer]:
    """Every page for one dossier, as HTML trees keyed by page path."""
    # One Jinja environment for all examples: compiling the templates anew is most of a render's time.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site, "make_environment", functools.cache(site.make_environment))
        yield Renderer(markdown_to_html)


class Renderer:
    def __init__(self, markdown_to_html: Callable[[str], str]) -> None:
        self._markdown_to_html = markdown_to_html
        self.generated_paths: set[str] = set()  # every file of the last call, Markdown or not

    def __call__(self, dossier: Dossier) -> dict[str, Element]:
        files = site.build_site([dossier])
        self.generated_paths = set(files)
        return {
            path: parse_html(self._markdown_to_html(page))
            for path, page in files.items()
            if path.endswith(".md")  # the feeds and data files are not Markdown
        }

    def __repr__(self) -> str:
        return "<render every page of the site for one dossier>"


def shapes(pages: dict[str, Element]) -> set[tuple[str, tuple[str, ...]]]:
    return {(element.tag, tuple(sorted(element.attrs))) for page in pages.values() for element in page.iter()}


def classes(pages: dict[str, Element]) -> set[str]:
    return {name for page in pages.values() for e in page.iter() for name in e.attrs.get("class", "").split()}


def outside_hosts(pages: dict[str, Element]) -> set[str]:
    """The hosts of the outside links: the official publications that citations link to."""
    return {
        urlsplit(a.attrs.get("href", "")).netloc for page in pages.values() for a in page.find_all("a")
    } - {""}


class Pages(dict[str, Element]):
    """Rendered pages, shown briefly when Hypothesis reports a failing example."""

    def __repr__(self) -> str:
        return f"<{len(self)} pages>"


@pytest.fixture(scope="module")
def template_pages(render_site) -> Pages:
    """The pages when every field holds plain text: what the templates themselves make."""
    return Pages(render_site(dossier_with(dict.fromkeys(FIELDS, PLACEHOLDER))))


@FEW_FIXED_EXAMPLES
@given(texts=st.fixed_dictionaries(dict.fromkeys(FIELDS, TEXT)))
@example(texts=dict.fromkeys(FIELDS, PLACEHOLDER) | {"footnote": "Zie https://[e.vil/x"})
def test_no_text_in_any_field_adds_an_element_attribute_or_class(texts, render_site, template_pages) -> None:
    pages = render_site(dossier_with(texts))

    assert shapes(pages) - shapes(template_pages) == set()
    assert classes(pages) - classes(template_pages) == set()


@FEW_FIXED_EXAMPLES
@given(texts=st.fixed_dictionaries(dict.fromkeys(FIELDS, TEXT)))
def test_no_text_in_any_field_links_but_to_the_site_or_an_http_url_it_holds(
    texts, render_site, template_pages
) -> None:
    dossier = dossier_with(texts)
    pages = render_site(dossier)
    printed = unquote(" ".join([*texts.values(), CITATIONS, FOOTNOTE_URL]))
    targets = render_site.generated_paths | {URLS.source_file(dossier)}
    official_hosts = outside_hosts(template_pages) - {"www.rijksoverheid.nl", "e.vil"}

    for path, page in pages.items():
        for a in page.find_all("a"):
            parts = urlsplit(a.attrs.get("href", ""))
            if parts.scheme:
                assert parts.scheme in ("http", "https") and parts.netloc, a.attrs
                # A link to the official publications, or to a URL printed in the text (whose host is
                # compared up to its first odd character: control characters are shown as symbols).
                host = re.match(r"[\w.-]*", unquote(parts.netloc)).group()  # type: ignore[union-attr]
                assert parts.netloc in official_hosts or f"{parts.scheme}://{host}" in printed
            elif parts.path:
                assert (
                    posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
                    in targets
                )

"""Turn model values into safe Markdown: the Jinja2 environment and its filters.

Dossier text is data, never markup. Every string from the model reaches a page through one of the
``do_*`` filters below, which escape it for Python-Markdown with the extensions of ``mkdocs.yml``
(MkDocs always adds ``toc``, ``tables`` and ``fenced_code``): HTML special characters become
entities, Markdown punctuation is backslash-escaped, no line can open a block construct, and only
``http``/``https`` URLs become links.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any
from urllib.parse import quote

import jinja2

from generator.references import find_references

DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# Characters that make markup wherever they stand, with the extensions of mkdocs.yml: code, emphasis,
# links, images, footnote references and definitions ("[", "]"), attribute lists ("{", "}"),
# tables ("|"), HTML and entities ("<", ">", "&"), and the backslash itself. Each has a backslash
# escape in Python-Markdown (its ESCAPED_CHARS, with "|" from the tables extension MkDocs always
# enables), except the HTML ones, which become entities.
INLINE_MARKUP_ESCAPES = {
    **{character: "\\" + character for character in "\\`*_{}[]|"},
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
}
# Found by a pattern: str.translate with this table would look up every character of the text in
# it, some six times slower on text with any non-ASCII character. The other punctuation, escaped
# everywhere, cost Python-Markdown a placeholder per period and hyphen: most of a page's build.
INLINE_MARKUP = re.compile("[" + re.escape("".join(INLINE_MARKUP_ESCAPES)) + "]")
# Markup only at the start of a line: a heading ("#"), a list ("-", "+", "1."), a rule or setext
# heading ("---"), an admonition ("!!!"). ">" and the inline characters are escaped everywhere.
LINE_START_MARKUP = re.compile(r"[#+!-]|\d+(?=[.)])")
# "===" makes a setext heading and "~~~" a fenced code block, and neither has a backslash escape;
# a numeric entity shows the same character.
LINE_START_ENTITIES = {"=": "&#61;", "~": "&#126;"}

# Everything a URL may keep inside an autolink ``<...>``; any other character is percent-encoded.
# "[", "]", "`", "\\", "<", ">" and '"' are left out on purpose: Markdown's link, code and escape
# patterns run before the autolink pattern and would otherwise see them.
URL_SAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]")
URL_START = re.compile(r"https?://", re.IGNORECASE)
URL_OR_FOOTNOTE = re.compile(
    r"(?P<footnote>\[\^(?P<number>\d+)\])|(?P<url>https?://[^\s<>\"]+)", re.IGNORECASE
)
# Sentence punctuation that follows a URL in running text rather than belonging to it.
URL_TRAILING_PUNCTUATION = ".,;:!?'\"»”’›"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def do_md_text(
    text: str, footnote_numbers: Collection[int] = (), reference_links: Mapping[str, str] | None = None
) -> str:
    """Block Markdown for plain text: paragraphs at blank lines, a hard line break at every other line end.

    ``[^N]`` becomes a footnote reference when N is in ``footnote_numbers``, and stays literal otherwise.
    A citation of an official paper ("Kamerstuk 22 112, nr. 2686") whose key is in ``reference_links``
    becomes a link to the address given there: an http(s) URL or a relative path to a page of the site.
    """
    paragraphs = PARAGRAPH_BREAK.split(_normalize(text).strip())
    rendered = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if lines:
            # Two trailing spaces: a line break the reader sees, without joining the lines into one.
            rendered.append(
                "  \n".join(_escape_line(line, footnote_numbers, reference_links) for line in lines)
            )
    return "\n\n".join(rendered)


def do_md_inline(
    text: str, footnote_numbers: Collection[int] = (), reference_links: Mapping[str, str] | None = None
) -> str:
    """One line of Markdown for plain text (a heading, a list item, a name): whitespace runs become one space.

    ``reference_links`` links citations as in `do_md_text`; leave it out where a link cannot stand (headings).
    """
    return _escape_line(" ".join(_normalize(text).split()), footnote_numbers, reference_links)


def do_md_link(label: str, url: str) -> str:
    """A Markdown link with an escaped label; ``url`` is a site-relative path or an http(s) URL.

    URLs in the label stay text (a link inside a link is not HTML), and the angle brackets around the
    destination let it hold parentheses.
    """
    return f"[{_escape_text(' '.join(_normalize(label).split()))}](<{_encode_url(url)}>)"


def do_md_autolink(url: str) -> str:
    """An http(s) URL as a Markdown autolink; anything else as escaped text."""
    scheme = URL_START.match(url)
    if scheme and len(url) > scheme.end() and not re.search(r"\s", url):
        return _url_link(url)
    return do_md_inline(url)


def do_front_matter(text: str) -> str:
    """A YAML double-quoted scalar for front matter whose value themes print as HTML without escaping."""
    escaped = html.escape(" ".join(_normalize(text).split()), quote=True)
    return '"' + YAML_UNSAFE.sub(lambda match: _yaml_escape(match.group()), escaped) + '"'


def do_anchor(text: str) -> str:
    """An HTML id made of letters, digits, "-" and "_" only, so it is safe inside ``{#...}``."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def do_heading_id(anchor: str) -> str:
    """The attr_list suffix that gives a heading a stable id: ``{#vraag-3}``."""
    return "{#" + do_anchor(anchor) + "}"


def do_dutch_date(date: dt.date | None) -> str:
    """A date written out in Dutch: "3 februari 2021"."""
    if date is None:
        return ""
    return f"{date.day} {DUTCH_MONTHS[date.month - 1]} {date.year}"


def do_dutch_list(items: Iterable[str]) -> str:
    """Join already rendered items the Dutch way: "a, b en c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def do_indent_continuation(text: str, width: int = 4) -> str:
    """Indent every non-blank line after the first, for footnote definitions and admonition bodies."""
    first, *rest = text.split("\n")
    return "\n".join([first, *(" " * width + line if line.strip() else "" for line in rest)])


FILTERS: Mapping[str, Callable[..., str]] = {
    "md_text": do_md_text,
    "md_inline": do_md_inline,
    "md_link": do_md_link,
    "md_autolink": do_md_autolink,
    "front_matter": do_front_matter,
    "anchor": do_anchor,
    "heading_id": do_heading_id,
    "dutch_date": do_dutch_date,
    "dutch_list": do_dutch_list,
    "indent_continuation": do_indent_continuation,
}


def make_environment() -> jinja2.Environment:
    """The Jinja2 environment for page templates; output is Markdown, so escaping is the filters' job."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # The templates are part of the package and do not change during a build; checking their
        # modification time before every page cost a system call per page.
        auto_reload=False,
    )
    environment.filters.update(FILTERS)
    return environment


def render_template(environment: jinja2.Environment, template: str, context: Mapping[str, Any]) -> str:
    return environment.get_template(template).render(**context)


def plain_text(text: str, footnote_numbers: Collection[int] = ()) -> str:
    """Text without the footnote markers of known footnotes, on one line: for titles and descriptions."""

    def drop_known(match: re.Match[str]) -> str:
        return "" if int(match.group(1)) in footnote_numbers else match.group(0)

    return " ".join(re.sub(r"\[\^(\d+)\]", drop_known, _normalize(text)).split())


def _normalize(text: str) -> str:
    # Control characters are invisible in HTML and STX/ETX are Python-Markdown's own placeholder
    # markers; the Unicode "control pictures" keep them visible without meaning anything.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub(lambda m: _control_picture(m.group()), text)


def _control_picture(character: str) -> str:
    return "\u2421" if character == "\x7f" else chr(0x2400 + ord(character))


def _escape_line(
    line: str, footnote_numbers: Collection[int], reference_links: Mapping[str, str] | None = None
) -> str:
    links = reference_links or {}
    citations = [reference for reference in find_references(line) if reference.key in links] if links else []
    pieces = []
    position = 0
    while True:
        match = URL_OR_FOOTNOTE.search(line, position)
        # A citation inside a URL stays part of the URL: only citations starting before it are linked.
        citations = [reference for reference in citations if reference.start >= position]
        citation = citations[0] if citations else None
        if citation is not None and (match is None or citation.end <= match.start()):
            pieces.append(_escape_text(line[position : citation.start]))
            pieces.append(do_md_link(line[citation.start : citation.end], links[citation.key]))
            position = citation.end
            continue
        if match is None:
            break
        pieces.append(_escape_text(line[position : match.start()]))
        if match.group("footnote"):
            if int(match.group("number")) in footnote_numbers:
                pieces.append(f"[^{int(match.group('number'))}]")
            else:
                pieces.append(_escape_text(match.group()))
            position = match.end()
        else:
            url = _trim_url(match.group("url"))
            pieces.append(_escape_text(url) if URL_START.fullmatch(url) else _url_link(url))
            position = match.start() + len(url)
    pieces.append(_escape_text(line[position:]))
    return _escape_line_start("".join(pieces))


def _escape_line_start(line: str) -> str:
    if line[:1] in LINE_START_ENTITIES:
        return LINE_START_ENTITIES[line[0]] + line[1:]
    start = LINE_START_MARKUP.match(line)
    if start is None:
        return line
    # "-" becomes "\-"; "1. " becomes "1\. ", which Python-Markdown shows as "1. " in a paragraph.
    return line[: start.end()] + "\\" + line[start.end() :] if start.group().isdigit() else "\\" + line


def _escape_text(text: str) -> str:
    return INLINE_MARKUP.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return INLINE_MARKUP_ESCAPES[match.group()]


def _trim_url(url: str) -> str:
    # A footnote marker glued to a URL ends it.
    if (marker := re.search(r"\[\^\d+\]", url)) is not None:
        url = url[: marker.start()]
    while url and (url[-1] in URL_TRAILING_PUNCTUATION or _ends_with_unmatched_bracket(url)):
        url = url[:-1]
    return url


def _ends_with_unmatched_bracket(url: str) -> bool:
    """ "(zie https://nos.nl/x)": the ")" closes the sentence's bracket, not one in the URL."""
    return any(
        url.endswith(closer) and url.count(closer) > url.count(opener) for opener, closer in ("()", "[]")
    )


def _url_link(url: str) -> str:
    """An autolink when the URL needs no encoding; otherwise a link that still shows the URL as printed."""
    encoded = _encode_url(url)
    if encoded == url:
        return f"<{url}>"
    return f"[{_escape_text(url)}](<{encoded}>)"


def _encode_url(url: str) -> str:
    return URL_SAFE.sub(lambda m: quote(m.group(), safe=""), url)


# What a YAML double-quoted scalar cannot hold as it is: quote, backslash, non-printable characters.
YAML_UNSAFE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]')


def _yaml_escape(character: str) -> str:
    if character in '"\\':
        return "\\" + character
    code = ord(character)
    # YAML readers refuse non-printable characters, even inside quotes; "\u" escapes are accepted.
    if (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF, 0x2028, 0x2029)
    ):
        return f"\\u{code:04x}"
    return character

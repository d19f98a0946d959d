"""What a generated page adds to its HTML head: feed links and schema.org data, carried in front matter.

The theme override (``overrides/main.html``) prints ``page.meta.feeds`` as ``<link rel="alternate">``
and ``page.meta.structured_data`` inside ``<script type="application/ld+json">`` without escaping,
so everything here is made safe for exactly those places before it reaches a page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from generator.model import Dossier, Kind, Member, Official
from generator.render import plain_text

if TYPE_CHECKING:
    # Only for types: the pages module imports this one to fill the head of its pages.
    from generator.site import AnswerBlock, QuestionBlock

# Characters a YAML reader refuses or reads as a line break even inside double quotes; "\u" escapes
# are read back as the same characters.
YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
# Inside <script>, "</script" or "<!--" in dossier text would end or change the element; JSON lets
# these characters be written as escapes that mean the same.
SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# A pattern rather than str.translate, which is slow on non-ASCII text (see render.INLINE_MARKUP).
SCRIPT_ESCAPED = re.compile("[" + "".join(SCRIPT_UNSAFE) + "]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SITE_FEED_TITLE = "Schriftelijke vragen: alle nieuwe documenten"
# The index pages with a feed, by the value of their `IndexKind`.
INDEX_FEED_TITLES = {
    "member": "Schriftelijke vragen van {label}",
    "party": "Schriftelijke vragen van leden van {label}",
    "office": "Schriftelijke vragen aan de {label}",
}


def index_feed_title(kind: str, label: str) -> str | None:
    """The title of the feed of an index page of this kind, or None when that kind has no feed."""
    title = INDEX_FEED_TITLES.get(kind)
    return title.format(label=label) if title else None


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text`` (JSON strings are valid YAML)."""
    return YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


def feed_front_matter(feeds: Iterable[tuple[str, str]]) -> str:
    """The ``feeds:`` front matter for (title, path) pairs; paths are relative to the site root."""
    lines = [f"  - title: {yaml_quoted(title)}\n    path: {yaml_quoted(path)}" for title, path in feeds]
    return "feeds:\n" + "\n".join(lines) if lines else ""


def split_front_matter(markdown: str) -> tuple[str, str]:
    """Hand-written Markdown as (its front matter lines, its body), so a page can add keys of its own."""
    match = re.match(r"---[ \t]*\n(.*?\n)?---[ \t]*(\n|$)", markdown, re.DOTALL)
    if match is None:
        return "", markdown
    return (match.group(1) or "").rstrip("\n"), markdown[match.end() :]


def script_json(data: Any) -> str:
    """JSON that can stand inside an HTML ``<script>`` element whatever its strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return SCRIPT_ESCAPED.sub(lambda match: SCRIPT_UNSAFE[match.group()], text)


def qa_page(
    dossier: Dossier,
    question_blocks: Sequence[QuestionBlock],
    unplaced_answers: Sequence[AnswerBlock],
    *,
    name: str,
    description: str,
    official_urls: Sequence[str] = (),
) -> dict[str, Any]:
    """The schema.org ``QAPage`` of a dossier page: each question with its answers, authors and dates.

    ``question_blocks`` and ``unplaced_answers`` are the page's own, so ids are the anchors readers link to.
    The government's answer to a question is its ``acceptedAnswer``; where more answers cover the
    same question, the later ones are ``suggestedAnswer``.
    """
    known = frozenset(footnote.number for footnote in dossier.footnotes)
    all_answers = [answer for block in question_blocks for answer in block.answers]
    all_answers += unplaced_answers
    questions = []
    for block in question_blocks:
        numbers = set(block.question.numbers)
        answers = [answer for answer in all_answers if numbers & set(answer.answer.questions)]
        question: dict[str, Any] = {
            "@type": "Question",
            "@id": f"#{block.anchor}",
            "name": block.heading,
            "text": _text(block.question.text, known),
            "answerCount": len(answers),
        }
        question |= _authored(_members(dossier.submitters), dossier.submitted)
        if answers:
            first, *others = (_answer(dossier, answer, known) for answer in answers)
            question["acceptedAnswer"] = first
            if others:
                question["suggestedAnswer"] = others
        questions.append(question)
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "name": name,
        "description": description,
        "inLanguage": "nl",
    }
    if published := dossier.submitted or dossier.received:
        page["datePublished"] = published.isoformat()
    if dossier.received and dossier.kind is Kind.ANSWERS:
        page["dateModified"] = dossier.received.isoformat()
    if dossier.zaak:
        page["identifier"] = dossier.zaak
    if dossier.submitters:
        page["author"] = _members(dossier.submitters)
    if official_urls:
        page["isBasedOn"] = list(official_urls)
    if questions:
        page["mainEntity"] = questions
    return page


def _answer(dossier: Dossier, block: AnswerBlock, known: frozenset[int]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Answer",
        "@id": f"#{block.anchor}",
        "url": f"#{block.anchor}",
        "text": _text(block.answer.text, known),
    }
    return data | _authored(_officials(dossier.answered_by), dossier.received)


def _authored(authors: list[dict[str, Any]], date: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if authors:
        data["author"] = authors
    if date is not None:
        data["dateCreated"] = date.isoformat()
    return data


def _members(members: Iterable[Member]) -> list[dict[str, Any]]:
    return [
        {"@type": "Person", "name": member.name}
        | ({"affiliation": {"@type": "Organization", "name": member.party}} if member.party else {})
        for member in members
    ]


def _officials(officials: Iterable[Official]) -> list[dict[str, Any]]:
    return [
        {
            "@type": "Person",
            "name": official.name,
            # As the page prints it: "Minister (Justitie en Veiligheid)".
            "jobTitle": f"{official.office} ({official.portfolio})"
            if official.portfolio
            else official.office,
        }
        for official in officials
    ]


def _text(text: str, known: frozenset[int]) -> str:
    """Plain text with the paragraphs kept and the markers of the dossier's footnotes left out."""
    paragraphs = (plain_text(paragraph, known) for paragraph in PARAGRAPH_BREAK.split(text))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

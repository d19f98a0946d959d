"""The pages of the site: where each one lives, what it shows, and its Markdown."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.model import Answer, Diagnostic, Dossier, Kind, Level, Question, Section
from generator.render import do_dutch_date, do_dutch_list, make_environment, plain_text, render_template


@dataclass(frozen=True, kw_only=True)
class UrlFormats:
    """Every page path (relative to the docs folder) and every outside URL, formatted in this one place.

    An index page per member, party, office or year gets a format here and a method below.
    """

    home: str = "index.md"
    editors: str = "redactie.md"
    dossier: str = "dossiers/{id}.md"
    source: str = "bronnen/{file}"
    official_publication: str = "https://zoek.officielebekendmakingen.nl/kv-tk-{zaak}.html"
    tweede_kamer: str = "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id={zaak}"
    aanhangsel: str = "https://zoek.officielebekendmakingen.nl/ah-tk-{session}-{number}.html"

    def dossier_page(self, dossier: Dossier) -> str:
        return self.dossier.format(id=dossier.id)

    def source_file(self, dossier: Dossier) -> str:
        return self.source.format(file=dossier.source)

    def official_links(self, dossier: Dossier) -> tuple[ExternalLink, ...]:
        links = []
        if dossier.zaak:
            zaak = quote(dossier.zaak, safe="")
            links.append(
                ExternalLink(
                    label="Officiële bekendmakingen", url=self.official_publication.format(zaak=zaak)
                )
            )
            links.append(ExternalLink(label="Tweede Kamer", url=self.tweede_kamer.format(zaak=zaak)))
        if dossier.aanhangsel is not None and dossier.session:
            session = re.sub(r"\D", "", dossier.session)
            links.append(
                ExternalLink(
                    label=f"Aanhangsel van de Handelingen, nr. {dossier.aanhangsel}",
                    url=self.aanhangsel.format(session=session, number=dossier.aanhangsel),
                )
            )
        return tuple(links)


URLS = UrlFormats()

KIND_LABELS = {
    Kind.QUESTIONS: "Schriftelijke vragen",
    Kind.ANSWERS: "Schriftelijke vragen met antwoorden",
    Kind.MEDEDELING: "Mededeling over de beantwoording",
    Kind.ORAL: "Mondelinge vragen",
}
DESCRIPTION_OPENINGS = {
    Kind.QUESTIONS: "Schriftelijke vragen",
    Kind.ANSWERS: "Antwoorden op de schriftelijke vragen",
    Kind.MEDEDELING: "Mededeling over de beantwoording van de vragen",
    Kind.ORAL: "Mondelinge vragen",
}
LEVEL_LABELS = {Level.ERROR: "fout", Level.NOTE: "opmerking"}
FOOTNOTE_MARKER = re.compile(r"\[\^(\d+)\]")


@dataclass(frozen=True, kw_only=True)
class ExternalLink:
    label: str
    url: str


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """One page: its path relative to the docs folder, the template that renders it and what it gets."""

    path: str
    template: str
    context: Mapping[str, Any]


@dataclass(frozen=True, kw_only=True)
class AnswerBlock:
    answer: Answer
    anchor: str
    heading: str  # "Antwoord", or "Antwoord op vraag 3 en 4" for a grouped answer


@dataclass(frozen=True, kw_only=True)
class QuestionBlock:
    """A question with the answers shown right after it."""

    question: Question
    anchor: str
    heading: str  # "Vraag 3", or "Vraag 2 en 3" for a grouped heading
    answers: tuple[AnswerBlock, ...]
    # A grouped answer shown after a later question that this one shares.
    answered_later: AnswerBlock | None = None
    is_section: bool = False


@dataclass(frozen=True, kw_only=True)
class SectionBlock:
    section: Section
    is_section: bool = True


@dataclass(frozen=True, kw_only=True)
class DiagnosticEntry:
    diagnostic: Diagnostic
    level_label: str


def build_pages(
    dossiers: Sequence[Dossier], *, home_intro: str = "", urls: UrlFormats = URLS
) -> dict[str, str]:
    """Markdown for every generated page, keyed by its path relative to the docs folder.

    ``home_intro`` is the hand-written Markdown that opens the home page (``docs/index.md``).
    The same input always gives byte-identical output.
    """
    environment = make_environment()
    return {
        spec.path: render_template(environment, spec.template, spec.context)
        for spec in page_specs(dossiers, home_intro=home_intro, urls=urls)
    }


def page_specs(
    dossiers: Sequence[Dossier], *, home_intro: str = "", urls: UrlFormats = URLS
) -> list[PageSpec]:
    specs = [home_page(dossiers, intro=home_intro, urls=urls), editors_page(dossiers, urls=urls)]
    specs.extend(dossier_page(dossier, urls=urls) for dossier in dossiers)
    return specs


def dossier_page(dossier: Dossier, *, urls: UrlFormats = URLS) -> PageSpec:
    path = urls.dossier_page(dossier)
    footnote_numbers = frozenset(footnote.number for footnote in dossier.footnotes)
    blocks, unplaced_answers = _content_blocks(dossier)
    return PageSpec(
        path=path,
        template="dossier.md.j2",
        context={
            "dossier": dossier,
            "kind_label": KIND_LABELS.get(dossier.kind, str(dossier.kind)),
            "title": _headline(plain_text(dossier.title, footnote_numbers) or dossier.id),
            "heading": _headline(dossier.title) if dossier.title.strip() else dossier.id,
            "description": _description(dossier),
            "date": _date(dossier),
            "footnote_numbers": footnote_numbers,
            "footnotes": sorted(dossier.footnotes, key=lambda footnote: footnote.number),
            "unreferenced_footnotes": _unreferenced_footnotes(dossier),
            "blocks": blocks,
            "unplaced_answers": unplaced_answers,
            "official_links": urls.official_links(dossier),
            "source_link": relative_link(path, urls.source_file(dossier)),
            "editors_link": relative_link(path, urls.editors) + "#" + _editors_anchor(dossier),
        },
    )


def home_page(dossiers: Sequence[Dossier], *, intro: str, urls: UrlFormats = URLS) -> PageSpec:
    newest_first = sorted(dossiers, key=_newest_first)
    entries = [
        {
            "dossier": dossier,
            "title": _headline(plain_text(dossier.title, _footnote_numbers(dossier)) or dossier.id),
            "link": relative_link(urls.home, urls.dossier_page(dossier)),
            "date": _date(dossier),
        }
        for dossier in newest_first
    ]
    return PageSpec(
        path=urls.home, template="home.md.j2", context={"intro": intro.strip(), "entries": entries}
    )


def editors_page(dossiers: Sequence[Dossier], *, urls: UrlFormats = URLS) -> PageSpec:
    entries = [
        {
            "dossier": dossier,
            "title": _headline(plain_text(dossier.title, _footnote_numbers(dossier)) or dossier.id),
            "anchor": _editors_anchor(dossier),
            "page_link": relative_link(urls.editors, urls.dossier_page(dossier)),
            "source_link": relative_link(urls.editors, urls.source_file(dossier)),
            "error_count": len(dossier.errors),
            "note_count": len(dossier.notes),
            "diagnostics": [
                DiagnosticEntry(diagnostic=diagnostic, level_label=LEVEL_LABELS[diagnostic.level])
                for diagnostic in _sorted_diagnostics(dossier.diagnostics)
            ],
        }
        for dossier in dossiers
        if dossier.diagnostics
    ]
    return PageSpec(
        path=urls.editors,
        template="editors.md.j2",
        context={"entries": entries, "dossier_count": len(dossiers)},
    )


def relative_link(from_page: str, to_path: str) -> str:
    """A link from one docs-relative page to another docs-relative path, percent-encoded."""
    relative = posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")
    return quote(relative, safe="/")


def _content_blocks(dossier: Dossier) -> tuple[list[QuestionBlock | SectionBlock], list[AnswerBlock]]:
    """Questions in order, each followed by its answers, with sections placed where they stood.

    A grouped answer is shown once, after the last question it covers; an answer that covers no
    question of the dossier is returned separately so that it is still shown.
    """
    anchors = _UniqueAnchors()
    # A question with a grouped heading ("Vraag 2 en 3") answers to each of its numbers.
    last_index_of_number = {
        number: index for index, question in enumerate(dossier.questions) for number in question.numbers
    }
    answers_after: dict[int, list[Answer]] = {}
    unplaced: list[Answer] = []
    for answer in dossier.answers:
        covered = [number for number in answer.questions if number in last_index_of_number]
        if covered:
            answers_after.setdefault(max(last_index_of_number[n] for n in covered), []).append(answer)
        else:
            unplaced.append(answer)

    question_anchors = [anchors.make(f"vraag-{question.number}") for question in dossier.questions]
    answer_blocks: dict[int, list[AnswerBlock]] = {
        index: [_answer_block(answer, anchors) for answer in answers]
        for index, answers in sorted(answers_after.items())
    }
    answered_later: dict[int, AnswerBlock] = {}
    for index, blocks in answer_blocks.items():
        for block in blocks:
            for number in block.answer.questions:
                earlier = last_index_of_number.get(number)
                if earlier is not None and earlier != index:
                    answered_later.setdefault(earlier, block)

    question_blocks = [
        QuestionBlock(
            question=question,
            anchor=question_anchors[index],
            heading=_numbered("Vraag", question.numbers),
            answers=tuple(answer_blocks.get(index, ())),
            answered_later=answered_later.get(index),
        )
        for index, question in enumerate(dossier.questions)
    ]
    unplaced_blocks = [_answer_block(answer, anchors, always_numbered=True) for answer in unplaced]
    return _place_sections(question_blocks, dossier.sections), unplaced_blocks


def _place_sections(
    question_blocks: list[QuestionBlock], sections: Iterable[Section]
) -> list[QuestionBlock | SectionBlock]:
    """A section goes before the first question that comes after it in the source, else at the end."""
    placed: list[QuestionBlock | SectionBlock] = list(question_blocks)
    for section in sections:
        position = len(placed)
        if section.line is not None:
            for index, block in enumerate(placed):
                if (
                    isinstance(block, QuestionBlock)
                    and block.question.line
                    and block.question.line > section.line
                ):
                    position = index
                    break
        placed.insert(position, SectionBlock(section=section))
    return placed


def _answer_block(answer: Answer, anchors: _UniqueAnchors, *, always_numbered: bool = False) -> AnswerBlock:
    first = answer.questions[0] if answer.questions else "zonder-vraag"
    if len(answer.questions) > 1 or (answer.questions and always_numbered):
        heading = _numbered("Antwoord op vraag", answer.questions)
    elif answer.questions:
        heading = "Antwoord"
    else:
        heading = "Antwoord (vraag onbekend)"
    return AnswerBlock(answer=answer, anchor=anchors.make(f"antwoord-{first}"), heading=heading)


def _numbered(label: str, numbers: Sequence[int]) -> str:
    """ "Vraag 3", "Antwoord op vraag 3 en 4", "Vraag 1, 2 en 5"."""
    return f"{label} {do_dutch_list([str(number) for number in numbers])}"


class _UniqueAnchors:
    """Anchors stay unique on a page even when a source numbers two questions the same."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, wanted: str) -> str:
        anchor, counter = wanted, 1
        while anchor in self._used:
            counter += 1
            anchor = f"{wanted}-{counter}"
        self._used.add(anchor)
        return anchor


def _unreferenced_footnotes(dossier: Dossier) -> list[int]:
    """Footnotes no text points to: listed at the end of the page so they are not left dangling."""
    texts = [dossier.title]
    texts += [question.text for question in dossier.questions]
    texts += [answer.text for answer in dossier.answers]
    texts += [section.text for section in dossier.sections]
    referenced = {int(number) for text in texts for number in FOOTNOTE_MARKER.findall(text)}
    return sorted({footnote.number for footnote in dossier.footnotes} - referenced)


def _headline(title: str) -> str:
    """A title as a heading: the parser gives the subject as printed after "over" ("het bericht …")."""
    title = title.strip()
    # Only an all-lowercase first word: "iPhone" or "eID" keep their spelling.
    if title and title.split()[0].islower():
        return title[:1].upper() + title[1:]
    return title


def _footnote_numbers(dossier: Dossier) -> frozenset[int]:
    return frozenset(footnote.number for footnote in dossier.footnotes)


def _date(dossier: Dossier) -> dt.date | None:
    return dossier.submitted or dossier.received


def _newest_first(dossier: Dossier) -> tuple[bool, int, str]:
    date = _date(dossier)
    return (date is None, -date.toordinal() if date else 0, dossier.id)


def _editors_anchor(dossier: Dossier) -> str:
    return "dossier-" + re.sub(r"[^A-Za-z0-9_-]+", "-", dossier.id)


def _sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.level is not Level.ERROR, d.line or 0))


def _description(dossier: Dossier) -> str:
    """One sentence for search engines and link previews: what, by whom, to whom, when."""
    sentence = DESCRIPTION_OPENINGS.get(dossier.kind, str(dossier.kind))
    if dossier.submitters:
        names = [f"{m.name} ({m.party})" if m.party else m.name for m in dossier.submitters]
        sentence += " van " + do_dutch_list(names)
    if dossier.addressees:
        sentence += " aan " + do_dutch_list([f"de {addressee}" for addressee in dossier.addressees])
    if dossier.submitted:
        sentence += f", ingezonden {do_dutch_date(dossier.submitted)}"
    elif dossier.received:
        sentence += f", ontvangen {do_dutch_date(dossier.received)}"
    return plain_text(sentence, _footnote_numbers(dossier)) + "."

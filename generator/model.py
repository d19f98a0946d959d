"""The typed model of a question dossier: what the parser produces and every page is rendered from.

All text fields hold clean, plain text (never Markdown or HTML): paragraphs are separated by a blank
line, and a footnote reference is written ``[^N]`` where N is the number of a footnote of the same
dossier. Rendering is responsible for escaping; nothing here is trusted as markup.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any


class Kind(enum.StrEnum):
    """What shape of document a dossier was read from."""

    QUESTIONS = "questions"  # written questions, not (yet) answered
    ANSWERS = "answers"  # questions with the government's answers (Aanhangsel van de Handelingen)
    MEDEDELING = "mededeling"  # a notice that the answers will be late
    ORAL = "oral"  # an announcement of oral questions (Mondelinge vragen)


class Level(enum.StrEnum):
    """How serious a diagnostic is: an error fails a strict build, a note only informs editors."""

    ERROR = "error"
    NOTE = "note"


@dataclass(frozen=True, kw_only=True)
class Diagnostic:
    """Something an editor should know about a dossier, anchored to a line of its source."""

    level: Level
    line: int | None  # 1-based line in the source file; None when it concerns the whole file
    message: str
    quote: str = ""  # a short excerpt of the source at that line

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        quoted = f": {self.quote!r}" if self.quote else ""
        return f"{where}: {self.level}: {self.message}{quoted}"


@dataclass(frozen=True, kw_only=True)
class Member:
    """A member of parliament who signed the questions, with the party as printed."""

    name: str
    party: str | None


@dataclass(frozen=True, kw_only=True)
class Addressee:
    """An office the questions are addressed to, written out in full ("Minister van Financiën")."""

    office: str
    # "aan de Minister van EZ, bij afwezigheid van de Staatssecretaris van Financiën": the office
    # that stands in, and the office it stands in for.
    standing_in_for: str | None = None

    def __str__(self) -> str:
        if self.standing_in_for:
            return f"{self.office}, bij afwezigheid van de {self.standing_in_for}"
        return self.office


@dataclass(frozen=True, kw_only=True)
class Official:
    """A member of the government who answered or sent a notice ("Minister Van Weel")."""

    name: str
    office: str  # "Minister", "Staatssecretaris", "Minister-President"
    portfolio: str | None  # as printed in brackets: "Justitie en Veiligheid"


@dataclass(frozen=True, kw_only=True)
class Footnote:
    number: int
    text: str
    urls: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Question:
    """One question; a grouped heading ("Vraag 2 en 3") holds several numbers and one text."""

    numbers: tuple[int, ...]
    text: str
    line: int | None = None

    @property
    def number(self) -> int:
        return self.numbers[0]


@dataclass(frozen=True, kw_only=True)
class Answer:
    """One answer; a grouped answer ("Antwoord op vraag 3 en 4") covers several questions."""

    questions: tuple[int, ...]
    text: str
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Section:
    """Prose that belongs to the dossier but to no question: a Toelichting, a Mededeling."""

    heading: str
    text: str
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Dossier:
    id: str  # stable, URL-safe: the file name of the source without its suffix
    source: str  # file name under dossiers/
    also_from: tuple[str, ...] = ()  # later documents of the same question set (notice, answers)
    kind: Kind
    title: str
    submitted: dt.date | None = None  # "(ingezonden 3 februari 2021)"
    received: dt.date | None = None  # "(ontvangen 14 november 2024)", answers and notices
    session: str | None = None  # vergaderjaar, "2018-2019"
    zaak: str | None = None  # "2019Z15231"
    aanhangsel: int | None = None  # number in the Aanhangsel van de Handelingen of that session
    submitters: tuple[Member, ...] = ()
    addressees: tuple[Addressee, ...] = ()
    answered_by: tuple[Official, ...] = ()
    answered_on_behalf_of: tuple[str, ...] = ()  # "mede namens de Minister van ..."
    see_also: tuple[str, ...] = ()  # "Zie ook Aanhangsel Handelingen, vergaderjaar ..., nr. N"
    questions: tuple[Question, ...] = ()
    answers: tuple[Answer, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    sections: tuple[Section, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level is Level.ERROR)

    @property
    def notes(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level is Level.NOTE)


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """The JSON shape of a dossier, as printed by ``python -m generator parse``."""
    return {
        "id": dossier.id,
        "source": dossier.source,
        "also_from": list(dossier.also_from),
        "kind": str(dossier.kind),
        "title": dossier.title,
        "submitted": _iso(dossier.submitted),
        "received": _iso(dossier.received),
        "session": dossier.session,
        "zaak": dossier.zaak,
        "aanhangsel": dossier.aanhangsel,
        "submitters": [{"name": m.name, "party": m.party} for m in dossier.submitters],
        "addressees": [str(a) for a in dossier.addressees],
        "answered_by": [
            {"name": o.name, "office": o.office, "portfolio": o.portfolio} for o in dossier.answered_by
        ],
        "answered_on_behalf_of": list(dossier.answered_on_behalf_of),
        "see_also": list(dossier.see_also),
        "questions": [{"number": q.number, "numbers": list(q.numbers), "text": q.text} for q in dossier.questions],
        "answers": [{"questions": list(a.questions), "text": a.text} for a in dossier.answers],
        "footnotes": [{"number": f.number, "text": f.text, "urls": list(f.urls)} for f in dossier.footnotes],
        "sections": [{"heading": s.heading, "text": s.text} for s in dossier.sections],
        "errors": [str(d) for d in dossier.errors],
        "warnings": [str(d) for d in dossier.notes],
    }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None

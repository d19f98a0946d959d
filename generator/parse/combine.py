"""Combine the documents of one question set: the questions, the delay notice and the answers.

The Kamer publishes the questions (kv-tk, or .docx text with the zaak number), later perhaps a
notice that the answers will be late, and then the answers with the questions repeated (the
Aanhangsel). Each arrives as its own file; readers want them as one dossier. Documents belong
together when they carry the same zaak number, or, since the PDF of the Aanhangsel does not print
it, when they were submitted on the same day by the same members and have the same title or the
same first question.

Two question documents for the same zaak are not a pair but a mistake: both are kept, and each
gets an error naming the other file.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from generator.model import Answer, Diagnostic, Dossier, Kind, Level

T = TypeVar("T")

# The later a document comes in the life of a question set, the more it tells.
_STAGE = {Kind.QUESTIONS: 0, Kind.ORAL: 0, Kind.MEDEDELING: 1, Kind.ANSWERS: 2}
_MARKER = re.compile(r"\[\^(\d+)\]")
# The opening letters of a first question tell question sets apart, and leave out what may differ
# further on between its two printings (a footnote marker glued to a word, a typo corrected).
_QUESTION_LETTERS = 80


def combine(dossiers: Sequence[Dossier]) -> list[Dossier]:
    """One dossier per question set, in the order of the input (by the first document of each)."""
    keys = list(map(grouping_keys, dossiers))
    groups = groups_by_keys(keys)
    partners = unjoined_partners(dossiers, keys, groups)
    return [
        dossier
        for number, group in enumerate(groups)
        for dossier in combine_group([dossiers[i] for i in group], unjoined=partners.get(number, ()))
    ]


def combine_group(group: Sequence[Dossier], *, unjoined: Sequence[str] = ()) -> list[Dossier]:
    """The dossier of one group of `groups_by_keys`: the document itself, the documents merged, or, for
    two documents of the same stage, each with an error naming the other. With a note naming the
    files of its `unjoined_partners`, if it has any."""
    if len(group) == 1:
        combined = [group[0]]
    elif _is_one_question_set(group):
        combined = [_merge(group)]
    else:
        combined = _report_duplicates(group)
    return [_with_unjoined_partners(dossier, unjoined) for dossier in combined] if unjoined else combined


def groups_by_keys(keys: Sequence[tuple[tuple[object, ...], ...]]) -> list[list[int]]:
    """The positions of the documents of each question set, from the `grouping_keys` of each document;
    each group in input order, the groups by their first document.

    Documents with the same zaak number are one set. So are documents submitted on the same day by
    the same members that have the same subject or ask the same first question: members often send
    several sets in one day, and the Aanhangsel repeats the title and the questions of its set.
    """
    parent = list(range(len(keys)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_with: dict[tuple[object, ...], int] = {}
    for index, shared in enumerate(keys):
        for key in shared:
            if key in first_with:
                parent[find(index)] = find(first_with[key])
            else:
                first_with[key] = index
    groups: dict[int, list[int]] = {}
    for index in range(len(keys)):
        groups.setdefault(find(index), []).append(index)
    return list(groups.values())


def grouping_keys(dossier: Dossier) -> tuple[tuple[object, ...], ...]:
    """What connects a document to the others of its question set: its zaak, and its submission
    with its subject or with its first question. Documents that keep these keep their groups."""
    keys: list[tuple[object, ...]] = []
    if dossier.zaak:
        keys.append(("zaak", dossier.zaak))
    if dossier.submitted and dossier.submitters:
        submission = (dossier.submitted, tuple(sorted(member.name for member in dossier.submitters)))
        if subject := _letters(dossier.title):
            keys.append(("subject", *submission, subject))
        if dossier.questions and (question := _letters(dossier.questions[0].text)[:_QUESTION_LETTERS]):
            keys.append(("question", *submission, question))
    return tuple(keys)


def unjoined_partners(
    documents: Sequence[Dossier],
    keys: Sequence[tuple[tuple[object, ...], ...]],
    groups: Sequence[Sequence[int]],
) -> dict[int, tuple[str, ...]]:
    """For each group of `groups_by_keys` (by number) that may be one question set with another, the
    files of the other: both were sent on the same day by the same members, and neither has a
    document of a stage that the other has (one has the questions, the other the answers, say), yet
    they share no zaak, title or first question. A title or question garbled in one PDF's text
    keeps answers apart from their questions; but members also send several sets in one day, so
    it may be right, and an editor has to look."""
    # The groups of each submission that has more than one: nearly always none, as a member sends one
    # set a day. A document's keys other than its zaak all hold its submission (day and members).
    first_group: dict[tuple[object, ...], int] = {}
    several: dict[tuple[object, ...], set[int]] = {}
    for number, group in enumerate(groups):
        for position in group:
            for key in keys[position]:
                if key[0] != "zaak":
                    submission = key[1:3]  # ("subject" or "question", day, members, letters)
                    first = first_group.setdefault(submission, number)
                    if first != number:
                        several.setdefault(submission, {first}).add(number)
                    break

    def stages(number: int) -> set[int]:
        return {_STAGE[documents[position].kind] for position in groups[number]}

    def has_zaak(number: int) -> bool:
        return any(key[0] == "zaak" for position in groups[number] for key in keys[position])

    partners: dict[int, set[int]] = {}
    for numbers in several.values():
        for number, other in itertools.permutations(numbers, 2):
            # Two zaak numbers are two question sets.
            if stages(number).isdisjoint(stages(other)) and not (has_zaak(number) and has_zaak(other)):
                partners.setdefault(number, set()).add(other)
    return {
        number: tuple(sorted(documents[position].source for other in others for position in groups[other]))
        for number, others in partners.items()
    }


def _with_unjoined_partners(dossier: Dossier, files: Sequence[str]) -> Dossier:
    note = Diagnostic(
        level=Level.NOTE,
        line=None,
        message=(
            f"not joined with {', '.join(files)}, sent the same day by the same members, which may "
            "belong to this question set: the zaak, the title and the first question differ. If they "
            "belong together, compare those with the official text"
        ),
    )
    return dataclasses.replace(dossier, diagnostics=(*dossier.diagnostics, note))


def _letters(text: str) -> str:
    """The letters and digits of a text without its footnote markers, lower-cased: the Aanhangsel
    repeats the title and the questions, but its quotation marks, dashes and line breaks may differ."""
    return "".join(filter(str.isalnum, _MARKER.sub("", text).casefold()))


def _is_one_question_set(group: Sequence[Dossier]) -> bool:
    """At most one document of each stage: questions, a notice, the answers."""
    stages = [_STAGE[dossier.kind] for dossier in group]
    return len(stages) == len(set(stages))


def _merge(group: Sequence[Dossier]) -> Dossier:
    ordered = sorted(group, key=lambda dossier: _STAGE[dossier.kind])
    first, latest = ordered[0], ordered[-1]
    # The document with answers repeats the questions with its own footnote numbering; it is the
    # most complete text, so it leads, and the earlier documents fill in what it does not print.
    with_questions = max(reversed(ordered), key=lambda dossier: len(dossier.questions))
    footnotes = list(with_questions.footnotes)
    answers = list(latest.answers)
    if latest is not with_questions and latest.footnotes:
        offset = max((footnote.number for footnote in footnotes), default=0)
        answers = [_renumbered(answer, offset) for answer in answers]
        footnotes += [dataclasses.replace(f, number=f.number + offset) for f in latest.footnotes]
    sections = tuple(section for dossier in ordered for section in dossier.sections)
    diagnostics = tuple(
        dataclasses.replace(diagnostic, message=f"{dossier.source}: {diagnostic.message}")
        if dossier is not first
        else diagnostic
        for dossier in ordered
        for diagnostic in dossier.diagnostics
    )
    return dataclasses.replace(
        first,
        kind=latest.kind,
        title=first.title if first.submitters else latest.title,
        submitted=_first(d.submitted for d in ordered),
        received=latest.received,
        session=_first(d.session for d in ordered),
        zaak=_first(d.zaak for d in ordered),
        aanhangsel=latest.aanhangsel if latest.aanhangsel is not None else first.aanhangsel,
        submitters=next((d.submitters for d in ordered if d.submitters), ()),
        addressees=next((d.addressees for d in ordered if d.addressees), ()),
        answered_by=latest.answered_by,
        answered_on_behalf_of=latest.answered_on_behalf_of,
        see_also=tuple(dict.fromkeys(item for d in ordered for item in d.see_also)),
        questions=with_questions.questions,
        answers=tuple(answers),
        footnotes=tuple(footnotes),
        sections=sections,
        also_from=tuple(d.source for d in ordered if d is not first),
        diagnostics=diagnostics,
    )


def _renumbered(answer: Answer, offset: int) -> Answer:
    text = _MARKER.sub(lambda match: f"[^{int(match.group(1)) + offset}]", answer.text)
    return dataclasses.replace(answer, text=text)


def _first(values: Iterable[T | None]) -> T | None:
    return next((value for value in values if value), None)


def _report_duplicates(group: Sequence[Dossier]) -> list[Dossier]:
    result = []
    for dossier in group:
        others = ", ".join(other.source for other in group if other is not dossier)
        problem = Diagnostic(
            level=Level.ERROR,
            line=None,
            message=f"the same question set as {others} (zaak or submission); keep one file per document",
        )
        result.append(dataclasses.replace(dossier, diagnostics=(problem, *dossier.diagnostics)))
    return result

"""Assemble a `Dossier` from the text of one question set: layout, headers, blocks, footnotes, repairs."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from generator.model import (
    Answer,
    Diagnostic,
    Dossier,
    Footnote,
    Kind,
    Level,
    Question,
    Section,
)
from generator.parse import dates, header, text as textrepair
from generator.parse.layout import Identifiers, Line, find_identifiers, is_bare_number, split_lines
from generator.parse.markers import MarkerReader
from generator.parse.structure import (
    DOCX_AH_LINE,
    NUMBERED_QUESTION,
    QUESTION_HEADER,
    RESPONSE_HEADER,
    SEE_ALSO,
    SUBMITTED_LINE,
    ZAAK_LINE,
    Block,
    RawFootnote,
    find_footnotes,
    heading_of,
    split_glued_footnotes,
    split_inline_headings,
)
from generator.parse.tables import Table, break_list_items, raise_note_marks, split_tables

# Printed addresses: with a scheme, with "www.", or a bare domain followed by a path
# ("nos.nl/artikel/2544064-..."); a bare domain alone ("fd.nl, 31 januari 2021") names a source
# and is not a link.
URL = re.compile(
    r"(?:https?://|www\.|(?<![\w@./-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|eu|be|de|int|gov|info|io|fr|uk)/)"
    r"[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]’']"
)
_HEADER_DATE = re.compile(r"\((?:ingezonden|ontvangen)\s[^)]*\)")
_SEE_ALSO_END = re.compile(r"nr\.\s*\d+\.?")


@dataclass(kw_only=True)
class _Findings:
    """What the parser has collected so far, with the diagnostics for the editor."""

    source: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def note(self, line: int | None, message: str, quote: str = "") -> None:
        self.diagnostics.append(Diagnostic(level=Level.NOTE, line=line, message=message, quote=quote[:80]))

    def error(self, line: int | None, message: str, quote: str = "") -> None:
        self.diagnostics.append(Diagnostic(level=Level.ERROR, line=line, message=message, quote=quote[:80]))


_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def dossier_id(source: str) -> str:
    """The id of the dossier in file `source`, which is also the address of its page.

    The file name without its suffix when that is safe in a URL and in a path on any system (letters,
    digits, "-" and "_"), as every canonical name is; otherwise a slug of it with a short hash of the
    name, so that the id stays the same from build to build and two names with one slug ("Mijn
    dossier", "mijn-dossier!") still get a page each.
    """
    stem = PurePath(source).stem
    if _SAFE_ID.fullmatch(stem):
        return stem
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[:60].rstrip("-") or "dossier"
    return f"{slug}-{hashlib.sha256(stem.encode('utf-8')).hexdigest()[:8]}"


def parse_text(raw: str, *, source: str) -> Dossier:
    """Parse one question set. Never raises for bad content: problems become diagnostics."""
    findings = _Findings(source=source)
    page_id = dossier_id(source)
    if page_id != PurePath(source).stem:
        findings.note(
            None,
            f"file name {source!r} is not safe in a web address (use letters, digits, '-' and '_'); "
            f"its page is published as {page_id!r}",
        )
    fixed, encoding_repairs = textrepair.fix_encoding(raw)
    for repair in encoding_repairs:
        findings.note(repair.line, f"{repair.reason}: {repair.before!r} read as {repair.after!r}")
    identifiers = find_identifiers(fixed)
    if identifiers.zaak_as_printed and identifiers.zaak and identifiers.zaak_as_printed.replace(" ", "") != identifiers.zaak:
        findings.note(None, f"zaak number {identifiers.zaak_as_printed!r} has a digit too many; read as {identifiers.zaak}")

    lines = split_glued_footnotes(split_inline_headings(split_lines(fixed)))
    has_page_marks = any(line.page_end for line in lines)
    vocabulary = textrepair.document_vocabulary(fixed)

    lines = _drop_preamble(lines, identifiers)
    header_lines, response_lines, see_also_lines, body = _take_headers(lines)
    raw_footnotes, taken = find_footnotes(body, has_page_marks=has_page_marks)
    body = _without_page_breaks(body, taken)

    markers = MarkerReader([footnote.number for footnote in raw_footnotes])
    header_lines = markers.mark_lines(header_lines)
    body = markers.mark_lines(body)
    for marker_note in markers.notes:
        findings.note(marker_note.line, marker_note.message, marker_note.quote)

    joiner = _Joiner(
        vocabulary=vocabulary, findings=findings, line_per_paragraph=_is_unwrapped(lines, has_page_marks)
    )
    question_header = header.parse_question_header(joiner.join(header_lines)) if header_lines else None
    response_header = header.parse_response_header(joiner.join(response_lines)) if response_lines else None
    for problem in (question_header.problems if question_header else ()) + (
        response_header.problems if response_header else ()
    ):
        findings.note(header_lines[0].number if header_lines else None, problem)

    blocks, loose = _blocks(body)
    questions, answers, sections = _read_blocks(blocks, joiner, findings)
    is_notice = bool(response_lines) and response_lines[0].text.lstrip().startswith("Mededeling")
    if is_notice and loose and not blocks:
        sections.append(Section(heading="Mededeling", text=joiner.join(loose), line=loose[0].number))
        if question_header is None:
            # a notice without the questions names them in prose: "hebben de leden ... gesteld aan ..."
            question_header = header.parse_question_header(sections[-1].text)
        loose = []
    if loose:
        if not blocks:
            questions = _unnumbered_questions(loose, joiner)
        else:
            for line in loose:
                if line.text.strip():
                    findings.error(line.number, "text outside any question, answer or footnote", line.text)
            sections.insert(0, Section(heading="Overige tekst", text=joiner.join(loose), line=loose[0].number))

    footnotes = [_footnote(raw, joiner, findings) for raw in raw_footnotes]
    for footnote in footnotes:
        if footnote.number not in markers.found:
            findings.note(footnote.line, f"footnote {footnote.number} is never referenced in the text")
    _check_numbering(questions, findings)

    kind = _kind(question_header, response_header, answers, sections)
    if header_lines and question_header and not question_header.submitters:
        findings.error(header_lines[0].number, "no members found in the header", header_lines[0].text)
    if not header_lines and not response_lines:
        findings.error(None, "no header found: expected 'Vragen van het lid ...' or 'Antwoord van ...'")
    if kind in (Kind.QUESTIONS, Kind.ANSWERS) and not questions:
        findings.error(None, "no questions found: expected 'Vraag 1' or numbered questions")

    submitted = question_header.submitted if question_header else None
    received = response_header.received if response_header else None
    notice = next((section for section in sections if section.heading == "Mededeling"), None)
    zaak = identifiers.zaak
    if notice is not None:
        # A notice names the questions it concerns in prose: "De vragen van het Kamerlid Arib (PvdA)
        # over ... (2011Z26810) kunnen ..." and "Op 6 november jl. hebben de leden ...".
        zaak_in_notice = _NOTICE_ZAAK.search(notice.text)
        if zaak is None and zaak_in_notice:
            zaak = zaak_in_notice.group(1)
            findings.note(notice.line, f"zaak number {zaak} taken from the notice")
        if submitted is None and received is not None:
            submitted = _date_in_notice(notice.text, received)
            if submitted:
                findings.note(notice.line, f"submission date {submitted.isoformat()} taken from the notice")
    session = identifiers.session
    if session is None and (submitted or received):
        session = dates.session_for_date(received or submitted)  # type: ignore[arg-type]
        findings.note(None, f"vergaderjaar not printed; taken from the date as {session}")
    title = question_header.title if question_header and question_header.title else ""
    if not title:
        title = _fallback_title(identifiers, kind)
        findings.note(None, f"no subject found in the header; titled {title!r}")

    return Dossier(
        id=page_id,
        source=source,
        kind=kind,
        title=title,
        submitted=submitted,
        received=received,
        session=session,
        zaak=zaak,
        aanhangsel=identifiers.aanhangsel,
        submitters=question_header.submitters if question_header else (),
        addressees=question_header.addressees if question_header else (),
        answered_by=response_header.officials if response_header else (),
        answered_on_behalf_of=response_header.on_behalf_of if response_header else (),
        see_also=(joiner.join(see_also_lines),) if see_also_lines else (),
        questions=tuple(questions),
        answers=tuple(answers),
        footnotes=tuple(footnotes),
        sections=tuple(sections),
        diagnostics=tuple(findings.diagnostics),
    )


@dataclass(kw_only=True)
class _Joiner:
    """Joins the lines of a block into clean paragraphs, reporting every repair as a note."""

    vocabulary: Counter[str]
    findings: _Findings
    # Text from .docx files has one paragraph per line; a line that does not end a sentence was
    # wrapped by whoever copied it, and runs on.
    line_per_paragraph: bool = False

    def join(self, lines: Sequence[Line]) -> str:
        paragraphs: list[list[Line]] = [[]]
        for line in lines:
            text = line.text.strip()
            if text:
                paragraphs[-1].append(line)
                if self.line_per_paragraph and text.endswith(_SENTENCE_END):
                    paragraphs.append([])
            elif paragraphs[-1] and not _runs_on(paragraphs[-1], line_per_paragraph=self.line_per_paragraph):
                paragraphs.append([])
        texts = []
        for paragraph in paragraphs:
            for piece in split_tables(paragraph):
                if isinstance(piece, Table):
                    rows = [self._repaired(row) for row in piece.rows]
                    notes = [self._repaired(note) for note in piece.notes]
                    texts.append("\n".join(raise_note_marks(rows, notes)))
                elif piece:
                    texts.append(break_list_items(self._repaired(piece)))
        return "\n\n".join(text for text in texts if text)

    def _repaired(self, lines: Sequence[Line]) -> str:
        # one call, so that the repair knows where the source's own lines end
        repaired, repairs = textrepair.repair_paragraph([line.text for line in lines], self.vocabulary)
        self._report(lines[0].number, repairs)
        return _normalise_space(repaired)

    def _report(self, line: int, repairs: Sequence[textrepair.Repair]) -> None:
        """One note per paragraph and kind of repair, listing each change."""
        by_reason: dict[str, list[textrepair.Repair]] = {}
        for repair in repairs:
            if repair.reason not in _ROUTINE_REPAIRS:
                by_reason.setdefault(repair.reason, []).append(repair)
        for reason, listed in by_reason.items():
            changes = "; ".join(f"{repair.before!r} → {repair.after!r}" for repair in listed)
            self.findings.note(line, f"{reason} ({len(listed)}×): {changes}")


# Undoing the layout of the page, not a guess about the words: not worth an editor's time.
_ROUTINE_REPAIRS = frozenset({"hyphenation at a line end undone", "URL broken over two lines"})


_SENTENCE_END = (".", "?", "!", ":", ";", "»", "”", ")", "’")


def _runs_on(paragraph: Sequence[Line], *, line_per_paragraph: bool) -> bool:
    """Whether an empty line after these lines is a break inside a sentence, not between paragraphs.

    Inside a quotation that is still open («Kwam agent Robert-Jan om het leven bij politiewerk? /
    / Nee, zegt stichting»), and in .docx text after a line that does not end a sentence.
    """
    text = " ".join(line.text for line in paragraph)
    if text.count("«") > text.count("»"):
        return True
    return line_per_paragraph and not paragraph[-1].text.strip().endswith(_SENTENCE_END)


def _is_unwrapped(lines: Sequence[Line], has_page_marks: bool) -> bool:
    """Whether the text keeps a paragraph on one line, as text from .docx files does.

    PDF text is wrapped at the page width (about 80 characters) or, where the extraction glued the
    lines, comes with page furniture; at least half of the longer lines running past 120 characters
    with no page furniture at all is the .docx shape.
    """
    if has_page_marks:
        return False
    longer = [line for line in lines if len(line.text.strip()) >= 40]
    return bool(longer) and sum(len(line.text) > 120 for line in longer) >= len(longer) / 2


_SPACES = re.compile(r"[ \t]+")


def _normalise_space(text: str) -> str:
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _without_page_breaks(body: Sequence[Line], footnote_lines: set[int]) -> list[Line]:
    """The body without its footnote lines and without the blank lines a page break left.

    A blank line separates paragraphs, except where it only stands between the end of a page and
    the next page: there the text runs on ("... dat er plannen" / "waren om ...").
    """
    result: list[Line] = []
    at_page_break = False
    for index, line in enumerate(body):
        if line.page_end:
            at_page_break = True
        if index in footnote_lines:
            continue
        if not line.text.strip():
            if not at_page_break:
                result.append(line)
            continue
        if not line.page_end:
            at_page_break = False
        result.append(line)
    return result


def _drop_preamble(lines: list[Line], identifiers: Identifiers) -> list[Line]:
    """Remove identifier lines that stand before the header (zaak number, "AH 604", Aanhangsel number)."""
    result: list[Line] = []
    in_preamble = True
    for line in lines:
        text = line.text.strip()
        if in_preamble and (QUESTION_HEADER.match(text) or RESPONSE_HEADER.match(text) or heading_of(text)):
            in_preamble = False
        if in_preamble and (
            ZAAK_LINE.match(text)
            or DOCX_AH_LINE.match(text)
            or (identifiers.aanhangsel is not None and is_bare_number(text) == identifiers.aanhangsel)
        ):
            continue
        result.append(line)
    return result


def _take_headers(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line], list[Line]]:
    """Split off the question header, the response header and the "Zie ook" line from the body.

    A header runs until its closing date, "(ingezonden ...)" or "(ontvangen ...)", which may be
    broken over lines; text from .docx files has the date on a line of its own and ends the header
    with a blank line instead.
    """
    header_lines: list[Line] = []
    response_lines: list[Line] = []
    see_also_lines: list[Line] = []
    body: list[Line] = []
    submitted_line: Line | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not header_lines and QUESTION_HEADER.match(text):
            index = _take_header(lines, index, header_lines, see_also_lines)
        elif not response_lines and RESPONSE_HEADER.match(text):
            index = _take_header(lines, index, response_lines, see_also_lines)
        elif not see_also_lines and SEE_ALSO.match(text):
            index = _take_see_also(lines, index, see_also_lines)
        elif not header_lines and submitted_line is None and SUBMITTED_LINE.match(text):
            submitted_line = line
            index += 1
        else:
            if text or body:
                body.append(line)
            index += 1
    if submitted_line is not None:
        header_lines.append(submitted_line)
    return header_lines, response_lines, see_also_lines, body


def _take_header(lines: list[Line], index: int, into: list[Line], see_also: list[Line]) -> int:
    """Move the header starting at `index` into `into`; returns the index after it."""
    accumulated = ""
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if into and (heading_of(text) or RESPONSE_HEADER.match(text) or QUESTION_HEADER.match(text)):
            return index
        if not text:
            if _HEADER_DATE.search(accumulated) or not _date_follows(lines, index):
                return index
            index += 1
            continue
        see_also_match = SEE_ALSO.search(text)
        if see_also_match:
            before = text[: see_also_match.start()].strip()
            if before:
                into.append(replace(line, text=before))
            see_also.append(replace(line, text=text[see_also_match.start() :]))
            if _SEE_ALSO_END.search(text[see_also_match.start() :]):
                return index + 1
            return _take_see_also(lines, index + 1, see_also)
        into.append(line)
        accumulated += " " + text
        index += 1
        if _HEADER_DATE.search(accumulated):
            return index
    return index


def _date_follows(lines: list[Line], index: int) -> bool:
    """Whether the header's date comes within the next few lines, after a blank line inside it."""
    upcoming = [line.text for line in lines[index : index + 4] if line.text.strip()][:2]
    return any("(ingezonden" in text or "(ontvangen" in text for text in upcoming)


def _take_see_also(lines: list[Line], index: int, into: list[Line]) -> int:
    """ "Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 730." may be broken over lines."""
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.text.strip():
            continue
        into.append(line)
        if _SEE_ALSO_END.search(" ".join(item.text for item in into)):
            break
    return index


def _blocks(body: Sequence[Line]) -> tuple[list[Block], list[Line]]:
    """Cut the body at headings. Lines before the first heading are returned as loose lines."""
    numbered = not any((heading_of(line.text) or ("",))[0] == "question" for line in body)
    blocks: list[Block] = []
    loose: list[Line] = []
    next_numbered = 1
    for line in body:
        text = line.text.strip()
        found = heading_of(text)
        if found is None and numbered:
            match = NUMBERED_QUESTION.match(text)
            if match and int(match.group("numbers")) == next_numbered:
                found = ("question", (next_numbered,), match.group("numbers"), match.group("rest"))
                next_numbered += 1
        if found is None:
            (blocks[-1].lines if blocks else loose).append(line)
            continue
        kind, numbers, heading, rest = found
        if kind == "answer" and not numbers:
            numbers = blocks[-1].numbers if blocks and blocks[-1].kind == "question" else ()
        block = Block(kind=kind, numbers=numbers, heading=heading, line=line.number)
        if rest.strip():
            block.lines.append(replace(line, text=rest.strip()))
        blocks.append(block)
    return blocks, loose


def _read_blocks(
    blocks: Sequence[Block], joiner: _Joiner, findings: _Findings
) -> tuple[list[Question], list[Answer], list[Section]]:
    questions: dict[tuple[int, ...], Question] = {}
    answers: dict[tuple[int, ...], Answer] = {}
    sections: list[Section] = []
    for block in blocks:
        text = _without_repeated_sentences(joiner.join(block.lines), block.line, findings)
        if block.kind == "section":
            sections.append(Section(heading=block.heading, text=text, line=block.line))
            continue
        if not block.numbers:
            findings.error(block.line, f"'{block.heading}' does not say which question it answers", block.heading)
            sections.append(Section(heading=block.heading, text=text, line=block.line))
            continue
        store: dict[tuple[int, ...], Question] | dict[tuple[int, ...], Answer] = (
            questions if block.kind == "question" else answers
        )
        if block.numbers in store:
            previous = store[block.numbers].text
            if text == previous or text in previous:
                findings.note(block.line, f"'{block.heading}' is printed twice; the repeat is left out")
                continue
            if previous in text:
                findings.note(block.line, f"'{block.heading}' is printed twice; the longer text is kept")
            else:
                findings.error(block.line, f"'{block.heading}' appears twice with different text", block.heading)
                text = previous + "\n\n" + text
        if not text:
            findings.error(block.line, f"'{block.heading}' has no text", block.heading)
        if block.kind == "question":
            questions[block.numbers] = Question(numbers=block.numbers, text=text, line=block.line)
        else:
            answers[block.numbers] = Answer(questions=block.numbers, text=text, line=block.line)
    return list(questions.values()), list(answers.values()), sections


# Sentences shorter than this recur for real ("Zo nee, waarom niet?"); longer ones only when the
# extraction printed a passage twice.
_REPEAT_MIN_LENGTH = 40
# The space between two sentences, after the punctuation that ends the first (a character class
# first, which the regex engine scans for quickly, where a look-behind would be tried everywhere).
_SENTENCE_BREAK = re.compile(r"[.?!»]( +)(?=[A-Z«(])")  # not a line break: a table's, a list's


def _without_repeated_sentences(text: str, line: int, findings: _Findings) -> str:
    """Leave out a passage printed a second time in one block, with a note.

    A passage counts as repeated when it holds a long sentence seen before in the block; the short
    sentences around it go with it when they were seen before too.
    """
    units = [
        (number, sentence)
        for number, paragraph in enumerate(text.split("\n\n"))
        for sentence in _sentences(paragraph)
    ]
    first_seen: dict[str, int] = {}
    for index, (_, sentence) in enumerate(units):
        first_seen.setdefault(sentence, index)

    def is_repeat(index: int) -> bool:
        return first_seen[units[index][1]] < index

    dropped: set[int] = set()
    for index, (_, sentence) in enumerate(units):
        if len(sentence) >= _REPEAT_MIN_LENGTH and is_repeat(index):
            dropped.add(index)
            for step in (-1, 1):
                neighbour = index + step
                while 0 <= neighbour < len(units) and neighbour not in dropped and is_repeat(neighbour):
                    dropped.add(neighbour)
                    neighbour += step
    if dropped:
        passage = " ".join(units[index][1] for index in sorted(dropped))
        findings.note(line, "a passage printed twice is left out the second time", passage)
    paragraphs: dict[int, list[str]] = {}
    for index, (number, sentence) in enumerate(units):
        if index not in dropped:
            paragraphs.setdefault(number, []).append(sentence)
    return "\n\n".join(" ".join(sentences) for sentences in paragraphs.values())


def _sentences(paragraph: str) -> list[str]:
    sentences = []
    start = 0
    for space in _SENTENCE_BREAK.finditer(paragraph):
        sentences.append(paragraph[start : space.start(1)])
        start = space.end(1)
    sentences.append(paragraph[start:])
    return sentences


def _unnumbered_questions(lines: Sequence[Line], joiner: _Joiner) -> list[Question]:
    """Text from .docx files often has one question per paragraph and no numbers."""
    paragraphs: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [
        Question(numbers=(number,), text=joiner.join(paragraph), line=paragraph[0].number)
        for number, paragraph in enumerate((p for p in paragraphs if p), start=1)
    ]


def _footnote(raw: RawFootnote, joiner: _Joiner, findings: _Findings) -> Footnote:
    text = joiner.join(raw.lines)
    if raw.mangled_from:
        findings.note(raw.lines[0].number, f"footnote number {raw.number} was printed as {raw.mangled_from!r}")
    urls = tuple(dict.fromkeys(_normalise_url(url) for url in URL.findall(text)))
    return Footnote(number=raw.number, text=text, urls=urls, line=raw.lines[0].number)


def _normalise_url(url: str) -> str:
    return url if url.startswith("http") else "https://" + url


def _check_numbering(questions: Sequence[Question], findings: _Findings) -> None:
    seen = sorted(n for question in questions for n in question.numbers)
    for previous, current in zip(seen, seen[1:]):
        if current > previous + 1:
            line = next(q.line for q in questions if current in q.numbers)
            findings.error(line, f"question number skipped: {previous} is followed by {current}")


def _kind(
    question_header: header.QuestionHeader | None,
    response_header: header.ResponseHeader | None,
    answers: Sequence[Answer],
    sections: Sequence[Section],
) -> Kind:
    if question_header and question_header.oral:
        return Kind.ORAL
    if answers:
        return Kind.ANSWERS
    if any(section.heading == "Mededeling" for section in sections) or (
        response_header is not None and not answers
    ):
        return Kind.MEDEDELING
    return Kind.QUESTIONS


_NOTICE_ZAAK = re.compile(r"\((\d{4}Z\d{5})\)")
_NOTICE_DATE = re.compile(r"\bOp (\d{1,2} [a-z]+)(?: (\d{4}))? jl\.")


def _date_in_notice(text: str, received: dt.date) -> dt.date | None:
    """ "Op 6 november jl." in a notice received on 20 november 2024: the most recent such date."""
    match = _NOTICE_DATE.search(text)
    if not match:
        return None
    if match.group(2):
        return dates.parse_dutch_date(f"{match.group(1)} {match.group(2)}")
    date = dates.parse_dutch_date(f"{match.group(1)} {received.year}")
    if date is not None and date > received:
        date = dates.parse_dutch_date(f"{match.group(1)} {received.year - 1}")
    return date


def _fallback_title(identifiers: Identifiers, kind: Kind) -> str:
    what = {Kind.ANSWERS: "Antwoord op vragen", Kind.MEDEDELING: "Mededeling over vragen"}.get(kind, "Vragen")
    if identifiers.zaak:
        return f"{what} {identifiers.zaak}"
    return what


"""Read the header sentences of a question set: who asked whom about what, who answered, and when.

The headers follow a fixed Dutch formula, but the text arrives from PDF and .docx extraction with
spaces lost ("overhet", "vanFinanciën") and lists compressed ("de Ministers van Financiën en voor
Buitenlandse Handel en Ontwikkelingshulp"). Ministry names themselves contain commas and "en", so a
list of offices is split with the catalogue of ministries and portfolios in `generator/data/offices.toml`.
Whatever cannot be read is kept as printed and explained in `problems`, never dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources

from generator.model import Addressee, Member, Official
from generator.parse.dates import parse_dutch_date


@dataclass(frozen=True, kw_only=True)
class QuestionHeader:
    """What a question header says: "Vragen van het lid X (P) aan de Minister van Y over Z (ingezonden …)"."""

    oral: bool  # "Mondelinge vragen van ..."
    submitters: tuple[Member, ...]
    addressees: tuple[Addressee, ...]
    title: str  # the subject after "over", without the closing "(ingezonden ...)"
    submitted: dt.date | None
    problems: tuple[str, ...]  # plain-language reasons something could not be read


@dataclass(frozen=True, kw_only=True)
class ResponseHeader:
    """What an answer or notice header says: "Antwoord van Minister X (P), mede namens … (ontvangen …)"."""

    officials: tuple[Official, ...]
    on_behalf_of: tuple[str, ...]  # offices written out in full, from "mede namens de Minister van X"
    received: dt.date | None
    problems: tuple[str, ...]


def parse_question_header(sentence: str) -> QuestionHeader:
    """Read a question header, or the prose of a notice ("hebben de leden ... vragen gesteld aan ...")."""
    text = _collapse_spaces(sentence)
    formal = _FORMAL_QUESTION_HEADER.match(text) or _FORMAL_QUESTION_HEADER_WITHOUT_AAN.match(text)
    if formal:
        return _read_question_header(
            members=formal["members"], rest=text[formal.end() :], oral=bool(formal["oral"]), prose=False
        )
    for paragraph in re.split(r"\n\s*\n", sentence):
        prose = _PROSE_QUESTION_HEADER.search(_collapse_spaces(paragraph))
        if prose:
            header = _read_question_header(
                members=prose["members"],
                rest=prose.string[prose.end() :],
                oral=bool(prose["oral"]),
                prose=True,
            )
            return replace(header, submitted=header.submitted or parse_dutch_date(prose["before"]))
    return QuestionHeader(
        oral=False,
        submitters=(),
        addressees=(),
        title="",
        submitted=None,
        problems=(
            f"not a question header (expected 'Vragen van het lid ... aan ... over ...'): {_excerpt(text)!r}",
        ),
    )


def parse_response_header(sentence: str) -> ResponseHeader:
    """Read "Antwoord van ..." or "Mededeling van ...": the officials, for whom, and the date received."""
    text = _collapse_spaces(sentence)
    opening = _RESPONSE_OPENING.match(text)
    if opening is None:
        return ResponseHeader(
            officials=(),
            on_behalf_of=(),
            received=None,
            problems=(f"not an answer header (expected 'Antwoord van Minister ...'): {_excerpt(text)!r}",),
        )
    problems: list[str] = []
    body = text[opening.end() :]
    received = None
    dated = _last_bracket(body, "ontvangen")
    if dated:
        received = parse_dutch_date(dated.group("content"))
        if received is None:
            problems.append(f"date received not readable: {dated.group().strip()!r}")
        _report_trailing_text(body[dated.end() :], problems)
        body = body[: dated.start()]
    else:
        problems.append("no date received '(ontvangen ...)' found")
    namens = _MEDE_NAMENS.search(body)
    officials = _read_officials(body[: namens.start()] if namens else body, problems)
    on_behalf_of: tuple[str, ...] = ()
    if namens:
        addressees = _read_office_list(body[namens.end() :].strip(" ,."), problems)
        on_behalf_of = tuple(str(addressee) for addressee in addressees)
    return ResponseHeader(
        officials=officials, on_behalf_of=on_behalf_of, received=received, problems=tuple(problems)
    )


def parse_addressees(text: str) -> tuple[tuple[Addressee, ...], tuple[str, ...]]:
    """The offices in a list such as "de Minister en de Staatssecretaris van VWS", and any problems."""
    problems: list[str] = []
    addressees = _read_office_list(_collapse_spaces(text).strip(" ,."), problems)
    return addressees, tuple(problems)


# --- the question header -------------------------------------------------------------------------

_MEMBERS_INTRO = r"(?:de\s*(?:Kamer)?leden|het\s*(?:Kamer)?lid)\s+"
# "aan" may be glued to the bracket before it or the article after it: "(VVD)aan de", "aande".
_AAN = r"\baan(?:\s+|(?-i:(?=de[A-Z\s]|het\s)))"
_FORMAL_QUESTION_HEADER = re.compile(
    rf"^\W*(?P<oral>Mondelinge\s+)?(?:Vragen|Vraag)\s+van\s+{_MEMBERS_INTRO}(?P<members>.+?)\s*{_AAN}",
    re.IGNORECASE,
)
_FORMAL_QUESTION_HEADER_WITHOUT_AAN = re.compile(
    rf"^\W*(?P<oral>Mondelinge\s+)?(?:Vragen|Vraag)\s+van\s+{_MEMBERS_INTRO}(?P<members>.+?)(?=\s+over\s)",
    re.IGNORECASE,
)
_PROSE_QUESTION_HEADER = re.compile(
    rf"(?P<before>.*?)\b(?:hebben|heeft)\s+{_MEMBERS_INTRO}(?P<members>.+?)\s+"
    rf"(?:(?:schriftelijke|(?P<oral>mondelinge))\s+)?vragen\s+gesteld\s*{_AAN}",
    re.IGNORECASE,
)
# "over" may be glued to the word before it ("Sportover"), to the word after it ("overhet"), or
# follow a comma ("Financiën, over").
_OVER_WORD = r"over(?:\s+|(?=(?:het|de|een|die|dat|deze|dit)\b)|(?=[«“‘'\"A-Z]))"
_OVER = re.compile(r"\s*,?\s*" + _OVER_WORD)
_OVER_ANYWHERE = re.compile(r"\s*,?\s*\b" + _OVER_WORD)
# A full stop after these ends a word, not the subject: "de motie-Van Nispen c.s.", "van 6 november jl."
_ABBREVIATIONS = {"jl", "nr", "nrs", "c.s", "e.a", "o.a", "etc", "blz", "vs", "art", "resp", "dr", "drs"}


def _read_question_header(*, members: str, rest: str, oral: bool, prose: bool) -> QuestionHeader:
    problems: list[str] = []
    submitters = _read_members(members, problems)
    submitted = None
    if not prose:
        dated = _last_bracket(rest, "ingezonden")
        if dated:
            submitted = parse_dutch_date(dated.group("content"))
            if submitted is None:
                problems.append(f"date submitted not readable: {dated.group().strip()!r}")
            _report_trailing_text(rest[dated.end() :], problems)
            rest = rest[: dated.start()]
        else:
            problems.append("no date submitted '(ingezonden ...)' found")
    addressees, title = _read_addressees_and_title(rest, problems)
    if not addressees:
        problems.append("no addressee found: expected 'aan de Minister van ...'")
    if prose:
        title = _ZAAK_REFERENCE_AT_END.sub("", _first_sentence(title))
    return QuestionHeader(
        oral=oral,
        submitters=submitters,
        addressees=addressees,
        title=_without_final_full_stop(title),
        submitted=submitted,
        problems=tuple(problems),
    )


_ZAAK_REFERENCE_AT_END = re.compile(r"\s*\((?:19|20)\d{2}Z ?\d{5,6}\)$")


def _read_addressees_and_title(text: str, problems: list[str]) -> tuple[tuple[Addressee, ...], str]:
    reader = _OfficeReader(text, problems)
    addressees = reader.read_list()
    over = _OVER.match(text, reader.position)
    if over:
        return addressees, text[over.end() :].strip()
    # The list of offices ran into text it does not know: keep that text as an office, as printed.
    over = _OVER_ANYWHERE.search(text, reader.position)
    unread_end = over.start() if over else len(text)
    unread = text[reader.position : unread_end]
    addressees += _unread_office(unread, problems)
    if over is None:
        problems.append("no subject found: expected 'over ...' after the addressees")
        return addressees, ""
    return addressees, text[over.end() :].strip()


def _first_sentence(text: str) -> str:
    """The text up to the first full stop that ends a sentence (not one inside «...» or after "jl")."""
    depth = 0
    for index, character in enumerate(text):
        if character in "«“":
            depth += 1
        elif character in "»”":
            depth = max(0, depth - 1)
        elif character == "." and depth == 0 and not _ends_in_abbreviation(text[:index]):
            following = text[index + 1 :]
            if not following.strip() or re.match(r"\s+[A-Z0-9(«]", following):
                return text[:index]
    return text


def _without_final_full_stop(title: str) -> str:
    title = title.strip()
    if title.endswith(".") and not title.endswith("..") and not _ends_in_abbreviation(title[:-1]):
        return title[:-1].rstrip()
    return title


def _ends_in_abbreviation(text: str) -> bool:
    last_word = re.search(r"[\w.]*$", text).group()  # type: ignore[union-attr]
    return last_word.lower() in _ABBREVIATIONS or re.fullmatch(r"(?:\w\.)+\w", last_word) is not None


# --- members and parties -------------------------------------------------------------------------

_COLLECTIVE_PARTY = re.compile(r"^(?i:beiden|beide|allen|alle)(?:\s+|(?=[A-Z0-9]))(?P<party>.+)$")
_NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+en\s+")
_STRAY_LID = re.compile(r"^(?:lid|leden)\s+(?=\S)")


def _read_members(text: str, problems: list[str]) -> tuple[Member, ...]:
    """Members with their parties: "A en B (beiden X)", "A (X) en B (Y)", "A, B (X) en C (Y)"."""
    members: list[Member] = []
    waiting: list[str] = []  # names printed before a bracket: the next party applies to all of them
    position = 0
    for bracket in re.finditer(r"\(([^()]*)\)", text):
        waiting += _split_names(text[position : bracket.start()], problems, first=not members and not waiting)
        position = bracket.end()
        content = bracket.group(1).strip()
        collective = _COLLECTIVE_PARTY.match(content)
        party = _party(collective["party"] if collective else content, problems)
        if not waiting:
            problems.append(f"party ({content}) printed without a member before it")
            continue
        if collective and len(waiting) < 2:
            problems.append(f"'({content})' follows only one member: {waiting[0]}")
        members += [Member(name=name, party=party) for name in waiting]
        waiting = []
    unbracketed = _split_names(text[position:], problems, first=not members and not waiting)
    waiting += unbracketed
    for name in waiting:
        problems.append(f"no party printed for member {name!r}")
        members.append(Member(name=name, party=None))
    return tuple(members)


def _split_names(chunk: str, problems: list[str], *, first: bool) -> list[str]:
    chunk = re.sub(r"^\s*(?:,|en\b)\s*", "", chunk.strip())
    names = [name.strip() for name in _NAME_SEPARATOR.split(chunk) if name.strip()]
    if first and names and _STRAY_LID.match(names[0]):
        problems.append(f"stray word before the first member ignored: {names[0]!r}")
        names[0] = _STRAY_LID.sub("", names[0])
    return [_repair_person_name(name, problems) for name in names]


def _party(printed: str, problems: list[str]) -> str:
    printed = printed.strip()
    known = _catalogue().parties.get(_key(printed))
    if known:
        return known
    problems.append(f"party {printed!r} is not in the list of known parties; kept as printed")
    return printed


# Accents that PDF extraction detached from their letter, as spacing characters: "Kostic ´", "Yes¸ilgöz".
_DETACHED_ACCENTS = {
    "´": "\u0301",
    "¸": "\u0327",
    "¨": "\u0308",
    "ˇ": "\u030c",
    "˘": "\u0306",
    "˚": "\u030a",
    "˜": "\u0303",
    "ˆ": "\u0302",
}
_DETACHED_ACCENT = re.compile(rf"(?P<letter>[^\W\d_]) ?(?P<accent>[{''.join(_DETACHED_ACCENTS)}])")


def _repair_person_name(name: str, problems: list[str]) -> str:
    repaired = _DETACHED_ACCENT.sub(
        lambda match: match["letter"] + _DETACHED_ACCENTS[match["accent"]], name
    )
    repaired = unicodedata.normalize("NFC", repaired)
    if repaired != name:
        problems.append(f"accent detached from its letter in {name!r}, read as {repaired!r}")
    return repaired


# --- the response header -------------------------------------------------------------------------

_RESPONSE_OPENING = re.compile(r"^\W*(?:Antwoord|Mededeling)\s+van\s+", re.IGNORECASE)
_MEDE_NAMENS = re.compile(r"\s*,?\s*\bmede\s*namens\s+", re.IGNORECASE)
_OFFICIAL_SEPARATOR = re.compile(r"\s*(?:,|\ben\b)\s*")
_OFFICIAL_ARTICLE = re.compile(r"(?:de|het)\s+", re.IGNORECASE)
_OFFICIAL_NAME = re.compile(r"\s*(?P<name>[^(),]+?)\s*(?=\(|,|\s+en\s+|$)")
# The bracket around the portfolio is sometimes left open: "(Volksgezondheid, Welzijn en Sport (ontvangen".
_OFFICIAL_PORTFOLIO = re.compile(r"\s*\((?P<portfolio>[^()]*?)\s*(?P<close>\)|$)")


def _read_officials(text: str, problems: list[str]) -> tuple[Official, ...]:
    """ "Minister Van Weel (Justitie en Veiligheid)", "Minister A (X) en Staatssecretaris B (Y)"."""
    officials: list[Official] = []
    previous_office: _PrintedOffice | None = None
    position = 0
    text = text.strip(" ,.")
    while position < len(text):
        read = _read_official(text, position, previous_office, problems)
        if read is None:
            break
        official, previous_office, position = read
        officials.append(official)
        separator = _OFFICIAL_SEPARATOR.match(text, position)
        if separator is None or separator.end() == position:
            break
        position = separator.end()
    if position < len(text):
        problems.append(f"text after the officials not understood, ignored: {text[position:]!r}")
    if not officials:
        problems.append(f"no answering official found in {text!r}")
    return tuple(officials)


def _read_official(
    text: str, position: int, previous_office: _PrintedOffice | None, problems: list[str]
) -> tuple[Official, _PrintedOffice | None, int] | None:
    """One official from a position: the office (or the one before it), name and portfolio."""
    catalogue = _catalogue()
    article = _OFFICIAL_ARTICLE.match(text, position)
    position = article.end() if article else position
    office = catalogue.match_office(text, position)
    if office:
        position = office.end
        _report_misspelling(office, problems)
        # "de Minister van Financiën": an office printed without a name
        preposition = _PREPOSITION.match(text, position)
        known = catalogue.match_portfolio(text, preposition.end()) if preposition else None
        if known:
            portfolio, position = known
            preposition_word = preposition["preposition"].lower() if preposition else "van"
            problems.append(
                f"no name printed for the {office.office.title} {preposition_word} {portfolio.name}"
            )
            return Official(name="", office=office.office.title, portfolio=portfolio.name), office, position
    elif previous_office:
        office = previous_office
        if not office.plural:
            before = _excerpt(text[position:], 40)
            problems.append(f"no office printed before {before!r}; read as {office.office.title}")
    name_match = _OFFICIAL_NAME.match(text, position)
    if name_match is None:
        return None
    position = name_match.end()
    name = _repair_person_name(name_match["name"], problems)
    portfolio_name = None
    bracket = _OFFICIAL_PORTFOLIO.match(text, position)
    if bracket:
        position = bracket.end()
        if not bracket["close"]:
            problems.append(f"bracket not closed after {bracket['portfolio']!r}")
        portfolio_name = _official_portfolio(bracket["portfolio"], problems)
    if office is None:
        problems.append(f"no office (Minister, Staatssecretaris) printed before {name!r}")
    official = Official(name=name, office=office.office.title if office else "", portfolio=portfolio_name)
    return official, office, position


def _official_portfolio(printed: str, problems: list[str]) -> str:
    portfolio = _catalogue().portfolios.get(_key(printed))
    if portfolio:
        return portfolio.name
    problems.append(f"ministry or portfolio {printed!r} is not in the list of known ones; kept as printed")
    return printed


# --- lists of offices ----------------------------------------------------------------------------


def _read_office_list(text: str, problems: list[str]) -> tuple[Addressee, ...]:
    reader = _OfficeReader(text, problems)
    addressees = reader.read_list()
    return addressees + _unread_office(text[reader.position :], problems)


def _unread_office(unread: str, problems: list[str]) -> tuple[Addressee, ...]:
    """Text where an office was expected but none could be read: kept whole, as printed."""
    office = re.sub(r"^\s*(?:,|\ben\b)?\s*(?:(?:de|het)\s+)?", "", unread, flags=re.IGNORECASE).strip(" ,")
    if not office:
        return ()
    problems.append(f"office not recognised, kept as printed: {office!r}")
    return (Addressee(office=office),)


@dataclass(frozen=True, kw_only=True)
class _Office:
    title: str  # "Minister"
    takes_portfolio: bool
    also_styled: str | None  # the second name of an office printed with two: "Minister van Algemene Zaken"


@dataclass(frozen=True, kw_only=True)
class _Spelling:
    office: _Office
    plural: bool
    correction: str | None  # the right spelling, when this one is a misspelling


@dataclass(frozen=True, kw_only=True)
class _PrintedOffice:
    office: _Office
    plural: bool
    printed: str
    correction: str | None
    end: int


@dataclass(frozen=True, kw_only=True)
class _Portfolio:
    name: str
    prepositions: tuple[str, ...]  # "van" for a ministry, "voor" for a minister without one


@dataclass(frozen=True, kw_only=True)
class _Catalogue:
    office_pattern: re.Pattern[str]
    office_spellings: dict[str, _Spelling]  # by _key() of the spelling
    portfolio_pattern: re.Pattern[str]
    portfolios: dict[str, _Portfolio]  # by _key() of the name and of each abbreviation
    parties: dict[str, str]  # by _key() of the name

    def match_office(self, text: str, position: int) -> _PrintedOffice | None:
        match = self.office_pattern.match(text, position)
        if match is None:
            return None
        spelling = self.office_spellings[_key(match.group())]
        return _PrintedOffice(
            office=spelling.office,
            plural=spelling.plural,
            printed=match.group(),
            correction=spelling.correction,
            end=match.end(),
        )

    def match_portfolio(self, text: str, position: int) -> tuple[_Portfolio, int] | None:
        match = self.portfolio_pattern.match(text, position)
        if match is None:
            return None
        return self.portfolios[_key(match.group())], match.end()


_ARTICLE = re.compile(r"(?:de|het)\s*", re.IGNORECASE)
_PREPOSITION = re.compile(r"\s*(?P<preposition>(?i:van|voor))(?:\s+|(?=[A-Z]))")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:en(?:\s+|(?=[A-Z])))?|\s\s*en(?:\s+|(?=[A-Z])))")
_TITLE_SEPARATOR = re.compile(r"\s*(?:,|\ben\b)\s*")
_STANDING_IN = re.compile(r"\s*,?\s*bij\s+afwezigheid\s+van\s+", re.IGNORECASE)


class _OfficeReader:
    """Reads a list of offices from a position in a text, as far as it can; `position` says how far."""

    def __init__(self, text: str, problems: list[str]) -> None:
        self.text = text
        self.position = 0
        self.problems = problems
        self.catalogue = _catalogue()

    def read_list(self) -> tuple[Addressee, ...]:
        """ "de Minister van X en de Staatssecretaris van Y, bij afwezigheid van de Minister van Z"."""
        addressees = self._group()
        if not addressees:
            return ()
        while True:
            standing_in = _STANDING_IN.match(self.text, self.position)
            if standing_in:
                saved, self.position = self.position, standing_in.end()
                absent = self._group()
                if absent:
                    absent_offices = ", ".join(addressee.office for addressee in absent)
                    addressees[-1] = replace(addressees[-1], standing_in_for=absent_offices)
                    continue
                self.position = saved
            separator = _LIST_SEPARATOR.match(self.text, self.position)
            if separator is None:
                break
            saved, self.position = self.position, separator.end()
            following = self._group()
            if not following:
                self.position = saved
                break
            addressees += following
        return tuple(addressees)

    def _group(self) -> list[Addressee]:
        """One or more offices sharing their portfolios: "de Minister en de Staatssecretaris van VWS"."""
        first = self._office()
        if first is None:
            return []
        if not first.office.takes_portfolio:
            self._skip_second_style(first.office)
            return [Addressee(office=first.office.title)]
        titles = [first]
        while True:
            saved = self.position
            separator = _TITLE_SEPARATOR.match(self.text, self.position)
            if separator is None:
                break
            self.position = separator.end()
            another = self._office()
            if another is None or not another.office.takes_portfolio:
                self.position = saved
                break
            titles.append(another)
        return self._combine(titles, self._portfolios())

    def _office(self) -> _PrintedOffice | None:
        start = self.position
        article = _ARTICLE.match(self.text, self.position)
        position = article.end() if article else self.position
        office = self.catalogue.match_office(self.text, position)
        if office is None and article:
            office = self.catalogue.match_office(self.text, start)
        if office is None:
            return None
        self.position = office.end
        _report_misspelling(office, self.problems)
        return office

    def _skip_second_style(self, office: _Office) -> None:
        if office.also_styled is None:
            return
        pattern = re.compile(r"\s*,\s*(?:de\s+)?" + _tolerant_pattern(office.also_styled), re.IGNORECASE)
        second = pattern.match(self.text, self.position)
        if second:
            self.position = second.end()

    def _portfolios(self) -> list[tuple[str | None, _Portfolio | str]]:
        """(printed preposition, portfolio or unknown text as printed) for each portfolio in a row."""
        found: list[tuple[str | None, _Portfolio | str]] = []
        preposition = _PREPOSITION.match(self.text, self.position)
        if preposition is None:
            return found
        self.position = preposition.end()
        found.append((preposition["preposition"].lower(), self._portfolio_or_unknown()))
        while True:
            saved = self.position
            separator = _LIST_SEPARATOR.match(self.text, self.position)
            if separator is None:
                break
            self.position = separator.end()
            if self._office_follows():
                self.position = saved
                break
            preposition = _PREPOSITION.match(self.text, self.position)
            if preposition:
                self.position = preposition.end()
                found.append((preposition["preposition"].lower(), self._portfolio_or_unknown()))
                continue
            known = self.catalogue.match_portfolio(self.text, self.position)
            if known is None:
                self.position = saved
                break
            self.position = known[1]
            found.append((None, known[0]))
        return found

    def _office_follows(self) -> bool:
        saved = self.position
        follows = self._office() is not None
        self.position = saved
        return follows

    def _portfolio_or_unknown(self) -> _Portfolio | str:
        known = self.catalogue.match_portfolio(self.text, self.position)
        if known:
            self.position = known[1]
            return known[0]
        unknown = _unknown_portfolio_pattern().match(self.text, self.position)
        assert unknown is not None  # the pattern matches the empty string at the end of the text
        self.position = unknown.end()
        printed = unknown.group().strip()
        if not printed:
            self.problems.append("no ministry printed after 'van' or 'voor'")
        else:
            self.problems.append(
                f"ministry or portfolio {printed!r} is not in the list of known ones; kept as printed"
            )
        return printed

    def _combine(
        self, titles: list[_PrintedOffice], portfolios: list[tuple[str | None, _Portfolio | str]]
    ) -> list[Addressee]:
        if not portfolios:
            self.problems.append(f"no ministry printed after {titles[-1].printed!r}")
            return [Addressee(office=title.office.title) for title in titles]
        if len(titles) > 1 and len(portfolios) > 1:
            self.problems.append(
                f"{len(titles)} offices share {len(portfolios)} ministries; every combination is listed"
            )
        elif len(portfolios) > 1 and not titles[0].plural:
            self.problems.append(f"one {titles[0].printed!r} printed before {len(portfolios)} ministries")
        elif len(portfolios) == 1 and len(titles) == 1 and titles[0].plural:
            self.problems.append(f"{titles[0].printed!r} printed before only one ministry")
        addressees = []
        inherited = None
        for printed_preposition, portfolio in portfolios:
            preposition = printed_preposition or inherited
            inherited = preposition
            for title in titles:
                addressees.append(Addressee(office=self._office_name(title, preposition, portfolio)))
        return addressees

    def _office_name(
        self, title: _PrintedOffice, preposition: str | None, portfolio: _Portfolio | str
    ) -> str:
        if isinstance(portfolio, str):
            if not portfolio:
                return title.office.title
            return f"{title.office.title} {preposition or 'van'} {portfolio}"
        if preposition not in portfolio.prepositions:
            correct = portfolio.prepositions[0]
            if preposition is not None:
                self.problems.append(
                    f"printed '{title.office.title} {preposition} {portfolio.name}', "
                    f"read as '{title.office.title} {correct} {portfolio.name}'"
                )
            preposition = correct
        return f"{title.office.title} {preposition} {portfolio.name}"


@functools.cache
def _unknown_portfolio_pattern() -> re.Pattern[str]:
    """Unknown ministry text runs up to the next office or article, "bij afwezigheid" or "over"."""
    office = _catalogue().office_pattern.pattern
    return re.compile(
        r".*?(?=\s*,?\s*(?:\ben\s+)?(?:(?:de|het)\s*)?(?:" + office + r")"
        r"|\s*(?:,\s*|\s\ben\s+)(?:de|het)\b"
        r"|\s*,?\s*\ben\s+(?:van|voor)\s|\s*,\s*(?:van|voor)\s"
        r"|\s*,?\s*\bbij\s+afwezigheid\b|\s*,?\s*\b" + _OVER_WORD + r"|$)",
        re.IGNORECASE,
    )


def _report_misspelling(office: _PrintedOffice, problems: list[str]) -> None:
    if office.correction:
        problems.append(f"'{office.printed}' is a misspelling, read as '{office.correction}'")


# --- the catalogue of offices, portfolios and parties --------------------------------------------


def _key(text: str) -> str:
    """The form two spellings share when they differ only in case, spacing or kind of dash."""
    return re.sub(r"[\s\-‐‑–—]", "", text).casefold()


def _tolerant_pattern(name: str) -> str:
    """A pattern for a name that allows spaces to be lost or doubled and any dash."""
    tokens = re.findall(r"[^\s,\-‐‑–—]+|,|[\-‐‑–—]", name)
    parts = ["[-‐‑–—]?" if re.fullmatch(r"[\-‐‑–—]", token) else re.escape(token) for token in tokens]
    return r"\s*".join(parts)


# A name ends where a word ends, or where the next keyword was glued to it ("Financiënover").
_NAME_END = r"(?:(?![^\W\d_])|(?=over|en[A-Z]|van|voor|[A-Z]))"


@functools.cache
def _catalogue() -> _Catalogue:
    data_folder = resources.files("generator") / "data"
    offices_data = tomllib.loads((data_folder / "offices.toml").read_text(encoding="utf-8"))
    parties_data = tomllib.loads((data_folder / "parties.toml").read_text(encoding="utf-8"))

    office_spellings: dict[str, _Spelling] = {}
    printed_spellings: list[str] = []
    for entry in offices_data["office"]:
        office = _Office(
            title=entry["title"],
            takes_portfolio=entry.get("takes_portfolio", True),
            also_styled=entry.get("also_styled"),
        )
        plural = entry.get("plural")
        office_spellings[_key(office.title)] = _Spelling(office=office, plural=False, correction=None)
        if plural:
            office_spellings[_key(plural)] = _Spelling(office=office, plural=True, correction=None)
        for misspelling, meant in entry.get("misspellings", {}).items():
            office_spellings[_key(misspelling)] = _Spelling(
                office=office, plural=meant == plural, correction=meant
            )
        printed_spellings += [office.title, *([plural] if plural else []), *entry.get("misspellings", {})]
    printed_forms = [_tolerant_pattern(form) for form in sorted(printed_spellings, key=len, reverse=True)]
    office_pattern = re.compile(f"(?i:{'|'.join(printed_forms)})" + r"(?:(?![^\W\d_])|(?=van|voor))")

    portfolios: dict[str, _Portfolio] = {}
    names: list[str] = []
    abbreviations: list[str] = []
    for entry in offices_data["portfolio"]:
        portfolio = _Portfolio(name=entry["name"], prepositions=tuple(entry["prepositions"]))
        portfolios[_key(portfolio.name)] = portfolio
        names.append(portfolio.name)
        for abbreviation in entry.get("abbreviations", []):
            portfolios[_key(abbreviation)] = portfolio
            abbreviations.append(abbreviation)
    name_forms = "|".join(_tolerant_pattern(name) for name in sorted(names, key=len, reverse=True))
    abbreviation_forms = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    portfolio_pattern = re.compile(
        f"(?i:{name_forms}){_NAME_END}" + r"|(?<![\w&])(?:" + abbreviation_forms + r")(?![\w&])"
    )
    return _Catalogue(
        office_pattern=office_pattern,
        office_spellings=office_spellings,
        portfolio_pattern=portfolio_pattern,
        portfolios=portfolios,
        parties={_key(name): name for name in parties_data["names"]},
    )


# --- small helpers -------------------------------------------------------------------------------


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def _last_bracket(text: str, word: str) -> re.Match[str] | None:
    """The last "(word ...)" in the text; the closing bracket may be missing at the very end."""
    matches = list(re.finditer(rf"\(\s*{word}\b(?P<content>[^()]*)(?:\)|$)", text, re.IGNORECASE))
    return matches[-1] if matches else None


def _report_trailing_text(after: str, problems: list[str]) -> None:
    trailing = after.strip().lstrip(".").strip()
    if trailing:
        problems.append(f"text after the date not understood, ignored: {trailing!r}")


def _excerpt(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"

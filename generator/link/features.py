"""What linking needs to know of one dossier besides its words: what it cites, who signed it, whom it asks.

Features depend on the dossier alone, so they are found once per dossier and kept while it is unchanged.
Which dossier of the site a citation names depends on the others; `Citation.cited` is left open here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from urllib.parse import parse_qsl, urlencode, urlsplit

from generator.model import Dossier
from generator.references import find_references

from .results import Citation
from .words import URL, TOKEN, StemCache

# Words that say a citation is to earlier questions this dossier builds on.
FOLLOW_UP_CUE = re.compile(
    r"eerdere\s+vragen|vervolgvragen|vervolg\s+op|ter\s+aanvulling\s+op|naar\s+aanleiding\s+van\s+de\s+antwoorden",
    re.IGNORECASE,
)
FOLLOW_UP_WINDOW = 240  # characters before a citation searched for such words
TITLE_PLACE = "de titel"

TRACKING_PARAMETERS = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|s_cid|igshid|_hsenc|_hsmi|_ga|_gl)$",
    re.IGNORECASE,
)

MemberKey = tuple[str, str]  # name, party ("" when none is printed)


@dataclass(frozen=True, kw_only=True)
class Features:
    """One dossier as linking sees it, apart from its words."""

    id: str
    zaak: str | None  # written without spaces, as citations of it are keyed
    own_keys: tuple[str, ...]  # reference keys under which other dossiers can cite this one
    citations: tuple[Citation, ...]  # in reading order, `cited` still open
    sources: Mapping[str, str]  # normalised URL -> the URL as printed, for every cited web page
    members: tuple[MemberKey, ...]
    offices: tuple[str, ...]  # addressed, or stood in for
    date_key: tuple[str, str]  # where it stands in a member's list: date, then id
    title_stems: frozenset[str]  # a topic needs a dossier with the word in its title
    members_and_offices: frozenset[MemberKey | str]  # what weak signals look for first


def features_of(dossier: Dossier, stems: StemCache) -> Features:
    own = tuple(_own_keys(dossier))
    date = dossier.submitted or dossier.received
    members = tuple(dict.fromkeys(member_key(member.name, member.party) for member in dossier.submitters))
    offices = _offices(dossier)
    return Features(
        id=dossier.id,
        zaak=dossier.zaak.replace(" ", "") if dossier.zaak else None,
        own_keys=own,
        citations=tuple(_citations(dossier, frozenset(own))),
        sources=_sources(dossier),
        members=members,
        offices=offices,
        date_key=(date.isoformat() if date else "", dossier.id),
        title_stems=frozenset(stem for word in TOKEN.findall(dossier.title) if (stem := stems.stem(word))),
        members_and_offices=frozenset((*members, *offices)),
    )


def member_key(name: str, party: str | None) -> MemberKey:
    return name, party or ""


def member_label(member: MemberKey) -> str:
    name, party = member
    return f"{name} ({party})" if party else name


def normalize_url(url: str) -> str:
    """A URL reduced to what identifies the page: no tracking parameters, fragment or trailing slash.

    Scheme, "www." and the case of the host do not matter either, nor the order of the parameters.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()  # not a URL Python can split ("https://[e.vil"): only the same text matches it
    host = parts.netloc.lower().removeprefix("www.")
    host = re.sub(r":(80|443)$", "", host)
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETERS.match(name)
    )
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def _own_keys(dossier: Dossier) -> Iterator[str]:
    if dossier.zaak:
        yield dossier.zaak.replace(" ", "")
    if dossier.aanhangsel is not None and dossier.session:
        session = re.sub(r"\D", "", dossier.session)
        yield f"ah-tk-{session}-{dossier.aanhangsel}"


def _texts(dossier: Dossier) -> Iterator[tuple[str, Callable[[], str]]]:
    """Each text of a dossier, with its place as it reads after "in": "in vraag 3", "in de kop".

    The place is made only when asked for: most texts cite nothing.
    """
    yield dossier.title, lambda: TITLE_PLACE
    for item in dossier.see_also:
        yield item, lambda: "de kop"
    for question in dossier.questions:
        yield question.text, partial(_place, "vraag ", question.numbers)
    for answer in dossier.answers:
        yield answer.text, partial(_answer_place, answer.questions)
    for section in dossier.sections:
        yield section.text, partial(_section_place, section.heading)
    for footnote in sorted(dossier.footnotes, key=lambda footnote: footnote.number):
        yield footnote.text, partial(str.format, "voetnoot {}", footnote.number)


def _place(prefix: str, numbers: Sequence[int]) -> str:
    written = [str(number) for number in numbers]
    return prefix + (written[0] if len(written) == 1 else ", ".join(written[:-1]) + " en " + written[-1])


def _answer_place(questions: Sequence[int]) -> str:
    return _place("het antwoord op vraag ", questions) if questions else "een antwoord"


def _section_place(heading: str) -> str:
    return "de " + (heading.strip().rstrip(":").lower() or "toelichting")


def _citations(dossier: Dossier, own: frozenset[str]) -> Iterator[Citation]:
    for text, place in _texts(dossier):
        # Every form `find_references` knows has "nr.", "Stb." or a zaak number ("2024Z18284");
        # most texts have none of these letters.
        if "nr" not in text and "Stb" not in text and "Z" not in text:
            continue
        for reference in find_references(text):
            if reference.key in own:
                continue
            before = text[max(0, reference.start - FOLLOW_UP_WINDOW) : reference.start]
            yield Citation(
                citing=dossier.id,
                reference=reference,
                label=" ".join(text[reference.start : reference.end].split()),
                place=place(),
                follow_up=bool(FOLLOW_UP_CUE.search(before)),
            )


def _sources(dossier: Dossier) -> dict[str, str]:
    """Normalised URL -> the URL as printed, for every cited web page (a bare home page says too little)."""
    found: dict[str, str] = {}
    for footnote in dossier.footnotes:
        for url in (*footnote.urls, *URL.findall(footnote.text)):
            url = url.rstrip(".,;:)»”’")
            key = normalize_url(url)
            if "/" in key and not key.endswith("/"):
                found.setdefault(key, url)
    return found


def _offices(dossier: Dossier) -> tuple[str, ...]:
    found = []
    for addressee in dossier.addressees:
        found.append(addressee.office)
        if addressee.standing_in_for:
            found.append(addressee.standing_in_for)
    return tuple(dict.fromkeys(found))

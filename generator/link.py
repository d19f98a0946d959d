"""Cross-references between dossiers: related dossiers with their reasons, citations both ways, key terms.

`link` looks at all dossiers at once and stays near-linear in their number: every signal is found
through an inverted index (a cited source, a cited paper, a key term, a member) whose lists are
capped, so no pair of dossiers is compared unless they share something specific. For many dossiers
the counting of words and the search for similar dossiers are shared by forked worker processes.
"""

from __future__ import annotations

import enum
import heapq
import math
import multiprocessing
import os
import re
import sys
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, filterfalse, islice, pairwise
from multiprocessing.connection import Connection
from operator import itemgetter, mul
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit

import Stemmer

from generator.model import Dossier
from generator.references import Reference, ReferenceKind, find_references

RELATED_LIMIT = 8
KEY_TERM_LIMIT = 8  # key terms kept per dossier, for the topic index and the reasons
TOPIC_TERMS_PER_DOSSIER = 4  # a dossier is filed under at most this many topics
TOPIC_MINIMUM = 2  # a topic page needs at least this many dossiers
# Terms per dossier that take part in finding similar dossiers; the rest only count for the norm.
INDEXED_TERMS = 32
QUERY_TERMS = 10  # the strongest of them look up candidates in the inverted index
# A source, paper or term shared by more dossiers than this says little about any two of them, and
# comparing every pair of them would make linking quadratic.
POSTING_LIMIT = 24
MIN_SIMILARITY = 0.04  # cosine of the pruned term vectors below which content is not called similar
MIN_SHARED_TERMS = 2
MEMBER_NEIGHBOURS = 2  # dossiers of the same member nearest in time, on each side, that are considered
SHOWN_TERMS = 5
CANDIDATES = RELATED_LIMIT + 2  # dossiers sharing the most strong terms, scored exactly per dossier

# How much each kind of evidence counts; a direct link between two documents outweighs any likeness.
WEIGHT_SAME_ZAAK = 6.0
WEIGHT_FOLLOW_UP = 5.0
WEIGHT_CITATION = 4.0
WEIGHT_SHARED_SOURCE = 2.0
WEIGHT_SHARED_REFERENCE = 1.5
WEIGHT_SIMILARITY = 8.0  # times the cosine
WEIGHT_SAME_MEMBER = 0.4
WEIGHT_SAME_OFFICE = 0.2

# Words that say a citation is to earlier questions this dossier builds on.
FOLLOW_UP_CUE = re.compile(
    r"eerdere\s+vragen|vervolgvragen|vervolg\s+op|ter\s+aanvulling\s+op|naar\s+aanleiding\s+van\s+de\s+antwoorden",
    re.IGNORECASE,
)
FOLLOW_UP_WINDOW = 240  # characters before a citation searched for such words

TRACKING_PARAMETERS = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|s_cid|igshid|_hsenc|_hsmi|_ga|_gl)$",
    re.IGNORECASE,
)

# Function words, written out for this project (every Dutch text has them, so they tell nothing),
# with the English ones that titles of reports bring along.
DUTCH_STOP_WORDS = frozenset(
    """
    aan al alle alleen als alsnog altijd andere anders ben bent bij binnen daar daarbij daarmee daarna
    daarnaast daarom daarvan dan dat de den der deze die dient dit doen door doet dus echter een eens
    eerder en enige er erg ergens ermee geen geweest had hadden heb hebben heeft hem hen het hier hierbij
    hiervan hij hoe hun ieder iedere iets ik in is ja je jij kan kon konden kunnen kunt maar me meer men
    met mij mijn moet moeten na naar nee neen niet niets nog nu of om omdat ons onze ook op over per
    reeds sinds tegen te ten ter toch toe tot tussen u uit uw van veel via voor vooral waar waarbij
    waarom wanneer want was we wat welk welke wel werd werden wie wij wil willen worden wordt zal zeer
    zelf zich zij zijn zo zoals zonder zou zouden zulke zullen nadat terwijl daardoor hierdoor hierover
    daarover waarin waarop hoeveel hierin tevens waardoor eveneens enkele ander zowel onder boven mede
    inmiddels immers namelijk betreft inzake aldus heer mevrouw mag mogen komt komen staat staan krijgt
    krijgen geeft geven houdt houden laat laten blijkt blijken lijkt lijken zegt zeggen maakt maken
    gebruikt gebruiken gebruik twee drie vier vijf zes zeven acht negen tien eerste tweede derde
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag jaar jaren week weken dag dagen
    the and of to in for on with by from their its is are was were be this that at as an or not
    """.split()  # noqa: SIM905 -- a list of words reads better as a paragraph
)
# Words every written question and answer uses, whatever it is about.
QUESTION_TEXT_WORDS = frozenset(
    """
    vraag vragen antwoord antwoorden beantwoording beantwoorden minister ministers staatssecretaris
    bereid mening deelt delen deel hoeveel bekend bericht berichten artikel kennisgenomen klopt kunt
    toelichten uiteenzetten waarom welke gaat gaan ziet zien acht vindt vind mogelijk mogelijkheden
    beoordeelt kamer kamerlid tweede lid leden ingezonden ontvangen vergaderjaar genoemde aangegeven
    nader informeren maatregelen stappen nemen onderneemt reden waarop manier ervan hiervoor hierop
    zaak namens mede handelingen aanhangsel voetnoot nr kamerstuk kamerstukken schriftelijke
    groenlinks pvda regering kabinet ministerie
    """.split()  # noqa: SIM905
)

TOKEN = re.compile(r"[^\W\d_]{3,}")
URL = re.compile(r"https?://\S+", re.IGNORECASE)
TITLE_WEIGHT = 3  # the title names the subject: its words count this many times
TITLE_PLACE = "de titel"


class Relation(enum.StrEnum):
    """Why two dossiers belong together, from the point of view of the page that lists the other."""

    SAME_ZAAK = "same-zaak"  # the same question set: questions, delay notice, answers
    FOLLOWS_UP = "follows-up"  # this dossier builds on the other's (earlier) questions
    FOLLOWED_UP_BY = "followed-up-by"
    CITES = "cites"  # this dossier cites the other
    CITED_BY = "cited-by"
    SHARED_SOURCE = "shared-source"  # both cite the same web page
    SHARED_REFERENCE = "shared-reference"  # both cite the same Kamerstuk, Aanhangsel, zaak or Staatsblad
    SIMILAR_CONTENT = "similar-content"
    SAME_MEMBER = "same-member"
    SAME_OFFICE = "same-office"


@dataclass(frozen=True, kw_only=True)
class Reason:
    relation: Relation
    # What the two share, as readers know it: URLs, citations as printed, key terms, names, offices.
    details: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Related:
    id: str
    score: float
    reasons: tuple[Reason, ...]  # strongest first


@dataclass(frozen=True, kw_only=True)
class Citation:
    """One citation of an official paper in a dossier's text."""

    citing: str  # id of the dossier whose text cites
    reference: Reference
    label: str  # the citation as printed, on one line: "Kamerstuk 22 112, nr. 2686"
    place: str  # where in the dossier, to follow "in": "vraag 3", "voetnoot 2", "de toelichting"
    cited: str | None = None  # id of the cited dossier, when it is published on this site
    follow_up: bool = False  # the citing text says it builds on the cited (earlier) questions


@dataclass(frozen=True, kw_only=True)
class Links:
    """What `link` found: the pages render it, and it holds nothing that depends on how they look."""

    related: Mapping[str, tuple[Related, ...]]  # by dossier id, strongest first
    citations: Mapping[str, tuple[Citation, ...]]  # by citing dossier id, in reading order
    cited_by: Mapping[str, tuple[Citation, ...]]  # by cited dossier id
    key_terms: Mapping[str, tuple[str, ...]]  # by dossier id: the words that characterise it
    topics: Mapping[str, tuple[str, ...]]  # topic word -> dossier ids, both sorted

    def related_to(self, dossier_id: str) -> tuple[Related, ...]:
        return self.related.get(dossier_id, ())


def link(dossiers: Sequence[Dossier]) -> Links:
    """Every cross-reference between the dossiers; the same input always gives the same result."""
    ordered = sorted(dossiers, key=lambda dossier: dossier.id)
    site_keys = _site_keys(ordered)
    citations = {dossier.id: tuple(_citations(dossier, site_keys)) for dossier in ordered}
    cited_by: dict[str, list[Citation]] = defaultdict(list)
    for dossier in ordered:
        for citation in citations[dossier.id]:
            if citation.cited is not None:
                cited_by[citation.cited].append(citation)

    terms = _TermIndex(ordered)
    evidence = _Evidence()
    _add_same_zaak(ordered, evidence)
    _add_citations(citations, evidence)
    _add_shared(ordered, evidence, Relation.SHARED_SOURCE, WEIGHT_SHARED_SOURCE, _sources)
    _add_shared(
        ordered,
        evidence,
        Relation.SHARED_REFERENCE,
        WEIGHT_SHARED_REFERENCE,
        lambda dossier: _shared_references(dossier, citations[dossier.id]),
    )
    terms.add_similarities(evidence)
    evidence.word = terms.word
    _add_member_neighbours(ordered, evidence)
    weak = _WeakSignals(ordered)

    return Links(
        related={dossier.id: evidence.ranked(dossier.id, weak) for dossier in ordered},
        citations={key: value for key, value in citations.items() if value},
        cited_by={key: tuple(value) for key, value in sorted(cited_by.items())},
        key_terms={dossier.id: terms.key_terms(index) for index, dossier in enumerate(ordered)},
        topics=terms.topics(),
    )


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


# --- citations --------------------------------------------------------------------------------------


def _site_keys(dossiers: Sequence[Dossier]) -> dict[str, str]:
    """Reference keys under which a dossier of the site can be cited: its zaak and its Aanhangsel number."""
    keys: dict[str, str] = {}
    for dossier in dossiers:
        for key in _own_keys(dossier):
            keys.setdefault(key, dossier.id)
    return keys


def _own_keys(dossier: Dossier) -> Iterator[str]:
    if dossier.zaak:
        yield dossier.zaak.replace(" ", "")
    if dossier.aanhangsel is not None and dossier.session:
        session = re.sub(r"\D", "", dossier.session)
        yield f"ah-tk-{session}-{dossier.aanhangsel}"


def _texts(dossier: Dossier) -> Iterator[tuple[str, str]]:
    """Each text of a dossier with its place, as it reads after "in": "in vraag 3", "in de kop"."""
    yield TITLE_PLACE, dossier.title
    for item in dossier.see_also:
        yield "de kop", item
    for question in dossier.questions:
        yield "vraag " + _numbers(question.numbers), question.text
    for answer in dossier.answers:
        place = "het antwoord op vraag " + _numbers(answer.questions) if answer.questions else "een antwoord"
        yield place, answer.text
    for section in dossier.sections:
        yield "de " + (section.heading.strip().rstrip(":").lower() or "toelichting"), section.text
    for footnote in sorted(dossier.footnotes, key=lambda footnote: footnote.number):
        yield f"voetnoot {footnote.number}", footnote.text


def _numbers(numbers: Sequence[int]) -> str:
    written = [str(number) for number in numbers]
    return written[0] if len(written) == 1 else ", ".join(written[:-1]) + " en " + written[-1]


def _citations(dossier: Dossier, site_keys: Mapping[str, str]) -> Iterator[Citation]:
    own = set(_own_keys(dossier))
    for place, text in _texts(dossier):
        for reference in find_references(text):
            if reference.key in own:
                continue
            before = text[max(0, reference.start - FOLLOW_UP_WINDOW) : reference.start]
            yield Citation(
                citing=dossier.id,
                reference=reference,
                label=" ".join(text[reference.start : reference.end].split()),
                place=place,
                cited=site_keys.get(reference.key),
                follow_up=bool(FOLLOW_UP_CUE.search(before)),
            )


# --- evidence between pairs -------------------------------------------------------------------------


class _Evidence:
    """Reasons and scores per ordered pair of dossiers, gathered from every signal."""

    def __init__(self) -> None:
        self._reasons: dict[str, dict[str, dict[Relation, list[str]]]] = defaultdict(dict)
        self._scores: dict[str, dict[str, float]] = defaultdict(dict)
        # Pairs alike in content, with the shared stems that count most; only listed pairs get them as words.
        self._similar: dict[tuple[str, str], tuple[str, ...]] = {}
        self.word: Callable[[str], str] = str

    def add(
        self, this: str, other: str, relation: Relation, weight: float, details: Iterable[str] = ()
    ) -> None:
        if this == other:
            return
        reasons = self._reasons[this].setdefault(other, {})
        seen = relation in reasons
        known = reasons.setdefault(relation, [])
        details = list(details)
        new = [detail for detail in details if detail not in known]
        known.extend(new)
        # A direct link counts once however often it is printed; each further shared source counts again.
        counts = not seen if relation in _ONE_WEIGHT_PER_RELATION else bool(new) or not details
        if counts:
            scores = self._scores[this]
            scores[other] = scores.get(other, 0.0) + weight

    def add_similar(self, this: str, other: str, weight: float, stems: tuple[str, ...]) -> None:
        """Alike in content, both ways; the stems become words only if the pair is listed."""
        if (this, other) in self._similar:
            return
        self._similar[(this, other)] = self._similar[(other, this)] = stems
        scores = self._scores[this]
        scores[other] = scores.get(other, 0.0) + weight
        scores = self._scores[other]
        scores[this] = scores.get(this, 0.0) + weight

    def ranked(self, this: str, weak: _WeakSignals) -> tuple[Related, ...]:
        """The strongest related dossiers; the weak signals only reorder the strongest few."""
        scores = self._scores.get(this)
        if not scores:
            return ()
        strongest = heapq.nsmallest(RELATED_LIMIT + 2, [(-score, other) for other, score in scores.items()])
        for _, other in strongest:
            for relation, weight, details in weak.between(this, other):
                self.add(this, other, relation, weight, details)
        best = sorted((-scores[other], other) for _, other in strongest if scores[other] >= _MIN_SCORE)
        return tuple(self._related(this, other) for _, other in best[:RELATED_LIMIT])

    def _related(self, this: str, other: str) -> Related:
        reasons = self._reasons[this].setdefault(other, {})
        if (this, other) in self._similar:
            reasons[Relation.SIMILAR_CONTENT] = [self.word(stem) for stem in self._similar[(this, other)]]
        return Related(
            id=other,
            score=round(self._scores[this][other], 6),
            reasons=tuple(
                Reason(relation=relation, details=tuple(details))
                for relation, details in sorted(reasons.items(), key=lambda item: _RELATION_ORDER[item[0]])
            ),
        )


# A weak signal alone (the same office) does not make a dossier related.
_MIN_SCORE = min(WEIGHT_SAME_MEMBER, WEIGHT_SIMILARITY * MIN_SIMILARITY)
_RELATION_ORDER = {relation: index for index, relation in enumerate(Relation)}
# Signals whose weight counts once per pair, however many details they list.
_ONE_WEIGHT_PER_RELATION = frozenset(
    {
        Relation.SAME_ZAAK,
        Relation.FOLLOWS_UP,
        Relation.FOLLOWED_UP_BY,
        Relation.CITES,
        Relation.CITED_BY,
        Relation.SIMILAR_CONTENT,
        Relation.SAME_MEMBER,
        Relation.SAME_OFFICE,
    }
)


def _add_same_zaak(dossiers: Sequence[Dossier], evidence: _Evidence) -> None:
    by_zaak: dict[str, list[Dossier]] = defaultdict(list)
    for dossier in dossiers:
        if dossier.zaak:
            by_zaak[dossier.zaak.replace(" ", "")].append(dossier)
    for zaak, group in by_zaak.items():
        for this in group:
            for other in group:
                evidence.add(this.id, other.id, Relation.SAME_ZAAK, WEIGHT_SAME_ZAAK, [zaak])


def _add_citations(citations: Mapping[str, Sequence[Citation]], evidence: _Evidence) -> None:
    for citing, found in citations.items():
        for citation in found:
            if citation.cited is None or citation.cited == citing:
                continue
            if citation.follow_up:
                evidence.add(citing, citation.cited, Relation.FOLLOWS_UP, WEIGHT_FOLLOW_UP, [citation.label])
                evidence.add(
                    citation.cited, citing, Relation.FOLLOWED_UP_BY, WEIGHT_FOLLOW_UP, [citation.label]
                )
            else:
                evidence.add(citing, citation.cited, Relation.CITES, WEIGHT_CITATION, [citation.label])
                evidence.add(citation.cited, citing, Relation.CITED_BY, WEIGHT_CITATION, [citation.label])


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


def _shared_references(dossier: Dossier, citations: Sequence[Citation]) -> dict[str, str]:
    # A citation of a dossier on this site is already a link of its own, stronger than a shared one.
    return {
        citation.reference.key: citation.label
        for citation in citations
        if citation.reference.kind is not ReferenceKind.ZAAK or citation.cited is None
    }


def _add_shared(
    dossiers: Sequence[Dossier],
    evidence: _Evidence,
    relation: Relation,
    weight: float,
    keys_of: Callable[[Dossier], Mapping[str, str]],
) -> None:
    holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for dossier in dossiers:
        for key, shown in keys_of(dossier).items():
            holders[key].append((dossier.id, shown))
    for key in sorted(holders):
        group = holders[key]
        if len(group) < 2 or len(group) > POSTING_LIMIT:
            continue
        for this, _ in group:
            for other, shown in group:
                evidence.add(this, other, relation, weight, [shown])


def _member_key(name: str, party: str | None) -> tuple[str, str]:
    return name, party or ""


def _member_label(name: str, party: str | None) -> str:
    return f"{name} ({party})" if party else name


def _add_member_neighbours(dossiers: Sequence[Dossier], evidence: _Evidence) -> None:
    """A few dossiers of the same member nearest in time; a member's whole list would be too long."""
    by_member: dict[tuple[str, str], list[Dossier]] = defaultdict(list)
    for dossier in dossiers:
        for member in _members(dossier):
            by_member[member].append(dossier)
    for (name, party), signed in sorted(by_member.items()):
        label = _member_label(name, party or None)
        in_time = sorted(signed, key=_date_key)
        for index, dossier in enumerate(in_time):
            for other in in_time[max(0, index - MEMBER_NEIGHBOURS) : index + MEMBER_NEIGHBOURS + 1]:
                evidence.add(dossier.id, other.id, Relation.SAME_MEMBER, WEIGHT_SAME_MEMBER, [label])


class _WeakSignals:
    """The same members or office: a further reason for a pair that another signal found."""

    def __init__(self, dossiers: Sequence[Dossier]) -> None:
        self._members = {dossier.id: _members(dossier) for dossier in dossiers}
        self._offices = {dossier.id: _offices(dossier) for dossier in dossiers}
        self._either = {
            dossier.id: frozenset((*self._members[dossier.id], *self._offices[dossier.id]))
            for dossier in dossiers
        }

    def between(self, this: str, other: str) -> Iterator[tuple[Relation, float, list[str]]]:
        if self._either[this].isdisjoint(self._either[other]):
            return
        members = sorted(member for member in self._members[this] if member in self._members[other])
        if members:
            labels = [_member_label(name, party or None) for name, party in members]
            yield Relation.SAME_MEMBER, WEIGHT_SAME_MEMBER, labels
        offices = [office for office in self._offices[this] if office in self._offices[other]]
        if offices:
            yield Relation.SAME_OFFICE, WEIGHT_SAME_OFFICE, offices


def _members(dossier: Dossier) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys(_member_key(member.name, member.party) for member in dossier.submitters))


def _offices(dossier: Dossier) -> tuple[str, ...]:
    found = []
    for addressee in dossier.addressees:
        found.append(addressee.office)
        if addressee.standing_in_for:
            found.append(addressee.standing_in_for)
    return tuple(dict.fromkeys(found))


def _date_key(dossier: Dossier) -> tuple[str, str]:
    date = dossier.submitted or dossier.received
    return (date.isoformat() if date else "", dossier.id)


# --- content similarity -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer("dutch")
    stemmer.maxCacheSize = 200_000
    return stemmer


@lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    words = DUTCH_STOP_WORDS | QUESTION_TEXT_WORDS
    return frozenset(words) | frozenset(
        _final_consonant(stem) for stem in _stemmer().stemWords(sorted(words))
    )


def content_words(dossier: Dossier) -> list[str]:
    """The words of a dossier as printed (URLs left out), those of the title repeated.

    Footnote markers ("[^2]") hold no letters, so they fall away by themselves.
    """
    texts = [question.text for question in dossier.questions]
    texts += [answer.text for answer in dossier.answers]
    texts += [section.text for section in dossier.sections]
    texts += [footnote.text for footnote in dossier.footnotes]
    words = TOKEN.findall("\n".join(URL.sub(" ", text) if "://" in text else text for text in texts))
    title = URL.sub(" ", dossier.title) if "://" in dossier.title else dossier.title
    return words + TOKEN.findall(title) * TITLE_WEIGHT


def _count_stems(
    start: int, stop: int, dossiers: Sequence[Dossier]
) -> tuple[list[Counter[str]], dict[str, str | None]]:
    """How often each stem occurs in each dossier of a range, and the stems of the words met on the way."""
    stems = _StemCache()
    known = stems.known
    counted = []
    for dossier in dossiers[start:stop]:
        words = content_words(dossier)
        for word in filterfalse(known.__contains__, words):
            stems.stem(word)
        by_stem = Counter(map(known.__getitem__, words))
        del by_stem[None]  # stop words
        counted.append(by_stem)
    return counted, known


def _weigh(
    frequencies: Sequence[Counter[str]], document_frequency: Mapping[str, int], total: int
) -> list[dict[str, float]]:
    """Each dossier's strongest stems with their tf-idf weight, in a vector of length one, strongest first."""
    idf: dict[str, float] = {}
    sublinear = _Sublinear()
    vectors = []
    for by_stem in frequencies:
        for stem in filterfalse(idf.__contains__, by_stem):
            idf[stem] = math.log((1 + total) / document_frequency[stem])
        weights = list(map(mul, map(sublinear.__getitem__, by_stem.values()), map(idf.__getitem__, by_stem)))
        norm = math.sqrt(math.fsum(map(mul, weights, weights))) or 1.0
        # Stems no other dossier has cannot make two dossiers alike; they only count for the norm.
        strongest = sorted(
            ((weight, stem) for weight, stem in zip(weights, by_stem) if document_frequency[stem] > 1),
            reverse=True,
        )[:INDEXED_TERMS]
        vectors.append({stem: weight / norm for weight, stem in strongest})
    return vectors


def _document_frequency(frequencies: Iterable[Counter[str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for by_stem in frequencies:
        counts.update(by_stem.keys())
    return counts


def _term_vectors(
    dossiers: Sequence[Dossier], workers: int
) -> tuple[list[dict[str, float]], dict[str, str | None]]:
    """The term vector of every dossier, and the stem of every word seen.

    With several workers each counts the stems of its share of the dossiers and keeps them: only the
    document frequencies travel to this process and back, then the (short) vectors.
    """
    if workers == 1:
        counted, known = _count_stems(0, len(dossiers), dossiers)
        return _weigh(counted, _document_frequency(counted), len(dossiers)), known
    global _shared_with_workers
    context = multiprocessing.get_context("fork")
    bounds = [len(dossiers) * part // workers for part in range(workers + 1)]
    _shared_with_workers = (dossiers,)
    connections, processes = [], []
    try:
        for start, stop in pairwise(bounds):
            here, there = context.Pipe()
            process = context.Process(target=_term_vector_worker, args=(there, start, stop), daemon=True)
            process.start()
            there.close()
            connections.append(here)
            processes.append(process)
        document_frequency: Counter[str] = Counter()
        known: dict[str, str | None] = {}
        for connection in connections:
            partial_frequency, partial_known = _receive(connection)
            document_frequency.update(partial_frequency)
            known.update(partial_known)
        for connection in connections:
            connection.send((document_frequency, len(dossiers)))
        vectors = [vector for connection in connections for vector in _receive(connection)]
    finally:
        _shared_with_workers = ()
        for process in processes:
            process.join()
    return vectors, known


def _term_vector_worker(connection: Connection, start: int, stop: int) -> None:
    (dossiers,) = _shared_with_workers
    counted, known = _count_stems(start, stop, dossiers)
    connection.send((_document_frequency(counted), known))
    document_frequency, total = connection.recv()
    connection.send(_weigh(counted, document_frequency, total))
    connection.close()


def _receive(connection: Connection) -> Any:
    try:
        return connection.recv()
    except EOFError as error:
        raise RuntimeError(
            "a process that counts the words of the dossiers stopped; see its error above"
        ) from error


def _find_similar(
    start: int,
    stop: int,
    vectors: Sequence[Mapping[str, float]],
    stem_sets: Sequence[frozenset[str]],
    postings: Mapping[str, Sequence[int]],
) -> list[tuple[int, int, float, tuple[str, ...]]]:
    """(dossier, similar dossier, cosine, the shared stems that count most) for each dossier of a range."""
    found = []
    for index in range(start, stop):
        vector = vectors[index]
        # Vectors are in order of weight: the strongest terms look for candidates.
        shared_counts = Counter(chain.from_iterable(map(postings.__getitem__, islice(vector, QUERY_TERMS))))
        del shared_counts[index]
        # Most shared terms first; the sort is stable, so ties keep the (fixed) order of the postings.
        candidates = sorted(shared_counts.items(), key=itemgetter(1), reverse=True)[:CANDIDATES]
        stems = stem_sets[index]
        for other, _ in candidates:
            common = stems & stem_sets[other]
            if len(common) < MIN_SHARED_TERMS:
                continue
            other_vector = vectors[other]
            products = {stem: vector[stem] * other_vector[stem] for stem in sorted(common)}
            # fsum is exact, so the order of the set (which varies between runs) cannot change it.
            score = math.fsum(products.values())
            if score >= MIN_SIMILARITY:
                shown = tuple(sorted(products, key=products.__getitem__, reverse=True)[:SHOWN_TERMS])
                found.append((index, other, score, shown))
    return found


# Below this many dossiers, starting processes costs more than it saves.
PARALLEL_FROM = 5000
_T = TypeVar("_T")
_shared_with_workers: tuple[Any, ...] = ()


def _workers(count: int) -> int:
    """Processes to share the work of `count` dossiers: forked, so they read the data without copying it.

    Forking is only safe on Linux and in a process without other threads (`mkdocs serve` has some).
    """
    if count < PARALLEL_FROM or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def _in_parallel(function: Callable[..., _T], shared: tuple[Any, ...], count: int, workers: int) -> list[_T]:
    """``function(start, stop, *shared)`` over consecutive ranges of ``range(count)``, results in order."""
    if workers == 1:
        return [function(0, count, *shared)]
    global _shared_with_workers
    bounds = [count * part // workers for part in range(workers + 1)]
    _shared_with_workers = shared
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.starmap(_with_shared, [(function, start, stop) for start, stop in pairwise(bounds)])
    finally:
        _shared_with_workers = ()


def _with_shared(function: Callable[..., _T], start: int, stop: int) -> _T:
    return function(start, stop, *_shared_with_workers)


class _TermIndex:
    """Weighted stems per dossier (tf-idf), the strongest in an inverted index, and shown words per stem.

    Every step is a pass over each dossier's own words, or a C-level count; pairs of dossiers are only
    scored when they share strong terms, so the cost grows with the number of dossiers, not its square.
    """

    def __init__(self, dossiers: Sequence[Dossier]) -> None:
        self._ids = [dossier.id for dossier in dossiers]
        self._titles = {dossier.id: dossier.title for dossier in dossiers}
        self._stems = _StemCache()
        workers = _workers(len(dossiers))
        self._vectors, known = _term_vectors(dossiers, workers)
        self._stems.known.update(known)
        self._workers = workers
        self._forms: dict[str, list[str]] | None = None
        self._words: dict[str, str] = {}

    def add_similarities(self, evidence: _Evidence) -> None:
        """The dossiers most alike each dossier, found among those sharing its strongest terms."""
        weighted: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for index, vector in enumerate(self._vectors):
            for stem, weight in vector.items():
                weighted[stem].append((-weight, index))
        # A term strong in very many dossiers keeps only those where it is strongest.
        postings = {
            stem: [index for _, index in sorted(found)[:POSTING_LIMIT]] for stem, found in weighted.items()
        }
        shared = (self._vectors, [frozenset(vector) for vector in self._vectors], postings)
        ids = self._ids
        for found in _in_parallel(_find_similar, shared, len(ids), self._workers):
            for index, other, score, stems in found:
                # Both ways: the other dossier's own strongest terms may not have found this one.
                evidence.add_similar(ids[index], ids[other], WEIGHT_SIMILARITY * score, stems)

    def word(self, stem: str) -> str:
        """The form of a stem readers see most, lower case unless it is mostly written with a capital."""
        if stem not in self._words:
            self._words[stem] = self._shown_form(stem)
        return self._words[stem]

    def _shown_form(self, stem: str) -> str:
        """The shortest form of a stem (a singular, mostly), in lower case where the text has it so."""
        if self._forms is None:
            self._forms = defaultdict(list)
            for word, word_stem in self._stems.known.items():
                if word_stem is not None:
                    self._forms[word_stem].append(word)
        return min(self._forms[stem], key=lambda form: (not form.islower(), len(form), form))

    def _title_stems(self, id_: str) -> set[str]:
        return {stem for word in TOKEN.findall(self._titles[id_]) if (stem := self._stems.stem(word))}

    def key_terms(self, index: int) -> tuple[str, ...]:
        vector = self._vectors[index]
        best = sorted(vector, key=lambda stem: (-vector[stem], stem))[:KEY_TERM_LIMIT]
        return tuple(self.word(stem) for stem in best)

    def topics(self) -> dict[str, tuple[str, ...]]:
        """Topic word -> dossiers that have it among their strongest terms, for topics of a few dossiers or more."""
        by_stem: dict[str, list[str]] = defaultdict(list)
        for index, vector in enumerate(self._vectors):
            for stem in sorted(vector, key=lambda stem: (-vector[stem], stem))[:TOPIC_TERMS_PER_DOSSIER]:
                by_stem[stem].append(self._ids[index])
        topics: dict[str, tuple[str, ...]] = {}
        for stem, ids in by_stem.items():
            # A title names the subject: a word that no title of them has is rarely a topic.
            if len(ids) >= TOPIC_MINIMUM and any(stem in self._title_stems(id_) for id_ in ids):
                word = self.word(stem)
                topics[word] = tuple(sorted(set(topics.get(word, ())) | set(ids)))
        return dict(sorted(topics.items(), key=lambda item: (_fold(item[0].lower()), item[0])))


class _Sublinear(dict[int, float]):
    """1 + log(count), remembered: a word said ten times is not ten times as telling."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1.0 + math.log(count)
        return value


class _StemCache:
    """The stem of each word as printed, or None for a stop word; a corpus repeats its words endlessly."""

    def __init__(self) -> None:
        self._stop = _stop_stems()
        self._stemmer = _stemmer()
        self.known: dict[str, str | None] = {}

    def stem(self, word: str) -> str | None:
        if word in self.known:
            return self.known[word]
        lower = _fold(word.lower())
        stem = None if lower in self._stop else _final_consonant(self._stemmer.stemWord(lower))
        if stem is not None and (stem in self._stop or len(stem) < 3):
            stem = None
        self.known[word] = stem
        return stem


def _final_consonant(stem: str) -> str:
    """One stem for "bedrijf" and "bedrijven", "huis" and "huizen": Snowball leaves the v and z of the plural."""
    if stem.endswith("v"):
        return stem[:-1] + "f"
    if stem.endswith("z"):
        return stem[:-1] + "s"
    return stem


def _fold(word: str) -> str:
    """Without accents, so that "financiën" and "financien" (as a PDF may give it) are one word."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))

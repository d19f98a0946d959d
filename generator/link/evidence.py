"""Every signal between two dossiers but likeness of content, kept up to date, and the ranking it makes.

The signals are held in indexes (a zaak, a cited paper, a cited web page, a member's dossiers in
time) that a dossier enters and leaves on its own, so a change reaches only the dossiers that share
something with it. A dossier's related list is ranked from what the indexes hold for it alone.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import NamedTuple

from generator.references import ReferenceKind

from .features import Features, MemberKey, member_label
from .results import Citation, Reason, Related, Relation
from .terms import MIN_SIMILARITY, Similar

RELATED_LIMIT = 8
MEMBER_NEIGHBOURS = 2  # dossiers of the same member nearest in time, on each side, that are considered
# A source or paper shared by more dossiers than this says little about any two of them, and
# comparing every pair of them would make linking quadratic.
SHARED_LIMIT = 24

# How much each kind of evidence counts; a direct link between two documents outweighs any likeness.
WEIGHT_SAME_ZAAK = 6.0
WEIGHT_FOLLOW_UP = 5.0
WEIGHT_CITATION = 4.0
WEIGHT_SHARED_SOURCE = 2.0
WEIGHT_SHARED_REFERENCE = 1.5
WEIGHT_SIMILARITY = 8.0  # times the cosine
WEIGHT_SAME_MEMBER = 0.4
WEIGHT_SAME_OFFICE = 0.2

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

Holders = dict[str, list[tuple[str, str]]]  # key -> (id, the key as that dossier prints it), by id


class Ranked(NamedTuple):
    """A dossier's related list, and the stems it shows as words (which change when their shown form does)."""

    related: tuple[Related, ...]
    shown_stems: frozenset[str]


class Evidence:
    """The signal indexes of all dossiers, and each one's citations, resolved to dossiers of the site."""

    def __init__(self) -> None:
        self.features: dict[str, Features] = {}
        self.citations: dict[str, tuple[Citation, ...]] = {}  # by citing id, `cited` filled in
        self.cited_by: dict[str, tuple[Citation, ...]] = {}  # by cited id
        self._zaak_groups: dict[str, list[str]] = {}
        self._key_holders: dict[str, list[str]] = {}  # own key -> ids; the first is the one cited
        self._citers: dict[str, set[str]] = {}  # reference key -> ids whose text cites it
        self._citing: dict[str, set[str]] = {}  # id -> ids with a citation of it
        self._source_holders: Holders = {}
        self._reference_holders: Holders = {}
        self._shared_references: dict[str, dict[str, str]] = {}
        self._timelines: dict[MemberKey, list[tuple[str, str]]] = {}  # member -> date keys, in order
        # Cited dossiers whose `cited_by` is out of date: rebuilt once when an add or remove is done,
        # as a dossier cited by thousands would otherwise be rebuilt once per citer that changed.
        self._stale_cited_by: set[str] = set()

    # --- dossiers entering and leaving ------------------------------------------------------------

    def load(self, all_features: Iterable[Features]) -> None:
        """Every dossier at once, in order of id, into empty indexes."""
        for features in all_features:
            self._enter(features)
        for id_ in self.features:
            self._set_citations(id_, self._resolved(id_))
        self._refresh_stale_cited_by()

    def add(self, features: Features) -> set[str]:
        """A dossier enters; the other dossiers whose evidence this changes beyond their pair with it."""
        affected, winners_changed = self._enter(features)
        affected |= self._set_citations(features.id, self._resolved(features.id))
        affected |= self._resolve_citers(winners_changed)
        self._refresh_stale_cited_by()
        return affected

    def remove(self, id_: str) -> set[str]:
        """A dossier leaves; the other dossiers whose evidence this changes beyond their pair with it."""
        features = self.features[id_]
        affected = self._set_citations(id_, ())
        del self.citations[id_]
        del self._shared_references[id_]
        winners_changed = []
        for key in features.own_keys:
            holders = self._key_holders[key]
            first = holders[0]
            holders.remove(id_)
            if not holders:
                del self._key_holders[key]
            if first == id_:
                winners_changed.append(key)
        for key in {citation.reference.key for citation in features.citations}:
            citers = self._citers[key]
            citers.discard(id_)
            if not citers:
                del self._citers[key]
        if features.zaak:
            group = self._zaak_groups[features.zaak]
            group.remove(id_)
            if not group:
                del self._zaak_groups[features.zaak]
        for member in features.members:
            timeline = self._timelines[member]
            del timeline[bisect_left(timeline, features.date_key)]
        affected |= _set_keys(self._source_holders, id_, features.sources, {})
        del self.features[id_]
        affected |= self._resolve_citers(winners_changed)
        self._refresh_stale_cited_by()
        return affected

    def _enter(self, features: Features) -> tuple[set[str], list[str]]:
        """Into every index but those of citations; the affected, and the own keys now cited as this one."""
        id_ = features.id
        self.features[id_] = features
        self.citations[id_] = ()
        self._shared_references[id_] = {}
        if features.zaak:
            insort(self._zaak_groups.setdefault(features.zaak, []), id_)
        for member in features.members:
            insort(self._timelines.setdefault(member, []), features.date_key)
        for citation in features.citations:
            self._citers.setdefault(citation.reference.key, set()).add(id_)
        winners_changed = []
        for key in features.own_keys:
            holders = self._key_holders.setdefault(key, [])
            first = holders[0] if holders else None
            insort(holders, id_)
            if holders[0] != first:
                winners_changed.append(key)
        return _set_keys(self._source_holders, id_, {}, features.sources), winners_changed

    def _resolved(self, id_: str) -> tuple[Citation, ...]:
        resolved = []
        for citation in self.features[id_].citations:
            holders = self._key_holders.get(citation.reference.key)
            resolved.append(replace(citation, cited=holders[0]) if holders else citation)
        return tuple(resolved)

    def _resolve_citers(self, keys: Iterable[str]) -> set[str]:
        affected = set()
        for key in keys:
            for citer in sorted(self._citers.get(key, ())):
                affected |= self._set_citations(citer, self._resolved(citer))
        return affected

    def _set_citations(self, id_: str, citations: tuple[Citation, ...]) -> set[str]:
        before = self.citations[id_]
        if citations == before:
            return set()
        self.citations[id_] = citations
        targets_before = {citation.cited for citation in before if citation.cited is not None}
        targets = {citation.cited for citation in citations if citation.cited is not None}
        for target in targets_before - targets:
            self._citing[target].discard(id_)
        for target in targets - targets_before:
            self._citing.setdefault(target, set()).add(id_)
        self._stale_cited_by |= targets_before | targets
        # A citation of a dossier on this site is already a link of its own, stronger than a shared one.
        shared = {
            citation.reference.key: citation.label
            for citation in citations
            if citation.reference.kind is not ReferenceKind.ZAAK or citation.cited is None
        }
        affected = _set_keys(self._reference_holders, id_, self._shared_references[id_], shared)
        self._shared_references[id_] = shared
        return affected | targets_before | targets | {id_}

    def _refresh_stale_cited_by(self) -> None:
        for id_ in sorted(self._stale_cited_by):
            citing = self._citing.get(id_)
            if not citing:
                self._citing.pop(id_, None)
                self.cited_by.pop(id_, None)
                continue
            self.cited_by[id_] = tuple(
                citation
                for other in sorted(citing)
                for citation in self.citations[other]
                if citation.cited == id_
            )
        self._stale_cited_by.clear()

    # --- the evidence of one dossier ------------------------------------------------------------------

    def partners(self, id_: str, similar: Mapping[str, Similar]) -> set[str]:
        """The dossiers that have any evidence with this one."""
        return set(self._gather(id_, similar))

    def rank(self, this: str, similar: Mapping[str, Similar], word: Callable[[str], str]) -> Ranked:
        """The strongest related dossiers; weak signals (members, offices) only reorder the strongest few."""
        pairs = self._gather(this, similar)
        if not pairs:
            return _NOTHING
        scores = {other: pair.score() for other, pair in pairs.items()}
        strongest = heapq.nsmallest(RELATED_LIMIT + 2, [(-score, other) for other, score in scores.items()])
        features = self.features[this]
        for _, other in strongest:
            scores[other] = pairs[other].add_weak_signals(scores[other], features, self.features[other])
        best = sorted((-scores[other], other) for _, other in strongest if scores[other] >= _MIN_SCORE)
        related = []
        shown: set[str] = set()
        for _, other in best[:RELATED_LIMIT]:
            pair = pairs[other]
            reasons = pair.reasons
            if pair.similar is not None:
                reasons[Relation.SIMILAR_CONTENT] = [word(stem) for stem in pair.similar[1]]
                shown.update(pair.similar[1])
            related.append(
                Related(
                    id=other,
                    score=round(scores[other], 6),
                    reasons=tuple(
                        Reason(relation=relation, details=tuple(reasons[relation]))
                        for relation in sorted(reasons, key=_RELATION_ORDER.__getitem__)
                    ),
                )
            )
        return Ranked(tuple(related), frozenset(shown))

    def _gather(self, this: str, similar: Mapping[str, Similar]) -> dict[str, _Pair]:
        # Likeness is the most common evidence; the order in which kinds are added does not matter.
        pairs = {other: _Pair(found) for other, found in similar.items()}

        def pair(other: str) -> _Pair:
            found = pairs.get(other)
            if found is None:
                found = pairs[other] = _Pair()
            return found

        features = self.features[this]
        if features.zaak:
            for other in self._zaak_groups[features.zaak]:
                if other != this:
                    pair(other).add(Relation.SAME_ZAAK, WEIGHT_SAME_ZAAK, features.zaak)
        for citation in self.citations[this]:
            if citation.cited is not None and citation.cited != this:
                if citation.follow_up:
                    pair(citation.cited).add(Relation.FOLLOWS_UP, WEIGHT_FOLLOW_UP, citation.label)
                else:
                    pair(citation.cited).add(Relation.CITES, WEIGHT_CITATION, citation.label)
        for citation in self.cited_by.get(this, ()):
            if citation.citing != this:
                if citation.follow_up:
                    pair(citation.citing).add(Relation.FOLLOWED_UP_BY, WEIGHT_FOLLOW_UP, citation.label)
                else:
                    pair(citation.citing).add(Relation.CITED_BY, WEIGHT_CITATION, citation.label)
        shared = (
            (Relation.SHARED_SOURCE, WEIGHT_SHARED_SOURCE, features.sources, self._source_holders),
            (
                Relation.SHARED_REFERENCE,
                WEIGHT_SHARED_REFERENCE,
                self._shared_references[this],
                self._reference_holders,
            ),
        )
        for relation, weight, keys, holders in shared:
            for key in sorted(keys):
                group = holders[key]
                if 2 <= len(group) <= SHARED_LIMIT:
                    for other, shown in group:
                        if other != this:
                            pair(other).add(relation, weight, shown)
        # A few dossiers of the same member nearest in time; a member's whole list would be too long.
        for member in sorted(features.members):
            label = member_label(member)
            timeline = self._timelines[member]
            at = bisect_left(timeline, features.date_key)
            for _, other in timeline[max(0, at - MEMBER_NEIGHBOURS) : at + MEMBER_NEIGHBOURS + 1]:
                if other != this:
                    pair(other).add(Relation.SAME_MEMBER, 0.0, label)
        return pairs


class _Pair:
    """What one dossier has with another: reasons with their details, and the parts of the score."""

    __slots__ = ("exact", "similar", "reasons")

    def __init__(self, similar: Similar | None = None) -> None:
        # Weights of direct links and shared papers: halves and wholes, so their sum is exact in any order.
        self.exact = 0.0
        self.similar = similar
        self.reasons: dict[Relation, list[str]] = {}

    def add(self, relation: Relation, weight: float, detail: str) -> None:
        known = self.reasons.get(relation)
        if known is None:
            self.reasons[relation] = [detail]
            self.exact += weight
        elif detail not in known:
            known.append(detail)
            # A direct link counts once however often it is printed; each further shared source counts again.
            if relation not in _ONE_WEIGHT_PER_RELATION:
                self.exact += weight

    def score(self) -> float:
        """Before the weak signals; added in the order a full link always adds them, floats being floats."""
        score = self.exact
        if self.similar is not None:
            score = score + WEIGHT_SIMILARITY * self.similar[0]
        if Relation.SAME_MEMBER in self.reasons:
            score += WEIGHT_SAME_MEMBER
        return score

    def add_weak_signals(self, score: float, this: Features, other: Features) -> float:
        """The same members or offices: a further reason for a pair that another signal found."""
        if this.members_and_offices.isdisjoint(other.members_and_offices):
            return score
        members = sorted(member for member in this.members if member in other.members)
        if members:
            known = self.reasons.setdefault(Relation.SAME_MEMBER, [])
            if not known:
                score += WEIGHT_SAME_MEMBER
            labels = [member_label(member) for member in members]
            known.extend(label for label in labels if label not in known)
        offices = [office for office in this.offices if office in other.offices]
        if offices:
            self.reasons[Relation.SAME_OFFICE] = offices
            score += WEIGHT_SAME_OFFICE
        return score


_NOTHING = Ranked((), frozenset())


def _set_keys(holders: Holders, id_: str, before: Mapping[str, str], now: Mapping[str, str]) -> set[str]:
    """Move a dossier's keys in a holders index; the holders whose pairs may have changed."""
    affected: set[str] = set()
    for key in before.keys() | now.keys():
        if before.get(key) == now.get(key):
            continue
        group = holders.setdefault(key, [])
        size_before = len(group)
        if key in before:
            del group[bisect_left(group, (id_, before[key]))]
        if key in now:
            insort(group, (id_, now[key]))
        # A group too large to tell anything has no pairs, before or after.
        if min(size_before, len(group)) <= SHARED_LIMIT:
            affected.update(other for other, _ in group)
            affected.add(id_)
        if not group:
            del holders[key]
    return affected

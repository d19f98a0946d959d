"""Linking a collection once, and again after a change, redoing only what the change reaches.

A full link reads every dossier (its words, citations, sources, members), counts how telling each
stem is, and builds the indexes that every signal is found through. `Linker` keeps them: given the
collection again with a few dossiers changed, added or removed (the parse cache hands out the same
`Dossier` object for an unchanged file, so unchanged ones are known by identity), it takes the old
versions out of the indexes, puts the new ones in, and ranks anew only the dossiers whose evidence
that touched.

The one thing an update does not redo is the weight of each stem (its document frequency, and the
number of dossiers it was counted over): those are kept from the last full link, and an update
gives exactly what a full link of the new collection gives with those weights. Once the changes
since the last full link add up to a twentieth of the collection, the next link is a full one.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

from generator.model import Dossier
from generator.parallel import in_parallel, in_two_rounds, workers_for

from .evidence import Evidence, Ranked
from .features import Features, features_of
from .results import Links
from .terms import (
    KEY_TERM_LIMIT,
    TOPIC_TERMS_PER_DOSSIER,
    SimilarityIndex,
    TermWeights,
    TopicIndex,
    Vector,
    Weighted,
    WordForms,
    search_range,
    strongest,
    weighted_by_stem,
)
from .words import StemCache, content_words, text_length

# A full link is due when the dossiers changed since the last one reach this share of the collection
# (and at least RELINK_MINIMUM of them): the kept weights drift away from the collection's own.
RELINK_SHARE = 0.05
RELINK_MINIMUM = 20
# How many times a worker's share this process takes of each part of a full link, for all to be done at
# once: a worker also pickles what it found (which this process unpickles only afterwards) and copies
# every page of memory it writes to. Shares are of text for reading and weighing, which cost about what
# a dossier's length costs, and of dossiers for searching and ranking, which cost about the same for
# each. Measured at 50,000 dossiers.
OWN_WEIGHT_READING = 1.15
OWN_WEIGHT_SEARCH = 1.12
OWN_WEIGHT_RANKING = 1.5


@dataclass(frozen=True, kw_only=True)
class LinkRun:
    """What the last call of `Linker.link` did."""

    full: bool
    changed: frozenset[str]  # ids of dossiers that were new, changed or removed (all, for a full link)
    reranked: frozenset[str]  # ids whose related dossiers were ranked anew
    seconds: float


class Linker:
    """Links dossiers; called again with the collection after a change, it redoes only what changed.

    With `weights`, every link uses those stem weights instead of counting them in the collection.
    """

    def __init__(self, *, weights: TermWeights | None = None) -> None:
        self._fixed_weights = weights
        self._state: _State | None = None
        self.last_run: LinkRun | None = None

    @property
    def weights(self) -> TermWeights | None:
        """The stem weights of the last link (None before the first)."""
        return self._state.weights if self._state else None

    def link(self, dossiers: Sequence[Dossier]) -> Links:
        started = time.perf_counter()
        by_id = _by_id(dossiers)
        state = self._state
        if state is not None:
            changed = sorted(id_ for id_, dossier in by_id.items() if state.dossiers.get(id_) is not dossier)
            removed = sorted(state.dossiers.keys() - by_id.keys())
            # Beyond this many changes, a full link is as quick, and counts the weights anew.
            limit = max(RELINK_MINIMUM, RELINK_SHARE * state.weights.total)
            drift = state.drift + len(changed) + len(removed)
            if len(changed) + len(removed) <= limit and (drift <= limit or self._fixed_weights is not None):
                try:
                    reranked = state.update(by_id, changed, removed) if changed or removed else set()
                except BaseException:
                    self._state = None  # half updated: the next link starts afresh
                    raise
                self._report(False, {*changed, *removed}, reranked, started)
                return state.links
        with _no_cyclic_collection():
            self._state = _State.full(by_id, self._fixed_weights)
        self._report(True, set(by_id), set(by_id), started)
        return self._state.links

    def _report(self, full: bool, changed: set[str], reranked: set[str], started: float) -> None:
        self.last_run = LinkRun(
            full=full,
            changed=frozenset(changed),
            reranked=frozenset(reranked),
            seconds=time.perf_counter() - started,
        )


@contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    """A full link makes millions of small objects that all stay; the cyclic collector would scan them
    again and again while they are made (and so would forked workers, which inherit the setting).

    Afterwards they go straight to the oldest generation: left in the youngest, the first collection
    after this one would scan them all at once (some 2.5 s at 50,000 dossiers), and again as they
    age. The oldest generation is still collected, so nothing is kept that would not be.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Only when nothing is frozen: unfreezing would thaw what the program froze on purpose.
        if gc.get_freeze_count() == 0:
            gc.freeze()  # every object the collector tracks, into the permanent generation ...
            gc.unfreeze()  # ... and from there into the oldest
        if enabled:
            gc.enable()


def _by_id(dossiers: Sequence[Dossier]) -> dict[str, Dossier]:
    by_id: dict[str, Dossier] = {}
    for dossier in dossiers:
        if by_id.setdefault(dossier.id, dossier) is not dossier:
            first = by_id[dossier.id].source
            raise ValueError(f"two dossiers have the id {dossier.id!r}: {first} and {dossier.source}")
    return by_id


class _State:
    """Everything the last link found, in the indexes that the next update changes."""

    def __init__(
        self,
        *,
        dossiers: dict[str, Dossier],
        stems: StemCache,
        weights: TermWeights,
        forms: WordForms,
        evidence: Evidence,
        similarity: SimilarityIndex,
        ranked: dict[str, Ranked],
        key_stems: dict[str, tuple[str, ...]],
    ) -> None:
        self.dossiers = dossiers
        self.stems = stems
        self.weights = weights
        self.forms = forms
        self.evidence = evidence
        self.similarity = similarity
        self.ranked = ranked
        self.drift = 0  # dossiers changed since the weights were counted
        self.key_stems: dict[str, tuple[str, ...]] = {}
        self.topics = TopicIndex()
        # What the links hold, by id in order of id.
        self.related = {id_: ranked[id_].related for id_ in sorted(dossiers)}
        self.key_terms: dict[str, tuple[str, ...]] = {}
        for id_ in self.related:
            self._set_key_terms(id_, key_stems[id_])
        self.citations = {id_: found for id_ in self.related if (found := evidence.citations[id_])}
        self.links = self._links()

    @classmethod
    def full(cls, by_id: Mapping[str, Dossier], fixed_weights: TermWeights | None) -> _State:
        ids = sorted(by_id)
        ordered = [by_id[id_] for id_ in ids]
        workers = workers_for(len(ordered))
        stems = StemCache()
        forms = WordForms(stems)
        counted: list[TermWeights] = []

        def weights_of(readings: list[_Reading]) -> TermWeights:
            """Merge what the workers read: the stems of words, their forms, and the stem weights."""
            with_word: Counter[str] = Counter()
            frequency: Counter[str] = Counter()
            for reading in readings:
                stems.known.update(reading.known)
                with_word.update(reading.dossiers_with_word)
                frequency.update(reading.document_frequency)
            forms.add_counted(with_word)
            counted.append(fixed_weights or TermWeights(document_frequency=frequency, total=len(ordered)))
            return counted[0]

        # Shares of equal text, not of equal numbers: answered question sets are several times as long
        # as the others, and sort after them by id.
        costs = list(map(text_length, ordered)) if workers > 1 else None
        readings, weighed = in_two_rounds(
            _read_range,
            _weigh_all,
            weights_of,
            (ordered,),
            len(ids),
            workers,
            own_weight=OWN_WEIGHT_READING,
            costs=costs,
        )
        evidence = Evidence()
        evidence.load(chain.from_iterable(reading.features for reading in readings))
        vectors = dict(zip(ids, chain.from_iterable(vector_list for vector_list, _ in weighed)))

        def search(ids: list[str], *shared: Any) -> Iterable[Any]:
            found = in_parallel(search_range, (ids, *shared), len(ids), workers, own_weight=OWN_WEIGHT_SEARCH)
            return chain.from_iterable(found)

        similarity = SimilarityIndex.built(vectors, search, weighted_parts=[part for _, part in weighed])
        shared = (ids, evidence, similarity, forms.word)
        ranked: dict[str, Ranked] = {}
        key_stems: dict[str, tuple[str, ...]] = {}
        results = chain.from_iterable(
            in_parallel(_rank_range, shared, len(ids), workers, own_weight=OWN_WEIGHT_RANKING)
        )
        for id_, (related, strongest_stems) in zip(ids, results):
            ranked[id_], key_stems[id_] = related, strongest_stems
        return cls(
            dossiers=dict(by_id),
            stems=stems,
            weights=counted[0],
            forms=forms,
            evidence=evidence,
            similarity=similarity,
            ranked=ranked,
            key_stems=key_stems,
        )

    def update(self, by_id: dict[str, Dossier], changed: list[str], removed: list[str]) -> set[str]:
        """Take the old versions out, put the new ones in, and rank anew whom that reaches; those ids."""
        similar = self.similarity.similar
        features = {id_: features_of(by_id[id_], self.stems) for id_ in changed}
        # A change of wording alone (the common edit) leaves every signal but likeness as it was.
        same_evidence = {id_ for id_ in changed if self.evidence.features.get(id_) == features[id_]}
        outgoing = [id_ for id_ in changed if id_ in self.dossiers] + removed
        new = len(outgoing) - len(removed) < len(changed)
        affected = set(changed)
        for id_ in outgoing:
            if id_ not in same_evidence:
                affected |= self.evidence.partners(id_, similar.get(id_, {}))
        for id_ in outgoing:
            _, words = self.stems.count(content_words(self.dossiers[id_]))
            self.forms.remove(words)
            if id_ not in same_evidence:
                affected |= self.evidence.remove(id_)
        vectors: dict[str, Vector | None] = dict.fromkeys(removed)
        for id_ in changed:
            by_stem, words = self.stems.count(content_words(by_id[id_]))
            self.forms.add(words)
            if id_ not in same_evidence:
                affected |= self.evidence.add(features[id_])
            vectors[id_] = self.weights.weigh(by_stem)
        affected |= self.similarity.update(vectors)
        for id_ in changed:
            if id_ not in same_evidence:
                affected |= self.evidence.partners(id_, similar.get(id_, {}))
        self.dossiers = by_id
        self.drift += len(changed) + len(removed)

        for id_ in removed:
            self._set_key_terms(id_, None)
            del self.ranked[id_], self.related[id_]
            self.citations.pop(id_, None)
        for id_, vector in vectors.items():
            if vector is not None:
                self._set_key_terms(id_, strongest(vector, KEY_TERM_LIMIT))
        reworded = self.forms.changed()
        if reworded:
            affected.update(
                id_ for id_, ranked in self.ranked.items() if not ranked.shown_stems.isdisjoint(reworded)
            )
            for id_, key_stems in self.key_stems.items():
                if not reworded.isdisjoint(key_stems):
                    self.key_terms[id_] = tuple(map(self.forms.word, key_stems))
            self.topics.reword(reworded)
        affected &= by_id.keys()
        citing_anew = False
        for id_ in sorted(affected):
            ranked = self.ranked[id_] = self.evidence.rank(id_, similar.get(id_, {}), self.forms.word)
            self.related[id_] = ranked.related
            citations = self.evidence.citations[id_]
            if citations:
                citing_anew = citing_anew or id_ not in self.citations
                self.citations[id_] = citations
            else:
                self.citations.pop(id_, None)
        # New entries went in last; the links keep every mapping in order of id.
        if new:
            self.related = dict(sorted(self.related.items()))
            self.key_terms = dict(sorted(self.key_terms.items()))
        if citing_anew:
            self.citations = dict(sorted(self.citations.items()))
        self.links = self._links()
        return affected

    def _set_key_terms(self, id_: str, key_stems: tuple[str, ...] | None) -> None:
        if key_stems is None:
            del self.key_stems[id_], self.key_terms[id_]
            self.topics.set(id_, ())
            return
        self.key_stems[id_] = key_stems
        self.key_terms[id_] = tuple(map(self.forms.word, key_stems))
        self.topics.set(id_, key_stems[:TOPIC_TERMS_PER_DOSSIER])

    def _links(self) -> Links:
        features = self.evidence.features
        return Links(
            related=dict(self.related),
            citations=dict(self.citations),
            cited_by=dict(sorted(self.evidence.cited_by.items())),
            key_terms=dict(self.key_terms),
            topics=dict(self.topics.topics(lambda id_: features[id_].title_stems, self.forms)),
        )


@dataclass(frozen=True, kw_only=True)
class _Reading:
    """What a worker read in its share of the dossiers, apart from the stem counts it keeps."""

    features: list[Features]
    document_frequency: Counter[str]  # stem -> dossiers that have it
    dossiers_with_word: Counter[str]  # word (with a stem) -> dossiers that have it
    known: dict[str, str | None]  # word -> stem


# The stem counts of a range of dossiers, by id: kept by the worker that counted them, to weigh them.
_Counts = dict[str, dict[str, int]]


def _read_range(start: int, stop: int, dossiers: Sequence[Dossier]) -> tuple[_Counts, _Reading]:
    stems = StemCache()
    features = []
    counts: _Counts = {}
    frequency: Counter[str] = Counter()
    with_word: Counter[str] = Counter()
    for dossier in dossiers[start:stop]:
        features.append(features_of(dossier, stems))
        by_stem, words = stems.count(content_words(dossier))
        counts[dossier.id] = by_stem
        frequency.update(by_stem.keys())
        with_word.update(words)
    reading = _Reading(
        features=features, document_frequency=frequency, dossiers_with_word=with_word, known=stems.known
    )
    return counts, reading


def _weigh_all(counts: _Counts, weights: TermWeights) -> tuple[list[Vector], Weighted]:
    """The vectors of a range of dossiers, and their part of the similarity index's lists."""
    vectors = list(map(weights.weigh, counts.values()))
    return vectors, weighted_by_stem(zip(counts, vectors))


def _rank_range(
    start: int,
    stop: int,
    ids: Sequence[str],
    evidence: Evidence,
    similarity: SimilarityIndex,
    word: Callable[[str], str],
) -> list[tuple[Ranked, tuple[str, ...]]]:
    """The related dossiers and the key stems of a range of dossiers."""
    similar, vectors = similarity.similar, similarity.vectors
    return [
        (evidence.rank(id_, similar.get(id_, {}), word), strongest(vectors[id_], KEY_TERM_LIMIT))
        for id_ in ids[start:stop]
    ]

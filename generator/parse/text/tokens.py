"""Repair of the words of one joined paragraph: words run together and hyphens left inside a line.

Where a PDF's lines were glued without a space, every lost line break left a mark: two words
run together ("kledingbij"), a hyphen inside a line ("vergoe-ding"), a space missing after
punctuation ("detentie.Nadat") or between a number and a word ("november2024"). The lines of a
page are all about as long (some 73 characters), so the certain marks (a case change, a
function word glued to the next word, half a word on each side of a hyphen) show the rhythm,
and a doubtful mark (two words that may also be one compound, "weerfenomeen", or glue that is
itself a word, "waarde" for "waar de") is only taken where it keeps that rhythm. The series of
line ends that fits best is found as a shortest path through the marks of a paragraph.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass

from .glue import (
    CLASSIFIERS,
    LIKELY,
    PAIR_IN_DOCUMENT,
    UNLIKELY,
    classifier_split,
    glue_splits,
    has_glued_lines,
    hidden_line_end_splits,
    word_glue_boundaries,
)
from .hyphens import Hyphen, Where, hyphen_verdict
from .lines import join_flattened_line_ends
from .repair import Repair
from .rhythm import NO_LAYOUT, Judge, Layout, LineEnds, Survey
from .spaces import missing_space_cuts
from .vocabulary import document_memo, pairs_printed_apart
from .words import LONGEST_WORD, Cache, is_acronym, is_dutch_word, is_fragment, is_url, zipf


_SENTENCE_END = (".", "?", "!", ":", ";")
_LONGEST_CHAIN = 4  # words in a chain of hyphens ("kant-en-klaar"), at most; longer is no text

# How strongly a mark says that a glued line ended at it, in the units of the layout's costs.
_PUNCTUATION_EVIDENCE = -2.5  # a space missing after punctuation or around a number

_ALTERNATIVE = 0.75  # more: a less likely reading of the same glued word
_PER_ZIPF_BEHIND = 0.25  # more still, for each step (of zipf) its words are rarer than the likeliest
_MOST_BEHIND = 2.0


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
    text, shifts = join_flattened_line_ends(text, vocabulary, repairs)
    judge = NO_LAYOUT
    if has_glued_lines(vocabulary):
        physical = (
            None if line_starts is None else frozenset(_shifted(start, shifts) for start in line_starts)
        )
        judge = _glued_line_ends(text, vocabulary, physical)
    repaired = _repair_tokens(text, vocabulary, judge, repairs)
    return repaired, repairs


def _shifted(position: int, shifts: Sequence[tuple[int, int]]) -> int:
    """A position in a text after the edits ``shifts`` (where, how many characters fewer)."""
    return position - sum(removed for where, removed in shifts if where < position)


def _glued_line_ends(text: str, vocabulary: Counter[str], physical: frozenset[int] | None) -> LineEnds:
    """Where the lines of a glued paragraph ended, judged by the marks they left."""
    survey = Survey()
    _repair_tokens(text, vocabulary, survey, [])
    # A line that ends a sentence may be short: the paragraph ended there in the source.
    sentence_ends = frozenset(
        position for position in survey.marks if _ENDS_SENTENCE.search(text, max(0, position - 12), position)
    )
    layout = Layout.fit(survey.marks, text, physical=physical, sentence_ends=sentence_ends)
    if layout is None:
        return NO_LAYOUT
    unmarked = layout.unmarked()
    hidden = _hidden_line_ends(text, vocabulary, unmarked) if unmarked else {}
    layout, taken = layout.with_hidden(hidden)
    return LineEnds(positions=layout.line_ends, hidden=taken)


def _hidden_line_ends(
    text: str, vocabulary: Counter[str], stretches: Sequence[tuple[int, int]]
) -> dict[int, float]:
    """Where a line end may hide in a word that is a word itself, in stretches of a paragraph
    where the layout found no mark of one, with how dear each reading is."""
    hidden: dict[int, float] = {}
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if not any(start < stretch_end and stretch_start < end for stretch_start, stretch_end in stretches):
            continue
        word = _WORD_IN_TOKEN.fullmatch(match.group())
        if not word:
            continue
        offset = start + word.start(2)
        for part in re.split(r"([-’'])", word.group(2)):  # the separators kept, for the offsets
            for split in hidden_line_end_splits(part, vocabulary):
                position = offset + split.offset
                if any(stretch_start < position < stretch_end for stretch_start, stretch_end in stretches):
                    hidden[position] = min(split.cost, hidden.get(position, split.cost))
            offset += len(part)
    return hidden


_ENDS_SENTENCE = re.compile(r"[.?!:;](?:[»”’)]|\[\^\d+\])*\s*$")


def _repair_tokens(text: str, vocabulary: Counter[str], judge: Judge, repairs: list[Repair]) -> str:
    word_repairer = _WordRepairer(vocabulary=vocabulary, judge=judge, repairs=repairs)
    surveying = judge.surveying
    printed_apart = pairs_printed_apart(vocabulary).pairs
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
            if word is None or (word and (word in printed_apart or word_glue_boundaries(word)))
        ]
    else:
        # Tokens that are no plain word (None), or a plain word printed apart: found at C speed.
        repairable = _repairable(vocabulary)
        to_repair = list(itertools.compress(itertools.count(), map(repairable.__contains__, words)))
        if judge.wants_word_glue(0, len(text)):
            starts = _token_starts(text, tokens)
            line_ended_inside = [
                index
                for index, word in enumerate(words)
                if word and judge.wants_word_glue(starts[index], starts[index] + len(tokens[index]))
            ]
            to_repair = sorted({*to_repair, *line_ended_inside})
    classified = _after_dit(text, tokens, words)
    to_repair = sorted({*to_repair, *classified}) if classified else to_repair
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
        if index in classified:
            plain = _plain_word(token)
            offset = start + token.index(plain)
            repaired = token.replace(plain, word_repairer.classified(plain, offset, tokens[index - 1]), 1)
        elif lowered:
            if lowered in printed_apart or (surveying and word_glue_boundaries(lowered)):
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


def _repairable(vocabulary: Counter[str]) -> Container[str | None]:
    """What `_token_word` gives for a token that may need repair whatever the layout: None, or a
    pair of words the document prints apart, glued."""
    memo = document_memo(vocabulary)
    if "repairable" not in memo:
        memo["repairable"] = {*pairs_printed_apart(vocabulary).pairs, None}
    return memo["repairable"]  # type: ignore[no-any-return]


_TOKEN = re.compile(r"\S+")
_DIT_CLASSIFIER = re.compile(rf"\b[Dd]it (?:{'|'.join(CLASSIFIERS)})\w")


def _after_dit(text: str, tokens: Sequence[str], words: Sequence[str | None]) -> set[int]:
    """The tokens that are a dictionary word starting with a classifier, right after "dit" (see
    `classifier_split`)."""
    if "it soort" not in text and "it type" not in text or not _DIT_CLASSIFIER.search(text):
        return set()  # nearly every paragraph, told by a plain search first: a regular expression is slower
    return {
        index
        for index in range(1, len(tokens))
        if (word := words[index]) and word.startswith(CLASSIFIERS) and tokens[index - 1].lower() == "dit"
    }


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


_TOKEN_WORDS = Cache(_token_word, size=1 << 18)


def _cannot_be_repaired(token: str) -> bool:
    """Whether ``_WordRepairer.token`` leaves a token as it is, whatever the document and the
    layout: it holds no hyphen or dash (which may be joined, or open an aside), misses no space,
    and has no word long enough to be two words run together."""
    if "-" in token or token[0] in _DASHES:
        return False
    url = _URL_START.search(token)
    if url or is_url(token):
        return not url or url.start() == 0
    if missing_space_cuts(token):
        return False
    match = _WORD_IN_TOKEN.fullmatch(token)
    return match is None or not 4 <= len(match.group(2)) <= LONGEST_WORD


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


_URL_START = re.compile(r"\(?(?:https?://|www\.)", re.IGNORECASE)

_FOOTNOTE_MARKER = r"\[\^\d+\]"
# A word with what may surround it: opening punctuation, closing punctuation and footnote markers.
_WORD_IN_TOKEN = re.compile(rf"([^\w\s]*)([^\W\d_]+(?:[-’'][^\W\d_]+)*)((?:{_FOOTNOTE_MARKER}|[^\w\s])*)")


@dataclass(frozen=True, kw_only=True)
class _WordRepairer:
    """Repairs whitespace-delimited tokens, telling the judge of each mark of a line end."""

    vocabulary: Counter[str]
    judge: Judge
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
        if url or is_url(token):
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

    def classified(self, word: str, offset: int, previous: str) -> str:
        """A dictionary word after ``previous`` that may be a classifier glued to its noun ("dit
        soortonderzoeken"), split if it is."""
        split = classifier_split(previous, word)
        if split is None:
            return word
        self.judge.certain(offset + split.offset)
        self.repairs.append(Repair(before=word, after=split.text, reason="words run together"))
        return split.text

    def _missing_spaces(self, token: str, offset: int) -> str:
        """The token with the spaces put back that punctuation or a number shows were lost."""
        cuts = missing_space_cuts(token)
        if not cuts:
            return token
        spaced = " ".join(token[a:b] for a, b in zip([0, *cuts], [*cuts, len(token)], strict=True))
        reason = "space missing next to punctuation"
        if any(token[cut - 1].isdigit() != token[cut].isdigit() for cut in cuts if token[cut - 1].isalnum()):
            reason = "space missing between a number and a word"
        elif any(token[cut - 1].isalpha() and token[cut].isalpha() for cut in cuts):
            reason = "words run together"  # told by a number after them: "andereF16s"
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
            verdict = hyphen_verdict(previous, part, self.vocabulary, Where.INSIDE) if can_join else None
            if between_letters and verdict and self._hyphen_goes(previous, part, position, verdict):
                merged[-1] = (previous + part, previous_offset, True)
            elif between_letters and verdict is Hyphen.BROKEN:
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

    def _hyphen_goes(self, left: str, right: str, position: int, verdict: Hyphen) -> bool:
        if verdict is Hyphen.JOIN and self._join_is_certain(left, right):
            self.judge.certain(position)  # half a word on either side: "vergoe-ding"
            return True
        if verdict is Hyphen.JOIN and self.vocabulary[(left + right).lower()] >= 1:
            # Printed closed elsewhere ("behandelingstelling"), yet both halves are words: the
            # author may write it either way, so only a line end here says which.
            return self.judge.doubtful(position, LIKELY - PAIR_IN_DOCUMENT)
        if verdict in (Hyphen.JOIN, Hyphen.UNDECIDED):
            return self.judge.doubtful(position, LIKELY)  # "klimaat-neutraal", "commissie-debat"
        if verdict is Hyphen.BROKEN:
            return self.judge.doubtful(position, UNLIKELY)  # "verblijfver-gunning"
        return False

    def _join_is_certain(self, left: str, right: str) -> bool:
        """Whether a hyphen that may go must go: the document or the dictionary leaves no doubt."""
        joined = (left + right).lower()
        return is_fragment(left) or is_fragment(right) or zipf(joined) >= 4.0  # "omstandig-heden"

    def _glue(
        self, word: str, offset: int, *, sentence_start: bool, repeated: bool, doubtful: bool = True
    ) -> str:
        hidden = self.judge.hidden_line_end(offset, offset + len(word))
        if hidden is not None:
            return f"{word[: hidden - offset]} {word[hidden - offset :]}"
        words_too = self.judge.wants_word_glue(offset, offset + len(word))
        splits = glue_splits(
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
        # A likelier reading of the same word gets a head start over the others, the more so
        # the commoner its words: "uitzoekpunten gesproken" against "uitzoekpuntengesp roken".
        for rank, split in enumerate(sorted(splits, key=lambda split: split.rank)):
            behind = min(_PER_ZIPF_BEHIND * max(0.0, best.score - split.score), _MOST_BEHIND)
            head_start = (_ALTERNATIVE + behind) * min(rank, 1)
            if self.judge.doubtful(offset + split.offset, split.cost + head_start):
                return split.text
        return word


# A dash that opens or closes an aside: " – ", " -ook", " –waaronder".
_DASHES = "-–—"
_DASH = re.compile(r"[-–—](?:$|[^\W\d_])")
_CLOSING_DASH = re.compile(r"[^\W\d_]- ")


def _is_closing_dash(left: str, right: str) -> bool:
    """Whether a hyphen between two words can only be a dash: together they are no word at all."""
    if not (is_dutch_word(left) and is_dutch_word(right)) or is_acronym(left) or right[:1].isupper():
        return False
    return not (
        is_dutch_word(f"{left}-{right}") or is_dutch_word(left + right) or zipf(f"{left}{right}") > 0
    )


def _reason(before: str, after: str) -> str:
    if " " in after and before.count("-") == after.count("-"):
        return "words run together"
    if " " in after:
        return "words run together; hyphenation of a lost line break undone"
    return "hyphenation of a lost line break undone"

"""Joining the physical lines of one paragraph, and the line ends of text flattened to one line."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .hyphens import Hyphen, Where, hyphen_is_certain, hyphen_verdict
from .repair import Repair
from .words import is_url


_URL_CONTINUES_AFTER = tuple("/-_=&?#%~+:")
_URL_CONTINUATION = re.compile(r"^[^\s«»]*[/=&?#%_][^\s«»]*$|^[\w-]+\.(?:html?|pdf|aspx?|php)\b")


def join_lines(lines: Sequence[str], vocabulary: Counter[str]) -> tuple[str, list[Repair]]:
    """Join the physical lines of ONE paragraph into one string.

    A line-end hyphen goes where it only broke a word ("douanescan-" + "ners"), and stays where it
    belongs to the word ("IT-" + "producten") or stands for an elided part ("risico-" + "en"). A
    URL broken over two lines is joined without a space; everything else with a single space.
    """
    text, repairs, _ = join_physical_lines(lines, vocabulary)
    return text, repairs


def join_physical_lines(
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
    if ("." in tail or ":" in tail) and is_url(tail) and _url_continues(last_token, first_token):
        after = last_token + first_token
        before = f"{last_token}\n{first_token}"
        repairs.append(Repair(before=before, after=after, reason="URL broken over two lines"))
        return text + line
    if not (last_token.endswith("-") and len(last_token) > 1):
        return f"{text} {line}"
    before = f"{last_token}\n{first_token}"
    left = _trailing_letters(last_token[:-1])
    right = _leading_letters(first_token)
    verdict = hyphen_verdict(left, right, vocabulary, Where.LINE_END)
    if verdict is Hyphen.JOIN:
        after = last_token[:-1] + first_token
        repairs.append(Repair(before=before, after=after, reason="hyphenation at a line end undone"))
        return text[:-1] + line
    if verdict is Hyphen.KEEP_SPACE:
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


_FLATTENED_LINE_END = re.compile(r"(?<![^\s«(‘“])([^\W\d_]+(?:-[^\W\d_]+)*)- ([^\W\d_]+)")


def join_flattened_line_ends(
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
        verdict = hyphen_verdict(left, after, vocabulary, Where.FLATTENED)
        if verdict is Hyphen.JOIN:
            result = before + after
        elif verdict is Hyphen.KEEP and after[0].islower() and hyphen_is_certain(left, after):
            result = f"{before}-{after}"  # "oud- collega’s"
        else:
            return match.group()
        reason = "hyphenation at a lost line end undone"
        repairs.append(Repair(before=match.group(), after=result, reason=reason))
        shifts.append((match.start(), len(match.group()) - len(result)))
        return result

    return _FLATTENED_LINE_END.sub(join, text), shifts

"""The words of a dossier that say what it is about: tokens, Dutch stems, and the words every question uses.

A stem stands for all the forms of a word ("bedrijf", "bedrijven"); function words and the words
every written question uses ("vraag", "minister", "bereid") have no stem, so they never make two
dossiers alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, filterfalse

import Stemmer

from generator.model import Dossier

# Function words, written out for this project (every Dutch text has them, so they tell nothing),
# with the English ones that titles of reports bring along.
DUTCH_STOP_WORDS = frozenset(
    """
    aan al alle alleen als alsnog altijd andere anders ben bent bij binnen daar daarbij daarmee daarna
    daarnaast daarom daarvan dan dat de den der deze die dient dit doen door doet dus echter een eens
    eerder en enige er erg ergens ermee geen geweest had hadden heb hebben heeft hem hen het hier hierbij
    hiervan hij hoe hun ieder iedere iets ik in is ja je jij kan kon konden kunnen kunt maar me meer men
    met mij mijn moet moeten na naar nee neen niet niets nog nu of om omdat ons onze ook op over per
    reeds sinds tegen te ten ter toch toe tot tussen u uit uw van veel via voor vooral waar waarbij
    waarom wanneer want was we wat welk welke wel werd werden wie wij wil willen worden wordt zal zeer
    zelf zich zij zijn zo zoals zonder zou zouden zulke zullen nadat terwijl daardoor hierdoor hierover
    daarover waarin waarop hoeveel hierin tevens waardoor eveneens enkele ander zowel onder boven mede
    inmiddels immers namelijk betreft inzake aldus heer mevrouw mag mogen komt komen staat staan krijgt
    krijgen geeft geven houdt houden laat laten blijkt blijken lijkt lijken zegt zeggen maakt maken
    gebruikt gebruiken gebruik twee drie vier vijf zes zeven acht negen tien eerste tweede derde
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag jaar jaren week weken dag dagen
    the and of to in for on with by from their its is are was were be this that at as an or not
    """.split()  # noqa: SIM905 -- a list of words reads better as a paragraph
)
# Words every written question and answer uses, whatever it is about.
QUESTION_TEXT_WORDS = frozenset(
    """
    vraag vragen antwoord antwoorden beantwoording beantwoorden minister ministers staatssecretaris
    bereid mening deelt delen deel hoeveel bekend bericht berichten artikel kennisgenomen klopt kunt
    toelichten uiteenzetten waarom welke gaat gaan ziet zien acht vindt vind mogelijk mogelijkheden
    beoordeelt kamer kamerlid tweede lid leden ingezonden ontvangen vergaderjaar genoemde aangegeven
    nader informeren maatregelen stappen nemen onderneemt reden waarop manier ervan hiervoor hierop
    zaak namens mede handelingen aanhangsel voetnoot nr kamerstuk kamerstukken schriftelijke
    groenlinks pvda regering kabinet ministerie
    """.split()  # noqa: SIM905
)

TOKEN = re.compile(r"[^\W\d_]{3,}")
URL = re.compile(r"https?://\S+", re.IGNORECASE)
TITLE_WEIGHT = 3  # the title names the subject: its words count this many times


def content_words(dossier: Dossier) -> list[str]:
    """The words of a dossier as printed (URLs left out), those of the title repeated.

    Footnote markers ("[^2]") hold no letters, so they fall away by themselves.
    """
    texts = [URL.sub(" ", text) if "://" in text else text for text in _texts(dossier)]
    joined = "\n".join(texts)
    words = _words(joined) if joined.isascii() else [word for text in texts for word in _words(text)]
    title = URL.sub(" ", dossier.title) if "://" in dossier.title else dossier.title
    return words + _words(title) * TITLE_WEIGHT


def text_length(dossier: Dossier) -> int:
    """The length of the text `content_words` reads: what reading a dossier costs, about."""
    return sum(map(len, _texts(dossier)))


def _texts(dossier: Dossier) -> list[str]:
    texts = [question.text for question in dossier.questions]
    texts += [answer.text for answer in dossier.answers]
    texts += [section.text for section in dossier.sections]
    texts += [footnote.text for footnote in dossier.footnotes]
    return texts


def _words(text: str) -> list[str]:
    """``TOKEN.findall(text)``, quicker for text in ASCII: letters are all there is to a word there."""
    if not text.isascii():
        return TOKEN.findall(text)
    runs = text.translate(_ASCII_NON_LETTERS).split()
    return list(compress(runs, map(_LONG_ENOUGH, map(len, runs))))


_ASCII_NON_LETTERS = str.maketrans({chr(code): " " for code in range(128) if not chr(code).isalpha()})
_LONG_ENOUGH = (2).__lt__  # as TOKEN: three letters or more


class StemCache:
    """The stem of each word as printed, or None for a stop word; a corpus repeats its words endlessly."""

    def __init__(self) -> None:
        self._stop = _stop_stems()
        self._stemmer = _stemmer()
        self.known: dict[str, str | None] = {}

    def stem(self, word: str) -> str | None:
        if word in self.known:
            return self.known[word]
        lower = fold(word.lower())
        stem = None if lower in self._stop else _final_consonant(self._stemmer.stemWord(lower))
        if stem is not None and (stem in self._stop or len(stem) < 3):
            stem = None
        self.known[word] = stem
        return stem

    def count(self, words: Sequence[str]) -> tuple[dict[str, int], list[str]]:
        """How often each stem occurs among the words, and the words (each once) that have a stem.

        Stems are in the order the text first has them.
        """
        known = self.known
        # Counting the words (in C) and then adding up per stem is quicker than a stem per word:
        # a dossier says most of its words more than once.
        by_word = Counter(words)
        for word in filterfalse(known.__contains__, by_word):
            self.stem(word)
        stems = list(map(known.__getitem__, by_word))
        by_stem: dict[str, int] = {}
        counted = by_stem.get
        for stem, times in zip(stems, by_word.values()):
            if stem is not None:  # not a stop word
                by_stem[stem] = counted(stem, 0) + times
        return by_stem, list(compress(by_word, stems))


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer("dutch")
    stemmer.maxCacheSize = 200_000
    return stemmer


@lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    words = DUTCH_STOP_WORDS | QUESTION_TEXT_WORDS
    stems = _stemmer().stemWords(sorted(words))
    return frozenset(words) | frozenset(_final_consonant(stem) for stem in stems)


def _final_consonant(stem: str) -> str:
    """One stem for "bedrijf" and "bedrijven", "huis" and "huizen": Snowball keeps the v and z of plurals."""
    if stem.endswith("v"):
        return stem[:-1] + "f"
    if stem.endswith("z"):
        return stem[:-1] + "s"
    return stem


def fold(word: str) -> str:
    """Without accents, so that "financiën" and "financien" (as a PDF may give it) are one word."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))

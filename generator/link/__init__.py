"""Cross-references between dossiers: related dossiers with their reasons, citations both ways, key terms.

`link` looks at all dossiers at once and stays near-linear in their number: every signal is found
through an inverted index (a cited source, a cited paper, a key term, a member) whose lists are
capped, so no pair of dossiers is compared unless they share something specific. For many dossiers
the reading of the dossiers, the search for similar ones and the ranking are shared by forked
worker processes.

`Linker` keeps the indexes, so that linking again after a change redoes only what the change
reaches. Such an update keeps the stem weights (document frequencies) of the last full link and
gives exactly what a full link with those weights gives; see `generator.link.linker`.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Dossier
from generator.parallel import PARALLEL_FROM

from .features import normalize_url
from .linker import Linker, LinkRun
from .results import Citation, Links, Reason, Related, Relation
from .terms import TermWeights
from .words import content_words

__all__ = [
    "PARALLEL_FROM",
    "Citation",
    "LinkRun",
    "Linker",
    "Links",
    "Reason",
    "Related",
    "Relation",
    "TermWeights",
    "content_words",
    "link",
    "normalize_url",
]


def link(dossiers: Sequence[Dossier]) -> Links:
    """Every cross-reference between the dossiers; the same input always gives the same result."""
    return Linker().link(dossiers)

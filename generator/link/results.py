"""What linking finds, as the pages read it: related dossiers with their reasons, and citations both ways."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from generator.references import Reference


class Relation(enum.StrEnum):
    """Why two dossiers belong together, from the point of view of the page that lists the other."""

    SAME_ZAAK = "same-zaak"  # the same question set: questions, delay notice, answers
    FOLLOWS_UP = "follows-up"  # this dossier builds on the other's (earlier) questions
    FOLLOWED_UP_BY = "followed-up-by"
    CITES = "cites"  # this dossier cites the other
    CITED_BY = "cited-by"
    SHARED_SOURCE = "shared-source"  # both cite the same web page
    SHARED_REFERENCE = "shared-reference"  # both cite the same Kamerstuk, Aanhangsel, zaak or Staatsblad
    SIMILAR_CONTENT = "similar-content"
    SAME_MEMBER = "same-member"
    SAME_OFFICE = "same-office"


@dataclass(frozen=True, kw_only=True)
class Reason:
    relation: Relation
    # What the two share, as readers know it: URLs, citations as printed, key terms, names, offices.
    details: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Related:
    id: str
    score: float
    reasons: tuple[Reason, ...]  # strongest first


@dataclass(frozen=True, kw_only=True)
class Citation:
    """One citation of an official paper in a dossier's text."""

    citing: str  # id of the dossier whose text cites
    reference: Reference
    label: str  # the citation as printed, on one line: "Kamerstuk 22 112, nr. 2686"
    place: str  # where in the dossier, to follow "in": "vraag 3", "voetnoot 2", "de toelichting"
    cited: str | None = None  # id of the cited dossier, when it is published on this site
    follow_up: bool = False  # the citing text says it builds on the cited (earlier) questions


@dataclass(frozen=True, kw_only=True)
class Links:
    """What `link` found: the pages render it, and it holds nothing that depends on how they look."""

    related: Mapping[str, tuple[Related, ...]]  # by dossier id, strongest first
    citations: Mapping[str, tuple[Citation, ...]]  # by citing dossier id, in reading order
    cited_by: Mapping[str, tuple[Citation, ...]]  # by cited dossier id
    key_terms: Mapping[str, tuple[str, ...]]  # by dossier id: the words that characterise it
    topics: Mapping[str, tuple[str, ...]]  # topic word -> dossier ids, both sorted

    def related_to(self, dossier_id: str) -> tuple[Related, ...]:
        return self.related.get(dossier_id, ())

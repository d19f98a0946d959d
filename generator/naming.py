"""The canonical file name of a dossier under dossiers/, made from the identifiers it prints.

The name becomes the dossier's id and so the address of its page; it must come from the document
itself, so that two editors adding the same document arrive at the same file:

- a document in the Aanhangsel van de Handelingen (answers, or a notice that the answers are late)
  by its Aanhangsel id, ``ah-tk-20242025-546.txt``, as printed in the PDF footers; a .docx prints
  only "AH 546", and then the vergaderjaar comes from the document's dates;
- a question document by its zaak number, ``2024Z18439.txt``;
- a question document that prints no zaak number by its submission date and first member,
  ``kv-2021-02-03-yesilgoz-zegerius.txt``.
"""

from __future__ import annotations

import re
import unicodedata

from generator.model import Dossier, Kind
from generator.parse.dates import session_for_date

SUFFIX = ".txt"

_SESSION = re.compile(r"(\d{4})-(\d{4})")
_ZAAK = re.compile(r"\d{4}Z\d+")
_NOT_A_SLUG_CHARACTER = re.compile(r"[^a-z0-9]+")
_LATER_DOCUMENTS = frozenset({Kind.ANSWERS, Kind.MEDEDELING})


class NoCanonicalName(ValueError):
    """A dossier that prints none of the identifiers its file name is made from."""


def canonical_name(dossier: Dossier) -> str:
    """The file name the dossier belongs under in dossiers/; raises `NoCanonicalName` if there is none."""
    if dossier.aanhangsel is not None:
        return f"ah-tk-{_session_digits(dossier)}-{dossier.aanhangsel}{SUFFIX}"
    if dossier.kind in _LATER_DOCUMENTS:
        # Named by its zaak number it would take the name of the questions it answers.
        raise NoCanonicalName(
            f"a document of kind {dossier.kind} without an Aanhangsel number "
            "(an 'ah-tk-…' page footer or an 'AH 123' header line)"
        )
    if dossier.zaak:
        if not _ZAAK.fullmatch(dossier.zaak):
            raise NoCanonicalName(f"zaak number {dossier.zaak!r} is not of the form 2024Z18439")
        return f"{dossier.zaak}{SUFFIX}"
    if dossier.submitted is None or not dossier.submitters:
        raise NoCanonicalName(
            "no zaak number, and no submission date with members to name it after "
            "('(ingezonden 3 februari 2021)', 'Vragen van het lid …')"
        )
    # The name as printed: a first name is there only when the Kamer needs it to tell two
    # members apart ("Inge van Dijk"), so it stays part of the slug.
    first_member = dossier.submitters[0].name
    slug = _slug(first_member)
    if not slug:
        raise NoCanonicalName(f"the member's name {first_member!r} has no letters to name the file by")
    return f"kv-{dossier.submitted.isoformat()}-{slug}{SUFFIX}"


def _session_digits(dossier: Dossier) -> str:
    session = dossier.session
    if session is None:
        date = dossier.received or dossier.submitted
        if date is None:
            raise NoCanonicalName(
                f"Aanhangsel number {dossier.aanhangsel} but neither a vergaderjaar nor a date to find it"
            )
        session = session_for_date(date)
    match = _SESSION.fullmatch(session)
    if match is None:
        raise NoCanonicalName(f"vergaderjaar {session!r} is not of the form 2024-2025")
    return match.group(1) + match.group(2)


def _slug(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Yesilgöz-Zegerius" → "yesilgoz-zegerius"."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(character for character in decomposed if not unicodedata.combining(character))
    return _NOT_A_SLUG_CHARACTER.sub("-", ascii_only.lower()).strip("-")

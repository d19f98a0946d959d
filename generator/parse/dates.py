"""Read Dutch dates ("3 februari 2021") and parliamentary years ("vergaderjaar 2024–2025")."""

from __future__ import annotations

import datetime as dt
import re

# Full names and the abbreviations that turn up in footnotes and article references.
_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Whitespace may be missing between month and year where a PDF lost a space ("18 november2024").
_DATE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?P<month>{_MONTH_NAMES})(?![^\W\d_])\.?"
    r"\s*(?P<year>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# Any dash, and the "Œ" that mojibake leaves of an en dash, separate the two years.
_SESSION = re.compile(r"(?<!\d)(?P<first>(?:19|20)\d{2})\s*[-‐‑–—−Œ/]\s*(?P<second>(?:19|20)\d{2})(?!\d)")

_SEPTEMBER = 9
_TUESDAY = 1


def parse_dutch_date(text: str) -> dt.date | None:
    """The first date written as day, Dutch month name and year in the text; None if there is none.

    >>> parse_dutch_date("(ingezonden 3 februari 2021)")
    datetime.date(2021, 2, 3)
    """
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
    except ValueError:  # "31 februari": printed, but no such day
        return None


def session_of(text: str) -> str | None:
    """The first vergaderjaar in the text, written with an ASCII hyphen ("2024-2025"); None if none.

    Only two consecutive years count as a vergaderjaar, so a range such as "2019-2021" is not one.
    """
    for match in _SESSION.finditer(text):
        first, second = int(match["first"]), int(match["second"])
        if second == first + 1:
            return f"{first}-{second}"
    return None


def session_for_date(date: dt.date) -> str:
    """The vergaderjaar a date falls in: it starts on Prinsjesdag, the third Tuesday of September."""
    start = _prinsjesdag(date.year)
    first = date.year if date >= start else date.year - 1
    return f"{first}-{first + 1}"


def _prinsjesdag(year: int) -> dt.date:
    first_of_september = dt.date(year, _SEPTEMBER, 1)
    days_to_tuesday = (_TUESDAY - first_of_september.weekday()) % 7
    return first_of_september + dt.timedelta(days=days_to_tuesday + 14)

"""The statistics page: dossiers per month, party and office, and answer times, as charts made at build time.

Charts are inline SVG drawn here, so the page needs no script and asks no other host for anything.
Each chart has a text alternative and a table with the same numbers below it, for screen readers
and for anyone who wants the figures. Counts per party and office are those of the index pages, so
the page and the index agree.
"""

from __future__ import annotations

import html
import statistics as stats
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.exports import answer_days
from generator.memo import PerDossier
from generator.model import Dossier, Kind
from generator.render import DUTCH_MONTHS
from generator.site import (
    KIND_LABELS,
    URLS,
    IndexKind,
    IndexPage,
    PageSpec,
    SiteIndex,
    UrlFormats,
    _date,
    _label_order,
    _list_title,
    relative_link,
)

ANSWER_DEADLINE_DAYS = 21  # the three weeks the government has to answer written questions
# Answer times grouped the way the deadline is talked about: within it, up to twice, four times, longer.
ANSWER_TIME_GROUPS = (
    ("binnen 3 weken", None, 21),
    ("3 tot 6 weken", 22, 42),
    ("6 tot 12 weken", 43, 84),
    ("meer dan 12 weken", 85, None),
)
LONGEST_SHOWN = 10
CHART_WIDTH = 640
YEAR_LABEL_WIDTH = 40  # room a year needs under the time axis, in chart units
BAR_COLOUR = "fill: var(--md-primary-fg-color, #4051b5)"  # follows the theme's colour and dark mode


@dataclass(frozen=True, kw_only=True)
class Bar:
    label: str
    value: int
    link: str | None = None  # a page of the site, relative to the statistics page


def statistics_page(dossiers: Sequence[Dossier], index: SiteIndex, *, urls: UrlFormats = URLS) -> PageSpec:
    """The statistics page of exactly these dossiers and the index made of them."""
    path = urls.statistics

    def bars(kind: IndexKind) -> list[Bar]:
        pages = sorted(index.pages[kind], key=lambda page: (-len(page.dossiers), _label_order(page.label)))
        return [Bar(label=p.label, value=len(p.dossiers), link=relative_link(path, p.path)) for p in pages]

    months = _per_month(dossiers)
    parties = bars(IndexKind.PARTY)
    offices = bars(IndexKind.OFFICE)
    answered = [(dossier, days) for dossier in dossiers if (days := answer_days(dossier)) is not None]
    kinds = Counter(dossier.kind for dossier in dossiers)
    return PageSpec(
        path=path,
        template="statistics.md.j2",
        context={
            "dossier_count": len(dossiers),
            "question_count": sum(len(dossier.questions) for dossier in dossiers),
            "member_count": len(index.pages[IndexKind.MEMBER]),
            "kinds": [{"label": KIND_LABELS[kind], "count": kinds[kind]} for kind in Kind if kinds[kind]],
            "data_link": relative_link(path, urls.data),
            "months": [bar for bar in months if bar.value],
            "month_chart": column_chart(
                months,
                chart_id="grafiek-per-maand",
                description=_chart_description("Documenten per maand", months),
            ),
            "undated_count": sum(1 for dossier in dossiers if _date(dossier) is None),
            "parties": parties,
            "party_chart": bar_chart(
                parties,
                chart_id="grafiek-per-partij",
                description=_chart_description("Documenten per partij", parties),
            ),
            "without_party": sum(1 for d in dossiers if not any(m.party for m in d.submitters)),
            "offices": offices,
            "office_chart": bar_chart(
                offices,
                chart_id="grafiek-per-ambt",
                description=_chart_description("Documenten per bewindspersoon", offices),
            ),
            "without_office": sum(1 for dossier in dossiers if not dossier.addressees),
            "answers": _answer_times(answered, index.pages[IndexKind.OFFICE], path, urls),
            "deadline_days": ANSWER_DEADLINE_DAYS,
            "notice_count": kinds[Kind.MEDEDELING],
        },
    )


def statistics_inputs(dossiers: Sequence[Dossier]) -> tuple[Any, ...]:
    """Everything of the dossiers that the statistics page reads (the index pages it counts are made
    from their members and offices): equal inputs give an equal page."""
    return tuple(_STATISTICS_ROWS.of_each(dossiers))


def _statistics_row(dossier: Dossier) -> tuple[Any, ...]:
    return (
        dossier.id,
        dossier.kind,
        dossier.submitted,
        dossier.received,
        len(dossier.questions),
        dossier.submitters,
        dossier.addressees,
        # The title as listed among the longest answer times.
        dossier.title,
        tuple(footnote.number for footnote in dossier.footnotes),
    )


# A rebuild after one change works out one row anew.
_STATISTICS_ROWS = PerDossier(_statistics_row)


def _answer_times(
    answered: Sequence[tuple[Dossier, int]], offices: Sequence[IndexPage], path: str, urls: UrlFormats
) -> dict[str, Any] | None:
    """Answer times overall, grouped against the deadline, per office, and the longest ones."""
    if not answered:
        return None
    days = [days for _, days in answered]
    groups = [
        Bar(
            label=label,
            value=sum(1 for d in days if (low is None or low <= d) and (high is None or d <= high)),
        )
        for label, low, high in ANSWER_TIME_GROUPS
    ]
    days_of = {dossier.id: days for dossier, days in answered}
    per_office = []
    for office in offices:
        office_days = [days_of[dossier.id] for dossier in office.dossiers if dossier.id in days_of]
        if office_days:
            per_office.append(
                {
                    "label": office.label,
                    "link": relative_link(path, office.path),
                    "count": len(office_days),
                    "median": _dutch_number(stats.median(office_days)),
                    "within_deadline": sum(1 for d in office_days if d <= ANSWER_DEADLINE_DAYS),
                }
            )
    per_office.sort(key=lambda row: (-row["count"], _label_order(row["label"])))
    longest = sorted(answered, key=lambda item: (-item[1], item[0].id))[:LONGEST_SHOWN]
    within = sum(1 for d in days if d <= ANSWER_DEADLINE_DAYS)
    return {
        "count": len(days),
        "median": _dutch_number(stats.median(days)),
        "shortest": min(days),
        "longest_days": max(days),
        "within_deadline": within,
        "within_percent": round(100 * within / len(days)),
        "groups": groups,
        "group_chart": bar_chart(
            groups,
            chart_id="grafiek-antwoordtermijn",
            description=_chart_description("Antwoordtermijn", groups, keep_order=True),
        ),
        "per_office": per_office,
        "longest": [
            {
                "title": _list_title(dossier),
                "link": relative_link(path, urls.dossier_page(dossier)),
                "days": days,
                "submitted": dossier.submitted,
                "received": dossier.received,
            }
            for dossier, days in longest
        ],
    }


def _per_month(dossiers: Sequence[Dossier]) -> list[Bar]:
    """Every month from the first dossier to the last, empty months too, so gaps in time show."""
    counted = Counter((date.year, date.month) for d in dossiers if (date := _date(d)) is not None)
    if not counted:
        return []
    (year, month), last = min(counted), max(counted)
    months = []
    while (year, month) <= last:
        months.append(Bar(label=f"{DUTCH_MONTHS[month - 1]} {year}", value=counted[(year, month)]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _chart_description(title: str, bars: Sequence[Bar], *, keep_order: bool = False) -> str:
    """A text alternative that says what the chart shows and its largest values; the table has the rest."""
    if not bars:
        return f"{title}: nog geen gegevens."
    shown = bars if keep_order else sorted(bars, key=lambda bar: -bar.value)[:3]
    values = ", ".join(f"{bar.label}: {bar.value}" for bar in shown if bar.value)
    most = "" if keep_order else "het meest "
    return f"Staafdiagram, {title.lower()}, {most}{values}. De tabel eronder geeft alle aantallen."


def bar_chart(bars: Sequence[Bar], *, chart_id: str, description: str) -> str:
    """Horizontal bars with the label above each bar, so long office names need no cut."""
    if not bars:
        return ""
    row_height, bar_height, value_room = 40, 14, 48
    maximum = max(bar.value for bar in bars) or 1
    scale = (CHART_WIDTH - value_room) / maximum
    height = row_height * len(bars)
    shapes = []
    for position, bar in enumerate(bars):
        top = position * row_height
        width = round(bar.value * scale, 1)
        shapes.append(f'<text x="0" y="{top + 15}">{_escape(bar.label)}</text>')
        shapes.append(
            f'<rect x="0" y="{top + 20}" width="{width}" height="{bar_height}" style="{BAR_COLOUR}"></rect>'
        )
        shapes.append(f'<text x="{width + 6}" y="{top + 32}">{bar.value}</text>')
    return _figure(chart_id, description, CHART_WIDTH, height, shapes)


def column_chart(columns: Sequence[Bar], *, chart_id: str, description: str) -> str:
    """Vertical bars in time order, a year label under each January and under the first column."""
    if not columns:
        return ""
    plot_height, axis_room, left = 160, 24, 32
    step = max(4, min(32, (CHART_WIDTH - left) // len(columns)))
    maximum = max(column.value for column in columns) or 1
    width = left + step * len(columns)
    shapes = [
        f'<text x="0" y="12">{maximum}</text>',
        f'<line x1="{left}" y1="{plot_height}" x2="{width}" y2="{plot_height}" stroke="currentColor"></line>',
    ]
    for position, column in enumerate(columns):
        x = left + position * step
        height = round(column.value * (plot_height - 16) / maximum, 1)
        if column.value:
            shapes.append(
                f'<rect x="{x}" y="{plot_height - height}" width="{max(step - 1, 1)}" height="{height}"'
                f' style="{BAR_COLOUR}"><title>{_escape(column.label)}: {column.value}</title></rect>'
            )
        month, year = column.label.rsplit(" ", 1)
        # The first column has its year too, unless the next January is too close for both labels.
        first_with_room = position == 0 and not any(
            later.label.startswith(DUTCH_MONTHS[0]) for later in columns[1 : 1 + YEAR_LABEL_WIDTH // step]
        )
        if first_with_room or month == DUTCH_MONTHS[0]:
            shapes.append(f'<text x="{x}" y="{plot_height + axis_room - 6}">{year}</text>')
    return _figure(chart_id, description, width, plot_height + axis_room, shapes)


def _figure(
    chart_id: str, description: str, width: int | float, height: int | float, shapes: list[str]
) -> str:
    # One raw HTML block for Python-Markdown: no blank line inside, so nothing in it is read as Markdown.
    # The theme sizes a figure to its content, so the chart has its own size and shrinks on small screens.
    return (
        f'<figure class="chart">\n<svg viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" style="max-width: 100%; height: auto" role="img"'
        f' aria-labelledby="{chart_id}"'
        f' font-size="13" fill="currentColor">\n<title id="{chart_id}">{_escape(description)}</title>\n'
        + "\n".join(shapes)
        + "\n</svg>\n</figure>"
    )


def _escape(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def _dutch_number(value: float) -> str:
    """A median as Dutch readers write it: 21, or 21,5."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")

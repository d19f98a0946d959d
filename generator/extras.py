"""The files beside the dossier and index pages: feeds, data files, the statistics and data pages.

Each comes with what it is made of (``made_of``, compared with ``==`` between builds), so that an
incremental build can make one anew only when that changed: a dossier's JSON when the dossier
changes, a feed when the dossiers it chooses its entries from change, the statistics when a date,
kind, member or office changes, the CSV of all dossiers when any dossier does, a year's JSON when
one of that year does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from generator.exports import (
    DOSSIER_SCHEMA,
    data_page,
    data_page_inputs,
    dossier_json,
    dossiers_by_year,
    dossiers_csv,
    dossiers_json,
    dossiers_schema,
    schema_json,
)
from generator.feeds import LatestFirst, feed_file, site_feeds
from generator.model import Dossier
from generator.site import URLS, MadeAnywhere, Output, SiteIndex, UrlFormats
from generator.statistics import statistics_inputs, statistics_page


def data_outputs(
    dossiers: Sequence[Dossier], index: SiteIndex, *, urls: UrlFormats = URLS
) -> Iterator[Output]:
    """Every file beside the pages, each made only from its ``made_of``."""
    for dossier in dossiers:
        yield Output(
            path=urls.dossier_json(dossier), made_of=dossier, make=MadeAnywhere(dossier_json, dossier)
        )
    every_dossier = tuple(dossiers)
    yield Output(
        path=urls.all_dossiers_csv,
        made_of=every_dossier,
        make=partial(dossiers_csv, every_dossier, urls=urls),
    )
    by_year = dossiers_by_year(dossiers)
    for year, of_year in by_year.items():
        yield Output(
            path=urls.dossiers_json_of(year), made_of=of_year, make=partial(dossiers_json, of_year, year=year)
        )
    # The schemas change only with the code.
    yield Output(path=urls.dossier_schema, made_of=None, make=partial(schema_json, DOSSIER_SCHEMA))
    yield Output(
        path=urls.dossiers_schema, made_of=None, make=partial(schema_json, dossiers_schema(urls=urls))
    )
    order = LatestFirst()  # shared by the feeds this build makes
    for feed, listed in site_feeds(every_dossier, index, urls=urls):
        # The order is a memo of this build's feeds alone, which a worker may fill for itself.
        make = MadeAnywhere(feed_file, feed, listed, urls=urls, order=order)
        yield Output(path=feed.path, made_of=(feed, listed), make=make)
    yield Output(
        path=urls.statistics,
        made_of=statistics_inputs(dossiers),
        make=MadeAnywhere(statistics_page, every_dossier, index, urls=urls),
    )
    yield Output(
        path=urls.data,
        made_of=data_page_inputs(dossiers, by_year),
        make=MadeAnywhere(data_page, every_dossier, by_year, urls=urls),
    )

"""Atom feeds of new dossiers: one for the whole site and one per member, party and office.

A feed is a function of the dossiers it lists and nothing else: its `updated` comes from their
dates, never from the clock, and every id is derived from a dossier id or a feed path, so the same
dossiers always give the same bytes. Links are relative to the feed's own address (Atom resolves
them against it), because the generator does not know where the site will be published.
"""

from __future__ import annotations

import datetime as dt
import heapq
import html
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from generator.model import Dossier
from generator.page_head import SITE_FEED_TITLE, index_feed_title
from generator.render import plain_text
from generator.site import (
    URLS,
    IndexKind,
    IndexPage,
    SiteIndex,
    UrlFormats,
    _date,
    _description,
    _footnote_numbers,
    _list_title,
    relative_link,
)

ATOM = "http://www.w3.org/2005/Atom"
# Fixed for good: every entry and feed id is derived from it, and feed readers know entries by id.
ID_NAMESPACE = uuid.UUID("6f1d3c52-7c0b-4f4e-9a55-0d9a8d8e2b61")
FEED_ENTRIES = 20  # the newest dossiers in each feed; a reader that polls keeps the older ones
# An entry needs an author; a document whose signers could not be read is still one of the Kamer's.
UNKNOWN_AUTHOR = "Tweede Kamer der Staten-Generaal"
# XML 1.0 cannot hold these at all, not even as character references.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, kw_only=True)
class Feed:
    """One feed: where it is published, its title and the page it belongs to."""

    path: str  # relative to the site root, like every path of `UrlFormats`
    title: str
    page: str  # the Markdown page whose dossiers it lists: its alternate link


def site_feed(*, urls: UrlFormats = URLS) -> Feed:
    return Feed(path=urls.site_feed, title=SITE_FEED_TITLE, page=urls.home)


def index_feed(page: IndexPage, *, urls: UrlFormats = URLS) -> Feed | None:
    """The feed of a member, party or office page; other index pages have none."""
    title = index_feed_title(page.kind.value, page.label)
    if title is None:
        return None
    return Feed(path=urls.feed_of(page.path), title=title, page=page.path)


def site_feeds(
    dossiers: Sequence[Dossier], index: SiteIndex, *, urls: UrlFormats = URLS
) -> Iterator[tuple[Feed, Sequence[Dossier]]]:
    """Every feed with the dossiers it takes its entries from (see `feed_entries`): the site's own,
    then one per member, party and office page. Equal dossiers give an equal feed, so they are
    what a feed is made of between builds; the entries are worked out only for a feed made anew."""
    yield site_feed(urls=urls), dossiers
    for kind in IndexKind:
        for page in index.pages[kind]:
            feed = index_feed(page, urls=urls)
            if feed is not None:
                yield feed, page.dossiers


def feed_file(
    feed: Feed, dossiers: Iterable[Dossier], *, urls: UrlFormats = URLS, order: LatestFirst | None = None
) -> str:
    """The Atom document of a feed of these dossiers; ``order`` may be shared by the feeds of a build."""
    return atom_feed(feed, feed_entries(dossiers, order), urls=urls)


def feed_entries(dossiers: Iterable[Dossier], order: LatestFirst | None = None) -> tuple[Dossier, ...]:
    """The dossiers a feed of these shows: the `FEED_ENTRIES` latest, by their latest date.

    A dossier without any date cannot be placed among new ones and is left out of feeds; it is on
    its pages all the same.
    """
    placed = (dossier for dossier in dossiers if _date(dossier) is not None)
    return tuple(heapq.nsmallest(FEED_ENTRIES, placed, key=order or LatestFirst()))


class LatestFirst:
    """The order of entries in a feed, for `heapq.nsmallest`: the latest date first, then by id.
    Each dossier's place is worked out once, however many of a build's feeds list it."""

    def __init__(self) -> None:
        self._places: dict[str, tuple[int, str]] = {}

    def __call__(self, dossier: Dossier) -> tuple[int, str]:
        place = self._places.get(dossier.id)
        if place is None:
            place = self._places[dossier.id] = (-_updated(dossier).toordinal(), dossier.id)
        return place


def atom_feed(feed: Feed, entries: Sequence[Dossier], *, urls: UrlFormats = URLS) -> str:
    """An Atom 1.0 document with exactly ``entries``, in their order (see `feed_entries`)."""
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "nl"})
    _add(root, "id", _urn(f"feed/{feed.path}"))
    _add(root, "title", feed.title)
    newest = max((_updated(dossier) for dossier in entries), default=dt.date(1970, 1, 1))
    _add(root, "updated", _timestamp(newest))
    _link(root, rel="self", href=relative_link(feed.path, feed.path), type_="application/atom+xml")
    _link(root, rel="alternate", href=relative_link(feed.path, urls.page_url(feed.page)), type_="text/html")
    for dossier in entries:
        root.append(_entry(dossier, feed, urls))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _entry(dossier: Dossier, feed: Feed, urls: UrlFormats) -> ET.Element:
    entry = ET.Element("entry")
    _add(entry, "id", _urn(f"dossier/{dossier.id}"))
    _add(entry, "title", _list_title(dossier))
    page = relative_link(feed.path, urls.page_url(urls.dossier_page(dossier)))
    _link(entry, rel="alternate", href=page, type_="text/html")
    _link(
        entry,
        rel="alternate",
        href=relative_link(feed.path, urls.dossier_json(dossier)),
        type_="application/json",
    )
    _add(entry, "published", _timestamp(dossier.submitted or _updated(dossier)))
    _add(entry, "updated", _timestamp(_updated(dossier)))
    authors = [f"{m.name} ({m.party})" if m.party else m.name for m in dossier.submitters]
    for name in authors or [UNKNOWN_AUTHOR]:
        author = ET.SubElement(entry, "author")
        _add(author, "name", name)
    for term in _categories(dossier):
        ET.SubElement(entry, "category", {"term": _xml_text(term)})
    _add(entry, "summary", _description(dossier))
    content = _add(entry, "content", _content_html(dossier))
    content.set("type", "html")
    return entry


def _categories(dossier: Dossier) -> list[str]:
    """The parties and offices of a dossier, each once: what a feed reader can filter on."""
    parties = [member.party for member in dossier.submitters if member.party]
    offices = [addressee.office for addressee in dossier.addressees]
    return list(dict.fromkeys([*parties, *offices]))


def _content_html(dossier: Dossier) -> str:
    """The questions (or the sections of a notice) as escaped HTML; answers stay on the page."""
    known = _footnote_numbers(dossier)
    parts = []
    for section in dossier.sections:
        parts.append(f"<h3>{html.escape(plain_text(section.heading))}</h3>")
        parts.extend(_paragraphs(section.text, known))
    for question in dossier.questions:
        numbers = " en ".join(str(number) for number in question.numbers)
        parts.append(f"<h3>Vraag {numbers}</h3>")
        parts.extend(_paragraphs(question.text, known))
    return "\n".join(parts)


def _paragraphs(text: str, footnote_numbers: frozenset[int]) -> list[str]:
    return [
        f"<p>{html.escape(plain_text(paragraph, footnote_numbers))}</p>"
        for paragraph in re.split(r"\n\s*\n", text)
        if paragraph.strip()
    ]


def _updated(dossier: Dossier) -> dt.date:
    """The latest date of a dossier: answers received after the questions make it new again."""
    dates = [date for date in (dossier.submitted, dossier.received) if date is not None]
    return max(dates)


def _timestamp(date: dt.date) -> str:
    # The sources give days, not times; Atom wants a full RFC 3339 timestamp.
    return f"{date.isoformat()}T00:00:00Z"


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _xml_text(text)
    return element


def _link(parent: ET.Element, *, rel: str, href: str, type_: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": type_, "href": href})


def _xml_text(text: str) -> str:
    # The Unicode control pictures keep a stray control character visible, as on the pages.
    return XML_ILLEGAL.sub(
        lambda match: chr(0x2400 + ord(match.group())) if match.group() < " " else "\ufffd", text
    )

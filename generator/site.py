"""The pages of the site: where each one lives, what it shows, and its Markdown."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import enum
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from generator.link import Citation, Links, Reason, Related, Relation, link
from generator.model import Answer, Diagnostic, Dossier, Kind, Level, Question, Section
from generator.page_head import (
    SITE_FEED_TITLE,
    feed_front_matter,
    index_feed_title,
    qa_page,
    script_json,
    split_front_matter,
    yaml_quoted,
)
from generator.parse import dossier_id
from generator.references import ReferenceKind
from generator.render import do_dutch_date, do_dutch_list, make_environment, plain_text, render_template


@dataclass(frozen=True, kw_only=True)
class UrlFormats:
    """Every page path (relative to the docs folder) and every outside URL, formatted in this one place.

    An index page has a format per key (member, party, office, vergaderjaar, year, topic) and one for
    the overview that lists them; the overviews are the pages of the navigation.
    """

    home: str = "index.md"
    editors: str = "redactie.md"
    dossier: str = "dossiers/{id}.md"
    members: str = "leden/index.md"
    member: str = "leden/{slug}.md"
    parties: str = "partijen/index.md"
    party: str = "partijen/{slug}.md"
    offices: str = "ambten/index.md"
    office: str = "ambten/{slug}.md"
    sessions: str = "vergaderjaren/index.md"
    session: str = "vergaderjaren/{slug}.md"
    year: str = "vergaderjaren/jaar-{year}.md"
    topics: str = "onderwerpen/index.md"
    topic: str = "onderwerpen/{slug}.md"
    source: str = "bronnen/{file}"
    dossier_data: str = "dossiers/{id}.json"  # next to the page: what `python -m generator parse` prints
    statistics: str = "statistieken.md"
    data: str = "gegevens/index.md"
    all_dossiers_csv: str = "gegevens/dossiers.csv"
    # One file a year (of sending, else of receiving): a change remakes one year's file, and no
    # download grows past a few tens of MB however many years the site holds.
    dossiers_of_year: str = "gegevens/dossiers-{year}.json"
    dossier_schema: str = "gegevens/dossier.schema.json"
    dossiers_schema: str = "gegevens/dossiers.schema.json"
    site_feed: str = "feeds/alles.xml"
    # The feed of an index page mirrors the page's path: leden/kroger-groenlinks-pvda.md has
    # feeds/leden/kroger-groenlinks-pvda.xml.
    index_feed: str = "feeds/{page}.xml"
    # MkDocs' use_directory_urls (on by default, not changed in mkdocs.yml): leden/x.md is served at leden/x/.
    directory_urls: bool = True
    official_publication: str = "https://zoek.officielebekendmakingen.nl/kv-tk-{zaak}.html"
    tweede_kamer: str = "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id={zaak}"
    aanhangsel: str = "https://zoek.officielebekendmakingen.nl/ah-tk-{session}-{number}.html"

    def dossier_page(self, dossier: Dossier) -> str:
        return self.dossier.format(id=dossier.id)

    def source_file(self, dossier: Dossier) -> str:
        return self.source_of(dossier.source)

    def source_of(self, file_name: str) -> str:
        """Where a dossier file is published: under its dossier id, which is safe in a URL and a path."""
        return self.source.format(file=dossier_id(file_name) + PurePosixPath(file_name).suffix)

    def dossier_json(self, dossier: Dossier) -> str:
        return self.dossier_data.format(id=dossier.id)

    def dossiers_json_of(self, year: str) -> str:
        """The JSON file of all dossiers of a year, as `data_year` gives it."""
        return self.dossiers_of_year.format(year=year)

    def feed_of(self, index_page_path: str) -> str:
        return self.index_feed.format(page=PurePosixPath(index_page_path).with_suffix("").as_posix())

    def page_url(self, path: str) -> str:
        """Where a Markdown page is served, relative to the site root: "leden/x.md" -> "leden/x/"."""
        if not path.endswith(".md"):
            return path
        stem = path.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def index_page(self, kind: IndexKind, slug: str) -> str:
        if kind is IndexKind.YEAR:
            return self.year.format(year=slug)
        return getattr(self, kind.value).format(slug=slug)

    def overview_page(self, kind: IndexKind) -> str:
        return getattr(self, OVERVIEW_OF[kind])

    def in_navigation(self, path: str) -> bool:
        """Only the hand-written pages, home, editors' page and overviews are in the navigation.

        Material renders every navigation entry on every page, so a page per dossier or per member
        in the navigation would make builds grow with the square of their number.
        """
        return path in self._in_navigation

    @functools.cached_property
    def _in_navigation(self) -> frozenset[str]:
        # Made once: every generated file is asked about, 100,000 of them at 50,000 dossiers.
        return frozenset(
            {self.home, self.editors, self.statistics, self.data, *map(self.overview_page, IndexKind)}
        )

    def official_links(self, dossier: Dossier) -> tuple[ExternalLink, ...]:
        links = []
        if dossier.zaak:
            zaak = quote(dossier.zaak, safe="")
            links.append(
                ExternalLink(
                    label="Officiële bekendmakingen", url=self.official_publication.format(zaak=zaak)
                )
            )
            links.append(ExternalLink(label="Tweede Kamer", url=self.tweede_kamer.format(zaak=zaak)))
        if dossier.aanhangsel is not None and dossier.session:
            session = re.sub(r"\D", "", dossier.session)
            links.append(
                ExternalLink(
                    label=f"Aanhangsel van de Handelingen, nr. {dossier.aanhangsel}",
                    url=self.aanhangsel.format(session=session, number=dossier.aanhangsel),
                )
            )
        return tuple(links)


class IndexKind(enum.Enum):
    """The kinds of index page; the value names the page format in `UrlFormats`."""

    MEMBER = "member"
    PARTY = "party"
    OFFICE = "office"
    SESSION = "session"
    YEAR = "year"
    TOPIC = "topic"


OVERVIEW_OF = {
    IndexKind.MEMBER: "members",
    IndexKind.PARTY: "parties",
    IndexKind.OFFICE: "offices",
    IndexKind.SESSION: "sessions",
    IndexKind.YEAR: "sessions",  # years are listed on the overview of the vergaderjaren
    IndexKind.TOPIC: "topics",
}

URLS = UrlFormats()

KIND_LABELS = {
    Kind.QUESTIONS: "Schriftelijke vragen",
    Kind.ANSWERS: "Schriftelijke vragen met antwoorden",
    Kind.MEDEDELING: "Mededeling over de beantwoording",
    Kind.ORAL: "Mondelinge vragen",
}
DESCRIPTION_OPENINGS = {
    Kind.QUESTIONS: "Schriftelijke vragen",
    Kind.ANSWERS: "Antwoorden op de schriftelijke vragen",
    Kind.MEDEDELING: "Mededeling over de beantwoording van de vragen",
    Kind.ORAL: "Mondelinge vragen",
}
SOURCE_LABELS = {
    ReferenceKind.KAMERSTUK: "officiële bekendmakingen",
    ReferenceKind.AANHANGSEL: "officiële bekendmakingen",
    ReferenceKind.STAATSBLAD: "officiële bekendmakingen",
    ReferenceKind.ZAAK: "Tweede Kamer",
}
LEVEL_LABELS = {Level.ERROR: "fout", Level.NOTE: "opmerking"}
FOOTNOTE_MARKER = re.compile(r"\[\^(\d+)\]")


@dataclass(frozen=True, kw_only=True)
class ExternalLink:
    label: str
    url: str


@dataclass(frozen=True, kw_only=True)
class PageSpec:
    """One page: its path relative to the docs folder, the template that renders it and what it gets."""

    path: str
    template: str
    context: Mapping[str, Any]


ALWAYS = object()
"""``made_of`` of a file that is made anew in every build: small files that summarise the whole site."""


@dataclass(frozen=True, kw_only=True)
class Output:
    """One generated file, what it is made of, and the function that makes it (`generator.builder`)."""

    path: str
    made_of: Any  # compared with the last build's; ALWAYS: never equal
    make: Callable[[], PageSpec | str]  # a page to render from a template, or the file's text


class MadeAnywhere(partial[Any]):
    """A `make` that reads only its arguments and leaves nothing behind in its process that a later build
    relies on (no `generator.memo`), so that a forked worker can run it for this process: the pages, the
    feeds and each dossier's JSON; not the CSV and the JSON of each year."""


@dataclass(frozen=True, kw_only=True)
class AnswerBlock:
    answer: Answer
    anchor: str
    heading: str  # "Antwoord", or "Antwoord op vraag 3 en 4" for a grouped answer


@dataclass(frozen=True, kw_only=True)
class QuestionBlock:
    """A question with the answers shown right after it."""

    question: Question
    anchor: str
    heading: str  # "Vraag 3", or "Vraag 2 en 3" for a grouped heading
    answers: tuple[AnswerBlock, ...]
    # A grouped answer shown after a later question that this one shares.
    answered_later: AnswerBlock | None = None
    is_section: bool = False


@dataclass(frozen=True, kw_only=True)
class SectionBlock:
    section: Section
    is_section: bool = True


@dataclass(frozen=True, kw_only=True)
class DiagnosticEntry:
    diagnostic: Diagnostic
    level_label: str


HOME_NEWEST = 20  # dossiers listed on the home page; every dossier is on its vergaderjaar page
UNKNOWN_SESSION = "Zonder vergaderjaar"
INDEX_TITLES = {
    IndexKind.MEMBER: "Leden",
    IndexKind.PARTY: "Partijen",
    IndexKind.OFFICE: "Bewindspersonen",
    IndexKind.SESSION: "Vergaderjaren",
    IndexKind.TOPIC: "Onderwerpen",
}


@dataclass(frozen=True, kw_only=True)
class IndexPage:
    """One index page: a member, party, office, vergaderjaar, year or topic, and its dossiers."""

    kind: IndexKind
    label: str  # as readers know it: "Van Nispen (SP)", "SP", "Minister van Financiën", "2024-2025"
    path: str
    dossiers: tuple[Dossier, ...]  # newest first


class SiteIndex:
    """Every index page of the site, and the pages each dossier is listed on."""

    def __init__(self, dossiers: Sequence[Dossier], links: Links, urls: UrlFormats) -> None:
        keyed: dict[IndexKind, dict[str, list[Dossier]]] = {kind: defaultdict(list) for kind in IndexKind}
        # Sorted once: every list made in this order is newest first without a sort of its own.
        newest_first = sorted(dossiers, key=_newest_first)
        for dossier in newest_first:
            for kind, label in _index_labels(dossier):
                keyed[kind][label].append(dossier)
        by_id = {dossier.id: dossier for dossier in dossiers}
        self.dossiers = by_id
        # Every id in the order of the home page's list.
        self.newest_first = tuple(dossier.id for dossier in newest_first)
        place = {dossier.id: number for number, dossier in enumerate(newest_first)}
        for topic, ids in links.topics.items():
            listed = [by_id[id_] for id_ in ids if id_ in by_id]
            keyed[IndexKind.TOPIC][topic] = sorted(listed, key=lambda dossier: place[dossier.id])
        # What a list entry shows of each dossier, for telling whether a list changed between builds.
        self.listed = {dossier.id: _as_listed(dossier.id, dossier) for dossier in dossiers}
        self.pages: dict[IndexKind, list[IndexPage]] = {}
        self._by_label: dict[tuple[IndexKind, str], IndexPage] = {}
        for kind, groups in keyed.items():
            slugs = _UniqueSlugs()
            if kind in (IndexKind.SESSION, IndexKind.YEAR):
                # The latest first, a dossier without a known vergaderjaar at the end.
                labels = sorted(groups, key=lambda label: (label != UNKNOWN_SESSION, label), reverse=True)
            else:
                labels = sorted(groups, key=_label_order)
            pages = [
                IndexPage(
                    kind=kind,
                    label=label,
                    path=urls.index_page(kind, slugs.make(label)),
                    dossiers=tuple(_once_each(groups[label])),
                )
                for label in labels
            ]
            self.pages[kind] = pages
            self._by_label.update(((kind, page.label), page) for page in pages)
        self.topics_of: dict[str, list[IndexPage]] = defaultdict(list)
        for page in self.pages[IndexKind.TOPIC]:
            for dossier in page.dossiers:
                self.topics_of[dossier.id].append(page)
        self.member_parties = {
            _member_label(member.name, member.party): member.party
            for dossier in dossiers
            for member in dossier.submitters
        }
        # (kind, label) -> (page, its `page_inputs`): kept by `with_changed` for the pages it keeps.
        self._inputs_of: dict[tuple[IndexKind, str], tuple[IndexPage, tuple[Any, ...]]] = {}

    def with_changed(self, changed: Mapping[str, Dossier]) -> SiteIndex | None:
        """This index with new versions of some of its dossiers, when no change moves a list entry: each
        dossier on the same pages, in the same place (same topics assumed). None when one does.

        Pages that list no changed dossier stay the same objects, which is what lets a rebuild tell
        them unchanged at a glance.
        """
        for id_, dossier in changed.items():
            before = self.dossiers.get(id_)
            if (
                before is None
                or list(_index_labels(before)) != list(_index_labels(dossier))
                or _newest_first(before) != _newest_first(dossier)
            ):
                return None
        holding = {key for dossier in changed.values() for key in _index_labels(dossier)}
        holding |= {(page.kind, page.label) for id_ in changed for page in self.topics_of.get(id_, ())}
        renewed = {}
        for key in holding:
            page = self._by_label[key]
            renewed[key] = dataclasses.replace(page, dossiers=tuple(changed.get(d.id, d) for d in page.dossiers))
        index = copy.copy(self)
        index.dossiers = {**self.dossiers, **changed}
        index.listed = {**self.listed, **{id_: _as_listed(id_, dossier) for id_, dossier in changed.items()}}
        index._by_label = {**self._by_label, **renewed}
        # A page kept as it was lists no changed dossier, and no page moved: its inputs are as they were.
        index._inputs_of = {key: kept for key, kept in self._inputs_of.items() if key not in renewed}
        index.pages = {
            kind: [renewed.get((kind, page.label), page) for page in pages] for kind, pages in self.pages.items()
        }
        index.topics_of = defaultdict(list, self.topics_of)
        for page in renewed.values():
            if page.kind is IndexKind.TOPIC:
                for dossier in page.dossiers:
                    index.topics_of[dossier.id] = [
                        renewed.get((IndexKind.TOPIC, topic.label), topic) for topic in self.topics_of[dossier.id]
                    ]
        return index

    def shape(self) -> tuple[tuple[IndexKind, str, str], ...]:
        """Every index page by kind, label and path: what a dossier page reads of the index."""
        return tuple((page.kind, page.label, page.path) for pages in self.pages.values() for page in pages)

    def page(self, kind: IndexKind, label: str | None) -> IndexPage | None:
        return self._by_label.get((kind, label)) if label is not None else None

    def path(self, kind: IndexKind, label: str | None) -> str | None:
        found = self.page(kind, label)
        return found.path if found else None

    def party_members(self, party: str) -> list[IndexPage]:
        return [page for page in self.pages[IndexKind.MEMBER] if self.member_parties.get(page.label) == party]

    def page_inputs(self, page: IndexPage) -> tuple[Any, ...]:
        """Everything `index_page` reads for this page: equal inputs give an equal page."""
        kept = self._inputs_of.get((page.kind, page.label))
        if kept is not None and kept[0] is page:
            return kept[1]
        inputs = self._page_inputs(page)
        self._inputs_of[(page.kind, page.label)] = (page, inputs)
        return inputs

    def _page_inputs(self, page: IndexPage) -> tuple[Any, ...]:
        members = ()
        if page.kind is IndexKind.PARTY:
            members = tuple((member.label, member.path, len(member.dossiers)) for member in self.party_members(page.label))
        party = self.path(IndexKind.PARTY, self.member_parties.get(page.label)) if page.kind is IndexKind.MEMBER else None
        listed = tuple(map(self.listed.__getitem__, (dossier.id for dossier in page.dossiers)))
        return (page.kind, page.label, page.path, listed, members, party)


def _once_each(dossiers: Iterable[Dossier]) -> list[Dossier]:
    # By id: hashing a Dossier hashes every question in it.
    return list({dossier.id: dossier for dossier in dossiers}.values())


def build_pages(
    dossiers: Sequence[Dossier], *, home_intro: str = "", urls: UrlFormats = URLS
) -> dict[str, str]:
    """Markdown for the home page, the editors' page and every dossier page, keyed by path.

    ``home_intro`` is the hand-written Markdown that opens the home page (``docs/index.md``).
    The same input always gives byte-identical output.
    """
    return _render(page_specs(dossiers, home_intro=home_intro, urls=urls))


def build_site(
    dossiers: Sequence[Dossier], *, home_intro: str = "", urls: UrlFormats = URLS
) -> dict[str, str]:
    """Every generated file by its path: the pages of `build_pages`, the index and overview pages,
    the statistics and data pages, the feeds and the data files; one full `SiteBuilder` build."""
    # Imported here: the builder is made of this module's pages.
    from generator.builder import SiteBuilder

    return dict(SiteBuilder(urls=urls).build(dossiers, home_intro=home_intro).files)


def page_specs(
    dossiers: Sequence[Dossier],
    *,
    home_intro: str = "",
    urls: UrlFormats = URLS,
    links: Links | None = None,
    index: SiteIndex | None = None,
) -> list[PageSpec]:
    links = links if links is not None else link(dossiers)
    index = index if index is not None else SiteIndex(dossiers, links, urls)
    by_id = {dossier.id: dossier for dossier in dossiers}
    specs = [
        home_page(dossiers, intro=home_intro, urls=urls, index=index),
        editors_page(dossiers, urls=urls),
    ]
    specs.extend(
        dossier_page(dossier, urls=urls, links=links, index=index, by_id=by_id) for dossier in dossiers
    )
    return specs


def _render(specs: Iterable[PageSpec]) -> dict[str, str]:
    environment = make_environment()
    return {spec.path: render_template(environment, spec.template, spec.context) for spec in specs}


def dossier_page(
    dossier: Dossier,
    *,
    urls: UrlFormats = URLS,
    links: Links | None = None,
    index: SiteIndex | None = None,
    by_id: Mapping[str, Dossier] | None = None,
) -> PageSpec:
    links = links if links is not None else link([dossier])
    index = index if index is not None else SiteIndex([dossier], links, urls)
    by_id = by_id if by_id is not None else {dossier.id: dossier}
    path = urls.dossier_page(dossier)
    footnote_numbers = frozenset(footnote.number for footnote in dossier.footnotes)
    blocks, unplaced_answers = _content_blocks(dossier)
    citations = links.citations.get(dossier.id, ())
    title = _headline(plain_text(dossier.title, footnote_numbers) or dossier.id)
    description = _description(dossier)
    structured_data = qa_page(
        dossier,
        [block for block in blocks if isinstance(block, QuestionBlock)],
        unplaced_answers,
        name=title,
        description=description,
        official_urls=[official.url for official in urls.official_links(dossier)],
    )

    def page_link(kind: IndexKind, label: str | None) -> str | None:
        found = index.page(kind, label)
        return relative_link(path, found.path) if found else None

    def dossier_link(other_id: str) -> str:
        return relative_link(path, urls.dossier_page(by_id[other_id]))

    return PageSpec(
        path=path,
        template="dossier.md.j2",
        context={
            "dossier": dossier,
            "kind_label": KIND_LABELS.get(dossier.kind, str(dossier.kind)),
            "title": title,
            "heading": _headline(dossier.title) if dossier.title.strip() else dossier.id,
            "description": description,
            "structured_data": yaml_quoted(script_json(structured_data)),
            "data_link": relative_link(path, urls.dossier_json(dossier)),
            "date": _date(dossier),
            "footnote_numbers": footnote_numbers,
            "footnotes": sorted(dossier.footnotes, key=lambda footnote: footnote.number),
            "unreferenced_footnotes": _unreferenced_footnotes(dossier),
            "blocks": blocks,
            "unplaced_answers": unplaced_answers,
            "official_links": urls.official_links(dossier),
            "source_link": relative_link(path, urls.source_file(dossier)),
            "editors_link": relative_link(path, urls.editors) + "#" + _editors_anchor(dossier),
            "members": [
                {
                    "member": member,
                    "link": page_link(IndexKind.MEMBER, _member_label(member.name, member.party)),
                    "party_link": page_link(IndexKind.PARTY, member.party),
                }
                for member in dossier.submitters
            ],
            "addressees": [
                {"addressee": addressee, "link": page_link(IndexKind.OFFICE, addressee.office)}
                for addressee in dossier.addressees
            ],
            "session_link": page_link(IndexKind.SESSION, dossier.session),
            "topics": [
                {"word": page.label, "link": relative_link(path, page.path)}
                for page in index.topics_of.get(dossier.id, ())
            ],
            "reference_links": _reference_links(citations, dossier_link),
            "related": [
                {
                    "title": _list_title(by_id[related.id]),
                    "link": dossier_link(related.id),
                    "date": _date(by_id[related.id]),
                    "reasons": _reasons_text(related, by_id[related.id]),
                }
                for related in links.related_to(dossier.id)
                if related.id in by_id
            ],
            "cited_by": [
                {
                    "title": _list_title(by_id[citation.citing]),
                    "link": dossier_link(citation.citing),
                    "label": citation.label,
                    "place": citation.place,
                }
                for citation in links.cited_by.get(dossier.id, ())
                if citation.citing in by_id
            ],
            "citations": [
                {
                    "label": citation.label,
                    "place": citation.place,
                    "url": citation.reference.url,
                    "source_label": SOURCE_LABELS[citation.reference.kind],
                    "site_title": _list_title(by_id[citation.cited]) if citation.cited in by_id else None,
                    "site_link": dossier_link(citation.cited) if citation.cited in by_id else None,
                }
                for citation in _first_of_each(citations)
            ],
        },
    )


def dossier_page_inputs(
    dossier: Dossier, *, links: Links, index: SiteIndex, by_id: Mapping[str, Dossier]
) -> tuple[Any, ...]:
    """Everything `dossier_page` reads besides the URL formats: equal inputs give an equal page."""
    related = links.related_to(dossier.id)
    cited_by = links.cited_by.get(dossier.id, ())
    citations = links.citations.get(dossier.id, ())
    shown_ids = [
        *(entry.id for entry in related),
        *(citation.citing for citation in cited_by),
        *(citation.cited for citation in citations if citation.cited),
    ]
    shown = tuple(index.listed.get(id_) or (id_,) for id_ in dict.fromkeys(shown_ids))
    index_paths = tuple(index.path(kind, label) for kind, label in _dossier_page_labels(dossier))
    topics = tuple((page.label, page.path) for page in index.topics_of.get(dossier.id, ()))
    # The page shows why a dossier is related, not how strongly: the score stays out.
    reasons = tuple((entry.id, entry.reasons) for entry in related)
    return (dossier, reasons, cited_by, citations, shown, index_paths, topics)


def _as_listed(id_: str, dossier: Dossier | None) -> tuple[Any, ...]:
    """What a list entry shows of a dossier: `_list_title`, `_date`, its members (index pages) and
    the kind (in the reasons of related dossiers)."""
    if dossier is None:
        return (id_,)
    return (
        id_,
        dossier.title,
        dossier.footnotes,
        dossier.submitted,
        dossier.received,
        dossier.kind,
        dossier.submitters,
    )


def _dossier_page_labels(dossier: Dossier) -> Iterator[tuple[IndexKind, str | None]]:
    """The index pages a dossier page links to."""
    for member in dossier.submitters:
        yield IndexKind.MEMBER, _member_label(member.name, member.party)
        yield IndexKind.PARTY, member.party
    for addressee in dossier.addressees:
        yield IndexKind.OFFICE, addressee.office
    yield IndexKind.SESSION, dossier.session


def home_page(
    dossiers: Sequence[Dossier], *, intro: str, urls: UrlFormats = URLS, index: SiteIndex | None = None
) -> PageSpec:
    index = index if index is not None else SiteIndex(dossiers, link(dossiers), urls)
    newest_first = [index.dossiers[id_] for id_ in index.newest_first[:HOME_NEWEST]]
    ways_in = [
        {
            "title": title,
            "link": relative_link(urls.home, urls.overview_page(kind)),
            "count": len(index.pages[kind]),
        }
        for kind, title in INDEX_TITLES.items()
        if index.pages[kind]
    ]
    intro_front_matter, intro_body = split_front_matter(intro.strip())
    return PageSpec(
        path=urls.home,
        template="home.md.j2",
        context={
            "front_matter": "\n".join(
                filter(None, [intro_front_matter, feed_front_matter([(SITE_FEED_TITLE, urls.site_feed)])])
            ),
            "intro": intro_body.strip(),
            "feed_link": relative_link(urls.home, urls.site_feed),
            "statistics_link": relative_link(urls.home, urls.statistics),
            "data_link": relative_link(urls.home, urls.data),
            "entries": [_list_entry(dossier, urls.home, urls) for dossier in newest_first],
            "dossier_count": len(dossiers),
            "shown_count": len(newest_first),
            "ways_in": ways_in,
            "sessions_link": relative_link(urls.home, urls.sessions),
        },
    )


def overview_page(kind: IndexKind, index: SiteIndex, *, urls: UrlFormats = URLS) -> PageSpec:
    path = urls.overview_page(kind)

    def items(of: IndexKind) -> list[dict[str, Any]]:
        return [
            {"label": page.label, "link": relative_link(path, page.path), "count": len(page.dossiers)}
            for page in index.pages[of]
        ]

    groups = [{"heading": None, "items": items(kind)}]
    if kind is IndexKind.SESSION:
        groups = [{"heading": "Per vergaderjaar", "items": items(kind)}]
        groups.append({"heading": "Per kalenderjaar", "items": items(IndexKind.YEAR)})
    return PageSpec(
        path=path,
        template="overview.md.j2",
        context={"title": INDEX_TITLES[kind], "intro": OVERVIEW_INTROS[kind], "groups": groups},
    )


OVERVIEW_INTROS = {
    IndexKind.MEMBER: "Alle Kamerleden die vragen op deze site ondertekenden, met hun partij zoals in de vragen vermeld.",
    IndexKind.PARTY: "De partijen van de vragenstellers, met hun leden en vragen.",
    IndexKind.OFFICE: "De bewindspersonen (ambten) aan wie de vragen gericht zijn.",
    IndexKind.SESSION: "De vragen per vergaderjaar van de Tweede Kamer en per kalenderjaar.",
    IndexKind.TOPIC: "Onderwerpen: woorden die in meer documenten tot de kenmerkendste behoren.",
}


def index_page(page: IndexPage, index: SiteIndex, *, urls: UrlFormats = URLS) -> PageSpec:
    overview = urls.overview_page(page.kind)
    members: list[dict[str, Any]] = []
    party_link = None
    if page.kind is IndexKind.PARTY:
        members = [
            {
                "label": member.label,
                "link": relative_link(page.path, member.path),
                "count": len(member.dossiers),
            }
            for member in index.party_members(page.label)
        ]
    if page.kind is IndexKind.MEMBER:
        party = index.page(IndexKind.PARTY, index.member_parties.get(page.label))
        party_link = {"label": party.label, "link": relative_link(page.path, party.path)} if party else None
    feed_title = index_feed_title(page.kind.value, page.label)
    feeds = [(feed_title, urls.feed_of(page.path))] if feed_title else []
    return PageSpec(
        path=page.path,
        template="index-page.md.j2",
        context={
            "feeds": feed_front_matter(feeds),
            "feed_link": relative_link(page.path, feeds[0][1]) if feeds else None,
            "title": page.label,
            "lead": INDEX_LEADS[page.kind].format(
                count=len(page.dossiers), s="" if len(page.dossiers) == 1 else "en"
            ),
            "overview": {
                "title": INDEX_TITLES.get(page.kind, INDEX_TITLES[IndexKind.SESSION]),
                "link": relative_link(page.path, overview),
            },
            "party": party_link,
            "members": members,
            "entries": [_list_entry(dossier, page.path, urls) for dossier in page.dossiers],
        },
    )


INDEX_LEADS = {
    IndexKind.MEMBER: "{count} document{s} met vragen die dit Kamerlid (mede) ondertekende, het nieuwste eerst.",
    IndexKind.PARTY: "{count} document{s} met vragen van leden van deze partij, het nieuwste eerst.",
    IndexKind.OFFICE: "{count} document{s} met vragen gericht aan deze bewindspersoon, het nieuwste eerst.",
    IndexKind.SESSION: "{count} document{s} uit dit vergaderjaar, het nieuwste eerst.",
    IndexKind.YEAR: "{count} document{s} ingezonden of ontvangen in dit jaar, het nieuwste eerst.",
    IndexKind.TOPIC: "{count} document{s} waarin dit woord tot de kenmerkendste behoort, het nieuwste eerst.",
}


def _index_labels(dossier: Dossier) -> Iterator[tuple[IndexKind, str]]:
    for member in dossier.submitters:
        yield IndexKind.MEMBER, _member_label(member.name, member.party)
        if member.party:
            yield IndexKind.PARTY, member.party
    for addressee in dossier.addressees:
        yield IndexKind.OFFICE, addressee.office
        if addressee.standing_in_for:
            yield IndexKind.OFFICE, addressee.standing_in_for
    yield IndexKind.SESSION, dossier.session or UNKNOWN_SESSION
    if (date := _date(dossier)) is not None:
        yield IndexKind.YEAR, str(date.year)


def _member_label(name: str, party: str | None) -> str:
    # Name and party together: two members of the same surname are told apart by their party.
    return f"{name} ({party})" if party else name


def _label_order(label: str) -> tuple[str, str]:
    return (_fold(label).casefold(), label)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class _UniqueSlugs:
    """URL-safe names, unique within one kind of index page: "Kröger (GroenLinks-PvdA)" -> kroger-groenlinks-pvda."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, label: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", _fold(label).lower()).strip("-") or "x"
        slug, counter = base, 1
        while slug in self._used:
            counter += 1
            slug = f"{base}-{counter}"
        self._used.add(slug)
        return slug


def _list_title(dossier: Dossier) -> str:
    return _headline(plain_text(dossier.title, _footnote_numbers(dossier)) or dossier.id)


def _list_entry(dossier: Dossier, from_page: str, urls: UrlFormats) -> dict[str, Any]:
    return {
        "dossier": dossier,
        "title": _list_title(dossier),
        "link": relative_link(from_page, urls.dossier_page(dossier)),
        "date": _date(dossier),
    }


def _first_of_each(citations: Iterable[Citation]) -> list[Citation]:
    """Each cited paper once, where it is first cited."""
    seen: dict[str, Citation] = {}
    for citation in citations:
        seen.setdefault(citation.reference.key, citation)
    return list(seen.values())


def _reference_links(citations: Iterable[Citation], dossier_link: Callable[[str], str]) -> dict[str, str]:
    """Where each cited paper is linked in the text: its page on this site if there is one, else its publication."""
    return {
        citation.reference.key: dossier_link(citation.cited) if citation.cited else citation.reference.url
        for citation in citations
    }


def _reasons_text(related: Related, other: Dossier) -> str:
    """The reasons a dossier is listed as related, in Dutch: "Vergelijkbare inhoud: Chinese, China; ..."."""
    sentence = "; ".join(_reason_text(reason, other) for reason in related.reasons)
    return sentence[:1].upper() + sentence[1:]


def _reason_text(reason: Reason, other: Dossier) -> str:
    listed = (
        ", ".join if reason.relation in (Relation.SIMILAR_CONTENT, Relation.SHARED_SOURCE) else do_dutch_list
    )
    details = listed(list(reason.details))
    if reason.relation is Relation.SAME_ZAAK:
        return {
            Kind.MEDEDELING: f"uitstelbericht bij dezelfde vragen (zaak {details})",
            Kind.ANSWERS: f"antwoorden op dezelfde vragen (zaak {details})",
        }.get(other.kind, f"dezelfde vragen (zaak {details})")
    if reason.relation is Relation.CITES and other.kind is Kind.MEDEDELING:
        return f"uitstelbericht, in dit document aangehaald ({details})"
    texts = {
        Relation.FOLLOWS_UP: "eerdere vragen waarop deze vragen voortbouwen ({})",
        Relation.FOLLOWED_UP_BY: "vervolgvragen op deze vragen ({})",
        Relation.CITES: "in dit document aangehaald ({})",
        Relation.CITED_BY: "haalt dit document aan ({})",
        Relation.SHARED_SOURCE: "dezelfde bron aangehaald: {}",
        Relation.SHARED_REFERENCE: "verwijst ook naar {}",
        Relation.SIMILAR_CONTENT: "vergelijkbare inhoud: {}",
        Relation.SAME_MEMBER: "ook van {}",
        Relation.SAME_OFFICE: "ook gericht aan de {}",
    }
    return texts[reason.relation].format(details)


def editors_page_inputs(dossiers: Sequence[Dossier]) -> tuple[Any, ...]:
    """Everything `editors_page` reads: equal inputs give an equal page."""
    listed = tuple(
        (dossier.id, dossier.source, dossier.title, dossier.footnotes, dossier.diagnostics)
        for dossier in dossiers
        if dossier.diagnostics
    )
    return (len(dossiers), listed)


def editors_page(dossiers: Sequence[Dossier], *, urls: UrlFormats = URLS) -> PageSpec:
    entries = [
        {
            "dossier": dossier,
            "title": _headline(plain_text(dossier.title, _footnote_numbers(dossier)) or dossier.id),
            "anchor": _editors_anchor(dossier),
            "page_link": relative_link(urls.editors, urls.dossier_page(dossier)),
            "source_link": relative_link(urls.editors, urls.source_file(dossier)),
            "error_count": len(dossier.errors),
            "note_count": len(dossier.notes),
            "diagnostics": [
                DiagnosticEntry(diagnostic=diagnostic, level_label=LEVEL_LABELS[diagnostic.level])
                for diagnostic in _sorted_diagnostics(dossier.diagnostics)
            ],
        }
        for dossier in dossiers
        if dossier.diagnostics
    ]
    return PageSpec(
        path=urls.editors,
        template="editors.md.j2",
        context={"entries": entries, "dossier_count": len(dossiers)},
    )


def relative_link(from_page: str, to_path: str) -> str:
    """A link from one docs-relative page to another docs-relative path, percent-encoded."""
    # Both are clean docs-relative paths, so the common folders can be counted off without
    # posixpath.relpath, which asks the file system for the working directory on every call.
    from_folders = from_page.split("/")[:-1]
    to_parts = to_path.split("/")
    shared = 0
    for from_folder, to_part in zip(from_folders, to_parts[:-1]):
        if from_folder != to_part:
            break
        shared += 1
    relative = "/".join([".."] * (len(from_folders) - shared) + to_parts[shared:])
    return quote(relative, safe="/")


def _content_blocks(dossier: Dossier) -> tuple[list[QuestionBlock | SectionBlock], list[AnswerBlock]]:
    """Questions in order, each followed by its answers, with sections placed where they stood.

    A grouped answer is shown once, after the last question it covers; an answer that covers no
    question of the dossier is returned separately so that it is still shown.
    """
    anchors = _UniqueAnchors()
    # A question with a grouped heading ("Vraag 2 en 3") answers to each of its numbers.
    last_index_of_number = {
        number: index for index, question in enumerate(dossier.questions) for number in question.numbers
    }
    answers_after: dict[int, list[Answer]] = {}
    unplaced: list[Answer] = []
    for answer in dossier.answers:
        covered = [number for number in answer.questions if number in last_index_of_number]
        if covered:
            answers_after.setdefault(max(last_index_of_number[n] for n in covered), []).append(answer)
        else:
            unplaced.append(answer)

    question_anchors = [anchors.make(f"vraag-{question.number}") for question in dossier.questions]
    answer_blocks: dict[int, list[AnswerBlock]] = {
        index: [_answer_block(answer, anchors) for answer in answers]
        for index, answers in sorted(answers_after.items())
    }
    answered_later: dict[int, AnswerBlock] = {}
    for index, blocks in answer_blocks.items():
        for block in blocks:
            for number in block.answer.questions:
                earlier = last_index_of_number.get(number)
                if earlier is not None and earlier != index:
                    answered_later.setdefault(earlier, block)

    question_blocks = [
        QuestionBlock(
            question=question,
            anchor=question_anchors[index],
            heading=_numbered("Vraag", question.numbers),
            answers=tuple(answer_blocks.get(index, ())),
            answered_later=answered_later.get(index),
        )
        for index, question in enumerate(dossier.questions)
    ]
    unplaced_blocks = [_answer_block(answer, anchors, always_numbered=True) for answer in unplaced]
    return _place_sections(question_blocks, dossier.sections), unplaced_blocks


def _place_sections(
    question_blocks: list[QuestionBlock], sections: Iterable[Section]
) -> list[QuestionBlock | SectionBlock]:
    """A section goes before the first question that comes after it in the source, else at the end."""
    placed: list[QuestionBlock | SectionBlock] = list(question_blocks)
    for section in sections:
        position = len(placed)
        if section.line is not None:
            for index, block in enumerate(placed):
                if (
                    isinstance(block, QuestionBlock)
                    and block.question.line
                    and block.question.line > section.line
                ):
                    position = index
                    break
        placed.insert(position, SectionBlock(section=section))
    return placed


def _answer_block(answer: Answer, anchors: _UniqueAnchors, *, always_numbered: bool = False) -> AnswerBlock:
    first = answer.questions[0] if answer.questions else "zonder-vraag"
    if len(answer.questions) > 1 or (answer.questions and always_numbered):
        heading = _numbered("Antwoord op vraag", answer.questions)
    elif answer.questions:
        heading = "Antwoord"
    else:
        heading = "Antwoord (vraag onbekend)"
    return AnswerBlock(answer=answer, anchor=anchors.make(f"antwoord-{first}"), heading=heading)


def _numbered(label: str, numbers: Sequence[int]) -> str:
    """ "Vraag 3", "Antwoord op vraag 3 en 4", "Vraag 1, 2 en 5"."""
    return f"{label} {do_dutch_list([str(number) for number in numbers])}"


class _UniqueAnchors:
    """Anchors stay unique on a page even when a source numbers two questions the same."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, wanted: str) -> str:
        anchor, counter = wanted, 1
        while anchor in self._used:
            counter += 1
            anchor = f"{wanted}-{counter}"
        self._used.add(anchor)
        return anchor


def _unreferenced_footnotes(dossier: Dossier) -> list[int]:
    """Footnotes no text points to: listed at the end of the page so they are not left dangling."""
    texts = [dossier.title]
    texts += [question.text for question in dossier.questions]
    texts += [answer.text for answer in dossier.answers]
    texts += [section.text for section in dossier.sections]
    referenced = {int(number) for text in texts for number in FOOTNOTE_MARKER.findall(text)}
    return sorted({footnote.number for footnote in dossier.footnotes} - referenced)


def _headline(title: str) -> str:
    """A title as a heading: the parser gives the subject as printed after "over" ("het bericht …")."""
    title = title.strip()
    # Only an all-lowercase first word: "iPhone" or "eID" keep their spelling.
    if title and title.split()[0].islower():
        return title[:1].upper() + title[1:]
    return title


def _footnote_numbers(dossier: Dossier) -> frozenset[int]:
    return frozenset(footnote.number for footnote in dossier.footnotes)


def _date(dossier: Dossier) -> dt.date | None:
    return dossier.submitted or dossier.received


UNDATED = "zonder-datum"


def data_year(dossier: Dossier) -> str:
    """The year a dossier is filed under in the downloads: of sending, else of receiving."""
    date = _date(dossier)
    return str(date.year) if date is not None else UNDATED


def _newest_first(dossier: Dossier) -> tuple[bool, int, str]:
    date = _date(dossier)
    return (date is None, -date.toordinal() if date else 0, dossier.id)


def _editors_anchor(dossier: Dossier) -> str:
    return "dossier-" + re.sub(r"[^A-Za-z0-9_-]+", "-", dossier.id)


def _sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.level is not Level.ERROR, d.line or 0))


def _description(dossier: Dossier) -> str:
    """One sentence for search engines and link previews: what, by whom, to whom, when."""
    sentence = DESCRIPTION_OPENINGS.get(dossier.kind, str(dossier.kind))
    if dossier.submitters:
        names = [f"{m.name} ({m.party})" if m.party else m.name for m in dossier.submitters]
        sentence += " van " + do_dutch_list(names)
    if dossier.addressees:
        sentence += " aan " + do_dutch_list([f"de {addressee}" for addressee in dossier.addressees])
    if dossier.submitted:
        sentence += f", ingezonden {do_dutch_date(dossier.submitted)}"
    elif dossier.received:
        sentence += f", ontvangen {do_dutch_date(dossier.received)}"
    return plain_text(sentence, _footnote_numbers(dossier)) + "."

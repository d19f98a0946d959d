"""Incremental site builds: each file of the site is made anew only when what it is made of changed.

Every generated file is described by an `Output`: its path, the inputs it is made of (``made_of``,
compared with ``==``) and the function that makes it. A `SiteBuilder` remembers the inputs and the
content of the last build; in the next build, a file whose inputs are equal keeps its content
without being rendered. The parse cache hands out the same `Dossier` object for an unchanged file,
so comparing inputs mostly compares identities and costs next to nothing, even at 50,000 dossiers.

A file is right only if ``made_of`` names everything its function reads; the tests compare every
incremental build with a full one to hold that promise.

When many files are to be made (a first build), forked workers make a share of the dossier and index
pages (`generator.parallel`) while this process makes the other files, then joins them. Or, when the
caller has other work to do meanwhile (MkDocs converting the pages to HTML, on one core), the workers
make all those pages, and a page is waited for only when it is read (`GeneratedFiles`).
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from generator.extras import data_outputs
from generator.link import Linker, Links
from generator.model import Dossier
from generator.parallel import MadeAhead, taken_in_turns, workers_for
from generator.render import make_environment, render_template
from generator.site import (
    ALWAYS,
    INDEX_TITLES,
    URLS,
    IndexKind,
    MadeAnywhere,
    Output,
    PageSpec,
    SiteIndex,
    UrlFormats,
    dossier_page,
    dossier_page_inputs,
    editors_page,
    editors_page_inputs,
    home_page,
    index_page,
    overview_page,
)

# Below this many pages to make, forking workers to share them costs more than it saves; a rebuild
# after an edit makes a few.
PAGES_IN_PARALLEL_FROM = 1000


class GeneratedFiles(Mapping[str, str]):
    """Path relative to the docs folder -> content, of every generated file in order; a page still being
    made by a forked worker is waited for when it is asked for."""

    def __init__(
        self, files: dict[str, str], coming: Mapping[str, int] | None = None, ahead: MadeAhead[str] | None = None
    ) -> None:
        self._files = files  # holds a coming page's place in the order until it is made
        self._coming = dict(coming or {})  # path -> its item in `ahead`
        self._ahead = ahead

    def __getitem__(self, path: str) -> str:
        item = self._coming.get(path)
        if item is not None and self._ahead is not None:
            return self._ahead[item]
        return self._files[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    @property
    def coming(self) -> int:
        """How many files a worker may still be making."""
        return len(self._coming)

    def is_made(self, path: str) -> bool:
        """Whether the file's content is here without waiting for a worker."""
        return path not in self._coming

    @property
    def seconds(self) -> float:
        """Seconds this process spent on the pages since they were handed out: waiting for workers, or
        making a page no worker had taken yet."""
        return self._ahead.seconds if self._ahead is not None else 0.0

    def abandon(self) -> None:
        """Stop the workers: the pages they still make are not wanted (the build failed)."""
        if self._ahead is not None:
            self._ahead.abandon()

    def finish(self) -> None:
        """Wait for every page still being made; the workers are gone after."""
        if self._ahead is None:
            return
        made = self._ahead.finish()
        for path, item in self._coming.items():
            self._files[path] = made[item]
        self._coming = {}


@dataclass(frozen=True, kw_only=True)
class Build:
    """What one build made: every generated file, which of them were made anew, and how long it took."""

    files: GeneratedFiles
    made: frozenset[str]  # paths made anew because what they are made of changed (all, the first time)
    changed: frozenset[str]  # paths whose content differs from the last build's, or that are new
    removed: frozenset[str]  # paths of the last build that this one no longer has
    seconds: dict[str, float] = field(default_factory=dict)  # "link", "render"
    processes: int = 1  # that made the files: this one, and forked workers that made pages


class SiteBuilder:
    """Builds the generated files of the site, reusing what the last build made where nothing changed."""

    def __init__(self, *, urls: UrlFormats = URLS, linker: Callable[[Sequence[Dossier]], Links] | None = None) -> None:
        self._urls = urls
        # A Linker of its own remembers the last linking, so a rebuild relinks only what changed.
        self._linker = linker or Linker().link
        self._environment = make_environment()
        self._last: dict[str, tuple[Any, str]] = {}  # path -> (made_of, content)
        self._page_inputs = _DossierPageInputs()
        self._index: tuple[SiteIndex, Mapping[str, tuple[str, ...]]] | None = None  # and the topics it had
        self._coming: tuple[GeneratedFiles, list[Output]] | None = None  # pages workers still make

    def build(self, dossiers: Sequence[Dossier], *, home_intro: str = "", pages_later: bool = False) -> Build:
        """The generated files of the site made of these dossiers.

        With ``pages_later``, a first build may return while forked workers still make the dossier and
        index pages, in the order of `Build.files`: for a caller with work of its own to do before it
        reads them, such as MkDocs, whose work on the pages runs on one core.
        """
        self.settle()
        started = time.perf_counter()
        links = self._linker(dossiers)
        linked = time.perf_counter()
        index = self._site_index(dossiers, links)
        self._page_inputs.start(index, links)
        files: dict[str, str] = {}
        to_make: list[Output] = []
        outputs = site_outputs(
            dossiers, links, index, urls=self._urls, home_intro=home_intro, page_inputs=self._page_inputs
        )
        for output in outputs:
            last = self._last.get(output.path)
            if last is not None and output.made_of is not ALWAYS and _same(last[0], output.made_of):
                files[output.path] = last[1]
            else:
                files[output.path] = ""  # holds the file's place in the order until it is made below
                to_make.append(output)
        first = not self._last
        contents, ahead, processes = self._contents(to_make, pages_later=pages_later and first)
        made: set[str] = set()
        changed: set[str] = set()
        coming: dict[str, int] = {}
        for output, content in zip(to_make, contents, strict=True):
            made.add(output.path)
            if isinstance(content, _MadeLater):  # new, as everything in a first build
                coming[output.path] = content.item
                changed.add(output.path)
                continue
            last = self._last.get(output.path)
            files[output.path] = content
            if last is None or last[1] != content:
                changed.add(output.path)
            self._last[output.path] = (output.made_of, content)
        removed = frozenset(self._last.keys() - files.keys())
        for path in removed:
            del self._last[path]
        generated = GeneratedFiles(files, coming, ahead)
        if ahead is not None:
            self._coming = (generated, [output for output in to_make if output.path in coming])
        rendered = time.perf_counter()
        return Build(
            files=generated,
            made=frozenset(made),
            changed=frozenset(changed),
            removed=removed,
            seconds={"link": linked - started, "render": rendered - linked},
            processes=processes,
        )

    def settle(self) -> None:
        """Wait for the pages of the last build that workers still make, and keep them for the next."""
        if self._coming is None:
            return
        files, outputs = self._coming
        self._coming = None
        files.finish()
        for output in outputs:
            self._last[output.path] = (output.made_of, files[output.path])

    def abandon(self) -> None:
        """Stop making the pages of the last build: it failed. They are made anew next time."""
        if self._coming is not None:
            self._coming[0].abandon()
            self._coming = None

    def _contents(
        self, outputs: Sequence[Output], *, pages_later: bool
    ) -> tuple[list[str | _MadeLater], MadeAhead[str] | None, int]:
        """The content of each output, or where a worker makes it; the pages made ahead; and how many
        processes make the files.

        Forked workers make only the files of `MadeAnywhere`: the other files fill memos of this process
        (`generator.memo`) that later rebuilds rely on, so this process makes those, first, and then
        joins the workers, or leaves them to it when the pages may come later.
        """
        anywhere = [place for place, output in enumerate(outputs) if isinstance(output.make, MadeAnywhere)]
        workers = workers_for(len(anywhere), parallel_from=PAGES_IN_PARALLEL_FROM)
        if workers == 1:
            return [self._content(output) for output in outputs], None, 1
        contents: list[str | _MadeLater] = [""] * len(outputs)

        def make_the_rest() -> None:
            for place, output in enumerate(outputs):
                if not isinstance(output.make, MadeAnywhere):
                    contents[place] = self._content(output)

        def make_page(item: int) -> str:
            return self._content(outputs[anywhere[item]])

        if pages_later:
            # One core is this process's, for the caller's work once the rest is made.
            ahead = MadeAhead(make_page, len(anywhere), workers - 1)
            make_the_rest()
            for item, place in enumerate(anywhere):
                contents[place] = _MadeLater(item)
            return contents, ahead, workers
        pages = taken_in_turns(make_page, len(anywhere), workers, here_first=make_the_rest)
        for place, content in zip(anywhere, pages, strict=True):
            contents[place] = content
        return contents, None, workers

    def _content(self, output: Output) -> str:
        made = output.make()
        return made if isinstance(made, str) else self._render(made)

    def _site_index(self, dossiers: Sequence[Dossier], links: Links) -> SiteIndex:
        """The index of the last build with the changed dossiers in it, when that is all that changed."""
        if self._index is not None:
            last, topics = self._index
            by_id = {dossier.id: dossier for dossier in dossiers}
            if by_id.keys() == last.dossiers.keys() and links.topics == topics:
                changed = {id_: dossier for id_, dossier in by_id.items() if last.dossiers[id_] is not dossier}
                index = last.with_changed(changed) if changed else last
                if index is not None:
                    self._index = (index, links.topics)
                    return index
        index = SiteIndex(dossiers, links, self._urls)
        self._index = (index, links.topics)
        return index

    def _render(self, spec: PageSpec) -> str:
        return render_template(self._environment, spec.template, spec.context)


@dataclass(frozen=True)
class _MadeLater:
    """A file that a worker makes while the caller goes on: item ``item`` of the `MadeAhead`."""

    item: int


def _same(before: Any, now: Any) -> bool:
    # Tuples compare their items by identity first, so unchanged dossiers are not compared field by field.
    return bool(before is now or before == now)


def _all_identical(before: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    return len(before) == len(now) and all(map(operator.is_, before, now))


class _DossierPageInputs:
    """`dossier_page_inputs`, handed out again without being worked out for a dossier page whose
    every ingredient is the very object it was in the last build: the dossier, its links, the
    dossiers it shows, and the index pages (paths and topics) of the whole site.

    The parse cache and the `Linker` keep the objects of what did not change, so in a rebuild this
    spares the work for all but the few pages a change reaches. The dossiers a page shows are
    checked against the ids whose dossier changed since the last build, worked out once per build.
    """

    def __init__(self) -> None:
        self._index_shape: tuple[Any, ...] | None = None
        self._dossiers: Mapping[str, Dossier] = {}  # id -> dossier, of the last build
        self._changed: set[str] = set()  # ids whose dossier is new, changed or gone since the last build
        self._build = 0
        # id -> (build that last checked it, ingredients, ids of the dossiers it shows, inputs)
        self._last: dict[str, tuple[int, tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]] = {}

    def start(self, index: SiteIndex, links: Links) -> None:
        """A new build: what was kept holds only while every index page keeps its path and topics."""
        shape = (index.shape(), links.topics)
        if shape != self._index_shape:
            self._last = {}
        self._index_shape = shape
        before, now = self._dossiers, index.dossiers
        self._changed = {id_ for id_, dossier in now.items() if before.get(id_) is not dossier}
        self._changed |= before.keys() - now.keys()
        self._dossiers = now  # a SiteIndex never changes its map; a changed index has a new one
        self._build += 1

    def __call__(
        self, dossier: Dossier, *, links: Links, index: SiteIndex, by_id: dict[str, Dossier]
    ) -> tuple[Any, ...]:
        id_ = dossier.id
        ingredients = (dossier, links.related.get(id_), links.cited_by.get(id_), links.citations.get(id_))
        last = self._last.get(id_)
        if (
            last is not None
            and last[0] == self._build - 1  # checked in the last build, so _changed covers all since
            and _all_identical(last[1], ingredients)
            and self._changed.isdisjoint(last[2])
        ):
            self._last[id_] = (self._build, *last[1:])
            return last[3]
        _, related, cited_by, citations = ingredients
        shown_ids = (
            *(entry.id for entry in related or ()),
            *(citation.citing for citation in cited_by or ()),
            *(citation.cited for citation in citations or () if citation.cited),
        )
        inputs = dossier_page_inputs(dossier, links=links, index=index, by_id=by_id)
        self._last[id_] = (self._build, ingredients, shown_ids, inputs)
        return inputs


def site_outputs(
    dossiers: Sequence[Dossier],
    links: Links,
    index: SiteIndex,
    *,
    urls: UrlFormats = URLS,
    home_intro: str = "",
    page_inputs: Callable[..., tuple[Any, ...]] = dossier_page_inputs,
) -> Iterator[Output]:
    """Every generated file of the site: home, editors' page, dossier pages, overviews, index pages,
    then the feeds, data files, statistics and data pages. ``page_inputs`` works out what a dossier
    page is made of (as `dossier_page_inputs`)."""
    by_id = index.dossiers
    yield Output(
        path=urls.home,
        made_of=ALWAYS,
        make=MadeAnywhere(home_page, dossiers, intro=home_intro, urls=urls, index=index),
    )
    yield Output(
        path=urls.editors,
        made_of=editors_page_inputs(dossiers),
        make=MadeAnywhere(editors_page, dossiers, urls=urls),
    )
    for dossier in dossiers:
        yield Output(
            path=urls.dossier_page(dossier),
            made_of=page_inputs(dossier, links=links, index=index, by_id=by_id),
            make=MadeAnywhere(dossier_page, dossier, urls=urls, links=links, index=index, by_id=by_id),
        )
    for kind in INDEX_TITLES:
        yield Output(path=urls.overview_page(kind), made_of=ALWAYS, make=partial(overview_page, kind, index, urls=urls))
    for kind in IndexKind:
        for page in index.pages[kind]:
            yield Output(
                path=page.path,
                made_of=index.page_inputs(page),
                make=MadeAnywhere(index_page, page, index, urls=urls),
            )
    yield from data_outputs(dossiers, index, urls=urls)

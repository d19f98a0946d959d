"""Incremental builds: after a change, exactly the files that depend on it are made anew, and the
site is the same as a full build of the changed dossiers."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from fixtures.fresh import in_fresh_interpreter

from generator.builder import SiteBuilder
from generator.link import Links, link
from generator.model import Dossier, Member
from generator.parse import load_folder
from generator.site import URLS, IndexKind, SiteIndex

ROOT = Path(__file__).resolve().parent.parent
NUCTECH = "kv-2021-02-03-yesilgoz-zegerius"
CYBERSURVEILLANCE = "2019Z15231"


@pytest.fixture(scope="module")
def dossiers() -> list[Dossier]:
    return load_folder(ROOT / "dossiers")


def _replaced(dossiers: Sequence[Dossier], id_: str, change: Callable[[Dossier], Dossier]) -> list[Dossier]:
    return [change(dossier) if dossier.id == id_ else dossier for dossier in dossiers]


def _with_question_text(dossier: Dossier, addition: str) -> Dossier:
    first, *rest = dossier.questions
    return dataclasses.replace(dossier, questions=(dataclasses.replace(first, text=first.text + addition), *rest))


CHANGES: dict[str, Callable[[list[Dossier]], list[Dossier]]] = {
    "question text": lambda ds: _replaced(ds, NUCTECH, lambda d: _with_question_text(d, " Graag uw reactie.")),
    "title": lambda ds: _replaced(ds, NUCTECH, lambda d: dataclasses.replace(d, title="een nieuwe titel")),
    "dossier removed": lambda ds: [d for d in ds if d.id != CYBERSURVEILLANCE],
    "dossier added": lambda ds: [
        *ds,
        dataclasses.replace(next(d for d in ds if d.id == NUCTECH), id="kopie", zaak="2021Z99999"),
    ],
    "member of another party": lambda ds: _replaced(
        ds,
        NUCTECH,
        lambda d: dataclasses.replace(
            d, submitters=(Member(name=d.submitters[0].name, party="SP"), *d.submitters[1:])
        ),
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_an_incremental_build_gives_the_same_site_as_a_full_build(dossiers, change) -> None:
    # With a full link each time: the builder's own promise. (An incremental Linker keeps the
    # corpus-wide word weights of its last full link, so related lists may differ slightly.)
    builder = SiteBuilder(linker=link)
    builder.build(dossiers, home_intro="Welkom.")
    changed = CHANGES[change](dossiers)

    incremental = builder.build(changed, home_intro="Welkom.")
    full = SiteBuilder(linker=link).build(changed, home_intro="Welkom.")

    assert incremental.files == full.files
    assert incremental.removed == full.files.keys() ^ incremental.files.keys() | incremental.removed


def test_a_build_without_changes_makes_only_the_summaries_anew(dossiers) -> None:
    builder = SiteBuilder()
    first = builder.build(dossiers)

    again = builder.build(dossiers)

    assert first.made == first.files.keys()
    assert again.made == {URLS.home, *(URLS.overview_page(kind) for kind in IndexKind)}
    assert not again.changed


def test_a_changed_question_remakes_its_page_its_feeds_and_the_pages_that_list_it_differently(dossiers) -> None:
    builder = SiteBuilder()
    builder.build(dossiers)
    changed = CHANGES["question text"](dossiers)
    before, after = link(dossiers), link(changed)
    nuctech = next(d for d in changed if d.id == NUCTECH)
    index = SiteIndex(changed, after, URLS)

    build = builder.build(changed)

    # Its index pages list its title, date and members, which stay; their feeds show its text.
    its_index_pages = {page.path for pages in index.pages.values() for page in pages if nuctech in page.dossiers}
    def shown(links: Links, id_: str) -> tuple[object, ...]:
        # A page shows which dossiers are related and why, not the score.
        related = [(entry.id, entry.reasons) for entry in links.related_to(id_)]
        return (related, links.cited_by.get(id_))

    # Pages of other dossiers whose related list or citations came out differently.
    relinked = {
        URLS.dossier_page(dossier)
        for dossier in changed
        if dossier.id != NUCTECH and shown(before, dossier.id) != shown(after, dossier.id)
    }
    summaries = {URLS.home, *(URLS.overview_page(kind) for kind in IndexKind)}
    # Its JSON, the feeds of its member, party and office pages, the CSV of all dossiers and the JSON
    # of its year (2021), not those of the other years.
    its_data = {URLS.dossier_json(nuctech), URLS.all_dossiers_csv, URLS.dossiers_json_of("2021")}
    its_data |= {URLS.feed_of(path) for path in its_index_pages} & build.files.keys()
    # The site's feed chooses its entries from all dossiers, so it is made anew on any change; it
    # comes out the same, as the changed dossier (2021) is not among the newest.
    its_data.add(URLS.site_feed)
    assert URLS.site_feed not in build.changed
    assert its_index_pages  # member, party, office, vergaderjaar, year pages
    assert build.made == {URLS.dossier_page(nuctech), *relinked, *summaries, *its_data}
    assert URLS.dossier_page(nuctech) in build.changed
    assert "Graag uw reactie." in build.files[URLS.dossier_page(nuctech)]


def test_a_changed_title_remakes_the_index_pages_that_list_it(dossiers) -> None:
    builder = SiteBuilder()
    builder.build(dossiers)
    changed = CHANGES["title"](dossiers)
    index = SiteIndex(changed, link(changed), URLS)
    its_index_pages = {
        page.path for pages in index.pages.values() for page in pages if any(d.id == NUCTECH for d in page.dossiers)
    }

    build = builder.build(changed)

    assert its_index_pages and its_index_pages <= build.changed
    assert all("nieuwe titel" in build.files[path] for path in its_index_pages)


def test_a_removed_dossier_removes_its_page(dossiers) -> None:
    builder = SiteBuilder()
    builder.build(dossiers)

    build = builder.build(CHANGES["dossier removed"](dossiers))

    assert f"dossiers/{CYBERSURVEILLANCE}.md" in build.removed
    assert f"dossiers/{CYBERSURVEILLANCE}.md" not in build.files


# The start of a script for a fresh interpreter (`in_fresh_interpreter`): workers are forked only in a
# process without other threads. It reads the shipped dossiers and lets the builder be set up.
SHIPPED_DOSSIERS = (
    "import os, sys; from pathlib import Path; sys.path.insert(0, 'tests');"
    "import generator.builder as b; from generator.link import link; from generator.parse import load_folder;"
    "from test_builder import CHANGES; dossiers = load_folder(Path('dossiers'));"
)


def test_pages_made_in_several_processes_are_those_one_process_makes(dossiers) -> None:
    # The rebuild after a change shows that the first build left this process with all it needs to reuse.
    script = SHIPPED_DOSSIERS + (
        "b.PAGES_IN_PARALLEL_FROM = 10**9; alone = b.SiteBuilder(linker=link).build(dossiers);"
        "b.PAGES_IN_PARALLEL_FROM = 1; builder = b.SiteBuilder(linker=link); shared = builder.build(dossiers);"
        "assert shared.processes > 1 or (os.cpu_count() or 1) == 1, shared.processes;"
        "changed = CHANGES['question text'](dossiers); again = builder.build(changed);"
        "full = b.SiteBuilder(linker=link).build(changed);"
        "print(list(shared.files.items()) == list(alone.files.items()), again.files == full.files)"
    )
    result = in_fresh_interpreter(script)

    assert result.stdout.strip() == "True True", result.stderr[-2000:]


def test_pages_made_while_the_caller_goes_on_are_those_one_process_makes(dossiers) -> None:
    # As MkDocs builds the site: the first build returns while workers make the pages, and they are
    # waited for when read. A rebuild after a change then remakes just what it would after a first build
    # made in one process.
    script = SHIPPED_DOSSIERS + (
        "changed = CHANGES['question text'](dossiers);"
        "b.PAGES_IN_PARALLEL_FROM = 10**9; alone = b.SiteBuilder(linker=link); first_alone = alone.build(dossiers);"
        "again_alone = alone.build(changed);"
        "b.PAGES_IN_PARALLEL_FROM = 1; builder = b.SiteBuilder(linker=link);"
        "later = builder.build(dossiers, pages_later=True);"
        "coming = [path for path in later.files if not later.files.is_made(path)];"
        "assert len(coming) > len(dossiers) or (os.cpu_count() or 1) == 1, len(coming);"
        "same = list(later.files.items()) == list(first_alone.files.items());"
        "again = builder.build(changed);"
        "print(same, again.files == again_alone.files, again.made == again_alone.made, len(again.made) < len(coming) / 4)"
    )
    result = in_fresh_interpreter(script)

    assert result.stdout.strip() == "True True True True", result.stderr[-2000:]

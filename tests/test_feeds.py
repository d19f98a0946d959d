"""Atom feeds on the built site: the whole site's and one per member, party and office, linked from pages."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import Element, make_dossier, parse_html, squash
from fixtures.projects import article
from mkdocs.utils.meta import get_data

from generator.feeds import FEED_ENTRIES, atom_feed, feed_entries, site_feed
from generator.site import build_pages

ATOM = "{http://www.w3.org/2005/Atom}"
BOSWIJK = "leden/boswijk-cda"  # Boswijk (CDA) signed three of the shipped question sets


def read_feed(site: Path, path: str) -> ET.Element:
    return ET.parse(site / path).getroot()


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def link_of(element: ET.Element, media_type: str) -> str:
    return next(
        link.attrib["href"]
        for link in element.findall(f"{ATOM}link")
        if link.attrib["rel"] == "alternate" and link.attrib["type"] == media_type
    )


def resolved(site: Path, from_path: str, href: str) -> Path:
    """The file a relative link in a file of the site leads to; a folder link leads to its index.html."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), href))
    return site / target / "index.html" if href.endswith("/") or href in ("", "..") else site / target


def head_feeds(page: Element) -> list[Element]:
    """The feeds a feed reader discovers in the page head: alternate links of the Atom type."""
    return [
        link
        for link in page.find("head").find_all("link")
        if "alternate" in link.attrs.get("rel", "").split()
        and link.attrs.get("type") == "application/atom+xml"
    ]


def test_member_feed_lists_exactly_that_members_dossiers(site, dossiers) -> None:
    feed = read_feed(site, f"feeds/{BOSWIJK}.xml")

    signed = {d.id for d in dossiers if any(m.name == "Boswijk" and m.party == "CDA" for m in d.submitters)}
    listed = {link_of(entry, "text/html").rstrip("/").rsplit("/", 1)[-1] for entry in entries(feed)}
    assert len(signed) == 3
    assert listed == signed


def test_every_entry_of_a_member_feed_links_to_its_page_and_its_json(site) -> None:
    feed_path = f"feeds/{BOSWIJK}.xml"

    for entry in entries(read_feed(site, feed_path)):
        page = resolved(site, feed_path, link_of(entry, "text/html"))
        data = resolved(site, feed_path, link_of(entry, "application/json"))
        title = entry.find(f"{ATOM}title").text
        assert title in parse_html(page.read_text(encoding="utf-8")).find("title").text()
        assert data.is_file()


def test_feed_entry_names_the_members_as_authors_and_shows_the_questions(site) -> None:
    feed = read_feed(site, "feeds/leden/yesilgoz-zegerius-vvd.xml")

    (entry,) = entries(feed)
    authors = [author.find(f"{ATOM}name").text for author in entry.findall(f"{ATOM}author")]
    assert authors == ["Yesilgöz-Zegerius (VVD)", "Lodders (VVD)"]
    assert entry.find(f"{ATOM}published").text == "2021-02-03T00:00:00Z"
    content = parse_html(entry.find(f"{ATOM}content").text)
    assert (
        "Bent u bekend met het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»?"
        in (content.text())
    )


def test_member_page_links_its_feed_in_the_head_and_in_the_text(site) -> None:
    page = parse_html((site / BOSWIJK / "index.html").read_text(encoding="utf-8"))

    (head_link,) = head_feeds(page)
    visible = [a for a in article(page).find_all("a") if a.text() == "Atom-feed"]
    assert head_link.attrs["title"] == "Schriftelijke vragen van Boswijk (CDA)"
    assert resolved(site, f"{BOSWIJK}/index.html", head_link.attrs["href"]) == site / f"feeds/{BOSWIJK}.xml"
    assert [a.attrs["href"] for a in visible] == [head_link.attrs["href"]]


@pytest.mark.parametrize("folder", ["partijen", "ambten", "leden"])
def test_every_party_office_and_member_page_links_a_feed_that_exists(site, folder: str) -> None:
    pages = [path for path in (site / folder).glob("*/index.html")]

    missing = []
    for path in pages:
        links = head_feeds(parse_html(path.read_text(encoding="utf-8")))
        page = path.relative_to(site).as_posix()
        if len(links) != 1 or not resolved(site, page, links[0].attrs["href"]).is_file():
            missing.append(page)
    assert pages
    assert missing == []


def test_no_page_asks_for_a_sitemap_next_to_its_feed(site) -> None:
    # Material fetches sitemap.xml next to every link[rel=alternate], taking it for another language.
    pages = [site / "index.html", site / BOSWIJK / "index.html", site / "gegevens" / "index.html"]

    exact = [path for path in pages if 'rel="alternate"' in path.read_text(encoding="utf-8")]

    assert exact == []


def test_vergaderjaar_pages_have_no_feed(site) -> None:
    page = parse_html((site / "vergaderjaren" / "2024-2025" / "index.html").read_text(encoding="utf-8"))

    assert head_feeds(page) == []


def test_home_page_links_the_site_feed(site) -> None:
    home = parse_html((site / "index.html").read_text(encoding="utf-8"))

    (head_link,) = head_feeds(home)
    assert head_link.attrs["href"] == "feeds/alles.xml"
    assert "Atom-feed van alle documenten" in squash(article(home).text())


def test_home_page_keeps_the_front_matter_of_the_hand_written_intro_beside_its_feed() -> None:
    intro = "---\nhide:\n  - navigation\n---\n\n# Kamervragen\n\nWelkom."

    body, meta = get_data(build_pages([make_dossier()], home_intro=intro)["index.md"])

    assert meta["hide"] == ["navigation"]
    assert meta["feeds"] == [
        {"title": "Schriftelijke vragen: alle nieuwe documenten", "path": "feeds/alles.xml"}
    ]
    assert body.startswith("# Kamervragen\n\nWelkom.")


def test_site_feed_shows_the_latest_dossiers_newest_first(site, dossiers) -> None:
    feed = read_feed(site, "feeds/alles.xml")

    updated = [entry.find(f"{ATOM}updated").text for entry in entries(feed)]
    assert len(updated) == min(FEED_ENTRIES, len(dossiers))
    assert updated == sorted(updated, reverse=True)
    # From the dossiers' dates, never the clock: the newest is 20 November 2024.
    assert feed.find(f"{ATOM}updated").text == updated[0] == "2024-11-20T00:00:00Z"


def test_a_dossier_has_the_same_entry_id_in_every_feed(site) -> None:
    def ids_by_page(path: str) -> dict[str, str]:
        return {
            link_of(e, "text/html").rsplit("dossiers/", 1)[1]: e.find(f"{ATOM}id").text
            for e in entries(read_feed(site, path))
        }

    site_ids = ids_by_page("feeds/alles.xml")
    member_ids = ids_by_page("feeds/leden/kroger-groenlinks-pvda.xml")

    shared = site_ids.keys() & member_ids.keys()
    assert shared
    assert all(
        site_ids[page] == member_ids[page] and site_ids[page].startswith("urn:uuid:") for page in shared
    )


def test_feed_does_not_depend_on_the_order_of_the_dossiers(dossiers) -> None:
    feed = site_feed()

    assert atom_feed(feed, feed_entries(dossiers)) == atom_feed(feed, feed_entries(reversed(dossiers)))


def test_feed_keeps_markup_and_control_characters_of_a_title_as_text() -> None:
    dossier = make_dossier(title="<b>vet</b> & \x0b <script>alert(1)</script>")

    entry = entries(ET.fromstring(atom_feed(site_feed(), feed_entries([dossier]))))[0]

    assert entry.find(f"{ATOM}title").text == "<b>vet</b> & \u240b <script>alert(1)</script>"


def test_undated_dossier_stays_out_of_feeds() -> None:
    undated = make_dossier(id="zonder-datum", submitted=None, received=None)

    assert feed_entries([undated, make_dossier()]) == (make_dossier(),)

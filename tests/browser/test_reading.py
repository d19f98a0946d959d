"""Reading a dossier in a real browser: footnotes, question anchors, phones, no JavaScript, no errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, SiteTab

pytestmark = pytest.mark.browser

NUCTECH = "dossiers/kv-2021-02-03-yesilgoz-zegerius/"
# Footnote 1 of the Nuctech questions (seed 000, lines 30-34), joined over its line breaks as printed.
FD_ARTICLE = (
    "https://fd.nl/economie-politiek/1371071/"
    "zorgen-over-chinese-spionage-via-douanescanners-in-haven-rotterdam"
    "?utm_source=nieuwsbrief&utm_campaign=fd-ochtendnieuwsbrief_"
    "#126;SYSTEM.CAMPAIGNID#126;_#126;SYSTEM.MAILID#126;"
    "&utm_medium=email&utm_content=20210201&s_cid=671"
)
QUESTION_3 = (
    "Op welke Nederlandse vliegvelden en bij welke Nederlandse distributiecentra wordt gebruik gemaakt van"
    " Nuctech scanners?"
)
QUESTION_7_END = (
    "Bent u bereid hiervoor onderzoek te laten doen naar het Nederlands gebruik van Nuctech scanners?"
)


def is_visible_and_uncovered(tab: SiteTab, selector: str) -> bool:
    """In the viewport and not hidden under the sticky header: what a reader's eye lands on."""
    return bool(
        tab.page.eval_on_selector(
            selector,
            """element => {
                const box = element.getBoundingClientRect();
                if (box.bottom <= 0 || box.top >= window.innerHeight) return false;
                const onTop = document.elementFromPoint(box.left + 2, box.top + box.height / 2);
                return element === onTop || element.contains(onTop);
            }""",
        )
    )


def test_footnote_reference_in_question_1_jumps_to_the_footnote_text(tab: SiteTab) -> None:
    page = tab.open(NUCTECH)
    page.locator("h2#vraag-1 + p a.footnote-ref").click()

    expect(page).to_have_url(tab.url_of(NUCTECH) + "#fn:1")
    footnote = page.locator("li#fn\\:1")
    expect(footnote).to_contain_text(
        "fd.nl, 31 januari 2021, «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»"
    )
    assert is_visible_and_uncovered(tab, "li#fn\\:1")


def test_footnote_link_leads_to_the_printed_fd_article(tab: SiteTab) -> None:
    page = tab.open(NUCTECH)
    # No outside network here: fd.nl answers with a stand-in page, enough to prove where the link goes.
    page.route("https://fd.nl/**", lambda route: route.fulfill(content_type="text/html", body="<p>FD</p>"))
    link = page.locator("li#fn\\:1 a:not(.footnote-backref)")
    assert link.get_attribute("href") == FD_ARTICLE

    link.click()

    page.wait_for_url("https://fd.nl/economie-politiek/1371071/**")


def test_question_anchor_scrolls_the_question_into_view(tab: SiteTab) -> None:
    page = tab.open(NUCTECH + "#vraag-3")

    expect(page.locator("h2#vraag-3")).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    assert is_visible_and_uncovered(tab, "h2#vraag-3")
    expect(page.locator("h2#vraag-3 + p")).to_contain_text(QUESTION_3)


@pytest.mark.parametrize("path", ["", NUCTECH, "redactie/"], ids=["home", "dossier", "editors"])
def test_page_loads_without_console_errors(tab: SiteTab, path: str) -> None:
    page = tab.open(path)
    page.wait_for_load_state("networkidle")

    assert tab.console_errors == []


@pytest.mark.parametrize("path", ["", NUCTECH, "redactie/"], ids=["home", "dossier", "editors"])
def test_page_asks_no_other_host_for_anything(tab: SiteTab, path: str) -> None:
    tab.open(path)

    assert tab.requests_to_other_hosts == []


@pytest.mark.parametrize(
    "path", ["", NUCTECH, "redactie/", "leden/"], ids=["home", "dossier", "editors", "members-index"]
)
def test_phone_shows_the_page_without_horizontal_scrolling(phone_tab: SiteTab, path: str) -> None:
    page = phone_tab.open(path)

    # Compared with the phone's width, not window.innerWidth: a mobile browser widens its layout
    # viewport (and zooms out) to fit a page that is too wide.
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"], f"{path or 'home'} is {page_width - PHONE['width']}px too wide"


def test_phone_shows_the_question_text(phone_tab: SiteTab) -> None:
    page = phone_tab.open(NUCTECH)

    expect(page.locator("h2#vraag-3 + p")).to_contain_text(QUESTION_3)
    expect(page.locator("h2#vraag-3 + p")).to_be_visible()


def test_questions_are_readable_with_javascript_off(tab_without_javascript: SiteTab) -> None:
    page = tab_without_javascript.open(NUCTECH)

    expect(page.locator("h2#vraag-3")).to_contain_text("Vraag 3")
    expect(page.locator("h2#vraag-3 + p")).to_contain_text(QUESTION_3)
    expect(page.locator("h2#vraag-7 + p")).to_contain_text(QUESTION_7_END)
    expect(page.locator("h2#vraag-7 + p")).to_be_visible()
    expect(page.locator("li#fn\\:1")).to_contain_text("fd.nl, 31 januari 2021")

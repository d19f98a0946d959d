"""Getting around by clicking: related dossiers and the index pages of members."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import SiteTab

pytestmark = pytest.mark.browser

NUCTECH = "dossiers/kv-2021-02-03-yesilgoz-zegerius/"
NUCTECH_TITLE = "Het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»"
CYBERSURVEILLANCE_TITLE = "De export van cybersurveillance technologie"


def test_related_dossier_link_opens_the_related_dossier(tab: SiteTab) -> None:
    # Both are about Chinese state influence (seeds 000 and 003); the link sits in the "Verwante vragen" box.
    page = tab.open(NUCTECH)
    related = page.locator(".admonition", has_text="Verwante vragen")

    related.get_by_role("link", name=CYBERSURVEILLANCE_TITLE).click()

    expect(page).to_have_url(tab.url_of("dossiers/2019Z15231/"))
    expect(page.locator("article h1")).to_contain_text(CYBERSURVEILLANCE_TITLE)
    expect(page.locator("h2#vraag-1 + p")).to_contain_text(
        "Heeft u kennisgenomen van het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse"
    )


def test_members_index_in_the_navigation_leads_to_a_members_dossiers(tab: SiteTab) -> None:
    page = tab.open("")

    page.locator("nav.md-nav--primary").get_by_role("link", name="Leden", exact=True).click()
    expect(page.locator("article h1")).to_contain_text("Leden")
    page.locator("article").get_by_role("link", name="Yesilgöz-Zegerius (VVD)").click()
    expect(page.locator("article h1")).to_contain_text("Yesilgöz-Zegerius (VVD)")
    page.locator("article").get_by_role("link", name=NUCTECH_TITLE).click()

    expect(page).to_have_url(tab.url_of(NUCTECH))


def test_member_link_on_a_dossier_opens_the_members_index_page(tab: SiteTab) -> None:
    page = tab.open(NUCTECH)

    page.locator("article").get_by_role("link", name="Lodders", exact=True).click()

    expect(page).to_have_url(re.compile(re.escape(tab.url_of("leden/lodders")) + r"[^/]*/$"))
    expect(page.locator("article h1")).to_contain_text("Lodders")
    expect(page.locator("article").get_by_role("link", name=NUCTECH_TITLE)).to_be_visible()

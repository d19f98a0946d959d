"""Accessibility of the built pages: axe-core finds nothing serious, Dutch is declared, headings are real."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import SiteTab

pytestmark = pytest.mark.browser

NUCTECH = "dossiers/kv-2021-02-03-yesilgoz-zegerius/"
# Aanhangsel 2024-2025 nr. 576 (Erkens, VVD): seven questions, each with its own answer.
WITH_ANSWERS = "dossiers/ah-tk-20242025-576/"
PAGES = {
    "home": "",
    "members-index": "leden/",
    "member": "leden/yesilgoz-zegerius-vvd/",
    "dossier": NUCTECH,
    "dossier-with-answers": WITH_ANSWERS,
}


def serious_axe_violations(page: Page, axe_script: str) -> list[str]:
    page.add_script_tag(content=axe_script)
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{violation['impact']}: {violation['id']} ({violation['help']}) at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_serious_or_critical_violations(tab: SiteTab, axe_script: str, path: str) -> None:
    page = tab.open(path)

    violations = serious_axe_violations(page, axe_script)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_declares_dutch(tab: SiteTab, path: str) -> None:
    page = tab.open(path)

    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_each_question_is_a_level_2_heading(tab: SiteTab) -> None:
    page = tab.open(NUCTECH)

    headings = page.locator("article").get_by_role("heading", level=2).all_inner_texts()
    assert [text.removesuffix("¶") for text in headings] == [f"Vraag {number}" for number in range(1, 8)]


def test_each_answer_is_a_heading_under_its_question(tab: SiteTab) -> None:
    page = tab.open(WITH_ANSWERS)

    outline = page.eval_on_selector_all(
        "article h2, article h3", "headings => headings.map(h => h.tagName + ' ' + h.textContent.trim())"
    )
    expected = [line for number in range(1, 8) for line in (f"H2 Vraag {number}", "H3 Antwoord")]
    assert [line.removesuffix("¶") for line in outline] == expected

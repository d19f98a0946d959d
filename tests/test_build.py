"""The built site as a reader gets it: `mkdocs build --strict` of the real project, then its HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Element, parse_html, squash
from fixtures.projects import copy_site_folders, make_project, mkdocs_build, start_mkdocs_build
from mkdocs.utils.yaml import yaml_load

NUCTECH = "kv-2021-02-03-yesilgoz-zegerius"
CYBERSURVEILLANCE = "2019Z15231"

# Read from /work/shared/seeds/000_*.txt and 003_*.txt: words split over lines joined, footnote
# numbers (also when mangled into ’ ? ;) written as [^N] where the footnote reference belongs.
EXPECTED_QUESTIONS = {
    NUCTECH: [
        "Bent u bekend met het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»?[^1]",
        (
            "Klopt het dat bij de Nederlandse douane in de Rotterdamse haven, op vliegvelden en bij distributiecentra"
            " scanners worden gebruikt van het Chinese bedrijf Nuctech voor het controleren van goederen? Zo ja, voor"
            " welke taken worden deze scanners precies ingezet? Worden alle scanners als «stand-alone» gebruikt? Zo nee,"
            " hoeveel niet?"
        ),
        (
            "Op welke Nederlandse vliegvelden en bij welke Nederlandse distributiecentra wordt gebruik gemaakt van"
            " Nuctech scanners? Zijn er nog andere Nederlandse instellingen/sectoren waar gebruik wordt gemaakt van"
            " Nuctech scanners? Zo ja, welke?"
        ),
        (
            "Is er een risico- en veiligheidsanalyse vooraf gegaan aan het besluit om de scanners van Nuctech aan te"
            " schaffen in onze mainports? Zo ja, is hierbij advies ingewonnen van (digitale) veiligheidsexperts over"
            " bijvoorbeeld het inbouwen van achterdeurtjes en het hanteren van een mogelijke kill switch? Zo nee,"
            " waarom niet?"
        ),
        (
            "Hoe beoordeelt u het grootschalige Nederlandse gebruik van Nuctech scanners in onze mainports met het oog"
            " op de constatering van onze inlichtingendiensten dat China een «offensief cyberprogramma heeft tegen"
            " Nederlandse belangen» en dat het daarom «onwenselijk is voor de uitwisseling van gevoelige informatie/of"
            " vitale processen afhankelijk te zijn van IT-producten of diensten uit een land als China»?[^2]"
        ),
        (
            "Hoe beoordeelt u het besluit van Litouwen, Canada en de Verenigde Staten om de Nuctech scanners te weren"
            " vanwege het risico op spionage en misbruik van data door de Chinese overheid? Hoe beoordeelt u de"
            " constatering van de Amerikaanse Senaat dat Nuctech indirect is verbonden met het Chinese leger? Hoe"
            " beschouwt u bovenstaande in het licht van het Nederlandse gebruik van de Nuctech scanners en"
            " bijbehorende veiligheidsrisico’s voor Nederland en in hoeverre bent u van mening dat aanschaf van"
            " Nuctech scanners nadere overweging verdient?"
        ),
        (
            "Deelt u de mening dat het uit veiligheidsoogpunt zeer onwenselijk is dat een Chinees staatsgecontroleerd"
            " bedrijf nauw is betrokken bij strategische plekken in onze grensbewaking? Zo ja, bent u bereid om"
            " preventieve maatregelen te nemen die risico’s op Chinese spionage beperken? Bent u bereid hiervoor"
            " onderzoek te laten doen naar het Nederlands gebruik van Nuctech scanners? Zo nee, waarom niet?"
        ),
    ],
    CYBERSURVEILLANCE: [
        (
            "Heeft u kennisgenomen van het bericht «Berucht Chinees veiligheidsministerie gebruikt Nederlandse"
            " software die emoties leest»?[^1]"
        ),
        (
            "Vindt u het wenselijk dat Nederlandse bedrijven dergelijke technologie leveren aan het Chinese Ministerie"
            " van Openbare Veiligheid, wetende dat dit ministerie een belangrijke rol speelt bij het opzetten van de"
            " surveillancestaat in China en het onderdrukken van minderheden en tegenstanders van het regime?"
        ),
        "Vindt u het wenselijk dat Nederlandse bedrijven dergelijke technologie leveren aan Chinese bedrijven?",
        (
            "Hoe beoordeelt u de reactie van de Chinese autoriteiten dat de technologie slechts wordt gebruikt voor"
            " trainingsdoeleinden? Vindt u dit geloofwaardig?"
        ),
        "In hoeverre is de export van cybersurveillance technologie onderhevig aan een vergunningplicht?",
        (
            "Wat is de huidige stand van zaken van de discussie in de Europese Raad over het voorstel van de Europese"
            " Commissie uit 2016 om de dual use-verordening te herzien?"
        ),
        (
            "In uw brief van 29 augustus 2018 schreef u dat het voorstel van de Europese Commissie nog vraagt om"
            " verdere uitwerking en een duidelijke afbakening van het begrip cybersurveillance technologie en dat"
            " Nederland zich inzet voor een controlelijst voor cybersurveillance technologie?[^2] vindt u dat"
            " gezichtsherkenningssoftware en emotieherkenningssoftware moeten worden opgenomen op de controlelijst?"
        ),
        (
            "Welke mogelijkheden ziet u om de Nederlandse export van cybersurveillance technologie aan landen waar"
            " zulke technologie mogelijk wordt ingezet bij mensenrechtenschendingen, aan banden te leggen, zolang"
            " consensus in de Europese Raad over herziening van de dual use-verordening uitblijft?"
        ),
        (
            "Welke mogelijkheden ziet u op dit moment om een catch-all beschikking af te geven voor de export van"
            " cybersurveillance technologie en zo een ad-hoc vergunningplicht op te leggen?"
        ),
        (
            "Welke mogelijkheden ziet u om, onder 5.4.4 in het hoofdstuk »30.06.00 Strategische goederen» uit het"
            " Handboek VGEM?[^3] bij ministeriële regeling een vergunningplicht in te stellen op de uitvoer van"
            " cybersurveillance technologie naar landen met autoritaire regimes waar de technologie mogelijk wordt"
            " gebruikt bij mensenrechtenschendingen?"
        ),
    ],
}


def mkdocs_build(project: Path, site: Path, *, strict: bool) -> subprocess.CompletedProcess[str]:
    process = start_mkdocs_build(project, site, strict=strict)
    stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, folder, strict=True)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return folder


def page(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text(encoding="utf-8"))


def article(root: Element) -> Element:
    return next(
        element for element in root.find_all("article") if "md-content__inner" in element.attrs["class"]
    )


def with_footnote_markers(element: Element) -> str:
    """Text with each footnote reference written back as ``[^N]``, to check where it stands."""
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "sup" and child.attrs.get("id", "").startswith("fnref"):
            parts.append(f"[^{child.text()}]")
        else:
            parts.append(with_footnote_markers(child))
    return "".join(parts)


def question_texts(content: Element) -> list[str]:
    """The paragraphs under each "Vraag N" heading, in page order."""
    texts: list[str] = []
    current: list[str] | None = None
    for child in content.children:
        if not isinstance(child, Element):
            continue
        if child.tag in ("h2", "h3", "div"):
            if current is not None:
                texts.append(squash(" ".join(current)))
            current = [] if child.tag == "h2" and child.attrs.get("id", "").startswith("vraag-") else None
        elif child.tag == "p" and current is not None:
            current.append(with_footnote_markers(child))
    if current is not None:
        texts.append(squash(" ".join(current)))
    return texts


@pytest.mark.parametrize("dossier", [NUCTECH, CYBERSURVEILLANCE])
def test_seed_page_shows_every_question_in_order_with_its_exact_text(site, dossier) -> None:
    content = article(page(site, f"dossiers/{dossier}"))

    assert question_texts(content) == EXPECTED_QUESTIONS[dossier]


@pytest.mark.parametrize("dossier", [NUCTECH, CYBERSURVEILLANCE])
def test_seed_page_has_a_heading_and_anchor_per_question(site, dossier) -> None:
    content = article(page(site, f"dossiers/{dossier}"))

    count = len(EXPECTED_QUESTIONS[dossier])
    assert [h.attrs["id"] for h in content.find_all("h2")] == [f"vraag-{n}" for n in range(1, count + 1)]
    assert content.find("h2", id="vraag-3").text().startswith("Vraag 3")


@pytest.mark.parametrize(
    ("dossier", "urls"),
    [
        (
            NUCTECH,
            [
                (
                    "https://fd.nl/economie-politiek/1371071/zorgen-over-chinese-spionage-via-douanescanners-in-haven"
                    "-rotterdam?utm_source=nieuwsbrief&utm_campaign=fd-ochtendnieuwsbrief_#126;SYSTEM.CAMPAIGNID#126;_"
                    "#126;SYSTEM.MAILID#126;&utm_medium=email&utm_content=20210201&s_cid=671"
                ),
                "https://www.aivd.nl/onderwerpen/jaarverslagen/jaarverslag-2018/spionage",
            ],
        ),
        (
            CYBERSURVEILLANCE,
            [
                (
                    "https://decorrespondent.nl/10307/berucht-chinees-veiligheidsministerie-gebruikt-nederlandse-software"
                    "-die-emoties-leest/317002092-cae75d58"
                ),
                (
                    "https://www.belastingdienst.nl/bibliotheek/handboeken/html/boeken/HVGEM/strategische_goederen"
                    "-goederen_voor_tweeerlei_gebruik_dual.html"
                ),
            ],
        ),
    ],
)
def test_seed_footnote_urls_are_links(site, dossier, urls) -> None:
    footnotes = article(page(site, f"dossiers/{dossier}")).find("div", **{"class": "footnote"})

    hrefs = [a.attrs["href"] for a in footnotes.find_all("a")]
    assert [url for url in urls if url in hrefs] == urls


@pytest.mark.parametrize(
    ("dossier", "members", "addressees"),
    [
        (
            NUCTECH,
            ["Yesilgöz-Zegerius (VVD)", "Lodders (VVD)"],
            ["Minister van Justitie en Veiligheid", "Staatssecretaris van Financiën"],
        ),
        (
            CYBERSURVEILLANCE,
            ["Van Ojik (GroenLinks)", "Diks (GroenLinks)"],
            [
                "Minister van Buitenlandse Zaken",
                "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
            ],
        ),
    ],
)
def test_seed_page_names_members_with_party_and_every_addressee(site, dossier, members, addressees) -> None:
    text = squash(article(page(site, f"dossiers/{dossier}")).text())

    assert "Indieners: " + ", ".join(members) in text
    assert "Gericht aan: " + "; ".join(addressees) in text


def test_cybersurveillance_page_links_to_its_official_publication(site) -> None:
    hrefs = [a.attrs["href"] for a in article(page(site, f"dossiers/{CYBERSURVEILLANCE}")).find_all("a")]

    assert "https://zoek.officielebekendmakingen.nl/kv-tk-2019Z15231.html" in hrefs
    assert "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2019Z15231" in hrefs


def test_source_file_is_published_next_to_the_page(site) -> None:
    link = next(
        a
        for a in article(page(site, f"dossiers/{NUCTECH}")).find_all("a")
        if a.attrs["href"].endswith(".txt")
    )

    published = (site / "dossiers" / NUCTECH / link.attrs["href"]).resolve()
    assert published.read_bytes() == (ROOT / "dossiers" / f"{NUCTECH}.txt").read_bytes()


def test_search_index_holds_the_dossier_text(site) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))

    assert any("Nuctech" in document["text"] for document in index["docs"])
    assert index["config"]["lang"] == ["nl"]


def test_home_page_links_the_newest_dossiers_and_every_overview(site) -> None:
    hrefs = [
        a.attrs["href"]
        for a in article(parse_html((site / "index.html").read_text(encoding="utf-8"))).find_all("a")
    ]

    assert [href for href in hrefs if href.startswith("dossiers/")][:3] == [
        "dossiers/2024Z18882/",
        "dossiers/2024Z18884/",
        "dossiers/2024Z18890/",
    ]
    overviews = ["leden/", "partijen/", "ambten/", "vergaderjaren/", "onderwerpen/"]
    assert [href for href in hrefs if href in overviews][:5] == overviews


def test_every_dossier_is_listed_on_the_page_of_its_vergaderjaar(site) -> None:
    overview = article(page(site, "vergaderjaren"))
    listed = set()
    for link in overview.find_all("a"):
        if not link.attrs["href"].startswith("#"):
            session = article(page(site, "vergaderjaren/" + link.attrs["href"].rstrip("/")))
            listed |= {
                a.attrs["href"].split("/")[-2]
                for a in session.find_all("a")
                if "dossiers/" in a.attrs["href"]
            }

    dossiers = {path.stem for path in (ROOT / "dossiers").glob("*.txt")}
    assert dossiers and dossiers - listed == set()


def test_seed_pages_list_each_other_as_related_with_the_shared_words(site) -> None:
    for this, other in [(NUCTECH, CYBERSURVEILLANCE), (CYBERSURVEILLANCE, NUCTECH)]:
        content = article(page(site, f"dossiers/{this}"))
        box = next(div for div in content.find_all("div") if "Verwante vragen" in div.text())

        item = next(li for li in box.find_all("li") if li.find("a").attrs["href"] == f"../{other}/")
        assert "Vergelijkbare inhoud: Chinees, China" in squash(item.text())


def test_kamerstuk_in_a_seed_footnote_links_to_its_official_publication(site) -> None:
    footnotes = article(page(site, f"dossiers/{CYBERSURVEILLANCE}")).find("div", **{"class": "footnote"})

    link = next(a for a in footnotes.find_all("a") if "kst-" in a.attrs["href"])
    assert link.text() == "Kamerstuk 22 112, nr. 2686"
    assert link.attrs["href"] == "https://zoek.officielebekendmakingen.nl/kst-22112-2686.html"


def test_member_page_lists_exactly_the_dossiers_of_that_member(site) -> None:
    content = article(page(site, "leden/van-nispen-sp"))

    assert content.find("h1").text().startswith("Van Nispen (SP)")
    assert [a.attrs["href"] for a in content.find_all("a") if "dossiers/" in a.attrs["href"]] == [
        "../../dossiers/2024Z18566/",
        "../../dossiers/ah-tk-20242025-546/",
    ]


def test_seed_page_links_its_members_party_and_offices(site) -> None:
    hrefs = [a.attrs["href"] for a in article(page(site, f"dossiers/{NUCTECH}")).find_all("a")]

    assert "../../leden/yesilgoz-zegerius-vvd/" in hrefs
    assert "../../partijen/vvd/" in hrefs
    assert "../../ambten/staatssecretaris-van-financien/" in hrefs


def test_navigation_holds_the_overviews_but_no_index_page(site) -> None:
    navigation = page(site, f"dossiers/{NUCTECH}").find("nav", **{"class": "md-nav md-nav--primary"})

    labels = [squash(a.text()) for a in navigation.find_all("a")]
    for overview in ["Leden", "Partijen", "Bewindspersonen", "Vergaderjaren", "Onderwerpen"]:
        assert overview in labels
    assert not [
        a
        for a in navigation.find_all("a")
        if "leden/" in a.attrs["href"] and a.attrs["href"] != "../../leden/"
    ]


def test_dossier_pages_stay_out_of_the_navigation(site) -> None:
    navigation = page(site, f"dossiers/{NUCTECH}").find("nav", **{"class": "md-nav md-nav--primary"})

    assert not [a for a in navigation.find_all("a") if "dossiers/" in a.attrs.get("href", "")]


# --- a dossier with an error, in a small project of its own -------------------------------------------


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    copy_site_folders(project)
    (project / "dossiers").mkdir()
    shutil.copy(ROOT / "dossiers" / f"{CYBERSURVEILLANCE}.txt", project / "dossiers")
    (project / "dossiers" / "kapot.txt").write_bytes(b"Vraag 1\x00\x00\xff binary")
    settings = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings |= {"repo_url": "https://github.com/voorbeeld/kamervragen", "edit_uri": "edit/main/docs/"}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def broken_site(broken_project: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    site = broken_project / "site"
    result = mkdocs_build(broken_project, site, strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return site, result


def test_dossier_with_an_error_is_still_published_with_a_warning(broken_site) -> None:
    site, _ = broken_site

    warning = article(page(site, "dossiers/kapot")).find("div", **{"class": "admonition warning"})

    assert "niet volledig ingelezen" in warning.text()


def test_dossier_with_an_error_is_listed_on_the_editors_page(broken_site) -> None:
    site, _ = broken_site

    section = article(page(site, "redactie"))

    assert "kapot.txt" in section.find("h2", id="dossier-kapot").text()
    assert "fout" in squash(section.text())


def test_dossier_with_an_error_is_listed_on_the_home_page(broken_site) -> None:
    site, _ = broken_site

    hrefs = [
        a.attrs["href"]
        for a in article(parse_html((site / "index.html").read_text(encoding="utf-8"))).find_all("a")
    ]

    assert "dossiers/kapot/" in hrefs and f"dossiers/{CYBERSURVEILLANCE}/" in hrefs


def test_dossier_error_is_logged_as_a_warning_naming_the_file(broken_site) -> None:
    _, result = broken_site

    assert [
        line
        for line in result.stderr.splitlines()
        if line.startswith("WARNING") and "dossiers/kapot.txt" in line
    ]


def test_strict_build_fails_on_a_dossier_error(broken_project, tmp_path) -> None:
    result = mkdocs_build(broken_project, tmp_path / "strict-site", strict=True)

    assert result.returncode != 0
    assert "dossiers/kapot.txt" in result.stderr


def test_edit_link_of_a_dossier_page_opens_its_source_file(broken_site) -> None:
    site, _ = broken_site

    edit_links = [
        a.attrs["href"]
        for a in page(site, f"dossiers/{CYBERSURVEILLANCE}").find_all("a")
        if "/edit/" in a.attrs.get("href", "")
    ]

    assert edit_links == [
        f"https://github.com/voorbeeld/kamervragen/edit/main/dossiers/{CYBERSURVEILLANCE}.txt"
    ]


def test_index_pages_have_no_edit_link_as_they_have_no_source(broken_site) -> None:
    site, _ = broken_site

    party_page = page(site, "partijen")

    assert party_page.find_all("a")
    assert not [a for a in party_page.find_all("a") if "/edit/" in a.attrs.get("href", "")]


def test_a_docs_page_at_the_path_of_a_generated_page_gives_way_with_a_warning(tmp_path) -> None:
    source = ROOT / "dossiers" / f"{NUCTECH}.txt"
    project = make_project(tmp_path / "project", {source.name: source.read_bytes()})
    (project / "docs" / "redactie.md").write_text("# Een eigen pagina\n", encoding="utf-8")

    result = mkdocs_build(project, tmp_path / "site", strict=False)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "redactie.md is generated from the dossiers; the file of that name in docs/ is ignored" in result.stderr
    page = (tmp_path / "site" / "redactie" / "index.html").read_text(encoding="utf-8")
    assert "Een eigen pagina" not in page
    assert '<h1 id="redactie">Redactie' in page

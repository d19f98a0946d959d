"""The dossiers as data on the built site: JSON per dossier, CSV of all, JSON per year, JSON Schema, schema.org."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, make_dossier, parse_html
from fixtures.projects import FIXTURES, article, make_project, mkdocs_build
from hypothesis import given
from hypothesis import strategies as st

from generator.exports import DOSSIER_SCHEMA, dossiers_csv
from generator.model import dossier_to_dict
from generator.page_head import script_json, yaml_quoted

NUCTECH = "kv-2021-02-03-yesilgoz-zegerius"
# Aanhangsel 2024-2025 nr. 576 (Erkens, VVD): sent 21 June 2024, answered 18 November 2024.
ERKENS = "ah-tk-20242025-576"
CSV_HEADER = [
    "id",
    "kind",
    "title",
    "submitted",
    "received",
    "answer_days",
    "session",
    "zaak",
    "aanhangsel",
    "submitters",
    "parties",
    "addressees",
    "answered_by",
    "question_count",
    "answer_count",
    "footnote_count",
    "page",
    "data",
    "source",
]
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
# The keywords `schema_errors` checks; the schema may use no others, so the check below is complete.
CHECKED_KEYWORDS = {
    "$schema", "title", "description", "format",  # annotations
    "type", "enum", "required", "additionalProperties", "properties", "items", "minItems",
}  # fmt: skip


def schema_errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """What in ``value`` breaks ``schema``, for the keywords in `CHECKED_KEYWORDS`."""
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in {schema['enum']}"]
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_has_type(value, type_) for type_ in types):
            return [f"{where}: {value!r} is not {' or '.join(types)}"]
    errors = []
    if isinstance(value, dict):
        errors += [f"{where}: no {key}" for key in schema.get("required", ()) if key not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{where}: unknown {key}" for key in value if key not in schema.get("properties", {})]
        for key, part in schema.get("properties", {}).items():
            if key in value:
                errors += schema_errors(value[key], part, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{where}: fewer than {schema['minItems']} items")
        for number, item in enumerate(value):
            errors += schema_errors(item, schema.get("items", {}), f"{where}[{number}]")
    return errors


def _has_type(value: Any, type_: str) -> bool:
    python_types = {"string": str, "object": dict, "array": list, "null": type(None)}
    if type_ == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, python_types[type_])


def keywords_of(schema: Any) -> set[str]:
    if not isinstance(schema, dict):
        return set()
    found = set(schema) - {"properties"}
    for key, value in schema.items():
        if key == "properties":
            found |= {keyword for part in value.values() for keyword in keywords_of(part)}
        elif key == "items":
            found |= keywords_of(value)
    return found


def structured_data(site: Path, dossier_id: str) -> dict[str, Any]:
    html = (site / "dossiers" / dossier_id / "index.html").read_text(encoding="utf-8")
    (data,) = JSON_LD.findall(html)
    return json.loads(data)


def read_csv(site: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "gegevens" / "dossiers.csv").read_text(encoding="utf-8"))))


@pytest.mark.parametrize("dossier_id", [NUCTECH, ERKENS])
def test_json_next_to_a_page_is_what_generator_parse_prints(site, dossier_id: str) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "generator", "parse", f"dossiers/{dossier_id}.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert (site / "dossiers" / f"{dossier_id}.json").read_text(encoding="utf-8") == printed


def test_dossier_page_links_its_json(site) -> None:
    page = article(parse_html((site / "dossiers" / ERKENS / "index.html").read_text(encoding="utf-8")))

    (link,) = [a for a in page.find_all("a") if a.text() == "JSON"]
    target = posixpath.normpath(posixpath.join(f"dossiers/{ERKENS}/", link.attrs["href"]))
    assert target == f"dossiers/{ERKENS}.json"
    assert json.loads((site / target).read_text(encoding="utf-8"))["aanhangsel"] == 576


def test_every_dossier_json_is_valid_against_the_published_schema(site, dossiers) -> None:
    schema = json.loads((site / "gegevens" / "dossier.schema.json").read_text(encoding="utf-8"))

    errors = {
        dossier.id: schema_errors(
            json.loads((site / "dossiers" / f"{dossier.id}.json").read_text("utf-8")), schema
        )
        for dossier in dossiers
    }
    assert {id_: found for id_, found in errors.items() if found} == {}


def test_schema_uses_only_keywords_the_check_knows() -> None:
    assert keywords_of(DOSSIER_SCHEMA) <= CHECKED_KEYWORDS


def test_schema_rejects_a_dossier_with_an_unknown_kind_or_a_missing_field() -> None:
    data = dossier_to_dict(make_dossier())
    wrong_kind = data | {"kind": "brief"}
    without_title = {key: value for key, value in data.items() if key != "title"}

    assert schema_errors(data, DOSSIER_SCHEMA) == []
    assert schema_errors(wrong_kind, DOSSIER_SCHEMA) == [
        "$.kind: 'brief' not in ['questions', 'answers', 'mededeling', 'oral']"
    ]
    assert schema_errors(without_title, DOSSIER_SCHEMA) == ["$: no title"]


def test_the_json_of_each_year_holds_the_json_of_its_dossiers_by_id(site, dossiers) -> None:
    def dossier_json(id_: str) -> Any:
        return json.loads((site / "dossiers" / f"{id_}.json").read_text(encoding="utf-8"))

    def year_of(dossier) -> str:
        date = dossier.submitted or dossier.received
        return str(date.year) if date else "zonder-datum"

    years = sorted({year_of(dossier) for dossier in dossiers})
    files = sorted(path.name for path in (site / "gegevens").glob("dossiers-*.json"))

    assert files == [f"dossiers-{year}.json" for year in years]
    assert "2019" in years and "2024" in years  # the seeds and the corpus span several years
    for year in years:
        of_year = json.loads((site / "gegevens" / f"dossiers-{year}.json").read_text(encoding="utf-8"))
        ids = sorted(dossier.id for dossier in dossiers if year_of(dossier) == year)
        assert of_year == [dossier_json(id_) for id_ in ids], year


def test_data_page_lists_each_years_json_with_its_number_of_dossiers(site, dossiers) -> None:
    page = article(parse_html((site / "gegevens" / "index.html").read_text(encoding="utf-8")))
    item = next(li for li in page.find_all("li") if "één bestand per jaar" in li.text())

    links = {a.text(): a.attrs["href"] for a in item.find_all("a")}
    in_2024 = sum(1 for dossier in dossiers if (dossier.submitted or dossier.received).year == 2024)

    assert links["2024"] == "dossiers-2024.json"  # the page is gegevens/index.html
    assert f"2024 ({in_2024} documenten)" in " ".join(item.text().split())
    assert list(links) == sorted(links)


def test_csv_has_one_row_per_dossier_with_the_documented_columns(site, dossiers) -> None:
    rows = read_csv(site)

    assert list(rows[0]) == CSV_HEADER
    assert [row["id"] for row in rows] == sorted(dossier.id for dossier in dossiers)


def test_csv_row_of_an_answered_dossier(site) -> None:
    row = next(row for row in read_csv(site) if row["id"] == ERKENS)

    assert row["kind"] == "answers"
    assert row["title"] == "het artikel «RWE hoopt op geitenpaadje voor project met waterstof uit afval»"
    assert (row["submitted"], row["received"], row["answer_days"]) == ("2024-06-21", "2024-11-18", "150")
    assert row["submitters"] == "Erkens (VVD)"
    assert row["addressees"] == "Minister voor Klimaat en Energie; Minister van Economische Zaken en Klimaat"
    assert row["answered_by"] == "Minister Hermans (Klimaat en Groene Groei)"
    assert (row["question_count"], row["answer_count"]) == ("7", "7")


def test_csv_paths_lead_to_the_page_json_and_source_of_each_dossier(site) -> None:
    missing = [
        (row["id"], column)
        for row in read_csv(site)
        for column, path in (
            ("page", row["page"] + "index.html"),
            ("data", row["data"]),
            ("source", row["source"]),
        )
        if not (site / path).is_file()
    ]

    assert missing == []


def test_csv_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe() -> None:
    dossier = make_dossier(title='=HYPERLINK("https://e.vil/", "klik")')

    (row,) = csv.DictReader(io.StringIO(dossiers_csv([dossier])))

    assert row["title"] == '\'=HYPERLINK("https://e.vil/", "klik")'


def test_data_page_links_every_download_and_the_site_feed(site) -> None:
    page = article(parse_html((site / "gegevens" / "index.html").read_text(encoding="utf-8")))

    targets = {
        posixpath.normpath(posixpath.join("gegevens", a.attrs["href"]))
        for a in page.find_all("a")
        if not a.attrs.get("href", "#").startswith("#")
    }
    downloads = {
        "gegevens/dossiers.csv",
        "gegevens/dossiers-2024.json",
        "gegevens/dossier.schema.json",
        "gegevens/dossiers.schema.json",
        "feeds/alles.xml",
    }
    assert downloads <= targets
    assert all((site / path).is_file() for path in downloads)


def test_data_page_explains_every_field_of_the_json(site) -> None:
    page = article(parse_html((site / "gegevens" / "index.html").read_text(encoding="utf-8")))

    first_column = [row.find_all("td")[0].text() for row in page.find_all("tr") if row.find_all("td")]
    assert [name for name in DOSSIER_SCHEMA["properties"] if name not in first_column] == []


def test_structured_data_of_a_dossier_page_names_its_questions(site, dossiers) -> None:
    data = structured_data(site, NUCTECH)

    questions = data["mainEntity"]
    assert (data["@context"], data["@type"]) == ("https://schema.org", "QAPage")
    assert [question["name"] for question in questions] == [f"Vraag {number}" for number in range(1, 8)]
    assert questions[0]["text"] == (
        "Bent u bekend met het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»?"
    )
    assert questions[0]["author"][0] == {
        "@type": "Person",
        "name": "Yesilgöz-Zegerius",
        "affiliation": {"@type": "Organization", "name": "VVD"},
    }
    assert questions[0]["dateCreated"] == "2021-02-03"


def test_structured_data_gives_each_answer_as_accepted_answer_with_its_author(site) -> None:
    first = structured_data(site, ERKENS)["mainEntity"][0]

    answer = first["acceptedAnswer"]
    assert first["answerCount"] == 1
    assert answer["text"].startswith("Nee. In de RED-III wordt de term «hernieuwbare brandstof")
    assert answer["author"] == [
        {"@type": "Person", "name": "Hermans", "jobTitle": "Minister (Klimaat en Groene Groei)"}
    ]
    assert (answer["@id"], answer["dateCreated"]) == ("#antwoord-1", "2024-11-18")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    names = ("html.txt", "answers.txt")
    project = make_project(
        tmp_path_factory.mktemp("hostile"),
        {name: (FIXTURES / "hostile" / name).read_bytes() for name in names},
    )
    result = mkdocs_build(project, project / "site", strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


@pytest.mark.parametrize(
    ("dossier_id", "attack"),
    [("html", "<script>alert`vraag`</script>"), ("answers", "<script>alert`antwoord`</script>")],
)
def test_structured_data_keeps_markup_of_a_dossier_as_text_inside_its_script(
    hostile_site, dossier_id: str, attack: str
) -> None:
    html = (hostile_site / "dossiers" / dossier_id / "index.html").read_text(encoding="utf-8")

    (script,) = JSON_LD.findall(html)
    assert "<" not in script
    assert attack in json.dumps(json.loads(script), ensure_ascii=False)


@given(st.text())
def test_front_matter_value_reads_back_as_exactly_the_text(text: str) -> None:
    assert yaml.safe_load(f"value: {yaml_quoted(text)}") == {"value": text}


@given(st.text())
def test_script_json_reads_back_as_the_text_and_holds_no_angle_bracket_or_ampersand(text: str) -> None:
    written = script_json({"text": text})

    assert json.loads(written) == {"text": text}
    assert not {"<", ">", "&"} & set(written)

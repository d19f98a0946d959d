"""The dossiers as data: JSON per dossier, all of them as CSV and as JSON per year, the JSON Schema,
the data page.

The JSON of a dossier is exactly what ``python -m generator parse`` prints for it, so one format is
documented, validated and published. The CSV is a flat summary for spreadsheets with a path to the
JSON of each row for everything it leaves out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from generator.feeds import FEED_ENTRIES
from generator.memo import PerDossier
from generator.model import Dossier, Kind, dossier_to_dict
from generator.page_head import SITE_FEED_TITLE, feed_front_matter
from generator.render import plain_text
from generator.site import (
    UNDATED,
    URLS,
    PageSpec,
    UrlFormats,
    _footnote_numbers,
    data_year,
    relative_link,
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe makes
# it text again and is the usual guard (the JSON keeps the text as it is).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def _nullable(type_: str, description: str, **more: Any) -> dict[str, Any]:
    return {"type": [type_, "null"], "description": description, **more}


def _array(items: Mapping[str, Any], description: str) -> dict[str, Any]:
    return {"type": "array", "items": dict(items), "description": description}


def _record(description: str, **properties: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "required": list(properties),
        "additionalProperties": False,
        "properties": {name: dict(value) for name, value in properties.items()},
    }


TEXT = {"type": "string"}
PLAIN_TEXT_NOTE = "Platte tekst; alinea's gescheiden door een lege regel, [^N] verwijst naar voetnoot N."
NUMBERS = {"type": "array", "items": {"type": "integer"}}

# The format of `dossier_to_dict`, field by field; the data page shows these descriptions.
DOSSIER_SCHEMA: dict[str, Any] = {
    "$schema": JSON_SCHEMA_DIALECT,
    "title": "Document met schriftelijke vragen",
    **_record(
        "Eén document (vragen, antwoorden, een uitstelbericht of mondelinge vragen), zoals "
        "«python -m generator parse» het uit de brontekst leest.",
        id={"type": "string", "description": "Vaste naam van het document: de bestandsnaam zonder extensie."},
        source={"type": "string", "description": "Bestandsnaam van de brontekst in dossiers/."},
        also_from=_array(TEXT, "Latere documenten over dezelfde vragen (uitstelbericht, antwoorden)."),
        kind={
            "enum": [str(kind) for kind in Kind],
            "description": "Soort: questions (vragen), answers (met antwoorden), "
            "mededeling (uitstelbericht), "
            "oral (mondelinge vragen).",
        },
        title={"type": "string", "description": "Onderwerp zoals na «over» gedrukt. " + PLAIN_TEXT_NOTE},
        submitted=_nullable("string", "Datum van inzenden (JJJJ-MM-DD).", format="date"),
        received=_nullable(
            "string", "Datum van ontvangst van antwoorden of mededeling (JJJJ-MM-DD).", format="date"
        ),
        session=_nullable("string", "Vergaderjaar, bijvoorbeeld 2024-2025."),
        zaak=_nullable("string", "Zaaknummer van de Tweede Kamer, bijvoorbeeld 2024Z18436."),
        aanhangsel=_nullable("integer", "Nummer in het Aanhangsel van de Handelingen van dat vergaderjaar."),
        submitters=_array(
            _record(
                "Een Kamerlid dat de vragen ondertekende.",
                name={"type": "string", "description": "Naam zoals gedrukt."},
                party=_nullable("string", "Partij zoals gedrukt."),
            ),
            "Indieners, in de volgorde van de brontekst.",
        ),
        addressees=_array(
            TEXT,
            "Ambten aan wie de vragen gericht zijn, voluit; met «bij afwezigheid van» als dat er staat.",
        ),
        answered_by=_array(
            _record(
                "Een bewindspersoon die antwoordde of de mededeling deed.",
                name={"type": "string", "description": "Naam zoals gedrukt."},
                office={
                    "type": "string",
                    "description": "Ambt: Minister, Staatssecretaris, Minister-President.",
                },
                portfolio=_nullable("string", "Portefeuille zoals tussen haakjes gedrukt."),
            ),
            "Wie antwoordde.",
        ),
        answered_on_behalf_of=_array(TEXT, "«Mede namens»: ambten namens wie ook is geantwoord."),
        see_also=_array(TEXT, "Verwijzingen «Zie ook», zoals gedrukt."),
        questions=_array(
            _record(
                "Eén vraag; een gezamenlijke kop («Vraag 2 en 3») heeft meer nummers en één tekst.",
                number={"type": "integer", "description": "Het eerste nummer."},
                numbers={**NUMBERS, "minItems": 1, "description": "Alle nummers van de kop."},
                text={"type": "string", "description": PLAIN_TEXT_NOTE},
            ),
            "De vragen in volgorde.",
        ),
        answers=_array(
            _record(
                "Eén antwoord; een gezamenlijk antwoord dekt meer vragen.",
                questions={**NUMBERS, "description": "Nummers van de vragen die het beantwoordt."},
                text={"type": "string", "description": PLAIN_TEXT_NOTE},
            ),
            "De antwoorden in volgorde.",
        ),
        footnotes=_array(
            _record(
                "Een voetnoot.",
                number={"type": "integer", "description": "Nummer zoals gedrukt."},
                text={"type": "string", "description": "Tekst van de voetnoot."},
                urls=_array(TEXT, "De webadressen erin, heel (ook als de pdf ze over twee regels brak)."),
            ),
            "Voetnoten.",
        ),
        sections=_array(
            _record(
                "Tekst die bij het document hoort maar bij geen vraag: een toelichting, een mededeling.",
                heading={"type": "string", "description": "Kop."},
                text={"type": "string", "description": PLAIN_TEXT_NOTE},
            ),
            "Overige onderdelen.",
        ),
        errors=_array(TEXT, "Wat bij het inlezen niet is herkend: «regel N: error: ...»."),
        warnings=_array(TEXT, "Opmerkingen van het inlezen: «regel N: note: ...»."),
    ),
}


def dossiers_schema(*, urls: UrlFormats = URLS) -> dict[str, Any]:
    """The schema of a year's file of dossiers: a list of dossiers, each as `DOSSIER_SCHEMA`."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "De documenten met schriftelijke vragen van één jaar",
        "description": "Alle documenten van de site die in één jaar zijn ingezonden (of, zonder die datum,"
        " ontvangen), op volgorde van id.",
        "type": "array",
        "items": {"$ref": relative_link(urls.dossiers_schema, urls.dossier_schema)},
    }


# The columns of the CSV file with what each holds; the data page shows this table.
CSV_COLUMNS: dict[str, str] = {
    "id": "Vaste naam van het document, als in de JSON.",
    "kind": "Soort: questions, answers, mededeling of oral.",
    "title": "Onderwerp, zonder voetnootverwijzingen.",
    "submitted": "Datum van inzenden (JJJJ-MM-DD).",
    "received": "Datum van ontvangst van antwoorden of mededeling.",
    "answer_days": "Dagen van inzenden tot ontvangst van de antwoorden; leeg zonder antwoorden.",
    "session": "Vergaderjaar.",
    "zaak": "Zaaknummer van de Tweede Kamer.",
    "aanhangsel": "Nummer in het Aanhangsel van de Handelingen.",
    "submitters": "Indieners met partij, gescheiden door «; ».",
    "parties": "Partijen van de indieners, elk één keer.",
    "addressees": "Ambten aan wie de vragen gericht zijn.",
    "answered_by": "Wie antwoordde, met ambt en portefeuille.",
    "question_count": "Aantal vragen.",
    "answer_count": "Aantal antwoorden.",
    "footnote_count": "Aantal voetnoten.",
    "page": "Pagina van het document, vanaf de hoofdmap van de site.",
    "data": "Het JSON-bestand van het document, vanaf de hoofdmap van de site.",
    "source": "De brontekst, vanaf de hoofdmap van de site.",
}


def dossier_json(dossier: Dossier) -> str:
    """The JSON next to a dossier's page: byte for byte what ``python -m generator parse`` prints."""
    return json.dumps(dossier_to_dict(dossier), ensure_ascii=False, indent=2) + "\n"


def dossiers_by_year(dossiers: Iterable[Dossier]) -> dict[str, tuple[Dossier, ...]]:
    """The dossiers of each year's JSON file (see `data_year`), the years in order, undated last."""
    by_year: dict[str, list[Dossier]] = {}
    for dossier in dossiers:
        by_year.setdefault(data_year(dossier), []).append(dossier)
    return {
        year: tuple(sorted(by_year[year], key=_by_id))
        for year in sorted(by_year, key=lambda year: (not year.isdigit(), year))
    }


def dossiers_json(dossiers: Iterable[Dossier], *, year: str) -> str:
    """The dossiers of one year in one JSON list, by id, one dossier to a line: compact for many
    dossiers, and a changed dossier changes one line of the file."""
    ordered = sorted(dossiers, key=_by_id)
    lines = _COMPACT_JSON_OF_YEAR.setdefault(year, PerDossier(_compact_json)).of_each(ordered)
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def _by_id(dossier: Dossier) -> str:
    return dossier.id


def _compact_json(dossier: Dossier) -> str:
    return json.dumps(dossier_to_dict(dossier), ensure_ascii=False, separators=(",", ":"))


# Each dossier's line of the all-dossiers files: a rebuild after one change makes one line anew.
# (A lambda: _csv_line is defined further down.)
_CSV_ROWS = PerDossier(lambda dossier: _csv_line(dossier))
# One per year file: each keeps the lines of its own dossiers while the others' files are not remade.
_COMPACT_JSON_OF_YEAR: dict[str, PerDossier[str]] = {}


def dossiers_csv(dossiers: Iterable[Dossier], *, urls: UrlFormats = URLS) -> str:
    """One row per dossier, by id, with the columns of `CSV_COLUMNS` (UTF-8, comma, CRLF as in RFC 4180)."""
    ordered = sorted(dossiers, key=_by_id)
    rows = _CSV_ROWS.of_each(ordered) if urls is URLS else [_csv_line(dossier, urls) for dossier in ordered]
    return _csv_line_of(list(CSV_COLUMNS)) + "".join(rows)


def _csv_line(dossier: Dossier, urls: UrlFormats = URLS) -> str:
    row = _csv_row(dossier, urls)
    return _csv_line_of([_spreadsheet_safe(row[column]) for column in CSV_COLUMNS])


def _csv_line_of(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


def answer_days(dossier: Dossier) -> int | None:
    """Days from sending the questions to receiving the answers, for a dossier with both dates."""
    if dossier.kind is not Kind.ANSWERS or dossier.submitted is None or dossier.received is None:
        return None
    return (dossier.received - dossier.submitted).days


def schema_json(schema: Mapping[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def data_page(
    dossiers: Sequence[Dossier], years: Mapping[str, Sequence[Dossier]], *, urls: UrlFormats = URLS
) -> PageSpec:
    """The page that lists the feeds and downloads and explains every field and column.

    Of the dossiers it shows only their number, the number of each year's file (``years``, as
    `dossiers_by_year` gives them) and the first by id, as an example (`data_page_inputs`).
    """
    path = urls.data

    def link(to: str) -> str:
        return relative_link(path, to)

    fields = [
        {"name": name, "type": _type_label(spec), "description": spec.get("description", "")}
        for name, spec in DOSSIER_SCHEMA["properties"].items()
    ]
    return PageSpec(
        path=path,
        template="data.md.j2",
        context={
            "feeds": feed_front_matter([(SITE_FEED_TITLE, urls.site_feed)]),
            "dossier_count": len(dossiers),
            "feed_entries": FEED_ENTRIES,
            "site_feed_link": link(urls.site_feed),
            "csv_link": link(urls.all_dossiers_csv),
            "year_files": [
                {"year": year, "link": link(urls.dossiers_json_of(year)), "count": len(of_year)}
                for year, of_year in years.items()
            ],
            "undated": UNDATED,
            "schema_link": link(urls.dossier_schema),
            "list_schema_link": link(urls.dossiers_schema),
            "statistics_link": link(urls.statistics),
            "example": _example(dossiers, link, urls),
            "fields": fields,
            "columns": [{"name": name, "description": text} for name, text in CSV_COLUMNS.items()],
        },
    )


def data_page_inputs(
    dossiers: Sequence[Dossier], years: Mapping[str, Sequence[Dossier]]
) -> tuple[int, str | None, tuple[tuple[str, int], ...]]:
    example = _example_dossier(dossiers).id if dossiers else None
    return len(dossiers), example, tuple((year, len(of_year)) for year, of_year in years.items())


def _example_dossier(dossiers: Sequence[Dossier]) -> Dossier:
    return min(dossiers, key=lambda dossier: dossier.id)


def _example(
    dossiers: Sequence[Dossier], link: Callable[[str], str], urls: UrlFormats
) -> dict[str, str] | None:
    if not dossiers:
        return None
    dossier = _example_dossier(dossiers)
    return {
        "page": link(urls.dossier_page(dossier)),
        "json": link(urls.dossier_json(dossier)),
        "id": dossier.id,
    }


def _type_label(spec: Mapping[str, Any]) -> str:
    """A field's type in Dutch words: "tekst of leeg", "lijst van objecten"."""
    names = {
        "string": "tekst",
        "integer": "geheel getal",
        "object": "object",
        "array": "lijst",
        "null": "leeg",
    }
    if "enum" in spec:
        return "een van: " + ", ".join(spec["enum"])
    types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    label = " of ".join(names[type_] for type_ in types)
    if "array" in types:
        item_types = spec["items"]["type"]
        label += (
            " van " + {"string": "teksten", "integer": "gehele getallen", "object": "objecten"}[item_types]
        )
    return label


def _csv_row(dossier: Dossier, urls: UrlFormats) -> dict[str, str]:
    days = answer_days(dossier)
    return {
        "id": dossier.id,
        "kind": str(dossier.kind),
        "title": plain_text(dossier.title, _footnote_numbers(dossier)),
        "submitted": dossier.submitted.isoformat() if dossier.submitted else "",
        "received": dossier.received.isoformat() if dossier.received else "",
        "answer_days": "" if days is None else str(days),
        "session": dossier.session or "",
        "zaak": dossier.zaak or "",
        "aanhangsel": "" if dossier.aanhangsel is None else str(dossier.aanhangsel),
        "submitters": LIST_SEPARATOR.join(
            f"{member.name} ({member.party})" if member.party else member.name
            for member in dossier.submitters
        ),
        "parties": LIST_SEPARATOR.join(dict.fromkeys(m.party for m in dossier.submitters if m.party)),
        "addressees": LIST_SEPARATOR.join(str(addressee) for addressee in dossier.addressees),
        "answered_by": LIST_SEPARATOR.join(
            f"{o.office} {o.name}" + (f" ({o.portfolio})" if o.portfolio else "") for o in dossier.answered_by
        ),
        "question_count": str(len(dossier.questions)),
        "answer_count": str(len(dossier.answers)),
        "footnote_count": str(len(dossier.footnotes)),
        "page": urls.page_url(urls.dossier_page(dossier)),
        "data": urls.dossier_json(dossier),
        "source": urls.source_file(dossier),
    }


def _spreadsheet_safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value

"""Tables and lists in an answer keep their lines: real passages of limburg_ah-tk-20242025-571."""

from __future__ import annotations

from generator.parse import parse_text
from generator.parse.layout import Line
from generator.parse.tables import Table, raise_note_marks, split_tables

HEADER = (
    "Vragen van het lid Kostić (PvdD) aan de Minister van Landbouw, Visserij, Voedselzekerheid en Natuur "
    "over paardenvlees (ingezonden 1 november 2024).\n"
    "Antwoord van Minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur) "
    "(ontvangen 2 december 2024).\n"
    "Vraag 1\n"
    "Kunt u een overzicht geven?\n"
    "Antwoord 1\n"
)


NEXT_QUESTION = "Vraag 2\nKunt u dat toelichten?\nAntwoord 2\nJa.\n"


def answer(*lines: str) -> str:
    """The text of the first answer of a question set whose first answer has these lines."""
    return parse_text(HEADER + "\n".join(lines) + "\n" + NEXT_QUESTION, source="tabel.txt").answers[0].text


def test_table_rows_keep_their_lines_in_a_paragraph_of_their_own() -> None:
    text = answer(
        "Vanwege privacy wordt de naam van het slachthuis niet vermeld. De slachthuizen worden aangegeven "
        "met nummers.",
        "Slachthuizen Aantal paarden geslacht",
        "2023 1 januari tot 1 juni 2024",
        "1. 65 121",
        "2. 1 0",
        "3. 29 0",
        "Totaal 2.378 1.326",
    )
    assert text.endswith(
        "met nummers.\n\nSlachthuizen Aantal paarden geslacht\n2023 1 januari tot 1 juni 2024\n"
        "1. 65 121\n2. 1 0\n3. 29 0\nTotaal 2.378 1.326"
    )


def test_header_cells_wrapped_over_short_lines_make_one_header_line() -> None:
    text = answer(
        "Ja, dat kan ik. Hieronder geef ik u daarvan een overzicht.",
        "Totaal aantal GFL en",
        "RASFF meldingen",
        "m.b.t. I&R paard",
        "binnen de EUAantal terughaalac-",
        "ties op de Neder-",
        "landse marktAantal kg",
        "paardenvlees",
        "2019 22 2 486,8",
        "2020 8 3 1823,4",
        "2024 (tot 1 juni 2024) 2 1 331",
    )
    assert text == (
        "Ja, dat kan ik. Hieronder geef ik u daarvan een overzicht.\n\n"
        "Totaal aantal GFL en RASFF meldingen m.b.t. I&R paard binnen de EU Aantal terughaalacties op de "
        "Nederlandse markt Aantal kg paardenvlees\n"
        "2019 22 2 486,8\n2020 8 3 1823,4\n2024 (tot 1 juni 2024) 2 1 331"
    )


def test_row_label_above_its_numbers_and_the_rest_of_a_row_below_it_join_that_row() -> None:
    text = answer(
        "Bron: TRACES",
        "Jaar: 2019 2020 2021 2022 2023 2024",
        "(t/m 31–05)",
        "Ierland: 1.765 1.209 2.145 1.406 1.388 348",
        "VerenigdKoninkrijk:",
        "3.354 2.365 2.365 1.122 1.233 484",
    )
    assert text == (
        "Bron: TRACES\nJaar: 2019 2020 2021 2022 2023 2024 (t/m 31–05)\n"
        "Ierland: 1.765 1.209 2.145 1.406 1.388 348\nVerenigd Koninkrijk: 3.354 2.365 2.365 1.122 1.233 484"
    )


def test_notes_below_a_table_are_kept_with_it() -> None:
    lines = [
        Line(number=number, text=text)
        for number, text in enumerate(
            [
                "Ierland: 1.765 1.209 2.145 1.406 1.388 348",
                "3.354 2.365 88711.122 1.233 484",
                "Noord-Ierland: 512 1.081 1.164 340",
                "1 Vanaf 2021 zijn de cijfers over Groot-Brittannië en Noord-Ierland uitgesplitst. Groot-Brittannië",
                "is een derde land geworden en Noord-Ierland blijft onderdeel van Intraverkeer binnen de EU.",
                "Daarnaast is er nog een ander punt.",
            ],
            start=1,
        )
    ]
    table, after = split_tables(lines)
    assert isinstance(table, Table)
    assert [[line.number for line in note] for note in table.notes] == [[4, 5]]
    assert [line.number for line in table.rows[-1]] == [3]
    assert [line.number for line in after] == [6]


def test_note_number_below_a_table_is_raised_where_it_ran_into_a_cell() -> None:
    rows = ["Ierland: 1.765 1.209 2.145 1.406 1.388 348", "Verenigd Koninkrijk: 3.354 2.365 88711.122 1.233 484"]
    notes = ["1 Vanaf 2021 zijn de cijfers over Groot-Brittannië en Noord-Ierland uitgesplitst."]
    assert raise_note_marks(rows, notes) == [
        "Ierland: 1.765 1.209 2.145 1.406 1.388 348",
        "Verenigd Koninkrijk: 3.354 2.365 887¹ 1.122 1.233 484",
        "¹ Vanaf 2021 zijn de cijfers over Groot-Brittannië en Noord-Ierland uitgesplitst.",
    ]


def test_numbers_as_tables_print_them_keep_the_digits_of_a_note_number() -> None:
    rows = ["2019 22 2 486,8", "2020 8 3 1823,4", "11. 2.082 1.149"]
    assert raise_note_marks(rows, ["1 Bron: NVWA."])[:3] == rows


def test_prose_lines_with_numbers_run_on_as_one_paragraph() -> None:
    text = answer(
        "Op 1 september 2023 is aan 50.324 studenten een aanvullende beurs toegekend waarbij voor",
        "minimaal één ouder het inkomen niet is meegewogen. Hierbij betreft het 7.210 internationale",
        "studenten waarvan 2.067 EER-studenten en 5.143 studenten die op basis van een specifieke",
        "2.067 EER-studenten en 5.143 studenten in 2023 en 2024",
    )
    assert "\n" not in text


def test_items_of_a_list_of_dashes_get_a_line_each() -> None:
    text = answer(
        "Slechts in de volgende gevallen mag een PPI een nieuw, respectievelijk een vervangend paspoort "
        "afgeven voor een paardachtige;– Uiterlijk binnen 9 maanden na geboorte van het paard;– op verzoek "
        "van de bevoegde autoriteit als het bestaande paardenpaspoort niet voldoet aan de minimumeisen;",
        "– indien bepaalde identificatiegegevens niet nauwkeuring door de bevoegde",
        "autoriteit of gemachtigde instantie zijn ingevoerd.",
    )
    assert text == (
        "Slechts in de volgende gevallen mag een PPI een nieuw, respectievelijk een vervangend paspoort "
        "afgeven voor een paardachtige;\n– Uiterlijk binnen 9 maanden na geboorte van het paard;\n– op "
        "verzoek van de bevoegde autoriteit als het bestaande paardenpaspoort niet voldoet aan de "
        "minimumeisen;\n– indien bepaalde identificatiegegevens niet nauwkeuring door de bevoegde autoriteit "
        "of gemachtigde instantie zijn ingevoerd."
    )


def test_one_dash_after_a_semicolon_is_no_list() -> None:
    text = answer("Dat geldt voor de invoer; – en dat is het belangrijkste – ook voor de uitvoer van paarden.")
    assert "\n" not in text

"""The documents of one question set become one dossier; two copies of one set are an error."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.model import Dossier, Kind
from generator.parse import load_folder
from generator.site import build_pages

DOSSIERS = Path(__file__).resolve().parent.parent / "dossiers"

ANSWERS_2024Z18890 = """AH 700

2024Z18890

Antwoord van minister-president Schoof (Algemene Zaken) (ontvangen 4 december 2024)

Vraag 1
Kunt u kennisnemen van de meegestuurde brief? 1)

Antwoord op vraag 1
Ja, de brief is ontvangen en gelezen.

Vraag 2
Kunt u namens het kabinet reageren op meegestuurde brief?

Antwoord op vraag 2
Het kabinet reageert in de voortgangsrapportage Hersteloperatie Toeslagen.

1) Bijlage onderhands meegezonden
"""


def test_questions_and_their_answers_with_the_same_zaak_become_one_dossier(tmp_path: Path) -> None:
    shutil.copy(DOSSIERS / "2024Z18890.txt", tmp_path)
    (tmp_path / "ah-tk-20242025-700.txt").write_text(ANSWERS_2024Z18890, encoding="utf-8")

    [dossier] = load_folder(tmp_path)

    assert dossier.id == "2024Z18890"
    assert dossier.kind is Kind.ANSWERS
    assert dossier.also_from == ("ah-tk-20242025-700.txt",)
    assert [member.name for member in dossier.submitters][:2] == ["Inge van Dijk", "Dijk"]
    assert dossier.title.startswith("de brandbrief van enkele fracties")
    assert str(dossier.received) == "2024-12-04"
    assert [answer.questions for answer in dossier.answers] == [(1,), (2,)]
    assert dossier.answers[0].text == "Ja, de brief is ontvangen en gelezen."


def test_the_combined_dossier_shows_questions_and_answers_on_one_page(tmp_path: Path) -> None:
    shutil.copy(DOSSIERS / "2024Z18890.txt", tmp_path)
    (tmp_path / "ah-tk-20242025-700.txt").write_text(ANSWERS_2024Z18890, encoding="utf-8")

    pages = build_pages(load_folder(tmp_path))

    assert "dossiers/ah-tk-20242025-700.md" not in pages
    page = pages["dossiers/2024Z18890.md"]
    assert "Kunt u kennisnemen van de meegestuurde brief?" in page
    assert "Het kabinet reageert in de voortgangsrapportage Hersteloperatie Toeslagen" in page


def test_an_aanhangsel_without_zaak_joins_its_questions_by_date_and_members(tmp_path: Path) -> None:
    questions = (
        "2024Z99001\n(ingezonden 2 oktober 2024)\n\n"
        "Vragen van het lid Jansen (SP) aan de minister van Financiën over de belastingdienst\n\n"
        "Hoe lang duurt een bezwaar?\n\nWat gaat u daaraan doen?\n"
    )
    answers = (
        "Tweede Kamer der Staten-Generaal2\nVergaderjaar 2024–2025 Aanhangsel van de Handelingen\n"
        "Vragen gesteld door de leden der Kamer, met de daarop door de\nregering gegeven antwoorden\n801\n"
        "Vragen van het lid Jansen (SP) aan de Minister van Financiën over de belastingdienst "
        "(ingezonden 2 oktober 2024).\n"
        "Antwoord van Minister Heinen (Financiën) (ontvangen 30 oktober 2024).\n"
        "Vraag 1\nHoe lang duurt een bezwaar?\nAntwoord 1\nGemiddeld twaalf weken.\n"
        "Vraag 2\nWat gaat u daaraan doen?\nAntwoord 2\nMeer mensen aannemen.\n"
    )
    (tmp_path / "2024Z99001.txt").write_text(questions, encoding="utf-8")
    (tmp_path / "ah-tk-20242025-801.txt").write_text(answers, encoding="utf-8")

    [dossier] = load_folder(tmp_path)

    assert dossier.zaak == "2024Z99001"
    assert dossier.aanhangsel == 801
    assert [answer.text for answer in dossier.answers] == ["Gemiddeld twaalf weken.", "Meer mensen aannemen."]


def questions_text(zaak: str, subject: str, question: str) -> str:
    return (
        f"{zaak}\n(ingezonden 2 oktober 2024)\n\n"
        f"Vragen van het lid Jansen (SP) aan de minister van Financiën over {subject}\n\n"
        f"{question}\n\nWat gaat u daaraan doen?\n"
    )


def answers_text(number: int, subject: str, question: str, answer: str) -> str:
    return (
        "Tweede Kamer der Staten-Generaal2\nVergaderjaar 2024–2025 Aanhangsel van de Handelingen\n"
        f"Vragen gesteld door de leden der Kamer, met de daarop door de\nregering gegeven antwoorden\n{number}\n"
        f"Vragen van het lid Jansen (SP) aan de Minister van Financiën over {subject} "
        "(ingezonden 2 oktober 2024).\n"
        "Antwoord van Minister Heinen (Financiën) (ontvangen 30 oktober 2024).\n"
        f"Vraag 1\n{question}\nAntwoord 1\n{answer}\n"
        "Vraag 2\nWat gaat u daaraan doen?\nAntwoord 2\nMeer mensen aannemen.\n"
    )


TAX = ("de belastingdienst", "Hoe lang duurt een bezwaar?")
BENEFITS = ("de “toeslagenaffaire”", "Hoeveel ouders wachten nog op herstel?")
PENSIONS = ("de pensioenwet", "Wanneer gaat de nieuwe regeling in?")


def test_answers_join_the_set_of_their_subject_among_sets_sent_the_same_day(tmp_path: Path) -> None:
    # Members often send several sets of questions in one day; the Aanhangsel prints no zaak.
    (tmp_path / "2024Z99001.txt").write_text(questions_text("2024Z99001", *TAX), encoding="utf-8")
    (tmp_path / "2024Z99002.txt").write_text(questions_text("2024Z99002", *BENEFITS), encoding="utf-8")
    answers = answers_text(803, "de ‘toeslagen-affaire’", BENEFITS[1], "Drie.")
    (tmp_path / "ah-tk-20242025-803.txt").write_text(answers, encoding="utf-8")

    tax, benefits = load_folder(tmp_path)

    assert (tax.id, tax.answers, tax.errors) == ("2024Z99001", (), ())
    assert benefits.id == "2024Z99002"
    assert benefits.also_from == ("ah-tk-20242025-803.txt",)
    assert benefits.answers[0].text == "Drie."
    assert benefits.errors == ()


def test_answers_with_a_reworded_title_join_the_set_that_asks_their_questions(tmp_path: Path) -> None:
    (tmp_path / "2024Z99001.txt").write_text(questions_text("2024Z99001", *TAX), encoding="utf-8")
    answers = answers_text(803, "bezwaren bij de Belastingdienst", TAX[1], "Twaalf weken.")
    (tmp_path / "ah-tk-20242025-803.txt").write_text(answers, encoding="utf-8")

    [dossier] = load_folder(tmp_path)

    assert dossier.also_from == ("ah-tk-20242025-803.txt",)
    assert dossier.answers[0].text == "Twaalf weken."


def test_answers_to_another_set_of_the_same_day_are_not_put_under_these_questions(tmp_path: Path) -> None:
    (tmp_path / "2024Z99001.txt").write_text(questions_text("2024Z99001", *TAX), encoding="utf-8")
    answers = answers_text(803, *BENEFITS, "Drie.")
    (tmp_path / "ah-tk-20242025-803.txt").write_text(answers, encoding="utf-8")

    tax, benefits = load_folder(tmp_path)

    assert (tax.source, tax.answers) == ("2024Z99001.txt", ())
    assert (benefits.source, benefits.answers[0].text) == ("ah-tk-20242025-803.txt", "Drie.")
    # They may still be one set whose title and question one PDF garbled: the editor is told, once
    # on each side, and nothing fails.
    assert unjoined_notes(tax) == [
        "file: note: not joined with ah-tk-20242025-803.txt, sent the same day by the same members, which "
        "may belong to this question set: the zaak, the title and the first question differ. If they "
        "belong together, compare those with the official text"
    ]
    assert unjoined_notes(benefits) == [unjoined_notes(tax)[0].replace("ah-tk-20242025-803", "2024Z99001")]
    assert tax.errors == benefits.errors == ()
    editors_page = build_pages([tax, benefits])["redactie.md"]
    assert editors_page.count("hele bestand: not joined with") == 2


def unjoined_notes(dossier: Dossier) -> list[str]:
    return [str(note) for note in dossier.diagnostics if "not joined with" in note.message]


def test_sets_of_one_day_with_questions_each_get_no_note(tmp_path: Path) -> None:
    # Questions with their answers, and questions still unanswered: nothing is missing from one set
    # that another could give.
    (tmp_path / "2024Z99001.txt").write_text(questions_text("2024Z99001", *TAX), encoding="utf-8")
    (tmp_path / "2024Z99002.txt").write_text(questions_text("2024Z99002", *BENEFITS), encoding="utf-8")
    (tmp_path / "2024Z99003.txt").write_text(questions_text("2024Z99003", *PENSIONS), encoding="utf-8")
    answers = answers_text(803, *BENEFITS, "Drie.")
    (tmp_path / "ah-tk-20242025-803.txt").write_text(answers, encoding="utf-8")

    dossiers = load_folder(tmp_path)

    assert [(dossier.source, dossier.also_from) for dossier in dossiers] == [
        ("2024Z99001.txt", ()),
        ("2024Z99002.txt", ("ah-tk-20242025-803.txt",)),
        ("2024Z99003.txt", ()),
    ]
    assert [unjoined_notes(dossier) for dossier in dossiers] == [[], [], []]


def test_questions_and_answers_with_two_zaak_numbers_get_no_note(tmp_path: Path) -> None:
    # A zaak number printed in both says for certain that they are two sets.
    (tmp_path / "2024Z99001.txt").write_text(questions_text("2024Z99001", *TAX), encoding="utf-8")
    answers = answers_text(803, *BENEFITS, "Drie.")
    answers = answers.replace("antwoorden\n803\n", "antwoorden\n803\n2024Z99002\n")
    (tmp_path / "ah-tk-20242025-803.txt").write_text(answers, encoding="utf-8")

    tax, benefits = load_folder(tmp_path)

    assert (tax.zaak, benefits.zaak) == ("2024Z99001", "2024Z99002")
    assert unjoined_notes(tax) == unjoined_notes(benefits) == []


def test_two_aanhangsels_of_one_member_on_one_day_are_two_dossiers(tmp_path: Path) -> None:
    first = answers_text(804, *TAX, "Twaalf weken.")
    second = answers_text(805, *BENEFITS, "Drie.")
    (tmp_path / "ah-tk-20242025-804.txt").write_text(first, encoding="utf-8")
    (tmp_path / "ah-tk-20242025-805.txt").write_text(second, encoding="utf-8")

    tax, benefits = load_folder(tmp_path)

    assert (tax.aanhangsel, tax.answers[0].text, tax.errors) == (804, "Twaalf weken.", ())
    assert (benefits.aanhangsel, benefits.answers[0].text, benefits.errors) == (805, "Drie.", ())
    assert unjoined_notes(tax) == unjoined_notes(benefits) == []  # both have their questions


def test_two_question_documents_for_one_zaak_are_an_error_naming_both(tmp_path: Path) -> None:
    shutil.copy(DOSSIERS / "2024Z18890.txt", tmp_path / "2024Z18890.txt")
    shutil.copy(DOSSIERS / "2024Z18890.txt", tmp_path / "2024Z18890-kopie.txt")

    first, second = load_folder(tmp_path)

    assert [str(error) for error in first.errors] == [
        "file: error: the same question set as 2024Z18890.txt (zaak or submission); keep one file per document"
    ]
    assert "2024Z18890-kopie.txt" in str(second.errors[0])


def test_an_aanhangsel_that_cites_another_sets_zaak_stays_a_dossier_of_its_own(tmp_path: Path) -> None:
    shutil.copy(DOSSIERS / "2024Z18890.txt", tmp_path)
    answers = (
        "Tweede Kamer der Staten-Generaal2\nVergaderjaar 2024–2025 Aanhangsel van de Handelingen\n"
        "Vragen gesteld door de leden der Kamer, met de daarop door de\nregering gegeven antwoorden\n802\n"
        "Vragen van het lid Jansen (SP) aan de Minister van Financiën over de toeslagen "
        "(ingezonden 9 december 2024).\n"
        "Antwoord van Minister Heinen (Financiën) (ontvangen 6 januari 2025).\n"
        "Vraag 1\nHoe staat het met de hersteloperatie?\n"
        "Antwoord 1\nZie mijn antwoord op de vragen van het lid Van Dijk (2024Z18890).\n"
    )
    (tmp_path / "ah-tk-20242025-802.txt").write_text(answers, encoding="utf-8")

    questions, aanhangsel = load_folder(tmp_path)

    assert questions.source == "2024Z18890.txt"
    assert questions.answers == ()
    assert aanhangsel.source == "ah-tk-20242025-802.txt"
    assert aanhangsel.zaak is None
    assert not aanhangsel.errors
    assert "Zie mijn antwoord op de vragen van het lid Van Dijk (2024Z18890)." in aanhangsel.answers[0].text

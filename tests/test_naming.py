"""The canonical file name of a dossier: the rule every file in dossiers/ was named by."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, make_dossier

from generator.model import Kind, Member
from generator.naming import NoCanonicalName, canonical_name
from generator.parse import parse_file

DOSSIER_FILES = sorted((ROOT / "dossiers").glob("*.txt"))


def test_there_are_dossiers_to_check_the_rule_against() -> None:
    assert len(DOSSIER_FILES) >= 40


@pytest.mark.parametrize("path", DOSSIER_FILES, ids=[path.name for path in DOSSIER_FILES])
def test_every_dossier_is_named_by_the_rule(path: Path) -> None:
    assert canonical_name(parse_file(path)) == path.name


def test_questions_are_named_by_their_zaak_number() -> None:
    assert canonical_name(make_dossier(zaak="2024Z18439")) == "2024Z18439.txt"


def test_oral_questions_are_named_by_their_zaak_number() -> None:
    assert canonical_name(make_dossier(kind=Kind.ORAL, zaak="2024Z18775")) == "2024Z18775.txt"


def test_answers_are_named_by_their_aanhangsel_id_even_when_they_print_the_zaak() -> None:
    answers = make_dossier(kind=Kind.ANSWERS, zaak="2024Z18294", aanhangsel=604, session="2024-2025")
    assert canonical_name(answers) == "ah-tk-20242025-604.txt"


def test_a_notice_of_late_answers_is_named_by_its_aanhangsel_id() -> None:
    notice = make_dossier(kind=Kind.MEDEDELING, aanhangsel=1211, session="2011-2012")
    assert canonical_name(notice) == "ah-tk-20112012-1211.txt"


def test_without_a_printed_vergaderjaar_the_received_date_gives_the_session() -> None:
    # Received the day before Prinsjesdag 2024 (17 September): still the session 2023-2024.
    answers = make_dossier(
        kind=Kind.ANSWERS, aanhangsel=2500, session=None, submitted=None, received=dt.date(2024, 9, 16)
    )
    assert canonical_name(answers) == "ah-tk-20232024-2500.txt"


def test_questions_without_a_zaak_number_are_named_after_date_and_first_member() -> None:
    assert canonical_name(make_dossier(zaak=None)) == "kv-2021-02-03-yesilgoz-zegerius.txt"


def test_a_first_name_printed_to_tell_members_apart_stays_in_the_name() -> None:
    dossier = make_dossier(
        zaak=None,
        submitted=dt.date(2024, 11, 20),
        submitters=(Member(name="Inge van Dijk", party="CDA"), Member(name="Dijk", party="SP")),
    )
    assert canonical_name(dossier) == "kv-2024-11-20-inge-van-dijk.txt"


def test_letters_with_accents_lose_only_the_accent() -> None:
    dossier = make_dossier(zaak=None, submitters=(Member(name="Kostić", party="PvdD"),))
    assert canonical_name(dossier) == "kv-2021-02-03-kostic.txt"


def test_answers_without_an_aanhangsel_number_have_no_name() -> None:
    # By its zaak number it would take the name of the questions it answers.
    answers = make_dossier(kind=Kind.ANSWERS, zaak="2024Z18294", aanhangsel=None)
    with pytest.raises(NoCanonicalName, match="without an Aanhangsel number"):
        canonical_name(answers)


def test_questions_without_zaak_date_or_members_have_no_name() -> None:
    with pytest.raises(NoCanonicalName, match="no zaak number"):
        canonical_name(make_dossier(zaak=None, submitted=None))


def test_a_zaak_number_that_is_not_one_is_not_used_as_a_file_name() -> None:
    with pytest.raises(NoCanonicalName, match="not of the form"):
        canonical_name(make_dossier(zaak="../2024Z1"))

"""Dutch dates and vergaderjaren as printed in question sets."""

import datetime as dt

from generator.parse.dates import parse_dutch_date, session_for_date, session_of


def test_date_is_read_from_the_submission_bracket():
    assert parse_dutch_date("(ingezonden 3 februari 2021).") == dt.date(2021, 2, 3)


def test_date_split_over_two_lines_is_read():
    assert parse_dutch_date("(ontvangen\n14 november\n2024)") == dt.date(2024, 11, 14)


def test_date_with_the_space_before_the_year_lost_is_read():
    # limburg_ah-tk-20242025-586: "(ontvangen 18 november2024)"
    assert parse_dutch_date("(ontvangen 18 november2024)") == dt.date(2024, 11, 18)


def test_date_with_a_single_digit_day_is_read():
    assert parse_dutch_date("1 juli 2024") == dt.date(2024, 7, 1)


def test_month_name_is_read_in_any_case():
    assert parse_dutch_date("17 Januari 2012") == dt.date(2012, 1, 17)


def test_abbreviated_month_is_read():
    assert parse_dutch_date("Volkskrant, 5 okt. 2023") == dt.date(2023, 10, 5)


def test_a_day_that_does_not_exist_gives_no_date():
    assert parse_dutch_date("31 februari 2024") is None


def test_a_date_without_a_year_gives_no_date():
    assert parse_dutch_date("Op 6 november jl. hebben de leden") is None


def test_a_month_name_inside_a_longer_word_is_no_date():
    assert parse_dutch_date("3 meiden 2021") is None


def test_vergaderjaar_with_a_hyphen_is_read():
    assert session_of("Tweede Kamer, vergaderjaar 2018-2019, Vragen 1") == "2018-2019"


def test_vergaderjaar_with_an_en_dash_is_written_with_a_hyphen():
    assert session_of("Vergaderjaar 2024–2025 Aanhangsel van de Handelingen") == "2024-2025"


def test_vergaderjaar_with_the_mojibake_of_an_en_dash_is_read():
    # lobby_ah-tk-20112012-1013: "Vergaderjaar 2011Œ2012"
    assert session_of("2Vergaderjaar 2011Œ2012 Aanhangsel") == "2011-2012"


def test_two_years_that_do_not_follow_each_other_are_no_vergaderjaar():
    assert session_of("in de periode 2019-2021") is None


def test_text_without_vergaderjaar_gives_none():
    assert session_of("Vragen van het lid Krul (CDA)") is None


def test_date_before_prinsjesdag_belongs_to_the_previous_vergaderjaar():
    # Prinsjesdag 2024 was Tuesday 17 September.
    assert session_for_date(dt.date(2024, 9, 16)) == "2023-2024"


def test_prinsjesdag_opens_the_new_vergaderjaar():
    assert session_for_date(dt.date(2024, 9, 17)) == "2024-2025"


def test_prinsjesdag_is_the_third_tuesday_even_when_september_starts_on_a_tuesday():
    # 1 September 2020 was a Tuesday, so Prinsjesdag was the 15th.
    assert session_for_date(dt.date(2020, 9, 14)) == "2019-2020"
    assert session_for_date(dt.date(2020, 9, 15)) == "2020-2021"


def test_date_in_january_belongs_to_the_vergaderjaar_that_began_the_year_before():
    assert session_for_date(dt.date(2012, 1, 17)) == "2011-2012"

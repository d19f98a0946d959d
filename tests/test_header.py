"""The header sentences of question sets, in every form the seeds and the corpus print them.

Inputs are the header lines of the real documents joined with single spaces, as the document parser
hands them over: words that the PDF ran together ("overhet", "vanFinanciën") are left as printed.
"""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from generator.model import Addressee, Member, Official
from generator.parse.header import (
    QuestionHeader,
    ResponseHeader,
    parse_addressees,
    parse_question_header,
    parse_response_header,
)

# --- question headers: the seeds ----------------------------------------------------------------


def test_seed_header_with_two_members_of_one_party_and_two_offices():
    header = parse_question_header(
        "Vragen van de leden Yesilgöz-Zegerius en Lodders (beiden VVD) aan de Minister van Justitie en "
        "Veiligheid en de Staatssecretaris van Financiën over het bericht «Vrees voor Chinese spionage via "
        "douanescanners in haven Rotterdam». (ingezonden 3 februari 2021)."
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(Member(name="Yesilgöz-Zegerius", party="VVD"), Member(name="Lodders", party="VVD")),
        addressees=(
            Addressee(office="Minister van Justitie en Veiligheid"),
            Addressee(office="Staatssecretaris van Financiën"),
        ),
        title="het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»",
        submitted=dt.date(2021, 2, 3),
        problems=(),
    )


def test_seed_header_with_ministers_van_and_voor_sharing_one_title():
    header = parse_question_header(
        "Vragen van de leden Van Ojik en Diks (beiden GroenLinks) aan de ministers van Buitenlandse Zaken en "
        "voor Buitenlandse Handel en Ontwikkelingssamenwerking over de export van cybersurveillance "
        "technologie (ingezonden 18 juli 2019)."
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(Member(name="Van Ojik", party="GroenLinks"), Member(name="Diks", party="GroenLinks")),
        addressees=(
            Addressee(office="Minister van Buitenlandse Zaken"),
            Addressee(office="Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"),
        ),
        title="de export van cybersurveillance technologie",
        submitted=dt.date(2019, 7, 18),
        problems=(),
    )


# --- question headers: members and parties ------------------------------------------------------


def test_each_member_keeps_the_party_printed_after_the_name():
    # limburg_ah-tk-20242025-546
    header = parse_question_header(
        "Vragen van de leden Van Nispen (SP) en Lahlah (GroenLinks-PvdA) aan de Staatssecretaris van "
        "Justitie "
        "en Veiligheid over de omgang met het parlement en de problemen in het gevangeniswezen (ingezonden "
        "24 oktober 2024)."
    )
    assert header.submitters == (
        Member(name="Van Nispen", party="SP"),
        Member(name="Lahlah", party="GroenLinks-PvdA"),
    )
    assert header.problems == ()


def test_single_member_van_het_lid():
    # limburg_2024Z18441
    header = parse_question_header(
        "Vragen van het lid Welzijn (Nieuw Sociaal Contract) aan de Minister van Volkshuisvesting en "
        "Ruimtelijke Ordening over de uitzending van Pointer «Ik mag niet kleiner wonen» op donderdag "
        "24 oktober 2024 over woningruil(ingezonden 14 november 2024)."
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(Member(name="Welzijn", party="Nieuw Sociaal Contract"),),
        addressees=(Addressee(office="Minister van Volkshuisvesting en Ruimtelijke Ordening"),),
        title="de uitzending van Pointer «Ik mag niet kleiner wonen» op donderdag 24 oktober 2024 "
        "over woningruil",
        submitted=dt.date(2024, 11, 14),
        problems=(),
    )


def test_party_with_its_spaces_lost_in_a_line_join_is_restored():
    header = parse_question_header(
        "Vragen van het lid Saris (NieuwSociaal Contract) aan de Minister van Financiën over iets "
        "(ingezonden 19 november 2024)."
    )
    assert header.submitters == (Member(name="Saris", party="Nieuw Sociaal Contract"),)


def test_docx_header_with_stray_lid_and_four_members_of_four_parties():
    # limburg_2024Z18882_docx_4members; the "(ingezonden ...)" line stands above the header in the file
    header = parse_question_header(
        "Vragen van de leden lid Inge van Dijk (CDA), Vijlbrief (D66), Ceder (ChristenUnie) en Patijn "
        "(GroenLinks-PvdA) aan de minister van Sociale Zaken en Werkgelegenheid over het bericht ‘Crisis UWV "
        "nog groter, ook missers bij mogelijk duizenden jonggehandicapten: ‘Kommer en kwel’’ "
        "(ingezonden 20 november 2024)"
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(
            Member(name="Inge van Dijk", party="CDA"),
            Member(name="Vijlbrief", party="D66"),
            Member(name="Ceder", party="ChristenUnie"),
            Member(name="Patijn", party="GroenLinks-PvdA"),
        ),
        addressees=(Addressee(office="Minister van Sociale Zaken en Werkgelegenheid"),),
        title="het bericht ‘Crisis UWV nog groter, ook missers bij mogelijk duizenden jonggehandicapten: "
        "‘Kommer en kwel’’",
        submitted=dt.date(2024, 11, 20),
        problems=("stray word before the first member ignored: 'lid Inge van Dijk'",),
    )


def test_seven_members_of_seven_parties_to_the_minister_president():
    # limburg_2024Z18890_docx_7members_MP
    header = parse_question_header(
        "Vragen van de leden Inge van Dijk (CDA), Dijk (SP), Stultiens (GroenLinks-PvdA), Vijlbrief (D66), "
        "Koekkoek (Volt), Grinwis (ChristenUnie) en Ergin (DENK) aan de minister-president over de "
        "brandbrief "
        "van enkele fracties inzake voortgang van de Hersteloperatie Toeslagen na het aftreden van "
        "staatssecretaris Achahbar, van 19 november 2024. (ingezonden 20 november 2024)"
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(
            Member(name="Inge van Dijk", party="CDA"),
            Member(name="Dijk", party="SP"),
            Member(name="Stultiens", party="GroenLinks-PvdA"),
            Member(name="Vijlbrief", party="D66"),
            Member(name="Koekkoek", party="Volt"),
            Member(name="Grinwis", party="ChristenUnie"),
            Member(name="Ergin", party="DENK"),
        ),
        addressees=(Addressee(office="Minister-President"),),
        title="de brandbrief van enkele fracties inzake voortgang van de Hersteloperatie Toeslagen na het "
        "aftreden van staatssecretaris Achahbar, van 19 november 2024",
        submitted=dt.date(2024, 11, 20),
        problems=(),
    )


def test_stray_space_before_a_comma_between_members_is_ignored():
    header = parse_question_header(
        "Vragen van de leden Inge van Dijk (CDA) , Dijk (SP) en Ergin (DENK) aan de minister-president over "
        "de brandbrief (ingezonden 20 november 2024)"
    )
    assert [member.name for member in header.submitters] == ["Inge van Dijk", "Dijk", "Ergin"]
    assert header.problems == ()


def test_allen_gives_the_party_to_every_member_before_it():
    header = parse_question_header(
        "Vragen van de leden Kröger, Gabriëls en Bromet (allen GroenLinks-PvdA) aan de Minister van Klimaat "
        "en Groene Groei over iets (ingezonden 19 november 2024)."
    )
    assert header.submitters == (
        Member(name="Kröger", party="GroenLinks-PvdA"),
        Member(name="Gabriëls", party="GroenLinks-PvdA"),
        Member(name="Bromet", party="GroenLinks-PvdA"),
    )


def test_party_applies_back_to_the_names_printed_without_one():
    header = parse_question_header(
        "Vragen van de leden Kröger, Gabriëls (GroenLinks-PvdA) en Boswijk (CDA) aan de Minister van Klimaat "
        "en Groene Groei over iets (ingezonden 19 november 2024)."
    )
    assert header.submitters == (
        Member(name="Kröger", party="GroenLinks-PvdA"),
        Member(name="Gabriëls", party="GroenLinks-PvdA"),
        Member(name="Boswijk", party="CDA"),
    )


def test_member_without_a_party_is_kept_and_reported():
    header = parse_question_header(
        "Vragen van de leden Boswijk (CDA) en Piri aan de Minister van Buitenlandse Zaken over iets "
        "(ingezonden 27 september 2024)."
    )
    assert header.submitters == (Member(name="Boswijk", party="CDA"), Member(name="Piri", party=None))
    assert header.problems == ("no party printed for member 'Piri'",)


def test_unknown_party_is_kept_as_printed_and_reported():
    header = parse_question_header(
        "Vragen van het lid Jansen (Partij van de Toekomst) aan de Minister van Financiën over iets "
        "(ingezonden 1 juli 2024)."
    )
    assert header.submitters == (Member(name="Jansen", party="Partij van de Toekomst"),)
    assert header.problems == (
        "party 'Partij van de Toekomst' is not in the list of known parties; kept as printed",
    )


def test_accent_detached_from_a_members_name_is_put_back_and_reported():
    # limburg_ah-tk-20242025-571_tables: "Kostic ´ (PvdD)"
    header = parse_question_header(
        "Vragen van het lid Kostic ´ (PvdD) aan de Ministers van Landbouw, Natuur en Voedselkwaliteit en van "
        "Justitie en Veiligheid over het onderzoek waaruit blijkt dat afgedankte Ierse racepaarden in snacks "
        "terechtkomen (ingezonden 24 juni 2024)."
    )
    assert header.submitters == (Member(name="Kostić", party="PvdD"),)
    assert header.addressees == (
        Addressee(office="Minister van Landbouw, Natuur en Voedselkwaliteit"),
        Addressee(office="Minister van Justitie en Veiligheid"),
    )
    assert header.problems == ("accent detached from its letter in 'Kostic ´', read as 'Kostić'",)


def test_title_keeps_a_question_and_brackets_inside_guillemets():
    # learninglion_ah-tk-20232024-909
    header = parse_question_header(
        "Vragen van de leden Michon-Derkzen (VVD) en Helder (BBB) aan de Minister van Justitie en Veiligheid "
        "over het bericht «Kwam agent Robert-Jan om het leven bij politiewerk? Nee, zegt stichting (en dus "
        "komt zijn naam niet op monument)» (ingezonden 13 december 2023)."
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(Member(name="Michon-Derkzen", party="VVD"), Member(name="Helder", party="BBB")),
        addressees=(Addressee(office="Minister van Justitie en Veiligheid"),),
        title="het bericht «Kwam agent Robert-Jan om het leven bij politiewerk? Nee, zegt stichting (en dus "
        "komt zijn naam niet op monument)»",
        submitted=dt.date(2023, 12, 13),
        problems=(),
    )


def test_single_question_vraag_van_het_lid():
    # limburg_ah-tk-20242025-585_single_vraag
    header = parse_question_header(
        "Vraag van het lid Van Houwelingen (FVD) aan de Minister van Justitie en Veiligheid over "
        "correspondentie tussen de NCTV en de NAVO (ingezonden 1 oktober 2024)."
    )
    assert header.submitters == (Member(name="Van Houwelingen", party="FVD"),)
    assert header.title == "correspondentie tussen de NCTV en de NAVO"
    assert header.submitted == dt.date(2024, 10, 1)


# --- question headers: addressees ---------------------------------------------------------------


def test_staatssecretarissen_of_two_ministries_run_together():
    # limburg_2024Z18436: "Wetenschap enVolksgezondheid", "zichzorgen" left as printed
    header = parse_question_header(
        "Vragen van de leden Rooderkerk en Paulusma (beiden D66) aan de Staatssecretarissen van Onderwijs, "
        "Cultuur en Wetenschap enVolksgezondheid, Welzijn en Sport over het artikel «Aidsfonds maakt "
        "zichzorgen over stijging hiv-infecties bij jonge mannen» (ingezonden 14 november 2024)."
    )
    assert header.addressees == (
        Addressee(office="Staatssecretaris van Onderwijs, Cultuur en Wetenschap"),
        Addressee(office="Staatssecretaris van Volksgezondheid, Welzijn en Sport"),
    )
    assert header.title == (
        "het artikel «Aidsfonds maakt zichzorgen over stijging hiv-infecties bij jonge mannen»"
    )


def test_abbreviated_ministries_are_written_out():
    header = parse_question_header(
        "Vragen van de leden Rooderkerk en Paulusma (beiden D66) aan de Staatssecretarissen van OCW en VWS "
        "over iets (ingezonden 14 november 2024)."
    )
    assert header.addressees == (
        Addressee(office="Staatssecretaris van Onderwijs, Cultuur en Wetenschap"),
        Addressee(office="Staatssecretaris van Volksgezondheid, Welzijn en Sport"),
    )
    assert header.problems == ()


def test_minister_and_staatssecretaris_sharing_one_ministry_are_two_offices():
    # limburg_2024Z18439: "overhet" and "ggz-patiënten(ingezonden" as printed
    header = parse_question_header(
        "Vragen van de leden Westerveld en Bushoff (beiden GroenLinks-PvdA) aan de Minister en de "
        "Staatssecretaris van Volksgezondheid, Welzijn en Sport overhet verdwijnen van de restitutiepolis en "
        "de gevolgen voor ggz-patiënten(ingezonden 14 november 2024)."
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(
            Member(name="Westerveld", party="GroenLinks-PvdA"),
            Member(name="Bushoff", party="GroenLinks-PvdA"),
        ),
        addressees=(
            Addressee(office="Minister van Volksgezondheid, Welzijn en Sport"),
            Addressee(office="Staatssecretaris van Volksgezondheid, Welzijn en Sport"),
        ),
        title="het verdwijnen van de restitutiepolis en de gevolgen voor ggz-patiënten",
        submitted=dt.date(2024, 11, 14),
        problems=(),
    )


def test_three_ministers_each_with_their_own_preposition():
    header = parse_question_header(
        "Vragen van het lid Boswijk (CDA) aan de Ministers van Asiel en Migratie, voor Buitenlandse Handel "
        "en "
        "Ontwikkelingshulp en van Buitenlandse Zaken over iets (ingezonden 19 november 2024)."
    )
    assert header.addressees == (
        Addressee(office="Minister van Asiel en Migratie"),
        Addressee(office="Minister voor Buitenlandse Handel en Ontwikkelingshulp"),
        Addressee(office="Minister van Buitenlandse Zaken"),
    )
    assert header.problems == ()


def test_ministers_van_and_voor_in_the_compressed_form():
    # limburg_2024Z18792
    header = parse_question_header(
        "Vragen van het lid Boswijk (CDA) aan de Ministers van Financiën en voor Buitenlandse Handel en "
        "Ontwikkelingshulp over de ontkoppeling van ontwikkelingshulp (ingezonden 19 november 2024)."
    )
    assert header.addressees == (
        Addressee(office="Minister van Financiën"),
        Addressee(office="Minister voor Buitenlandse Handel en Ontwikkelingshulp"),
    )


def test_ministers_voor_and_van_whose_names_overlap():
    # limburg_ah-tk-20242025-576
    header = parse_question_header(
        "Vragen van het lid Erkens (VVD) aan de Ministers voor Klimaat en Energie en van Economische Zaken "
        "en "
        "Klimaat over het artikel «RWE hoopt op geitenpaadje voor project met waterstof uit afval» "
        "(ingezonden 21 juni 2024)."
    )
    assert header.addressees == (
        Addressee(office="Minister voor Klimaat en Energie"),
        Addressee(office="Minister van Economische Zaken en Klimaat"),
    )


def test_two_ministers_and_a_staatssecretaris_with_a_lost_space():
    # limburg_ah-tk-20242025-586: "en deStaatssecretaris"
    header = parse_question_header(
        "Vragen van het lid Postma (Nieuw Sociaal Contract) aan de Ministers van Klimaat en Groene Groei en "
        "van "
        "Sociale Zaken en Werkgelegenheid en deStaatssecretaris van Infrastructuur en Waterstaat over het "
        "onderzoek van het Nibud, in opdracht van de Mobiliteitsalliantie (ingezonden 3 oktober 2024)."
    )
    assert header.addressees == (
        Addressee(office="Minister van Klimaat en Groene Groei"),
        Addressee(office="Minister van Sociale Zaken en Werkgelegenheid"),
        Addressee(office="Staatssecretaris van Infrastructuur en Waterstaat"),
    )
    assert header.title == "het onderzoek van het Nibud, in opdracht van de Mobiliteitsalliantie"


def test_old_ministry_names_are_read():
    # lobby_ah-tk-20112012-1211_mededeling
    header = parse_question_header(
        "Vragen van het lid Arib (PvdA) aan de ministers van Volksgezondheid, Welzijn en Sport en van "
        "Veiligheid en Justitie over levensgevaarlijke therapieën voor huilbaby’s (ingezonden 20 december "
        "2011)."
    )
    assert header.addressees == (
        Addressee(office="Minister van Volksgezondheid, Welzijn en Sport"),
        Addressee(office="Minister van Veiligheid en Justitie"),
    )
    assert header.title == "levensgevaarlijke therapieën voor huilbaby’s"


def test_lower_case_office_is_capitalised():
    # lobby_ah-tk-20112012-1013
    header = parse_question_header(
        "Vragen van het lid Gerbrands (PVV) aan de staatssecretaris van Volksgezondheid, Welzijn en Sport "
        "over "
        "het bericht dat er zeer hoge risico’s bij thuiszorgorganisatie Parnassus zijn geconstateerd "
        "(ingezonden 12 december 2011)."
    )
    assert header.addressees == (Addressee(office="Staatssecretaris van Volksgezondheid, Welzijn en Sport"),)


def test_ministry_printed_in_lower_case_is_written_as_named():
    # limburg_2024Z18566: "Asiel en migratie"; the title keeps its own brackets
    header = parse_question_header(
        "Vragen van de leden Podt (D66) en Van Nispen (SP) aan de Staatssecretaris van Justitie en "
        "Veiligheid "
        "en de Minister van Asiel en migratie over Veldzicht en de uitvoering van de motie-Van Nispen c.s. "
        "(Kamerstuk 24 587, nr. 995)(ingezonden 15 november 2024)."
    )
    assert header.addressees == (
        Addressee(office="Staatssecretaris van Justitie en Veiligheid"),
        Addressee(office="Minister van Asiel en Migratie"),
    )
    assert header.title == (
        "Veldzicht en de uitvoering van de motie-Van Nispen c.s. (Kamerstuk 24 587, nr. 995)"
    )


def test_title_with_nested_guillemets_ends_at_the_submission_date():
    # limburg_2024Z18656
    header = parse_question_header(
        "Vragen van het lid Chakor (GroenLinks-PvdA) aan de Minister van Binnenlandse Zaken en "
        "koninkrijksrelaties over het artikel «Brandbrief over racisme bij de Rijksoverheid: «Medewerkers "
        "van "
        "kleur lijken systematischdoelwit te worden»» (ingezonden 18 november 2024)."
    )
    assert header.addressees == (Addressee(office="Minister van Binnenlandse Zaken en Koninkrijksrelaties"),)
    assert header.title == (
        "het artikel «Brandbrief over racisme bij de Rijksoverheid: «Medewerkers van kleur lijken "
        "systematischdoelwit te worden»»"
    )


def test_misspelled_staatssecretaris_is_read_as_the_office_and_reported():
    # limburg_ah-tk-20242025-559
    header = parse_question_header(
        "Vragen van het lid Mohandis (GroenLinks-PvdA) aan de Staatsecretaris van Volksgezondheid, Welzijn "
        "en "
        "Sport over de brief van de Nederlandse Stichting Water- & Zwemveiligheid (NSWZ) (ingezonden "
        "2 oktober 2024)."
    )
    assert header.addressees == (Addressee(office="Staatssecretaris van Volksgezondheid, Welzijn en Sport"),)
    assert header.problems == ("'Staatsecretaris' is a misspelling, read as 'Staatssecretaris'",)


def test_oral_questions_to_a_minister_printed_with_the_wrong_preposition():
    # limburg_2024Z18775
    header = parse_question_header(
        "Mondelinge vragen van het lid Krul (CDA) aan de Minister voor Economische Zaken over het bericht "
        "«TEMU "
        "schendt privacy door telefoon ’s nachts te ontgrendelen en berichten te lezen» "
        "(Hartvannederland.nl, "
        "16 november 2024 ) (ingezonden 19 november 2024)"
    )
    assert header == QuestionHeader(
        oral=True,
        submitters=(Member(name="Krul", party="CDA"),),
        addressees=(Addressee(office="Minister van Economische Zaken"),),
        title="het bericht «TEMU schendt privacy door telefoon ’s nachts te ontgrendelen en berichten "
        "te lezen» (Hartvannederland.nl, 16 november 2024 )",
        submitted=dt.date(2024, 11, 19),
        problems=("printed 'Minister voor Economische Zaken', read as 'Minister van Economische Zaken'",),
    )


def test_minister_standing_in_for_an_absent_staatssecretaris():
    # limburg_2024Z18776_mondeling: "vanFinanciën, over" as printed
    header = parse_question_header(
        "Mondelinge vragen van het lid Saris (Nieuw Sociaal Contract) aan de Minister van Economische Zaken, "
        "bij "
        "afwezigheid van de Staatssecretaris vanFinanciën, over de uitspraak van de hoge raad over de "
        "arbeidskorting voor WIA gerechtigden (Hogeraad.nl, 15 november 2024) (ingezonden 19 november 2024)"
    )
    assert header.oral
    assert header.addressees == (
        Addressee(office="Minister van Economische Zaken", standing_in_for="Staatssecretaris van Financiën"),
    )
    assert header.title == (
        "de uitspraak van de hoge raad over de arbeidskorting voor WIA gerechtigden "
        "(Hogeraad.nl, 15 november 2024)"
    )
    assert header.problems == ()


def test_minister_president_also_styled_minister_of_algemene_zaken_is_one_office():
    header = parse_question_header(
        "Vragen van het lid Dijk (SP) aan de Minister-President, Minister van Algemene Zaken over iets "
        "(ingezonden 20 november 2024)."
    )
    assert header.addressees == (Addressee(office="Minister-President"),)


def test_unknown_ministry_is_kept_as_printed_and_reported():
    header = parse_question_header(
        "Vragen van het lid Dijk (SP) aan de Minister van Sport en Bewegen en de Staatssecretaris van "
        "Financiën "
        "over iets (ingezonden 20 november 2024)."
    )
    assert header.addressees == (
        Addressee(office="Minister van Sport en Bewegen"),
        Addressee(office="Staatssecretaris van Financiën"),
    )
    assert header.problems == (
        "ministry or portfolio 'Sport en Bewegen' is not in the list of known ones; kept as printed",
    )


def test_unknown_office_is_kept_as_printed_and_reported():
    header = parse_question_header(
        "Vragen van het lid Dijk (SP) aan de Minister van Financiën en de Gouverneur van Aruba over iets "
        "(ingezonden 20 november 2024)."
    )
    assert header.addressees == (
        Addressee(office="Minister van Financiën"),
        Addressee(office="Gouverneur van Aruba"),
    )
    assert header.problems == ("office not recognised, kept as printed: 'Gouverneur van Aruba'",)


def test_addressee_list_alone_can_be_read():
    addressees, problems = parse_addressees("de Minister en de Staatssecretaris van VWS")
    assert addressees == (
        Addressee(office="Minister van Volksgezondheid, Welzijn en Sport"),
        Addressee(office="Staatssecretaris van Volksgezondheid, Welzijn en Sport"),
    )
    assert problems == ()


# --- question headers: the prose of a notice, and what is missing -------------------------------


def test_notice_prose_names_members_addressees_and_subject():
    # limburg_AH615_2024Z17538_docx_mededeling: the whole notice text is handed over
    header = parse_question_header(
        "Op 6 november jl. hebben de leden Gabriëls en Bromet (beiden GroenLinks-PvdA) schriftelijke vragen "
        "gesteld aan de minister van Landbouw, Visserij, Voedselzekerheid en Natuur en de staatssecretaris "
        "van "
        "Infrastructuur en Waterstaat over de berichten dat Zeeuwse buffels te veel PFAS binnenkrijgen.\n\n"
        "Vanwege de nodige afstemming betreffende de beantwoording kunnen de vragen niet binnen de "
        "gebruikelijke termijn van drie weken worden beantwoord."
    )
    assert header == QuestionHeader(
        oral=False,
        submitters=(
            Member(name="Gabriëls", party="GroenLinks-PvdA"),
            Member(name="Bromet", party="GroenLinks-PvdA"),
        ),
        addressees=(
            Addressee(office="Minister van Landbouw, Visserij, Voedselzekerheid en Natuur"),
            Addressee(office="Staatssecretaris van Infrastructuur en Waterstaat"),
        ),
        title="de berichten dat Zeeuwse buffels te veel PFAS binnenkrijgen",
        submitted=None,
        problems=(),
    )


def test_notice_prose_with_a_full_date_gives_the_submission_date():
    header = parse_question_header(
        "Op 6 november 2024 heeft het lid Krul (CDA) vragen gesteld aan de minister van Financiën over het "
        "bericht «Nieuwe regels. Oude fouten» (2024Z17538). Ik zal de Kamer zo spoedig mogelijk antwoorden."
    )
    assert header.submitted == dt.date(2024, 11, 6)
    assert header.title == "het bericht «Nieuwe regels. Oude fouten»"


def test_header_without_submission_date_says_so():
    # limburg_2024Z18891_docx, when the "(ingezonden ...)" line is missing
    header = parse_question_header(
        "Vragen van het lid Tseggai (GroenLinks-PvdA) aan de minister van Justitie en Veiligheid over "
        "vergunningverlening aan escortbureaus"
    )
    assert header.title == "vergunningverlening aan escortbureaus"
    assert header.submitted is None
    assert header.problems == ("no date submitted '(ingezonden ...)' found",)


def test_text_after_the_submission_date_is_reported():
    header = parse_question_header(
        "Vragen van het lid Tseggai (GroenLinks-PvdA) aan de minister van Justitie en Veiligheid over iets "
        "(ingezonden 20 november 2024). Zie ook nr. 12"
    )
    assert header.problems == ("text after the date not understood, ignored: 'Zie ook nr. 12'",)


def test_text_that_is_no_question_header_gives_an_empty_header_and_a_reason():
    header = parse_question_header("Vanwege de nodige afstemming kunnen de vragen niet worden beantwoord.")
    assert header.submitters == ()
    assert header.problems == (
        "not a question header (expected 'Vragen van het lid ... aan ... over ...'): "
        "'Vanwege de nodige afstemming kunnen de vragen niet worden beantwoord.'",
    )


# --- response headers ---------------------------------------------------------------------------


def test_answer_by_a_staatssecretaris():
    # limburg_ah-tk-20242025-546, joined from two lines
    header = parse_response_header(
        "Antwoord van Staatssecretaris Coenradie (Justitie en Veiligheid) (ontvangen 14 november 2024)."
    )
    assert header == ResponseHeader(
        officials=(
            Official(name="Coenradie", office="Staatssecretaris", portfolio="Justitie en Veiligheid"),
        ),
        on_behalf_of=(),
        received=dt.date(2024, 11, 14),
        problems=(),
    )


def test_answer_by_a_minister_in_lower_case_keeps_the_name_as_printed():
    # limburg_AH604_2024Z18294_docx
    header = parse_response_header(
        "Antwoord van minister Van Weel (Justitie en Veiligheid) (ontvangen 20 november 2024)"
    )
    assert header.officials == (
        Official(name="Van Weel", office="Minister", portfolio="Justitie en Veiligheid"),
    )
    assert header.received == dt.date(2024, 11, 20)


def test_answer_mede_namens_another_minister():
    # limburg_AH608_2024Z14419_docx
    header = parse_response_header(
        "Antwoord van minister Van Hijum (Sociale Zaken en Werkgelegenheid), mede namens de minister van "
        "Justitie en Veiligheid (ontvangen 19 november 2024)"
    )
    assert header == ResponseHeader(
        officials=(
            Official(name="Van Hijum", office="Minister", portfolio="Sociale Zaken en Werkgelegenheid"),
        ),
        on_behalf_of=("Minister van Justitie en Veiligheid",),
        received=dt.date(2024, 11, 19),
        problems=(),
    )


def test_answer_mede_namens_with_a_ministry_run_together():
    # limburg_ah-tk-20242025-571_tables: "Welzijn enSport"
    header = parse_response_header(
        "Antwoord van Minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur), mede namens de "
        "Staatssecretaris van Volksgezondheid, Welzijn enSport (ontvangen 18 november 2024)."
    )
    assert header.officials == (
        Official(
            name="Wiersma", office="Minister", portfolio="Landbouw, Visserij, Voedselzekerheid en Natuur"
        ),
    )
    assert header.on_behalf_of == ("Staatssecretaris van Volksgezondheid, Welzijn en Sport",)


def test_answer_with_mede_namens_and_date_split_over_lines():
    # limburg_ah-tk-20242025-586: "mede" ends a line, "november2024" as printed
    header = parse_response_header(
        "Antwoord van Staatssecretaris Jansen (Infrastructuur en Waterstaat), mede namens de Minister van "
        "Klimaat en Groene Groei (ontvangen 18 november2024)."
    )
    assert header == ResponseHeader(
        officials=(
            Official(name="Jansen", office="Staatssecretaris", portfolio="Infrastructuur en Waterstaat"),
        ),
        on_behalf_of=("Minister van Klimaat en Groene Groei",),
        received=dt.date(2024, 11, 18),
        problems=(),
    )


def test_answer_with_an_unclosed_bracket_reads_the_portfolio_and_reports_it():
    # limburg_AH614_2024Z14815_docx
    header = parse_response_header(
        "Antwoord van staatssecretaris Karremans (Volksgezondheid, Welzijn en Sport (ontvangen 20 november "
        "2024)"
    )
    assert header == ResponseHeader(
        officials=(
            Official(
                name="Karremans", office="Staatssecretaris", portfolio="Volksgezondheid, Welzijn en Sport"
            ),
        ),
        on_behalf_of=(),
        received=dt.date(2024, 11, 20),
        problems=("bracket not closed after 'Volksgezondheid, Welzijn en Sport'",),
    )


def test_answer_by_an_official_with_a_compound_name():
    # lobby_ah-tk-20112012-1013
    header = parse_response_header(
        "Antwoord van staatssecretaris Veldhuijzen van Zanten-Hyllner (Volksgezondheid, Welzijn en Sport) "
        "(ontvangen 27 december 2011)."
    )
    assert header.officials == (
        Official(
            name="Veldhuijzen van Zanten-Hyllner",
            office="Staatssecretaris",
            portfolio="Volksgezondheid, Welzijn en Sport",
        ),
    )


def test_answer_with_a_detached_accent_in_the_name_and_a_double_space():
    # learninglion_ah-tk-20232024-909
    header = parse_response_header(
        "Antwoord van Minister Yes¸ilgöz-Zegerius (Justitie en Veiligheid) (ontvangen  31 januari 2024)."
    )
    assert header.officials == (
        Official(name="Yeşilgöz-Zegerius", office="Minister", portfolio="Justitie en Veiligheid"),
    )
    assert header.received == dt.date(2024, 1, 31)
    assert header.problems == (
        "accent detached from its letter in 'Yes¸ilgöz-Zegerius', read as 'Yeşilgöz-Zegerius'",
    )


def test_mededeling_by_a_minister():
    # lobby_ah-tk-20112012-1211_mededeling
    header = parse_response_header(
        "Mededeling van minister Schippers (Volksgezondheid, Welzijn en Sport) (ontvangen 17 januari 2012)."
    )
    assert header == ResponseHeader(
        officials=(
            Official(name="Schippers", office="Minister", portfolio="Volksgezondheid, Welzijn en Sport"),
        ),
        on_behalf_of=(),
        received=dt.date(2012, 1, 17),
        problems=(),
    )


def test_mededeling_by_a_staatssecretaris_of_a_new_ministry():
    # limburg_AH615_2024Z17538_docx_mededeling
    header = parse_response_header(
        "Mededeling van staatssecretaris Rummenie (Landbouw, Visserij, Voedselzekerheid en Natuur) "
        "(ontvangen 20 november 2024)"
    )
    assert header.officials == (
        Official(
            name="Rummenie",
            office="Staatssecretaris",
            portfolio="Landbouw, Visserij, Voedselzekerheid en Natuur",
        ),
    )


def test_answer_by_two_officials():
    header = parse_response_header(
        "Antwoord van Minister Veldkamp (Buitenlandse Zaken) en Staatssecretaris Jansen (Infrastructuur en "
        "Waterstaat), mede namens de Minister van Asiel en Migratie (ontvangen 18 november 2024)."
    )
    assert header.officials == (
        Official(name="Veldkamp", office="Minister", portfolio="Buitenlandse Zaken"),
        Official(name="Jansen", office="Staatssecretaris", portfolio="Infrastructuur en Waterstaat"),
    )
    assert header.on_behalf_of == ("Minister van Asiel en Migratie",)
    assert header.problems == ()


def test_answer_by_two_ministers_under_one_plural_title():
    header = parse_response_header(
        "Antwoord van de Ministers Veldkamp (Buitenlandse Zaken) en Faber (Asiel en Migratie) "
        "(ontvangen 18 november 2024)."
    )
    assert header.officials == (
        Official(name="Veldkamp", office="Minister", portfolio="Buitenlandse Zaken"),
        Official(name="Faber", office="Minister", portfolio="Asiel en Migratie"),
    )
    assert header.problems == ()


def test_answer_without_a_date_received_says_so():
    header = parse_response_header("Antwoord van Minister Bruins (Onderwijs, Cultuur en Wetenschap)")
    assert header.received is None
    assert header.problems == ("no date received '(ontvangen ...)' found",)


# --- robustness ---------------------------------------------------------------------------------

HEADER_WORDS = st.sampled_from(
    "Vragen van de leden het lid aan de Minister Ministers Staatssecretaris en , voor over bij afwezigheid "
    "(beiden VVD) (CDA) ( ) Financiën Volksgezondheid, Welzijn en Sport OCW (ingezonden 3 februari 2021) "
    "Antwoord Mededeling mede namens (ontvangen 14 november 2024) . Minister-President Jansen lid".split(" ")
)


@given(st.lists(HEADER_WORDS | st.text(max_size=12), max_size=40).map(" ".join))
def test_any_text_is_read_without_an_exception_and_names_come_from_the_text(text):
    question_header = parse_question_header(text)
    response_header = parse_response_header(text)
    printed = " ".join(text.split())
    problems = question_header.problems + response_header.problems
    repaired_accents = any("accent" in problem for problem in problems)
    names = [member.name for member in question_header.submitters]
    names += [official.name for official in response_header.officials]
    assert repaired_accents or all(name in printed for name in names)

"""Text repair of PDF- and .docx-extracted question text, on real passages of the seeds and corpus."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from generator.parse.text import (
    Repair,
    document_vocabulary,
    fix_encoding,
    join_lines,
    repair_paragraph,
    repair_words,
)

NO_EVIDENCE: Counter[str] = Counter()

# Real paragraphs whose PDF lines were glued without a space (limburg_2024Z18796, _ah-tk-20242025-546).
GLUED_WEATHER = (
    "en Waterstaat in het wetgevingsoverleg Water van maandag 18 november2024; «Kijk, je kunt zo’n "
    "overstroming ook niet een-op-een koppelen aanklimaatverandering. Het is een weersituatie, een "
    "weerfenomeen dat misschienvaker voor zou kunnen komen, en dan druk ik me voorzichtig uit. Om dat "
    "tekoppelen aan klimaatverandering lijkt me ook al ver gaan. En dat is geencomplottheorie, meneer "
    "Bamenga. Kijk, de wetenschap is interessant enbelangrijk, maar de wetenschap over het weer of het "
    "klimaat is ook nog niethelemaal uitgekristalliseerd. Vandaar dat we allerlei scenario’s hebben, "
    "dieenorm uit elkaar lopen want ook de wetenschap weet dit niet precies»?"
)
GLUED_ANSWER = (
    "Er is door het Ministerie van Justitie en Veiligheid voorafgaand aan hettweeminutendebat "
    "Gevangeniswezen en tbs op 23 oktober 2024 geen contactgeweest met de Telegraaf of een ander medium "
    "ten aanzien van de plannenom merkkleding in detentie te beperken. In mijn appreciatie van de motie "
    "VanDijk (PVV) omtrent uniformen in detentie heb ik aangegeven dat ik bezig benmet plannen voor het "
    "beperken van het dragen van merkkleding in detentie.Nadat ik mijn appreciatie met uw Kamer heb "
    "gedeeld is de media hier opgewezen."
)
GLUED_ANSWER_2 = (
    "Ik ga niet over de moties die politieke partijen indienen. Het is mij ook nietbekend wat voor de "
    "PVV-fractie aanleiding is geweest om de betreffendemotie op dat moment in te dienen. Ik ga wel over "
    "mijn eigen reactie opvoorstellen die uw Kamer indient. Naar aanleiding van deze motie heb ik uwKamer "
    "geïnformeerd over het gekozen pad waar ik wél mee bezig ben.Daarbij wil ik opmerken dat al eerder aan "
    "uw Kamer is gemeld dat er plannen"
)
GLUED_QUESTION = (
    "Hoe komt het dat er een motie door de PVV-fractie is ingediend over kledingbij het tweeminutendebat "
    "gevangeniswezen, waar het in het hele commissie-debat niet over is gegaan, waarna u uw «plan van "
    "aanpak» aan kon kondi-gen? Is dat puur toeval geweest?"
)


GLUED_DOCUMENT = document_vocabulary(" ".join([GLUED_ANSWER, GLUED_ANSWER_2, GLUED_QUESTION]))


def repaired(text: str, vocabulary: Counter[str] = NO_EVIDENCE) -> str:
    return repair_words(text, vocabulary)[0]


def joined(*lines: str, vocabulary: Counter[str] = NO_EVIDENCE) -> str:
    return join_lines(lines, vocabulary)[0]


# --- fix_encoding --------------------------------------------------------------------------------


def test_pdf_encoding_dash_between_years_becomes_en_dash() -> None:
    text, _ = fix_encoding("Tweede Kamer, vergaderjaar 2011Œ2012, Aanhangsel")
    assert text == "Tweede Kamer, vergaderjaar 2011–2012, Aanhangsel"


def test_pdf_encoding_trademark_letters_become_apostrophe() -> None:
    text, _ = fix_encoding(
        "therapieën voor huilbabyTMs (ingezonden 20 december 2011)\nISSN 0921 - 7398 TMs-Gravenhage 2012"
    )
    assert (
        text
        == "therapieën voor huilbaby’s (ingezonden 20 december 2011)\nISSN 0921 - 7398 ’s-Gravenhage 2012"
    )


def test_trademark_letters_that_are_an_abbreviation_stay() -> None:
    text, repairs = fix_encoding("De TM-afdeling en TMs van het bedrijf")
    assert text == "De TM-afdeling en TMs van het bedrijf"
    assert repairs == []


def test_utf8_read_as_windows_1252_is_decoded() -> None:
    text, _ = fix_encoding("ggz-cliÃ«nten zijn geÃ¯nformeerd over het cafÃ© â€™s avonds")
    assert text == "ggz-cliënten zijn geïnformeerd over het café ’s avonds"


def test_capital_accent_before_apostrophe_is_not_taken_for_mojibake() -> None:
    assert fix_encoding("het CAFÉ’s-concept")[0] == "het CAFÉ’s-concept"


def test_detached_acute_accent_joins_its_letter() -> None:
    text, repairs = fix_encoding("Vragen van het lid Kostic ´ (PvdD) aan de Minister")
    assert text == "Vragen van het lid Kostić (PvdD) aan de Minister"
    assert repairs == [
        Repair(before="Kostic ´", after="Kostić", reason="accent detached from its letter", line=1)
    ]


def test_acute_accent_used_as_apostrophe_stays() -> None:
    assert fix_encoding("de auto´s van de politie")[0] == "de auto´s van de politie"


def test_detached_cedilla_joins_its_letter() -> None:
    text, repairs = fix_encoding("Antwoord van Minister Yes¸ilgöz-Zegerius (Justitie en Veiligheid)")
    assert text == "Antwoord van Minister Yeşilgöz-Zegerius (Justitie en Veiligheid)"
    assert repairs[0].reason == "cedilla detached from its letter"


def test_name_printed_without_cedilla_keeps_its_spelling() -> None:
    assert (
        fix_encoding("Vragen van het lid Yesilgöz-Zegerius (VVD)")[0]
        == "Vragen van het lid Yesilgöz-Zegerius (VVD)"
    )


def test_cedilla_that_composes_with_no_letter_stays() -> None:
    assert fix_encoding("een q¸u in de tekst")[0] == "een q¸u in de tekst"


def test_accents_written_as_separate_marks_are_composed() -> None:
    assert fix_encoding("ggz-clie\u0308nten")[0] == "ggz-cliënten"


def test_odd_spaces_become_plain_spaces_and_invisible_characters_go() -> None:
    text, _ = fix_encoding("10\u00a0procent\tvan de zorg\u200bverzekeraars")
    assert text == "10 procent van de zorgverzekeraars"


def test_soft_hyphen_at_a_line_end_becomes_a_hyphen() -> None:
    assert (
        fix_encoding("via douanescan\u00ad\nners in haven Rotterdam")[0]
        == "via douanescan-\nners in haven Rotterdam"
    )


def test_encoding_repair_keeps_the_number_of_lines() -> None:
    raw = "Vergaderjaar 2011Œ2012\r\nrisicoTMs\u00ad\n\nKostic ´\n"
    assert fix_encoding(raw)[0].count("\n") == raw.count("\n")


# --- document_vocabulary -------------------------------------------------------------------------


def test_vocabulary_counts_words_lower_cased_and_hyphenated_words_whole() -> None:
    vocabulary = document_vocabulary("De Nutri-Score en de nutri-score: 2 keer.")
    assert {word: count for word, count in vocabulary.items() if " " not in word} == {
        "de": 2,
        "nutri-score": 2,
        "en": 1,
        "keer": 1,
    }


def test_vocabulary_counts_pairs_of_words_printed_next_to_each_other() -> None:
    vocabulary = document_vocabulary("bij jonge mannen, en jonge mannen. Jonge\nmannen")
    assert vocabulary["jonge mannen"] == 2  # not across a line break
    assert vocabulary["mannen en"] == 0  # not across punctuation


def test_vocabulary_lower_cases_a_dotted_capital_i_within_its_word() -> None:
    # "İ" lower-cases to two characters, "i" and a combining dot, which is no letter of its own.
    vocabulary = document_vocabulary("vragen aan İlhan en İstanbul")
    assert vocabulary["i\u0307lhan"] == 1
    assert vocabulary["i\u0307lhan en"] == 1
    assert vocabulary["stanbul"] == 0


def test_vocabulary_lower_cases_a_capital_sigma_by_its_own_word() -> None:
    # Σ ends a word as ς, also where a full stop and another word follow without a space.
    vocabulary = document_vocabulary("ΟΔΟΣ.ΚΑΙ")
    assert vocabulary["οδος"] == 1
    assert vocabulary["οδοσ"] == 0


# --- join_lines ----------------------------------------------------------------------------------


def test_line_end_hyphen_inside_a_word_is_removed() -> None:
    lines = [
        "Bent u bekend met het bericht «Vrees voor Chinese spionage via douanescan-",
        "ners in haven Rotterdam»?1",
    ]
    text, repairs = join_lines(lines, NO_EVIDENCE)
    assert text == (
        "Bent u bekend met het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»?1"
    )
    assert repairs == [
        Repair(before="douanescan-\nners", after="douanescanners", reason="hyphenation at a line end undone")
    ]


def test_line_end_hyphen_between_syllables_is_removed() -> None:
    assert joined("Hoe beoordeelt u de constate-", "ring van de Amerikaanse Senaat") == (
        "Hoe beoordeelt u de constatering van de Amerikaanse Senaat"
    )


def test_capitalised_word_broken_before_lower_case_is_joined() -> None:
    assert (
        joined("Zijn er nog andere Neder-", "landse instellingen")
        == "Zijn er nog andere Nederlandse instellingen"
    )


def test_hyphen_of_an_english_compound_stays() -> None:
    assert (
        joined("Worden alle scanners als «stand-", "alone» gebruikt?")
        == "Worden alle scanners als «stand-alone» gebruikt?"
    )


def test_hyphen_after_a_borrowed_word_stays() -> None:
    assert joined("om de dual use-", "verordening te herzien?") == "om de dual use-verordening te herzien?"


def test_elided_compound_keeps_hyphen_and_space() -> None:
    assert joined("Is er een risico-", "en veiligheidsanalyse vooraf gegaan") == (
        "Is er een risico- en veiligheidsanalyse vooraf gegaan"
    )


def test_hyphen_after_an_acronym_stays() -> None:
    assert (
        joined("afhankelijk te zijn van IT-", "producten of diensten")
        == "afhankelijk te zijn van IT-producten of diensten"
    )


def test_hyphen_before_a_capital_stays() -> None:
    assert joined("Antwoord van Minister Yesilgöz-", "Zegerius") == "Antwoord van Minister Yesilgöz-Zegerius"


def test_hyphen_between_clashing_vowels_stays() -> None:
    assert joined("de extra politie-", "inzet in de haven") == "de extra politie-inzet in de haven"


def test_hyphen_after_oud_stays() -> None:
    assert joined("de oud-", "minister") == "de oud-minister"


def test_hyphen_between_numbers_stays() -> None:
    assert joined("in de periode 2021-", "2022") == "in de periode 2021-2022"


def test_hyphen_printed_elsewhere_in_the_document_stays() -> None:
    assert joined("de sector wil klimaat-", "neutraal zijn") == "de sector wil klimaatneutraal zijn"
    evidence = document_vocabulary("In 2050 is de sector klimaat-neutraal.")
    assert (
        joined("de sector wil klimaat-", "neutraal zijn", vocabulary=evidence)
        == "de sector wil klimaat-neutraal zijn"
    )


def test_url_broken_inside_a_path_segment_keeps_its_hyphen_and_no_space() -> None:
    lines = [
        "1 fd.nl, 31 januari 2021, «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»,",
        "https://fd.nl/economie-politiek/1371071/zorgen-over-chinese-spionage-via-douanescanners-in-",
        "haven-rotterdam?utm_source=nieuwsbrief&utm_campaign=fd-ochtendnieuwsbrief_",
        "#126;SYSTEM.CAMPAIGNID#126;_#126;SYSTEM.MAILID#126;&utm_medium=email&utm_",
        "content=20210201&s_cid=671",
    ]
    assert joined(*lines).endswith(
        " https://fd.nl/economie-politiek/1371071/zorgen-over-chinese-spionage-via-douanescanners-in-haven-"
        "rotterdam?utm_source=nieuwsbrief&utm_campaign=fd-ochtendnieuwsbrief_#126;SYSTEM.CAMPAIGNID#126;_"
        "#126;SYSTEM.MAILID#126;&utm_medium=email&utm_content=20210201&s_cid=671"
    )


def test_url_broken_after_a_slash_is_joined_without_space() -> None:
    lines = [
        "2 aivd.nl, «spionage en ongewenste inmenging», https://www.aivd.nl/onderwerpen/",
        "jaarverslagen/jaarverslag-2018/spionage",
    ]
    assert joined(*lines) == (
        "2 aivd.nl, «spionage en ongewenste inmenging», https://www.aivd.nl/onderwerpen/jaarverslagen/jaarverslag-2018/spionage"
    )


def test_url_ending_its_sentence_is_followed_by_a_space() -> None:
    lines = [
        "1Mbo-instelling verbiedt telefoongebruik in de klas | De Algemene Onderwijsbond (www.aob.nl,",
        "d.d. 16 oktober 2024)",
    ]
    assert joined(*lines).endswith("(www.aob.nl, d.d. 16 oktober 2024)")


def test_lines_are_stripped_and_joined_with_one_space() -> None:
    assert joined(
        " Vragen van de leden Van Ojik en Diks (beiden GroenLinks) aan de ministers  ",
        "",
        "van Buitenlandse Zaken ",
    ) == ("Vragen van de leden Van Ojik en Diks (beiden GroenLinks) aan de ministers van Buitenlandse Zaken")


# --- repair_words: certain splits ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("het hanteren van een mogelijkekill switch?", "het hanteren van een mogelijke kill switch?"),
        ("de Minister vanBuitenlandse Zaken", "de Minister van Buitenlandse Zaken"),
        (
            "voor BuitenlandseHandel en Ontwikkelingssamenwerking",
            "voor Buitenlandse Handel en Ontwikkelingssamenwerking",
        ),
        ("het lid DaniëlleJansen (GL)", "het lid Daniëlle Jansen (GL)"),
        (
            "van de Minister en de Staatssecretaris overhet verdwijnen",
            "van de Minister en de Staatssecretaris over het verdwijnen",
        ),
        ("Kunt u ditprobleem uuitleggen?", "Kunt u dit probleem u uitleggen?"),
        ("contact tussen hetPVV-Kamerlid en mij", "contact tussen het PVV-Kamerlid en mij"),
        ("het gebrek aan passendeggz-zorg", "het gebrek aan passende ggz-zorg"),
        ("zich tot de financiëlesector wenden", "zich tot de financiële sector wenden"),
        ("dhr. Tjebbe vanOostenbruggen – letterlijk", "dhr. Tjebbe van Oostenbruggen – letterlijk"),
        ("van deConsumentenbond[^4] die de", "van de Consumentenbond[^4] die de"),
        ("directeur is bevoegdEBI-gedetineerden een cel", "directeur is bevoegd EBI-gedetineerden een cel"),
        ("spelen meerdereVN-organisaties nog", "spelen meerdere VN-organisaties nog"),
        ("in ruil voor eenhandeling.[^2] Dit is", "in ruil voor een handeling.[^2] Dit is"),
        ("de herinvoering vande basisbeurs", "de herinvoering van de basisbeurs"),
        # The dictionary ignores case and knows "wetgevingsoverlegemancipatie"; the capital does not.
        ("voor het wetgevingsoverlegEmancipatie op 18", "voor het wetgevingsoverleg Emancipatie op 18"),
    ],
)
def test_words_run_together_are_split(glued: str, split: str) -> None:
    assert repaired(glued) == split


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("Vanuit de NVWAis hier aandacht", "Vanuit de NVWA is hier aandacht"),
        ("mag een PPIeen nieuw paspoort afgeven", "mag een PPI een nieuw paspoort afgeven"),
        ("het rapport MINDonderzoek wachttijden ggz", "het rapport MIND onderzoek wachttijden ggz"),
        ("Animals en RTÉInvestigates waaruit blijkt", "Animals en RTÉ Investigates waaruit blijkt"),
    ],
)
def test_acronym_glued_to_the_next_word_is_split(glued: str, split: str) -> None:
    assert repaired(glued) == split


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        (
            "van de CorporateSustainability Reporting Directive",
            "van de Corporate Sustainability Reporting Directive",
        ),
        ("increasing in southeasternSpain as fossil", "increasing in southeastern Spain as fossil"),
    ],
)
def test_english_words_run_together_at_a_capital_are_split(glued: str, split: str) -> None:
    assert repaired(glued) == split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # limburg_ah-tk-20242025-570, in the last line of a glued paragraph
            "onderdeel waren van dit soortonderzoeken? Zo ja",
            "onderdeel waren van dit soort onderzoeken? Zo ja",
        ),
        ("Dit typevragen komt vaak voor.", "Dit type vragen komt vaak voor."),
        ("over dit soortgelijke onderzoek", "over dit soortgelijke onderzoek"),  # a word of its own
        ("in dit soortnaam", "in dit soortnaam"),  # a compound the web knows
        ("van dat typegoedkeuringen verleend worden", "van dat typegoedkeuringen verleend worden"),  # a conjunction
    ],
)
def test_classifier_glued_to_its_noun_after_dit_is_split(text: str, expected: str) -> None:
    assert repaired(text) == expected


def test_name_glued_to_a_preposition_is_split() -> None:
    assert repaired("de spookvloot van Irantegen? Welke, dat de Secretaris-Generaalvan de VN") == (
        "de spookvloot van Iran tegen? Welke, dat de Secretaris-Generaal van de VN"
    )


def test_word_glued_after_an_apostrophe_s_is_split() -> None:
    assert repaired("de grootste frauderisico’sliggen binnen de, samen met uwcollega’s in andere") == (
        "de grootste frauderisico’s liggen binnen de, samen met uw collega’s in andere"
    )


def test_function_word_glued_to_a_hyphenated_word_is_split() -> None:
    assert repaired("met het nieuwe detentie- enre-integratieplan.") == (
        "met het nieuwe detentie- en re-integratieplan."
    )


def test_pair_printed_apart_elsewhere_splits_the_same_words_glued() -> None:
    evidence = document_vocabulary("over stijging hiv-infecties bij jonge mannen» en bij jongemannen")
    assert repaired("hiv-besmettingen bij jongemannen (nos.nl)", evidence) == (
        "hiv-besmettingen bij jonge mannen (nos.nl)"
    )


@pytest.mark.parametrize(
    ("elsewhere", "text"),
    [
        ("eerdere vragen ter zake van het lid", "eerdere vragen terzake van de"),  # a spelling of its own
        ("de inrichting en het personeel", "het personeel in de inrichtingen."),  # a plural
        ("Het kostprijs onderzoek dat", "Het kostprijsonderzoek dat de"),  # a compound
    ],
)
def test_pair_printed_apart_elsewhere_leaves_a_word_alone(elsewhere: str, text: str) -> None:
    assert repaired(text, document_vocabulary(f"{elsewhere}. {text}")) == text


def test_compound_printed_with_a_hyphen_elsewhere_is_not_split() -> None:
    evidence = document_vocabulary("zowel winst-beogende als niet-winstbeogende partijen")
    assert repaired("niet-winstbeogende partijen", evidence) == "niet-winstbeogende partijen"


@pytest.mark.parametrize(
    "text",
    [
        "PostNL en ChristenUnie, GroenLinks-PvdA, de PVVer en PVVers, NGOs, McKinsey op LinkedIn",
        "intrekken van de Wijzing van de Zorgverzekeringswet",  # a capital starts a name, not "wij"
        "wordt ervanuit gegaan dat",  # known on the web: glue only at a line end
    ],
)
def test_names_and_words_of_their_own_are_not_split(text: str) -> None:
    assert repaired(text) == text


def test_split_is_reported_with_the_glued_word() -> None:
    _, repairs = repair_words("de motie VanDijk (PVV)", NO_EVIDENCE)
    assert repairs == [Repair(before="VanDijk", after="Van Dijk", reason="words run together")]


def test_glued_word_at_the_start_of_a_sentence_is_split() -> None:
    assert repaired("Bent u bereid? Isdat zo? Deeltu de mening? Zonee, waarom niet?") == (
        "Bent u bereid? Is dat zo? Deelt u de mening? Zo nee, waarom niet?"
    )


def test_a_word_the_document_uses_counts_as_a_half() -> None:
    assert repaired("voorafgaand aan hettweeminutendebat Gevangeniswezen", GLUED_DOCUMENT) == (
        "voorafgaand aan het tweeminutendebat Gevangeniswezen"
    )


def test_missing_space_after_punctuation_is_restored() -> None:
    assert repaired(
        "merkkleding in detentie.Nadat ik dit jaar,restitutiepolis en gevangeniswezen?Noemen"
    ) == ("merkkleding in detentie. Nadat ik dit jaar, restitutiepolis en gevangeniswezen? Noemen")


def test_repair_keeps_the_spaces_between_words_as_printed() -> None:
    # Two spaces and a thin space: where a token starts is counted, not assumed.
    assert repaired("in  detentie.Nadat  ik\u2009vanBuitenlandse Zaken") == (
        "in  detentie. Nadat  ik\u2009van Buitenlandse Zaken"
    )


def test_missing_space_before_a_quotation_or_bracket_is_restored() -> None:
    assert repaired("het bericht«Zorgpremies 2025» over ggz-patiënten(ingezonden 14 november 2024).") == (
        "het bericht «Zorgpremies 2025» over ggz-patiënten (ingezonden 14 november 2024)."
    )


# --- repair_words: numbers and punctuation -------------------------------------------------------


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("van maandag 18 november2024; «Kijk", "van maandag 18 november 2024; «Kijk"),
        ("blijkt dat in2023 ruim", "blijkt dat in 2023 ruim"),
        ("zijn arrest van21 oktober 2021", "zijn arrest van 21 oktober 2021"),
        ("over 9 tot 11jaar), woningruil", "over 9 tot 11 jaar), woningruil"),
        ("6:1 ratio, 6euro duurzaam", "6:1 ratio, 6 euro duurzaam"),
        ("willen beperken tot1,5°C? Hoe", "willen beperken tot 1,5°C? Hoe"),
        ("Bewegen blijkt dat44% van de", "Bewegen blijkt dat 44% van de"),
        ("vertegenwoordigt alle 193VN-lidstaten.", "vertegenwoordigt alle 193 VN-lidstaten."),
        ("waarvan 2.067EER-studenten en", "waarvan 2.067 EER-studenten en"),
        ("(0,3 per 25.000inwoners) en", "(0,3 per 25.000 inwoners) en"),
        ("(12x overbelading, 4xdieren die ongeschikt", "(12x overbelading, 4x dieren die ongeschikt"),
        ("maar onder andereF16s die met", "maar onder andere F16s die met"),
    ],
)
def test_number_run_together_with_a_word_is_split(glued: str, split: str) -> None:
    assert repaired(glued) == split


def test_number_split_is_reported() -> None:
    _, repairs = repair_words("sinds het jaar2000 plaatsgevonden", NO_EVIDENCE)
    assert repairs == [
        Repair(before="jaar2000", after="jaar 2000", reason="space missing between a number and a word")
    ]


def test_words_split_before_a_number_are_reported_as_words_run_together() -> None:
    # The number only shows where "de" ends; between the two words no punctuation went missing.
    _, repairs = repair_words("tijdens deCOP28 in Dubai", NO_EVIDENCE)
    assert repairs == [Repair(before="deCOP28", after="de COP28", reason="words run together")]


@pytest.mark.parametrize(
    ("glued", "split"),
    [
        ("op vraag 6,schrijft Europese", "op vraag 6, schrijft Europese"),
        ("het eerste kwartaal van 2025.Ook is er", "het eerste kwartaal van 2025. Ook is er"),
        ("drinken of voer).Ook houdt de", "drinken of voer). Ook houdt de"),
        ("uitgangspunt van de AVG.Dat betekent", "uitgangspunt van de AVG. Dat betekent"),
        ("(m.n.intrekking aanvraag)", "(m.n. intrekking aanvraag)"),
        ("Handelingen, vergaderjaar 2024–2025,nr. 318.", "Handelingen, vergaderjaar 2024–2025, nr. 318."),
        ("Water- & Zwemveiligheid(NSWZ) betreft", "Water- & Zwemveiligheid (NSWZ) betreft"),
        ("lage sociaaleconomische positie(2024) –", "lage sociaaleconomische positie (2024) –"),
        (
            "«paardenpaspoort uitgevende instantie»(ppi), zonder",
            "«paardenpaspoort uitgevende instantie» (ppi), zonder",
        ),
        ("(World Aquatics)bepaald dat", "(World Aquatics) bepaald dat"),
        ("btw-richtlijn (2006/112)vallen. Dit", "btw-richtlijn (2006/112) vallen. Dit"),
        ("Justitiële Inrichtingen (DJI)namens mij", "Justitiële Inrichtingen (DJI) namens mij"),
        ("(ernstige daden van)vervolging.", "(ernstige daden van) vervolging."),
        ("zodat belanghebbenden –waaronder overheden", "zodat belanghebbenden – waaronder overheden"),
        ("het vier-ogen-principe 100%van de dieren", "het vier-ogen-principe 100% van de dieren"),
        ("voor een paardachtige;– Uiterlijk binnen", "voor een paardachtige; – Uiterlijk binnen"),
    ],
)
def test_space_missing_next_to_punctuation_is_restored(glued: str, split: str) -> None:
    assert repaired(glued) == split


def test_space_missing_before_a_bracketed_url_is_restored_outside_the_url() -> None:
    assert repaired("Keep the 1.5 °C Goal in Reach».(https://www.iea.org/reports/net-zero-roadmap)") == (
        "Keep the 1.5 °C Goal in Reach». (https://www.iea.org/reports/net-zero-roadmap)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "zaak 2024Z18439, NIS2, COVID-19, Q4, 3D, A2, CO2, de 1e, 2e en 21e keer",
        "3.354 paarden, peildatum 30-09-2024, 1,5 miljoen, artikel 6:1, om 12.30 uur",
        "mail naar info@minbuza.nl, d.d. 16 oktober, o.a. rov. 4.2, Van Nispen c.s., zie NU.nl",
        "de (WIA-)problematiek, (on)mogelijk, de functie(s) en patiënt(en)",
        "https://www.bnr.nl/nieuws/juridisch/10561155/tankervloot-die-iran-miljarden",
    ],
)
def test_numbers_abbreviations_and_urls_keep_their_punctuation(text: str) -> None:
    assert repaired(text) == text


# --- repair_words: hyphens left inside a line ----------------------------------------------------


def test_hyphen_between_word_fragments_inside_a_line_is_removed() -> None:
    assert (
        repaired("een volledige vergoe-ding door zorgverzeke-raars")
        == "een volledige vergoeding door zorgverzekeraars"
    )


def test_hyphen_between_two_words_stays_without_evidence() -> None:
    assert repaired("in het hele commissie-debat") == "in het hele commissie-debat"


def test_hyphen_between_two_words_is_the_authors_where_no_lines_were_glued() -> None:
    evidence = document_vocabulary("na het commissie-debat en het commissiedebat")
    assert repaired("in het hele commissie-debat", evidence) == "in het hele commissie-debat"


def test_hyphen_between_words_goes_where_a_glued_line_ended() -> None:
    assert repaired(GLUED_QUESTION, GLUED_DOCUMENT) == (
        "Hoe komt het dat er een motie door de PVV-fractie is ingediend over kleding bij het "
        "tweeminutendebat gevangeniswezen, waar het in het hele commissiedebat niet over is gegaan, "
        "waarna u uw «plan van aanpak» aan kon kondigen? Is dat puur toeval geweest?"
    )


def test_hyphen_before_a_footnote_marker_is_removed() -> None:
    assert repaired("het arrestatiebevel is uitgevaar-digd.[^2] Deze, «volksgezond-heid»?[^1]") == (
        "het arrestatiebevel is uitgevaardigd.[^2] Deze, «volksgezondheid»?[^1]"
    )


def test_hyphen_between_fragments_goes_even_where_printed_twice() -> None:
    evidence = document_vocabulary("niet over hypotheti-sche situaties; niet over hypotheti-sche situaties")
    assert repaired("niet over hypotheti-sche situaties.", evidence) == "niet over hypothetische situaties."


def test_hyphen_inside_a_common_word_goes() -> None:
    assert repaired("Hoe treurig de omstandig-heden ook waren") == "Hoe treurig de omstandigheden ook waren"


def test_hyphen_that_closes_an_aside_is_a_dash() -> None:
    assert repaired(
        "Alle signalen -ook die niet worden doorgezet aan een inspecteur-worden door de inspectie"
    ) == ("Alle signalen -ook die niet worden doorgezet aan een inspecteur- worden door de inspectie")


def test_hyphen_outside_an_aside_is_no_dash() -> None:
    assert repaired("doorgezet aan een inspecteur-worden door") == "doorgezet aan een inspecteur-worden door"


def test_hyphen_line_end_left_in_one_line_text_is_removed() -> None:
    assert repaired("zonder hiervoor een arts te hebben geraad- pleegd. De inspectie") == (
        "zonder hiervoor een arts te hebben geraadpleegd. De inspectie"
    )


def test_hyphen_and_space_after_oud_close_up() -> None:
    assert repaired("nabestaanden en oud- collega’s") == "nabestaanden en oud-collega’s"


@pytest.mark.parametrize(
    "text",
    [
        "binnen een productcategorie- te kiezen voor het product",
        "Is er een risico- en veiligheidsanalyse",
        "ggz-patiënten en IT-producten",
        "de sanctie-ontwijking en het semi-openbare zwembad",
        "een catch-all beschikking en een ad-hoc vergunningplicht",
        "een-op-een koppelen",
        "Vragen van de leden Yesilgöz-Zegerius en Lodders (beiden VVD)",
    ],
)
def test_real_hyphens_stay(text: str) -> None:
    assert repaired(text) == text


# --- repair_words: what must not change ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Is er een risico- en veiligheidsanalyse vooraf gegaan",
        "ontwikkelingssamenwerkingsprojecten",
        "een Chinees staatsgecontroleerd bedrijf",
        "hij bereidde het voor",
        "Vragen van de leden Westerveld en Bushoff (beiden GroenLinks-PvdA)",
        "Ergin (DENK) aan de minister-president",
        "de leden Grinwis (ChristenUnie) en Haverkort, en McKinsey",
        "volgens de Nutri-Score",
        "https://www.aivd.nl/onderwerpen/jaarverslagen/jaarverslag-2018/spionage",
        "(www.telegraaf.nl/nieuws/1313060756/pronken-met-merkkleding-in-bajes-in-de-ban-maximumbedrag)",
        "mail naar info@minbuza.nl of kijk op NU.nl",
        "(ECLI:NL:RBMNE:2021:6269, o.a. rov. 4.2)",
        "Kamerstukken II 2021–2022, 29 279, nr. 339; circa 1.500 cliënten op 100 locaties",
        "«energy-package» en read-only",
        "de functie(s) en patiënt(en)",
    ],
)
def test_text_without_damage_is_unchanged(text: str) -> None:
    output, repairs = repair_words(text, NO_EVIDENCE)
    assert output == text
    assert repairs == []


def test_two_content_words_are_not_split_in_a_document_without_glued_lines() -> None:
    assert (
        repaired("zodat de student zich schuldigmaakt aan fraude")
        == "zodat de student zich schuldigmaakt aan fraude"
    )


def test_glued_line_splits_content_words_only_where_a_line_ended() -> None:
    output = repaired(GLUED_WEATHER, document_vocabulary(GLUED_WEATHER))
    assert "een weerfenomeen dat misschien vaker voor zou kunnen komen" in output
    assert output.startswith("en Waterstaat in het wetgevingsoverleg Water van maandag 18 november 2024;")
    assert "koppelen aan klimaatverandering. " in output
    assert "niet een-op-een koppelen" in output
    assert "Om dat te koppelen" in output
    assert "die enorm uit elkaar" in output


def test_glued_answer_is_repaired_whole() -> None:
    assert repaired(GLUED_ANSWER, GLUED_DOCUMENT) == (
        "Er is door het Ministerie van Justitie en Veiligheid voorafgaand aan het tweeminutendebat "
        "Gevangeniswezen en tbs op 23 oktober 2024 geen contact geweest met de Telegraaf of een ander medium "
        "ten aanzien van de plannen om merkkleding in detentie te beperken. In mijn appreciatie van de motie "
        "Van Dijk (PVV) omtrent uniformen in detentie heb ik aangegeven dat ik bezig ben met plannen voor "
        "het beperken van het dragen van merkkleding in detentie. Nadat ik mijn appreciatie met uw Kamer heb "
        "gedeeld is de media hier op gewezen."
    )


def test_whitespace_between_words_is_kept() -> None:
    assert repaired("Nee, zegt  stichting overhet\nmonument") == "Nee, zegt  stichting over het\nmonument"


# --- repair_words and repair_paragraph: the layout of glued lines ----------------------------------

# Real paragraphs whose PDF lines were glued without a space (_ah-tk-20242025-571, -580, -578,
# limburg_2024Z18792, _ah-tk-20242025-575); each a list of the physical lines of the source.
GLUED_HORSES = [
    (
        "Nee, dat kan ik niet bevestigen. Wanneer een paard 30 dagen of langer opeen inrichting "
        "verblijft, moet het dier geregistreerd worden in de database,met bijhorende chip, ongeacht "
        "vanuit welk land de chip komt. De toegang totde nationale databank van afzonderlijke lidstaten, "
        "is zeer divers geregeld.Sommige lidstaten hebben een vrij toegankelijk systeem waarin "
        "identificatie-gegevens van paarden kunnen worden geverifieerd. Bij andere lidstaten is ditniet "
        "het geval en moeten de gegevens handmatig opgevraagd worden bij debevoegde autoriteit van de "
        "lidstaat, dit kost echter vaak veel tijd. Mijnministerie is in gesprek met Frankrijk, Ierland "
        "en België om te onderzoekenhoe de data uitwisseling nog beter kan en over hoe dit vervolgens "
        "ook metandere lidstaten te implementeren."
    ),
]
GLUED_STUDENTS = [
    (
        "Als er geen inkomen bekend is bij de Belastingdienst dan wordt het inkomenvan de ouders "
        "opgevraagd bij de ouders. De student moet dan bewijsstukkenaanleveren om het inkomen van de "
        "ouders vast te stellen. Op basis vanbijvoorbeeld de jaaropgave en belastingaangifte benadert "
        "DUO het toetsings-inkomen van deze ouders dan zo goed mogelijk. Als er geen bewijsstukkenworden "
        "aangeleverd, wordt ervanuit gegaan dat het inkomen van de oudersvoldoende is om de student zelf "
        "te ondersteunen. Er wordt dan geenaanvullende beurs toegekend aan de student."
    ),
]
GLUED_PERMITS = [
    (
        "Op 1 september 2023 is aan 50.324 studenten een aanvullende beurstoegekend waarbij voor "
        "minimaal één ouder het inkomen niet is meegewo-gen. Hierbij betreft het 7.210 internationale "
        "studenten waarvan 2.067EER-studenten en 5.143 studenten die op basis van een specifieke "
        "verblijfver-gunning recht hebben op studiefinanciering. Studenten die in Nederland"
    ),
    ("recht hebben op studiefinanciering op basis van duurzaam verblijf[^5] tellen in"),
]
GLUED_CARE = [
    ("Er zijn in Nederland drie zorgaanbieders die zorg leveren die wordt bekostigd"),
    (
        "uit de subsidieregeling ADL-assistentie. Fokus is daarvan met ongeveer 95%van de omzet verreweg "
        "de grootste. Het gaat dan om circa 1.500 cliënten opcirca 100 locaties in Nederland.De IGJ "
        "houdt toezicht op de kwaliteit van zorg bij Fokus. Fokus wordtregelmatig bevraagd door de IGJ "
        "over specifieke cliëntsituaties, projectgebon-den omstandigheden of de sturing op kwaliteit van "
        "de organisatie in hetalgemeen.Desgevraagd moet Fokus verbeterplannen aanleveren en de voortgang "
        "vandie plannen gedurende langere tijd aan de IGJ rapporteren. Fokus doetmelding van en "
        "onderzoek naar calamiteiten en incidenten conform derichtlijnen van de IGJ.Verder heeft Fokus "
        "een eigen Kwaliteitsmanagementsysteem. Hierin isopgenomen dat jaarlijks een "
        "Kwaliteits-jaarverslag wordt opgesteld, dateveneens wordt gedeeld met de IGJ.Eén van de "
        "kwaliteitsindicatoren is de wachttijd, die aangeeft wat debeschikbaarheid is van de "
        "ADL-assistentie. Volgens cijfers van Fokus zijn in2023 1.890.586 oproepen van cliënten "
        "geregistreerd. Voor 86% (1.626.464oproepen) geldt dat de assistentie binnen 15 minuten na de "
        "oproep is gestarten 9,6% binnen 30 minuten, uiteindelijk was in 4,4% de responstijd langerdan "
        "30 minuten."
    ),
]
GLUED_BUDGET = [
    (
        "Kunt u zich herinneren dat tijdens de Algemene Financiële beschouwingendoor de toenmalige "
        "financieel woordvoerder van NSC – dhr. Tjebbe vanOostenbruggen – letterlijk gezegd is over het "
        "loslaten van de bni-indexatiekoppeling met de ontwikkelingshulpbudgetten: «En voor "
        "dehelderheid: het is ook niet aan bod gekomen in de augustusbesluitvormingen het is ook niet "
        "daarbuiten besproken met onze fractie.»[^2]"
    ),
]
GLUED_VISIT = [
    ("Deelt u de mening dat met dit bezoek de Secretaris-Generaal onnodig"),
    (
        "bijdraagt aan het aanzien van deze top van BRICS-landen en daarmeebijdraagt aan het aanzien van "
        "de oorlogsmisdadiger Vladimir Poetin? Zo nee,waarom niet?"
    ),
]


def repaired_paragraph(lines: list[str], *also: list[str]) -> str:
    """A paragraph repaired with its own words, and those of other glued paragraphs, as evidence."""
    evidence = document_vocabulary("\n".join(line for paragraph in (lines, *also) for line in paragraph))
    return repair_paragraph(lines, evidence)[0]


def test_glue_that_is_itself_a_word_is_split_where_a_glued_line_ended() -> None:
    assert "Wanneer een paard 30 dagen of langer op een inrichting verblijft" in repaired_paragraph(
        GLUED_HORSES
    )


def test_glue_that_is_itself_a_word_stays_where_no_line_ended() -> None:
    output = repaired_paragraph(GLUED_STUDENTS)
    assert "Als er geen bewijsstukken worden aangeleverd, wordt ervanuit gegaan dat" in output
    assert "het inkomen van de ouders voldoende is" in output


def test_split_point_is_taken_where_the_line_ended() -> None:
    output = repaired_paragraph(GLUED_BUDGET, GLUED_VISIT, GLUED_HORSES)
    assert "niet aan bod gekomen in de augustusbesluitvorming en het is ook niet daarbuiten" in output


def test_name_glued_to_a_word_is_split_where_a_glued_line_ended() -> None:
    output = repaired_paragraph(GLUED_CARE)
    assert "is gestart en 9,6% binnen 30 minuten" in output
    assert "(1.626.464 oproepen)" in output


def test_hyphen_inside_a_glued_line_goes_only_where_a_line_ended() -> None:
    assert "een specifieke verblijfvergunning recht hebben" in repaired_paragraph(
        GLUED_PERMITS, GLUED_STUDENTS
    )
    assert "dat jaarlijks een Kwaliteits-jaarverslag wordt opgesteld" in repaired_paragraph(GLUED_CARE)


def test_physical_lines_of_the_source_keep_the_rhythm_of_glued_lines() -> None:
    output = repaired_paragraph(GLUED_VISIT, GLUED_HORSES)
    assert "van BRICS-landen en daarmee bijdraagt aan het aanzien" in output
    assert output.endswith("Vladimir Poetin? Zo nee, waarom niet?")


def test_repair_paragraph_joins_and_repairs_like_join_lines_and_repair_words() -> None:
    lines = [
        "Bent u bekend met het bericht «Vrees voor Chinese spionage via douanescan-",
        "ners in haven Rotterdam»?1",
    ]
    text, repairs = repair_paragraph(lines, NO_EVIDENCE)
    assert (
        text
        == "Bent u bekend met het bericht «Vrees voor Chinese spionage via douanescanners in haven Rotterdam»?1"
    )
    assert repairs == join_lines(lines, NO_EVIDENCE)[1]


def test_one_very_long_token_is_repaired_quickly() -> None:
    started = time.perf_counter()
    text = "x" * 100_000 + " " + "ab-" * 40_000
    assert repaired(text, GLUED_DOCUMENT) == text
    assert time.perf_counter() - started < 2.0


# --- words run together where a lost line end left no other mark -----------------------------------

# limburg_ah-tk-20242025-562: a question printed as one glued line; its PDF line ended in "te|kort".
GLUED_WAITING_TIMES = [
    "Als u inzicht heeft in het aantal wachttijden die niet kloppen, zowel te lang, tekort als per regio, "
    "gaat u dan in overleg met de NZa hoe dit op te lossen? Zoja, kunt u hiervoor een tijdspad geven? "
    "Zo nee, waarom niet?"
]
# limburg_ah-tk-20242025-578: "ervoor" where no line ended.
GLUED_CLIENT_COUNCIL = [
    "ook laten indienen door een ouder of wettelijk vertegenwoordiger.Daarnaast is er een rol voor de "
    "cliëntenraad weggelegd. De medezeggen-schapsrechten van de cliëntenraad zijn ervoor bedoeld dat "
    "cliënten invloedkunnen uitoefenen op de zorg en dat bestuurders de zorg goed kunnenafstemmen op de "
    "wensen en behoeften van de cliënten."
]
# limburg_ah-tk-20242025-586, a line ended in "vervoer|relevant"; _580, one may have ended in "beurs|gebruik".
GLUED_TRANSPORT = [
    "Het bouwen van woningen nabij werk en voorzieningen zoals zorg enonderwijs helpt om reisafstanden kort "
    "te houden en het reizen daarmeebetaalbaar te maken. Met de middelen voor infrastructuur en "
    "woningbouwwillen we dan ook op nabijheid inzetten.Voor de strijd tegen vervoersarmoede zijn niet "
    "alleen de kosten van vervoerrelevant, maar ook de inkomens van huishoudens. Daarom zet het kabinet "
    "inop het verbeteren van de koopkracht zodat iedereen erop vooruitgaat."
]
GLUED_GRANTS = [
    "Zoals hiervoor toegelicht beschik ik op dit moment nog niet over allebenodigde gegevens om "
    "uitsplitsingen te maken over het aanvullende beursgebruik van EER-studenten. Om die reden ga ik de "
    "verschillende grondenwaarop EER-studenten een aanvullende beurs krijgen toegekend dit "
    "voorjaarinzichtelijk maken en opnemen als onderdeel van de monitor over het effectvan de herinvoering "
    "van de basisbeurs op het aantal EER-studenten dat inNederland komt studeren."
]


def test_common_word_is_read_as_two_where_a_line_ended_without_another_mark() -> None:
    output = repaired_paragraph(GLUED_WAITING_TIMES, GLUED_HORSES)
    assert "zowel te lang, te kort als per regio" in output


def test_common_word_stays_one_where_no_line_ended() -> None:
    output = repaired_paragraph(GLUED_CLIENT_COUNCIL, GLUED_HORSES)
    assert "de cliëntenraad zijn ervoor bedoeld dat cliënten invloed kunnen uitoefenen" in output


def test_compound_ending_in_an_adjective_is_split_where_a_line_ended_without_another_mark() -> None:
    output = repaired_paragraph(GLUED_TRANSPORT, GLUED_HORSES)
    assert "niet alleen de kosten van vervoer relevant, maar ook de inkomens" in output


def test_compound_of_two_nouns_stays_one_where_a_line_may_have_ended() -> None:
    output = repaired_paragraph(GLUED_GRANTS, GLUED_HORSES)
    assert "over het aanvullende beursgebruik van EER-studenten" in output


def test_two_words_run_together_split_into_the_likelier_words_though_another_split_keeps_the_rhythm() -> None:
    lines = [  # limburg_ah-tk-20242025-576
        "Projecten die bijdragen aan onze ambitie om als Nederland in 2050 klimaat-neutraal en circulair te "
        "zijn kunnen op mijn aanmoediging rekenen. Ondermeer via het Nationaal Programma Circulaire Economie "
        "(NPCE) zetten we inop groene groei in Nederland. Mocht het instrumentarium niet toereikendzijn, dan "
        "kan het kabinet bezien waar mogelijkheden liggen om dergelijkeprojecten te stimuleren. Bij deze "
        "afweging kijkt het kabinet ook naar een zohoogwaardig mogelijke inzet van secundaire grondstoffen en "
        "houdt hetkabinet rekening met het duurzaamheidskader voor biogrondstoffen.Betreffende het "
        "FUREC-project is destijds vanuit het Ministerie van Economi-sche Zaken en Klimaat een steunbrief "
        "gestuurd aan RWE voor haar succes-volle aanvraag bij het Europese innovatiefonds ten behoeve van "
        "hetFUREC-project. Ook heeft het Ministerie van KGG, zoals aangegeven in debeantwoording op eerdere "
        "Kamervragen over hetzelfde Energeia-artikel[^2],",
        "de",
        "afgelopen maanden regelmatig contact met RWE over het FUREC-project.Daarbij is met RWE over de "
        "verschillende openstaande uitzoekpuntengesproken voordat het bedrijf een definitief "
        "investeringsbesluit kan nemen.Uiteraard is daarbij ook bekeken hoe het Rijk kan bijdragen aan een "
        "positiefinvesteringsbesluit van RWE. Deze gesprekken lopen nog. Ook het kabinetziet het belang van "
        "dit mogelijke project, en is dus voornemens deze rol teblijven invullen.",
    ]
    output = repaired_paragraph(lines, GLUED_HORSES)
    assert "over de verschillende openstaande uitzoekpunten gesproken voordat" in output


def test_source_line_too_wide_as_printed_for_one_line_hides_a_line_end() -> None:
    lines = [
        "Het amendement is inderdaad in werking getreden per 1 septemberjongstleden.[^2]",
        "Formeel juridisch is met de inwerkingtreding van het amendement dewettelijke mogelijkheid "
        "gerealiseerd om te selecteren op trajectniveau voorstudiejaar 2025–2026. Ook DUO heeft de systemen "
        "gereed om de fixus tekunnen registreren en daar instructies voor verspreid onder de instellingen.",
    ]
    output = repaired_paragraph(lines, GLUED_HORSES)
    assert output.startswith("Het amendement is inderdaad in werking getreden per 1 september jongstleden.[^2]")


def test_words_the_document_prints_apart_are_split_where_they_run_together() -> None:
    title = "Dutch financial institutions decarbonising their energy portfolios. Analysing financial flows"
    question = "Bent u bekend met het rapport «Dutch financial institutions decarbonisingtheir energy portfolios"
    vocabulary = document_vocabulary(f"{title}\n{question}")
    assert "institutions decarbonising their energy" in repaired(question, vocabulary)


def test_foreign_words_run_together_stay_where_the_document_never_prints_them_apart() -> None:
    question = "Bent u bekend met het rapport «Dutch financial institutions decarbonisingtheir energy portfolios"
    assert "decarbonisingtheir" in repaired(question, document_vocabulary(question))

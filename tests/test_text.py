"""Text repair of PDF- and .docx-extracted question text, on real passages of the seeds and corpus."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.parse.text import Repair, document_vocabulary, fix_encoding, join_lines, repair_words

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
    assert repairs == [Repair(before="Kostic ´", after="Kostić", reason="accent detached from its letter", line=1)]


def test_acute_accent_used_as_apostrophe_stays() -> None:
    assert fix_encoding("de auto´s van de politie")[0] == "de auto´s van de politie"


def test_detached_cedilla_is_dropped() -> None:
    text, _ = fix_encoding("Antwoord van Minister Yes¸ilgöz-Zegerius (Justitie en Veiligheid)")
    assert text == "Antwoord van Minister Yesilgöz-Zegerius (Justitie en Veiligheid)"


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
    assert vocabulary == Counter({"de": 2, "nutri-score": 2, "en": 1, "keer": 1})


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
    ],
)
def test_words_run_together_are_split(glued: str, split: str) -> None:
    assert repaired(glued) == split


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


def test_missing_space_before_a_quotation_or_bracket_is_restored() -> None:
    assert repaired("het bericht«Zorgpremies 2025» over ggz-patiënten(ingezonden 14 november 2024).") == (
        "het bericht «Zorgpremies 2025» over ggz-patiënten (ingezonden 14 november 2024)."
    )


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
    assert output.startswith("en Waterstaat in het wetgevingsoverleg Water van maandag 18 november2024;")
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

"""What the LED derives from what a source delivers."""

import pytest

from led_gateway.domain.afleiding import afgeleid, isced_studiegebied


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("481001", ("481", "Computerwetenschappen")),
        ("312002", ("312", "Sociologie en cultuurwetenschappen")),
        ("999999", ("NBS", "Niet beschikbaar")),
        ("0", ("NBS", "Niet beschikbaar")),
        ("", ("NBS", "Niet beschikbaar")),
    ],
)
def test_the_study_field_is_the_first_three_digits_when_known(code, expected):
    assert isced_studiegebied(code) == expected


@pytest.mark.parametrize(
    ("categorie", "graad", "bewijstype", "isced", "vks"),
    [
        ("Hoger onderwijs", "Master", "Diploma", "5A", "7"),
        ("Hoger onderwijs", "Bachelor", "Diploma", "5A", "6"),
        ("Hoger onderwijs", "Doctor", "Diploma", "6", "8"),
        ("Hoger beroepsonderwijs", "Graduaat", "Diploma", "5B", "5"),
        ("Secundair onderwijs", "3de graad", "Diploma", "3A", "4"),
        ("Secundair onderwijs", "3de graad", "Getuigschrift", "NBS", "NBS"),
        ("Ondernemersopleidingen", "Niet van toepassing", "Getuigschrift", "NBS", "NBS"),
    ],
)
def test_levels_follow_category_degree_and_kind(categorie, graad, bewijstype, isced, vks):
    derived = afgeleid("481001", categorie, graad, bewijstype)
    assert (derived["isced_niveau_code"], derived["vks_onderwijs_code"]) == (isced, vks)
    assert derived["vks_beroeps_code"] == "NBS"

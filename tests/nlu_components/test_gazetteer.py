"""Telling country names from demonyms, and turning the gazetteer into ruler patterns."""

from __future__ import annotations

import pytest

from nlu_components.gazetteer import Phrase, classify_country_phrase, ruler_patterns, strip_accents

NAMES = {
    "VE": {"Venezuela"},
    "UY": {"Uruguay"},
    "AR": {"Argentina"},
    "CO": {"Colombia", "Colômbia"},
    "BR": {"Brasil", "Brazil"},
    "CL": {"Chile"},
}


@pytest.mark.parametrize(
    "phrase, code, label",
    [
        ("venezuela", "VE", "COUNTRY"),
        ("venezula", "VE", "COUNTRY"),  # typo of the name
        ("venezolana", "VE", "DEMONYM"),
        ("uruguayo", "UY", "DEMONYM"),
        ("argentino", "AR", "DEMONYM"),
        ("colombia", "CO", "COUNTRY"),
        ("colonbia", "CO", "COUNTRY"),
        ("colombiano", "CO", "DEMONYM"),
        ("colombian", "CO", "DEMONYM"),
        ("brasileira", "BR", "DEMONYM"),
        ("brazilian", "BR", "DEMONYM"),
        ("chilena", "CL", "DEMONYM"),
        ("vzla", "VE", "COUNTRY"),  # abbreviation
        ("venezuelaa", "VE", "COUNTRY"),  # doubled last letter, not a demonym ending
        ("republica bolivariana de venezuela", "VE", "COUNTRY"),
        ("venzeuela", "VE", "COUNTRY"),  # two letters swapped
    ],
)
def test_classify_country_phrase(phrase, code, label):
    assert classify_country_phrase(phrase, NAMES[code]) == label


def test_strip_accents():
    assert strip_accents("Cúcuta São Paulo Perú") == "Cucuta Sao Paulo Peru"


def test_ruler_patterns_carry_country_codes():
    patterns = ruler_patterns([Phrase("cucuta", "CITY", "CO"), Phrase("rut", "AMBIGUOUS_DOCUMENT",
                                                                    "CL|CO")])
    assert patterns == [
        {"label": "CITY", "pattern": "cucuta", "id": "CO"},
        {"label": "AMBIGUOUS_DOCUMENT", "pattern": "rut", "id": "CL|CO"},
    ]

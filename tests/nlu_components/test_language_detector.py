"""Language detection on short, messy chat messages."""

from __future__ import annotations

import pytest

from nlu_components.language_detector import LanguageDetector


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector(LanguageDetector.get_default_config())


@pytest.mark.parametrize(
    "text, lang",
    [
        ("hola como hago para sacar el PPT en colombia", "es"),
        ("q hago pa trabajar en peru", "es"),
        ("hola", "es"),
        ("posso usar o SUS sem documentos?", "pt"),
        ("vc sabe onde tirar o cpf", "pt"),
        ("oi", "pt"),
        ("obrigada", "pt"),
        ("my employer in Chile is not paying me", "en"),
        ("hi", "en"),
        ("human", "en"),
    ],
)
def test_detects(detector, text, lang):
    assert detector.detect(text) == lang


@pytest.mark.parametrize("text", ["2", "ok", "si", "PPT", "bonjour, je suis à Lima"])
def test_unsure_or_unsupported_gives_none(detector, text):
    assert detector.detect(text) is None

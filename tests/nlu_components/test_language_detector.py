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


@pytest.mark.parametrize(
    "text, lang",
    [("and in Uruguay?", "en"), ("Argentina", None), ("e no Uruguai?", "pt"),
     ("y en Argentina?", "es")],
)
def test_place_names_do_not_decide_the_language(detector, text, lang):
    from pathlib import Path

    import spacy
    from rasa.nlu.constants import SPACY_DOCS
    from rasa.shared.nlu.constants import ENTITIES, TEXT
    from rasa.shared.nlu.training_data.message import Message

    nlp = spacy.load(Path(__file__).resolve().parents[2] / ".build" / "spacy_rumbo")
    message = Message({TEXT: text})
    message.set(SPACY_DOCS[TEXT], nlp(text.lower()))
    detector.process([message])
    found = [e["value"] for e in message.get(ENTITIES, []) if e["entity"] == "language"]
    assert found == ([lang] if lang else [])


@pytest.mark.parametrize(
    "text, lang",
    [("cobran el parto en el hospital publico?", "es"),
     ("minha esposa é brasileira, consigo a permanencia?", "pt")],
)
def test_an_unsure_message_still_gets_a_guess(detector, text, lang):
    assert detector.guess(text) == lang


@pytest.mark.parametrize("text", ["2", "ok", "PPT", "bonjour, je suis à Lima"])
def test_no_guess_without_words_of_a_supported_language(detector, text):
    assert detector.guess(text) is None

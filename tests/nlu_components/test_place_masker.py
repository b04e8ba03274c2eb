"""The place masker hides cities and countries from the classifier, not documents."""

from __future__ import annotations

from pathlib import Path

import spacy
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.place_masker import PLACE_TOKEN, PlaceMasker

MODEL_DIR = Path(__file__).resolve().parents[2] / ".build" / "spacy_rumbo"


def test_masks_places_but_keeps_documents_and_other_words():
    nlp = spacy.load(MODEL_DIR)
    text = "me deben el sueldo en Barranquilla y tengo PPT"
    message = Message({TEXT: text})
    message.set(SPACY_DOCS[TEXT], nlp(text.lower()))
    tokenizer = SpacyTokenizer(SpacyTokenizer.get_default_config())
    tokenizer.process([message])
    PlaceMasker(PlaceMasker.get_default_config()).process([message])
    words = [t.text for t in message.get(TOKENS_NAMES[TEXT])]
    assert words == ["me", "deben", "el", "sueldo", "en", PLACE_TOKEN, "y", "tengo", "ppt"]
    assert message.get(TEXT) == text  # the text itself, and so the entities, are untouched

"""Hides place names from the intent classifier: "me deben el sueldo en Barranquilla" is
featurized as "me deben el sueldo en __place__".

Why: the gazetteer knows hundreds of cities and border towns, but the training data can only
mention a few, so a classifier that sees the names learns accidents ("a message with a city
name is inform_country"). With every place reduced to one token, it learns the structure
instead: "__place__" alone or "estoy en __place__" is inform_country; a question about wages
that also names a place is still ask_labour. Documents (PPT, CPF, SUS) are NOT masked: they
carry the topic.

Runs as a featurizer right after the tokenizer, on training data and on every message;
it changes the tokens' text and lemma only, never the message text or the spaCy doc.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS, TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.base import ConfiguredComponent
from nlu_components.place_finder import PlaceFinder

PLACE_TOKEN = "__place__"
MASKED_LABELS = {"COUNTRY", "CITY"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class PlaceMasker(ConfiguredComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"lookups_dir": "nlu_data/lookups", "content_dir": "content"}

    def __init__(self, config: dict[str, Any]) -> None:
        self._finder = PlaceFinder(config["lookups_dir"], config["content_dir"])

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self.mask(message)
        return messages

    def mask(self, message: Message) -> None:
        doc = message.get(SPACY_DOCS[TEXT])
        tokens = message.get(TOKENS_NAMES[TEXT])
        if doc is None or not tokens:
            return
        spans = [(m.start, m.end) for m in self._finder.mentions(doc, message.get(TEXT) or "")
                 if m.label in MASKED_LABELS]
        for token in tokens:
            if any(start <= token.start < end for start, end in spans):
                token.text = PLACE_TOKEN
                token.lemma = PLACE_TOKEN

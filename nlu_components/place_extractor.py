"""Finds the country a message is about (see place_finder.py for how places are found).

Output entities (all with `extractor: PlaceExtractor`):
- `country`: ISO 3166 alpha-2 code, at most one per message;
- `city`: the city or border town as written, when one was named;
- `document`: the document or system named (PPT, CPF, SUS, ...);
- `country_candidates`: "CL|UY" when only an ambiguous document narrows the country.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.base import ConfiguredComponent
from nlu_components.place_finder import Mention, PlaceFinder, best_country


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PlaceExtractor(ConfiguredComponent, EntityExtractorMixin):
    """Rule-based country extractor on top of the spaCy EntityRuler."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"lookups_dir": "nlu_data/lookups", "content_dir": "content"}

    def __init__(self, config: dict[str, Any]) -> None:
        self._finder = PlaceFinder(config["lookups_dir"], config["content_dir"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = self.extract(message)
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    def extract(self, message: Message) -> list[dict[str, Any]]:
        """The entities for one message (empty when no place is named)."""
        doc = message.get(SPACY_DOCS[TEXT])
        text = message.get(TEXT) or ""
        if doc is None:
            return []
        mentions = self._finder.mentions(doc, text)
        lang = next((e["value"] for e in message.get(ENTITIES, []) if e["entity"] == "language"),
                    None)
        return _decide(text, mentions, lang)


def _decide(text: str, mentions: list[Mention], lang: str | None) -> list[dict[str, Any]]:
    entities = [
        _entity("city" if m.label == "CITY" else "document", text[m.start:m.end], m)
        for m in mentions if m.label in ("CITY", "DOCUMENT", "AMBIGUOUS_DOCUMENT")
    ]
    best = best_country(text, mentions)
    if best is not None:
        entities.append(_entity("country", best.codes, best))
        return entities
    ambiguous = [m for m in mentions if m.label == "AMBIGUOUS_DOCUMENT"]
    if ambiguous:
        first = ambiguous[0]
        if lang == "pt" and "BR" in first.codes.split("|"):
            # Brazil is the only Portuguese-speaking country we cover: "posso usar o SUS?"
            entities.append(_entity("country", "BR", first))
        else:
            entities.append(_entity("country_candidates", first.codes, first))
    return entities


def _entity(name: str, value: str, mention: Mention) -> dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": mention.start,
        "end": mention.end,
        "confidence": 1.0,
        "extractor": "PlaceExtractor",
    }

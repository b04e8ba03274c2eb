"""Finds the country a message is about, using the spaCy EntityRuler built from the gazetteer.

SpacyNLP has already run our spaCy pipeline (tokenizer, lookup lemmatizer, entity ruler) on
the message; this component reads the ruler's entities from that doc, adds typo matches for
country names, and decides which single country the message points to.

Output entities (all with `extractor: PlaceExtractor`):
- `country`: ISO 3166 alpha-2 code, at most one per message;
- `city`: the city or border town as written, when one was named;
- `document`: the document or system named (PPT, CPF, SUS, ...);
- `country_candidates`: "CL|UY" when only an ambiguous document narrows the country.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.gazetteer import edit_distance, load_phrases, strip_accents

REPO_ROOT = Path(__file__).resolve().parent.parent
# How strongly each label says "this is where the person is" (higher wins).
LABEL_STRENGTH = {"CITY": 4, "COUNTRY": 4, "DOCUMENT": 2, "DEMONYM": 1}
# Words just before a place that say the person is there now; that place wins a tie.
PRESENCE_CUES = re.compile(
    r"(estoy|vivo|ahora|actualmente|llegue|estamos|vivimos|estou|moro|agora|cheguei|"
    r"moramos|i'?m|i am|live|living|now|currently|arrived|y en|e em|and in|what about)\W+"
    r"(?:\w+\W+){0,2}$"
)
WORD = re.compile(r"\w+", re.UNICODE)
MIN_FUZZY_LENGTH = 6  # shorter names (peru, chile) collide with ordinary words


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PlaceExtractor(GraphComponent, EntityExtractorMixin):
    """Rule-based country extractor on top of the spaCy EntityRuler (see module docstring)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"lookups_dir": "nlu_data/lookups", "content_dir": "content"}

    def __init__(self, config: dict[str, Any]) -> None:
        lookups = REPO_ROOT / config["lookups_dir"]
        content = REPO_ROOT / config["content_dir"]
        # Typo matching only for full country names long enough not to be ordinary words.
        self._fuzzy_names = {
            p.text: p.codes
            for p in load_phrases(lookups, content)
            if p.label == "COUNTRY" and len(p.text) >= MIN_FUZZY_LENGTH and " " not in p.text
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlaceExtractor:
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

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
        mentions = [
            (ent.label_, ent.ent_id_, ent.start_char, ent.end_char) for ent in doc.ents
            if ent.label_ in LABEL_STRENGTH or ent.label_ == "AMBIGUOUS_DOCUMENT"
        ]
        covered = [(start, end) for _, _, start, end in mentions]
        mentions += self._typo_mentions(text, covered)
        return self._decide(text, mentions)

    def _typo_mentions(self, text: str, covered: list[tuple[int, int]]) -> list[tuple]:
        found = []
        for match in WORD.finditer(text.lower()):
            word = strip_accents(match.group())
            if len(word) < MIN_FUZZY_LENGTH or any(s <= match.start() < e for s, e in covered):
                continue
            for name, codes in self._fuzzy_names.items():
                if abs(len(name) - len(word)) <= 1 and edit_distance(word, name) <= 1:
                    found.append(("COUNTRY", codes, match.start(), match.end()))
                    break
        return found

    def _decide(self, text: str, mentions: list[tuple]) -> list[dict[str, Any]]:
        entities: list[dict[str, Any]] = []
        decisive = [m for m in mentions if m[0] in LABEL_STRENGTH and "|" not in m[1]]
        for label, codes, start, end in mentions:
            if label in ("CITY", "DOCUMENT", "AMBIGUOUS_DOCUMENT"):
                kind = "city" if label == "CITY" else "document"
                entities.append(_entity(kind, text[start:end], start, end))
        if decisive:
            best = max(
                decisive,
                key=lambda m: (
                    LABEL_STRENGTH[m[0]],
                    bool(PRESENCE_CUES.search(text[: m[2]].lower())),
                    -m[2] if not PRESENCE_CUES.search(text[: m[2]].lower()) else m[2],
                ),
            )
            entities.append(_entity("country", best[1], best[2], best[3]))
            return entities
        ambiguous = [m for m in mentions if m[0] == "AMBIGUOUS_DOCUMENT"]
        if ambiguous:
            label, codes, start, end = ambiguous[0]
            entities.append(_entity("country_candidates", codes, start, end))
        return entities


def _entity(name: str, value: str, start: int, end: int) -> dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": start,
        "end": end,
        "confidence": 1.0,
        "extractor": "PlaceExtractor",
    }

"""Detects the language of each message (es, pt, en) with lingua, a detector made for short text.

The result is emitted as a `language` entity only when the detection is confident; the
actions keep the last confident language per person, so "ok" or "2" never flips it. When
unsure, lingua's best supported guess is emitted as `language_guess`: the actions use it
only while they know no language for the person yet (a first message such as "cobran el
parto en el hospital de Asuncion?" shares most words with Portuguese), which beats a fixed
default.
Very short chat messages ("oi", "hola", "vc sabe?") are where statistical detectors are
weakest, so a few unmistakable chat words decide those.
"""

from __future__ import annotations

import re
from typing import Any

from lingua import Language, LanguageDetectorBuilder
from lingua import LanguageDetector as LinguaDetector
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.base import ConfiguredComponent

# French is detected so that French text is not mistaken for Spanish; it is not answered
# in French yet, so it yields no `language` entity (the person's language is kept).
DETECTED = {
    Language.SPANISH: "es",
    Language.PORTUGUESE: "pt",
    Language.ENGLISH: "en",
    Language.FRENCH: "fr",
}
SUPPORTED = {"es", "pt", "en"}
# Words that, in our users' messages, belong to one language only.
MARKERS = {
    "es": {"hola", "holaa", "gracias", "buenas", "buenos", "porfa", "necesito", "ayuda", "quiero",
           "xq", "pq", "chamo", "pana", "y", "usted", "ustedes", "señor", "senor", "trabajo",
           "tengo", "el", "los", "las", "del", "mi", "mis", "hay", "pero", "estoy", "soy",
           "puedo", "donde", "dónde", "cuando", "muy", "ella", "nosotros"},
    "pt": {"oi", "oii", "olá", "obrigado", "obrigada", "brigado", "vc", "você", "voce", "tô", "cê",
           "bom", "boa", "tudo", "pra", "não", "nao", "ajuda", "preciso", "quero", "trabalho",
           "tenho", "moço", "moça", "tmj", "valeu", "obg", "vlw", "e", "em", "na", "minha",
           "meu", "meus", "minhas", "um", "uma", "com", "sou", "estou", "posso", "onde",
           "quando", "muito", "também", "tambem", "isso", "ele", "ela", "nós"},
    "en": {"hi", "hello", "hey", "thanks", "thank", "pls", "please", "human", "help", "yes",
           "hiii", "thx", "my", "i'm", "im", "work", "and", "what", "about", "in"},
}
# Words every language uses in chat; a message made only of them says nothing.
NEUTRAL = {"ok", "okay", "okey", "oka", "k", "si", "sí", "no", "ya", "vale", "yes", "sim", "menu",
           "whatsapp", "pix", "ppt", "cpf", "sus"}
WORD = re.compile(r"[\w']+", re.UNICODE)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(ConfiguredComponent, EntityExtractorMixin):
    """Adds a `language` entity (es, pt or en) when the message's language is clear."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_confidence": 0.5, "min_margin": 0.2}

    def __init__(self, config: dict[str, Any], detector: LinguaDetector | None = None) -> None:
        self._min_confidence = float(config["min_confidence"])
        self._min_margin = float(config["min_margin"])
        self._detector = detector or (
            LanguageDetectorBuilder.from_languages(*DETECTED)
            .with_preloaded_language_models()
            .build()
        )

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            lang, confident = self.classify(_without_places(message, text))
            if lang:
                entity = {
                    "entity": "language" if confident else "language_guess",
                    "value": lang,
                    "start": 0,
                    "end": len(text),
                    "confidence": 1.0,
                    "extractor": "LanguageDetector",
                }
                message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages

    def detect(self, text: str) -> str | None:
        """es, pt or en when clear; None for numbers, "ok", French and anything unsure."""
        lang, confident = self.classify(text)
        return lang if confident else None

    def guess(self, text: str) -> str | None:
        """The most likely supported language, however unsure; None when the message has no
        words that carry a language ("2", "ok", "PPT") or is most likely unsupported."""
        return self.classify(text)[0]

    def classify(self, text: str) -> tuple[str | None, bool]:
        """(language, confident) with one lingua pass: the language is es, pt, en or None."""
        words = [w.lower() for w in WORD.findall(text) if not w.isdigit()]
        if not words or all(w in NEUTRAL for w in words):
            return None, False
        confidences = self._detector.compute_language_confidence_values(text)
        scores = {c.language: c.value for c in confidences}
        ranked = sorted(((DETECTED[lang], value) for lang, value in scores.items()),
                        key=lambda item: item[1], reverse=True)
        best, best_value = ranked[0]
        margin = best_value - ranked[1][1]
        if best_value >= 0.9 and best in SUPPORTED:
            return best, True
        marked = _marked_languages(words)
        if len(marked) == 1:
            return marked.pop(), True
        supported = best if best in SUPPORTED else None
        confident = best_value >= self._min_confidence and margin >= self._min_margin
        return supported, supported is not None and confident


def _marked_languages(words: list[str]) -> set[str]:
    return {lang for lang, words_of in MARKERS.items() if words_of.intersection(words)}


def _without_places(message: Message, text: str) -> str:
    """The text minus the gazetteer's place and document names (spaCy EntityRuler spans):
    "and in Uruguay?" is English, and "Argentina" alone says nothing about the language."""
    doc = message.get(SPACY_DOCS[TEXT])
    if doc is None or not doc.ents:
        return text
    kept, last = [], 0
    for ent in doc.ents:
        kept.append(text[last:ent.start_char])
        last = ent.end_char
    kept.append(text[last:])
    return " ".join(part.strip() for part in kept if part.strip())

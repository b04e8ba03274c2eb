"""Turns "violence, happening now" into an emergency even when the classifier says protection.

The line between ask_protection ("my ex used to hit me, what can I do?") and emergency ("he
is hitting me now") is a matter of time, which a bag-of-words classifier weighs poorly. So,
after the classifiers (and the FallbackClassifier): any message that names violence AND says
it is happening now becomes `emergency`, whatever intent it was given. Wrongly escalating
costs a person a priority handoff; missing an emergency can cost a life, so this errs on the
side of escalating.

A third list, `urgent`, holds situations that are danger now by themselves, whatever the
tense: being locked in or not let out, sexual coercion in progress, being followed. The issue
names them as obvious emergencies, and the classifier tends to file them under protection
because they share its words (documents, owner, house).

The lists live in config.yml as regular expressions matched against the lower-cased,
accent-free text.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.base import ConfiguredComponent
from nlu_components.gazetteer import strip_accents

EMERGENCY = "emergency"


def _words(patterns: list[str]) -> re.Pattern[str] | None:
    """One regular expression matching any of `patterns` as whole words."""
    return re.compile(r"\b(" + "|".join(patterns) + r")\b") if patterns else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencyEscalation(ConfiguredComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"now": [], "violence": [], "urgent": []}

    def __init__(self, config: dict[str, Any]) -> None:
        self._now = _words(config["now"])
        self._violence = _words(config["violence"])
        self._urgent = _words(config["urgent"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != EMERGENCY and self.is_urgent(message.get(TEXT) or ""):
                escalated = {INTENT_NAME_KEY: EMERGENCY, "confidence": intent.get("confidence")}
                message.set(INTENT, escalated, add_to_output=True)
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                           if r.get(INTENT_NAME_KEY) != EMERGENCY]
                message.set(INTENT_RANKING_KEY, [escalated, *ranking], add_to_output=True)
        return messages

    def is_urgent(self, text: str) -> bool:
        """An urgent situation named, or violence named and happening now."""
        plain = strip_accents(text.lower()).strip()
        if self._urgent is not None and self._urgent.search(plain):
            return True
        if self._now is None or self._violence is None:
            return False
        return bool(self._now.search(plain) and self._violence.search(plain))

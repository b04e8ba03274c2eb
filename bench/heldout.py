"""Scoring the NLU on the test splits in `tests/nlu/`, never used in training.

- `heldout.yml`: the first held-out split. Its errors were looked at while the model was
  being improved, so it is no longer blind;
- `dev.yml`: written later, by someone who had seen neither the training data nor the
  held-out split; used to analyse errors and tune, so its figures are optimistic;
- `sealed.yml`, `sealed2.yml`: written blind at the end of a round of work and scored once
  on its final model, the fairest figures; after that they count as seen too, so each
  round of NLU work should add a new sealed split rather than tune on these.

Shared by the benchmark (which reports the figures) and the end-to-end test (which fails
when they drop below the issue's bar). Only the standard library and PyYAML are used, so
it runs in the gateway environment and talks to Rasa over HTTP (`POST /model/parse`).
"""

from __future__ import annotations

import json
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SPLITS_DIR = Path(__file__).resolve().parent.parent / "tests" / "nlu"
HELDOUT_FILE = SPLITS_DIR / "heldout.yml"
SPLITS = {name: SPLITS_DIR / f"{name}.yml" for name in ("heldout", "dev", "sealed", "sealed2")}
TOPIC_INTENTS = {"ask_regularization", "ask_labour", "ask_health", "ask_protection"}


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    intent: str
    country: str | None


@dataclass
class LanguageScore:
    """Counts for one language; the properties give the rates."""

    examples: int = 0
    intent_right: int = 0
    topic_examples: int = 0
    topic_right: int = 0
    country_examples: int = 0
    country_right: int = 0
    emergencies: int = 0
    emergencies_recognised: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def intent_accuracy(self) -> float:
        return self.intent_right / self.examples if self.examples else 0.0

    @property
    def topic_accuracy(self) -> float:
        return self.topic_right / self.topic_examples if self.topic_examples else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.country_examples if self.country_examples else 0.0


def load_examples(path: Path = HELDOUT_FILE) -> list[Example]:
    return [
        Example(str(item["text"]), item["lang"], item["intent"], item.get("country"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def rasa_parser(rasa_url: str) -> Callable[[str], dict[str, Any]]:
    """A parse function calling a running Rasa server's `/model/parse` (needs --enable-api)."""

    def parse(text: str) -> dict[str, Any]:
        request = urllib.request.Request(
            rasa_url.rstrip("/") + "/model/parse",
            data=json.dumps({"text": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    return parse


def country_of(parse_result: dict[str, Any]) -> str | None:
    return next((e["value"] for e in parse_result.get("entities", [])
                 if e.get("entity") == "country"), None)


def score(
    examples: list[Example],
    parse: Callable[[str], dict[str, Any]],
    is_emergency: Callable[[str, dict[str, Any]], bool] | None = None,
) -> dict[str, LanguageScore]:
    """Per-language scores. The country is scored on every example that names one AND on
    every topic question that names none (the assistant must then NOT invent one).
    `is_emergency(text, parse_result)` may add the gateway's safety net to the NLU."""
    scores: dict[str, LanguageScore] = defaultdict(LanguageScore)
    for example in examples:
        result = parse(example.text)
        predicted = (result.get("intent") or {}).get("name")
        country = country_of(result)
        s = scores[example.lang]
        s.examples += 1
        s.intent_right += predicted == example.intent
        if example.intent in TOPIC_INTENTS:
            s.topic_examples += 1
            s.topic_right += predicted == example.intent
        if example.country is not None or example.intent in TOPIC_INTENTS:
            s.country_examples += 1
            s.country_right += country == example.country
        if example.intent == "emergency":
            s.emergencies += 1
            recognised = predicted == "emergency" or bool(is_emergency
                                                          and is_emergency(example.text, result))
            s.emergencies_recognised += recognised
        if predicted != example.intent or (example.country is not None
                                           and country != example.country):
            s.misses.append(f"{example.text!r}: intent {predicted} (want {example.intent}), "
                            f"country {country} (want {example.country})")
    return dict(scores)

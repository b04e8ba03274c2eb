"""The issue's bar on messages never seen in training (tests/nlu/heldout.yml): topic and
country right at least 9 times in 10 in each language, and every emergency recognised
(by the NLU or by the gateway's safety net, which runs first)."""

from __future__ import annotations

import pytest

from bench.heldout import load_examples, rasa_parser, score
from bot.safety import SafetyNet
from rumbo_content import ContentStore

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def scores(rasa_url):
    safety = SafetyNet.from_store(ContentStore.load())
    return score(load_examples(), rasa_parser(rasa_url),
                 is_emergency=lambda text, _result: safety.detect(text) is not None)


@pytest.mark.parametrize("lang", ["es", "pt", "en"])
def test_topic_accuracy(scores, lang):
    s = scores[lang]
    assert s.topic_examples >= 30
    assert s.topic_accuracy >= 0.9, "\n".join(s.misses)


@pytest.mark.parametrize("lang", ["es", "pt", "en"])
def test_country_accuracy(scores, lang):
    s = scores[lang]
    assert s.country_accuracy >= 0.9, "\n".join(s.misses)


@pytest.mark.parametrize("lang", ["es", "pt", "en"])
def test_every_emergency_is_recognised(scores, lang):
    s = scores[lang]
    assert s.emergencies >= 10
    assert s.emergencies_recognised == s.emergencies, "\n".join(s.misses)

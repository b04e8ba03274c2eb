"""Accuracy on messages never seen in training (tests/nlu/heldout.yml), with the gateway's
safety net counted for emergencies (it runs before the NLU).

Issue #2 asks for topic and country right at least 9 times in 10 in each language and every
emergency recognised. The current model does NOT reach that on this split in every language
(figures in bench/README.md and `make bench`), so:
- `test_issue_bar` states the issue's bar and is marked xfail until it passes (an XPASS in
  the test report means the bar is met and the mark can go);
- the floor tests fail when the NLU gets worse than what it reaches today, so no change can
  quietly lower it while the work towards the bar goes on.
"""

from __future__ import annotations

import pytest

from bench.heldout import LanguageScore, load_examples, rasa_parser, score
from bot.safety import SafetyNet
from rumbo_content import ContentStore

pytestmark = pytest.mark.e2e
LANGUAGES = ["es", "pt", "en"]
ISSUE_BAR = 0.9
# Today's figures (2026-11-29, 60 epochs) minus a margin for run-to-run training noise.
FLOOR = {"topic": 0.78, "country": 0.84, "emergency": 0.75}


@pytest.fixture(scope="module")
def scores(rasa_url) -> dict[str, LanguageScore]:
    safety = SafetyNet.from_store(ContentStore.load())
    return score(load_examples(), rasa_parser(rasa_url),
                 is_emergency=lambda text, _result: safety.detect(text) is not None)


def emergency_recall(s: LanguageScore) -> float:
    return s.emergencies_recognised / s.emergencies


@pytest.mark.parametrize("lang", LANGUAGES)
def test_split_is_big_enough(scores, lang):
    assert scores[lang].topic_examples >= 30 and scores[lang].emergencies >= 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topic_accuracy_floor(scores, lang):
    assert scores[lang].topic_accuracy >= FLOOR["topic"], "\n".join(scores[lang].misses)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_country_accuracy_floor(scores, lang):
    assert scores[lang].country_accuracy >= FLOOR["country"], "\n".join(scores[lang].misses)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emergency_recall_floor(scores, lang):
    assert emergency_recall(scores[lang]) >= FLOOR["emergency"], "\n".join(scores[lang].misses)


@pytest.mark.xfail(reason="issue #2 bar not met yet on the held-out split", strict=False)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_issue_bar(scores, lang):
    s = scores[lang]
    assert s.topic_accuracy >= ISSUE_BAR and s.country_accuracy >= ISSUE_BAR
    assert s.emergencies_recognised == s.emergencies

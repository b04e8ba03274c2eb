"""The real content under ``content/`` passes the validator, file by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rumbo_content import layout
from rumbo_content.model import COUNTRIES, TOPICS
from rumbo_content.store import ContentStore
from rumbo_content.validate import Problem, validate

ROOT = layout.default_root()


@pytest.fixture(scope="module")
def problems_by_file() -> dict[str, list[str]]:
    """Run the validator once over the real content; group its problems by file."""
    grouped: dict[str, list[str]] = {}
    problem: Problem
    for problem in validate(ROOT):
        grouped.setdefault(problem.file, []).append(problem.message)
    return grouped


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("country", COUNTRIES)
def test_answer_is_valid(country: str, topic: str, problems_by_file) -> None:
    path = _relative(layout.answer_file(ROOT, country, topic))
    assert problems_by_file.get(path, []) == []


@pytest.mark.parametrize("country", COUNTRIES)
def test_country_and_hotlines_are_valid(country: str, problems_by_file) -> None:
    for path in (layout.country_file(ROOT, country), layout.hotlines_file(ROOT, country)):
        assert problems_by_file.get(_relative(path), []) == []


def test_ui_and_signals_are_valid(problems_by_file) -> None:
    shared = {f: m for f, m in problems_by_file.items() if not f.startswith("countries")}
    assert shared == {}


@pytest.fixture(scope="module")
def store() -> ContentStore:
    return ContentStore.load(ROOT)


@pytest.mark.parametrize("country", COUNTRIES)
def test_real_content_loads_into_the_store(country: str, store: ContentStore) -> None:
    assert store.emergency_hotline(country) is not None
    assert store.country_name(country, "en")
    for topic in TOPICS:
        answer = store.answer(country, topic)
        assert answer is not None, topic
        assert answer.short("pt") and answer.detail("en")

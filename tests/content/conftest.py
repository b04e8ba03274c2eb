"""Fixtures: a valid content tree in tmp_path and a helper to edit one answer in it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rumbo_content.model import COUNTRIES, TOPICS
from tests.content.content_tree import answer_doc, hotlines_doc, write_yaml


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    """A complete content tree that passes the validator."""
    root = tmp_path / "content"
    for country in COUNTRIES:
        base = root / "countries" / country.lower()
        names = {"es": f"País {country}", "pt": f"País {country} (pt)", "en": f"Country {country}"}
        write_yaml(base / "country.yml", {"country": country, "names": names})
        write_yaml(base / "hotlines.yml", hotlines_doc(country))
        for topic in TOPICS:
            write_yaml(base / f"{topic}.yml", answer_doc(country, topic))
    write_yaml(
        root / "ui" / "es.yml",
        {"greeting": "Hola {name}", "menu": {"topic": "Elige un tema", "country": "¿País?"}},
    )
    write_yaml(
        root / "ui" / "pt.yml",
        {"greeting": "Olá {name}", "menu": {"topic": "Escolha um tema", "country": "País?"}},
    )
    write_yaml(root / "emergency" / "signals.yml", {"es": ["me quiero matar"], "en": ["help me"]})
    return root


@pytest.fixture
def edit_answer(content_root: Path) -> Callable[[str, str, Callable[[dict], None]], Path]:
    """Apply ``change`` to the parsed answer file of (country, topic) and write it back."""

    def edit(country: str, topic: str, change: Callable[[dict], None]) -> Path:
        path = content_root / "countries" / country.lower() / f"{topic}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        write_yaml(path, data)
        return path

    return edit

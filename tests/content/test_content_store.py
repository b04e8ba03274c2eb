"""ContentStore: lookups, language fallback, UI keys and formatting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rumbo_content.layout import CONTENT_DIR_ENV
from rumbo_content.model import ContentError
from rumbo_content.store import ContentStore
from tests.content.content_tree import write_yaml


def test_answer_lookup_accepts_any_case(content_root: Path) -> None:
    store = ContentStore.load(content_root)
    answer = store.answer("co", "health")
    assert answer is store.answer("CO", "health")
    assert answer.id == "co.health"
    assert answer.last_checked == date(2026, 1, 15)
    assert answer.office.url == "https://www.example.org/oficina"
    assert answer.sources[0].kind == "official"
    assert store.answer("CO", "weather") is None


def test_missing_language_falls_back_to_spanish(content_root: Path, edit_answer) -> None:
    edit_answer("AR", "labour", lambda d: d["answers"].pop("pt"))
    answer = ContentStore.load(content_root).answer("AR", "labour")
    assert answer.short("pt") == answer.short("es") == "[es] Go to example.org/oficina."
    assert answer.detail("pt") == "[es] Detalle de labour."
    assert answer.short("en").startswith("[en]")


def test_hotlines_and_emergency_number(content_root: Path) -> None:
    store = ContentStore.load(content_root)
    assert [h.id for h in store.hotlines("br")] == ["emergency_911", "women_144"]
    assert store.emergency_hotline("BR").number == "911"
    assert store.hotline("BR", "women_144").label_for("en") == "Gender violence"
    assert store.hotline("BR", "missing") is None
    assert store.hotlines("XX") == []
    assert store.emergency_hotline("XX") is None


def test_hotline_label_falls_back_to_spanish(content_root: Path) -> None:
    hotline = ContentStore.load(content_root).hotline("CL", "women_144")
    assert hotline.label_for("fr") == "Violencia de género"


def test_country_names(content_root: Path) -> None:
    store = ContentStore.load(content_root)
    assert store.country_name("pe", "en") == "Country PE"
    assert store.country_name("PE", "pt") == "País PE (pt)"
    assert store.country_name("PE", "fr") == "País PE"
    with pytest.raises(KeyError, match="XX"):
        store.country_name("XX", "es")


def test_ui_dotted_keys_and_formatting(content_root: Path) -> None:
    store = ContentStore.load(content_root)
    assert store.ui("pt", "menu.topic") == "Escolha um tema"
    assert store.ui("es", "greeting", name="Ana") == "Hola Ana"
    assert store.ui("pt", "greeting", name="Ana") == "Olá Ana"


def test_ui_flat_dotted_key(content_root: Path) -> None:
    write_yaml(content_root / "ui" / "es.yml", {"menu.topic": "Elige", "greeting": "Hola"})
    assert ContentStore.load(content_root).ui("es", "menu.topic") == "Elige"


def test_ui_falls_back_to_spanish_then_raises(content_root: Path) -> None:
    store = ContentStore.load(content_root)
    # There is no ui/en.yml in the fixture.
    assert store.ui("en", "menu.country") == "¿País?"
    with pytest.raises(KeyError, match="menu.nothing"):
        store.ui("en", "menu.nothing")


def test_ui_missing_field_names_it(content_root: Path) -> None:
    with pytest.raises(KeyError, match="name"):
        ContentStore.load(content_root).ui("es", "greeting")


def test_emergency_signals(content_root: Path) -> None:
    signals = ContentStore.load(content_root).emergency_signals()
    assert signals == {"es": ["me quiero matar"], "en": ["help me"]}


def test_missing_ui_and_emergency_folders_are_empty(tmp_path: Path) -> None:
    store = ContentStore.load(tmp_path)
    assert store.emergency_signals() == {}
    assert store.answer("AR", "health") is None
    with pytest.raises(KeyError):
        store.ui("es", "greeting")


def test_malformed_file_raises_naming_it(content_root: Path) -> None:
    path = content_root / "countries" / "ar" / "health.yml"
    path.write_text("id: ar.health\nanswers: [oops\n", encoding="utf-8")
    with pytest.raises(ContentError, match="ar/health.yml"):
        ContentStore.load(content_root)


def test_root_from_environment(content_root: Path, monkeypatch) -> None:
    monkeypatch.setenv(CONTENT_DIR_ENV, str(content_root))
    assert ContentStore.load().answer("UY", "labour").id == "uy.labour"

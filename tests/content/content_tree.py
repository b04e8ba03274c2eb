"""Builders of a small, valid content tree; tests break one thing in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

LAST_CHECKED = "2026-01-15"


def hotlines_doc(country: str) -> dict[str, Any]:
    return {
        "country": country,
        "last_checked": LAST_CHECKED,
        "emergency": "emergency_911",
        "hotlines": [
            {
                "id": "emergency_911",
                "number": "911",
                "whatsapp": False,
                "label": {"es": "Emergencias", "pt": "Emergências", "en": "Emergencies"},
                "source": "https://www.example.org/emergencias",
            },
            {
                "id": "women_144",
                "number": "144",
                "whatsapp": False,
                "label": {"es": "Violencia de género", "pt": "Violência", "en": "Gender violence"},
                "source": "https://www.example.org/144",
            },
        ],
    }


def answer_doc(country: str, topic: str) -> dict[str, Any]:
    protection = topic == "protection"
    office = "Call 911 or 144." if protection else "Go to example.org/oficina."
    return {
        "id": f"{country.lower()}.{topic}",
        "country": country,
        "topic": topic,
        "last_checked": LAST_CHECKED,
        "sources": [{"title": "Example", "url": "https://www.example.org/doc", "kind": "official"}],
        "office": {"name": "Oficina", "url": "https://www.example.org/oficina"},
        "hotlines": ["emergency_911", "women_144"] if protection else [],
        "uncertain": [],
        "answers": {
            lang: {"short": f"[{lang}] {office}", "detail": f"[{lang}] Detalle de {topic}."}
            for lang in ("es", "pt", "en")
        },
    }


def write_yaml(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")

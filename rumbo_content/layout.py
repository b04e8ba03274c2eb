"""Where each file lives under the content root, and how it is read.

The layout is documented in ``content/README.md``; this module is its only encoding.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from rumbo_content.model import ContentError

CONTENT_DIR_ENV = "RUMBO_CONTENT_DIR"
# libyaml's loader is several times faster; it behaves like SafeLoader (no arbitrary objects).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The package sits next to content/ at the repository root.
_REPO_CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


def default_root() -> Path:
    """``$RUMBO_CONTENT_DIR`` when set, otherwise ``<repo>/content``."""
    configured = os.environ.get(CONTENT_DIR_ENV)
    return Path(configured) if configured else _REPO_CONTENT_DIR


def country_dir(root: Path, country: str) -> Path:
    return root / "countries" / country.lower()


def country_file(root: Path, country: str) -> Path:
    return country_dir(root, country) / "country.yml"


def hotlines_file(root: Path, country: str) -> Path:
    return country_dir(root, country) / "hotlines.yml"


def answer_file(root: Path, country: str, topic: str) -> Path:
    return country_dir(root, country) / f"{topic}.yml"


def ui_file(root: Path, lang: str) -> Path:
    return root / "ui" / f"{lang}.yml"


def signals_file(root: Path) -> Path:
    return root / "emergency" / "signals.yml"


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; raise ``ContentError`` naming the file when it is not valid YAML.

    An empty file reads as ``None``. A missing file raises ``FileNotFoundError``.
    """
    with path.open(encoding="utf-8") as handle:
        try:
            return yaml.load(handle, Loader=_LOADER)
        except yaml.YAMLError as exc:
            raise ContentError(f"{path}: not valid YAML: {exc}") from exc

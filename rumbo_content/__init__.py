"""Load and validate Rumbo's content (``content/``): country answers, hotlines, UI text.

Pure Python with PyYAML as the only dependency, so both the Rasa action server and the
gateway can import it. ``ContentStore`` reads the files; ``validate`` checks them.
"""

from rumbo_content.model import (
    COUNTRIES,
    LANGUAGES,
    TOPICS,
    Answer,
    ContentError,
    Hotline,
    Office,
    Source,
)
from rumbo_content.store import ContentStore

__all__ = [
    "COUNTRIES",
    "LANGUAGES",
    "TOPICS",
    "Answer",
    "ContentError",
    "ContentStore",
    "Hotline",
    "Office",
    "Source",
]

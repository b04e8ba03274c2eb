"""The content store shared by all actions, loaded once per action-server process."""

from __future__ import annotations

from functools import lru_cache

from rumbo_content.store import ContentStore


@lru_cache(maxsize=1)
def content_store() -> ContentStore:
    """Read `content/` (or RUMBO_CONTENT_DIR) once; restart the action server after edits."""
    return ContentStore.load()

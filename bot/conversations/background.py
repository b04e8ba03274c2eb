"""A background loop started and stopped by the app's lifespan (the inbox and outbox workers)."""

from __future__ import annotations

import asyncio
import contextlib


class BackgroundLoop:
    """Subclasses implement `_run` (the loop); `start`/`stop` manage its asyncio task."""

    task_name = "rumbo-background"

    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the loop in the running event loop (idempotent)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name=self.task_name)

    async def stop(self) -> None:
        """Cancel the loop and wait for it to end."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        raise NotImplementedError

"""The retry policy shared by the provider senders: back off on 429, 5xx and network errors.

Contract: `provider_retrying(is_transient, wait)` returns a tenacity `AsyncRetrying` that
re-runs a call while it raises an exception `is_transient` accepts, at most
`SEND_ATTEMPTS` times, then re-raises the last exception (never tenacity's RetryError).
The wait is a parameter so tests can pass `wait_none()` instead of sleeping.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from tenacity import (
    AsyncRetrying,
    before_sleep_log,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)
from tenacity.wait import wait_base

logger = logging.getLogger(__name__)

SEND_ATTEMPTS = 4
# 0.5 s, 1 s, 2 s (+ jitter): enough for a rate-limit window without holding the outbox long.
DEFAULT_WAIT: wait_base = wait_exponential_jitter(multiplier=0.5, max=8, jitter=0.5)


def provider_retrying(
    is_transient: Callable[[BaseException], bool], wait: wait_base = DEFAULT_WAIT
) -> AsyncRetrying:
    """A retry loop for one provider API call; see the module contract."""
    return AsyncRetrying(
        retry=retry_if_exception(is_transient),
        stop=stop_after_attempt(SEND_ATTEMPTS),
        wait=wait,
        reraise=True,
        before_sleep=before_sleep_log(logger, logging.WARNING),
    )

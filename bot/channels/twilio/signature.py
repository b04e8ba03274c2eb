"""Twilio webhook signature check (`X-Twilio-Signature`) against the public URL.

Twilio signs the URL *it* called. Behind a proxy or tunnel the gateway sees another scheme,
host or port, so the URL is rebuilt from `settings.public_base_url` plus the request path
and query string, never from the Host header (twilio-python #392, #751).

Contract: `is_valid_twilio_request(...)` is True only for a request signed with the auth
token; a missing signature is simply invalid.
"""

from __future__ import annotations

from collections.abc import Mapping

from twilio.request_validator import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)


def public_url(public_base_url: str, path: str, query: str = "") -> str:
    """The URL Twilio requested: configured public base + path (+ "?query")."""
    url = public_base_url.rstrip("/") + path
    return f"{url}?{query}" if query else url


def is_valid_twilio_request(
    validator: RequestValidator,
    url: str,
    params: Mapping[str, str],
    headers: Mapping[str, str],
) -> bool:
    """Check the request's signature over `url` and the POST `params`."""
    signature = headers.get(SIGNATURE_HEADER)
    if not signature:
        return False
    algorithm = get_signature_algorithm(headers.get(SIGNATURE_SETTINGS_HEADER))
    return validator.validate(url, params, signature, algorithm)
